/// Which pictures an article shows, where they come from, and which elements are page furniture.
enum HTMLImages {
    /// Attributes lazy loaders keep the real address in; `src` then holds a placeholder, so these win.
    private static let lazySources: [StaticString] = ["data-src", "data-lazy-src", "data-original"]
    private static let sourceSets: [StaticString] = ["data-srcset", "data-lazy-srcset", "srcset"]

    /// The web address of an `<img>`: a lazy-load attribute, else `src`, else the largest `srcset`
    /// candidate; `data:` and `javascript:` addresses never count.
    static func source(of attributes: HTMLAttributes, base: String?) -> String? {
        for name in lazySources + ["src"] {
            if let url = webURL(attributes, name, base: base) { return url }
        }
        return sourceSet(of: attributes, base: base)
    }

    /// The largest candidate of a `srcset` (as on `<source>` in `<picture>`), lazily loaded ones first.
    static func sourceSet(of attributes: HTMLAttributes, base: String?) -> String? {
        for name in sourceSets {
            guard let set = attributes.value(name), let best = largestCandidate(inSourceSet: set) else { continue }
            if let url = WebAddress.absoluteWebURL(TextCleaning.line(best), base: base) { return url }
        }
        return nil
    }

    private static func webURL(_ attributes: HTMLAttributes, _ name: StaticString, base: String?) -> String? {
        // A data: URI can be megabytes long; reject it before making a String of it.
        guard !attributes.value(name, hasPrefix: "data:"), let raw = attributes.value(name) else { return nil }
        return WebAddress.absoluteWebURL(TextCleaning.line(raw), base: base)
    }

    /// The address in a `srcset` with the largest width (`800w`) or, without widths, density (`2x`).
    static func largestCandidate(inSourceSet set: String) -> String? {
        var best: (url: Substring, size: Double)?
        var rest = Substring(set)
        while true {
            rest = rest.drop(while: { $0.isWhitespace || $0 == "," })
            guard !rest.isEmpty else { break }
            var url = rest.prefix(while: { !$0.isWhitespace })
            rest = rest.dropFirst(url.count)
            var descriptor: Substring = ""
            if url.last == "," {
                while url.last == "," { url = url.dropLast() }  // `a.jpg,b.jpg`: no descriptor
            } else {
                descriptor = rest.prefix(while: { $0 != "," })
                rest = rest.dropFirst(descriptor.count)
            }
            let size = candidateSize(descriptor.split(whereSeparator: \.isWhitespace).first ?? "")
            if !url.isEmpty, best == nil || size > best!.size { best = (url, size) }
        }
        return best.map { String($0.url) }
    }

    /// `800w` counts as 800, `2x` as 2 (widths and densities are never mixed in one valid set); none is 1x.
    private static func candidateSize(_ descriptor: Substring) -> Double {
        guard let unit = descriptor.last, let value = Double(descriptor.dropLast()) else { return 1 }
        return unit == "w" || unit == "x" ? value : 1
    }

    /// Whether an image is a tracking pixel: 0 or 1 pixel wide or high, hidden, or from a known counter.
    static func isTrackingPixel(_ attributes: HTMLAttributes, url: String?) -> Bool {
        for name: StaticString in ["width", "height"] {
            guard let raw = attributes.value(name) else { continue }
            let digits = raw.drop(while: \.isWhitespace).prefix(while: \.isNumber)
            if let value = Int(digits), value <= 1 { return true }
        }
        if attributes.has("hidden") { return true }
        if let style = attributes.value("style")?.lowercased().filter({ !$0.isWhitespace }),
           style.contains("display:none") || style.contains("visibility:hidden") {
            return true
        }
        guard let domain = url.flatMap(WebAddress.domain) else { return false }
        return trackerDomains.contains(domain)
    }

    /// Hosts that serve only counters and feed "flare" buttons, never article pictures.
    private static let trackerDomains: Set<String> = [
        "feeds.feedburner.com", "pixel.wp.com", "stats.wp.com", "google-analytics.com", "pixel.quantserve.com",
        "sb.scorecardresearch.com", "b.scorecardresearch.com", "ad.doubleclick.net",
    ]

    /// Whether the element is a share or social-media widget (its class or id mentions sharing).
    static func isWidget(_ attributes: HTMLAttributes) -> Bool {
        attributes.value("class", containsAnyOf: widgetWords) || attributes.value("id", containsAnyOf: widgetWords)
    }

    private static let widgetWords: [StaticString] = ["share", "sharing", "social", "addtoany", "a2a_kit", "feedflare"]
}
