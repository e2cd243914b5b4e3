/// Cuts a dump into the main article and the content that follows a boundary, dropping boilerplate
/// and headline lists on the way.
///
/// Boundaries are comment footers (`Leave a comment`, `You must Register or Login to post a comment.`),
/// after which the page shows other things, and a second slash header (`Headline/ Outlet/ CITY/ …`),
/// which starts another story. Part 0 is the main article; it may be empty.
enum DumpParts {
    static func split(_ lines: [DumpLine]) -> [[DumpLine]] {
        var parts: [[DumpLine]] = [[]]
        var i = 0
        while i < lines.count {
            let line = lines[i]
            switch DumpBoilerplate.kind(of: line.text) {
            case .footer:
                parts.append([])
                i += 1
            case .listMarker:
                i = endOfHeadlineList(lines, from: i + 1)
            case .dropped:
                i += 1
            case .text:
                if !parts[parts.count - 1].isEmpty, SlashHeader(line.text) != nil { parts.append([]) }
                parts[parts.count - 1].append(line)
                i += 1
            }
        }
        return parts
    }

    /// The index after a list of other headlines that starts at `start` (just after its marker).
    /// Headlines separated by lone `-` lines run until a line that is neither a separator, a headline
    /// after a separator, nor another marker; unseparated headlines run until a sentence, an image or
    /// a blank line.
    private static func endOfHeadlineList(_ lines: [DumpLine], from start: Int) -> Int {
        var i = start
        if i < lines.count, DumpBoilerplate.isSeparator(lines[i].text) {
            while i < lines.count {
                let text = lines[i].text
                if DumpBoilerplate.isSeparator(text) {
                    i += 1
                    if i < lines.count, !DumpBoilerplate.isSeparator(lines[i].text), DumpBoilerplate.isListedHeadline(lines[i].text) { i += 1 }
                } else if DumpBoilerplate.isListMarker(text) {
                    i += 1
                } else {
                    break
                }
            }
            return i
        }
        while i < lines.count {
            let text = lines[i].text
            guard DumpBoilerplate.isListMarker(text) || DumpBoilerplate.isListedHeadline(text) || DumpBoilerplate.isSeparator(text)
            else { break }
            if i > start, lines[i].blankLinesBefore > 0, !DumpBoilerplate.isListMarker(text) { break }
            i += 1
        }
        return i
    }
}
