import Foundation
import NewsModels

/// Converts an article's HTML (a feed's `content_html` or `content:encoded`, or a saved page) into body
/// blocks, reading it with libxml2's HTML parser.
///
/// Paragraphs (links kept as text, their web targets recorded as citations; `javascript:` and `data:`
/// links dropped, relative ones made absolute), headings h1–h6, lists (nested ones flattened into their
/// parent; definition lists as `term: definition` items), block quotes (attribution from `<cite>`/`<footer>`
/// or a last line starting with a dash), X and Bluesky post embed code (as `.embed`), figures and images
/// (alt text, caption; lazy-load `data-src`, `srcset` and `<picture>` sources) become blocks. Table rows
/// become paragraphs with their cells set off by ` | `; `<pre>` keeps its line breaks; one `<br>` is a line
/// break and two start a new paragraph. References are decoded and whitespace collapsed. Scripts, styles,
/// iframes, forms, buttons, SVG, comments and share/social widgets are dropped with their content, as are
/// tracking pixels. Malformed HTML never fails: libxml2 recovers and whatever text it finds is kept. A
/// document stops being read after about 4 MiB of text, where its markup nests deeper than 512 elements,
/// or at an element with more than `MarkupLimits.maxAttributes` (256) attributes.
public enum HTMLBlocks {
    /// The blocks of `html`; `baseURL` (the article's URL) makes relative link and image URLs absolute.
    public static func blocks(fromHTML html: String, baseURL: String? = nil) -> [Block] {
        let builder = HTMLBlockBuilder(baseURL: baseURL)
        parse(html, into: builder)
        return builder.finish()
    }

    /// The blocks of an HTML document given as bytes (a whole saved page): the encoding comes from a
    /// byte-order mark or the page's `<meta charset>`, which libxml2 reads; an undeclared page is UTF-8
    /// unless its bytes are mostly not, then Windows-1252. Invalid UTF-8 sequences become U+FFFD. The
    /// page's `<head>` is skipped, but its `<base href>` applies to relative URLs.
    public static func blocks(fromHTMLData data: Data, baseURL: String? = nil) -> [Block] {
        let builder = HTMLBlockBuilder(baseURL: baseURL)
        read(data, into: builder)
        return builder.finish()
    }

    /// What a saved page's `<head>` says about the article (title, description, canonical URL, author,
    /// publication time, site name); only the head is read. `baseURL` resolves a relative canonical URL.
    public static func pageMetadata(fromHTMLData data: Data, baseURL: String? = nil) -> HTMLPageMetadata {
        let reader = HTMLHeadReader()
        read(data, into: reader)
        return reader.metadata(baseURL: baseURL)
    }

    /// Decodes a page to UTF-8 text before libxml2 reads it, so the markup limits and libxml2 read the
    /// same characters: UTF-16/32 by byte-order mark or first character, else the declared encoding
    /// (up to the first bytes it cannot convert), else UTF-8 or Windows-1252.
    private static func read(_ data: Data, into receiver: any HTMLEventReceiver) {
        let detected: XMLDecoding.Decoded?
        do { detected = try XMLDecoding.detected(data) } catch {
            // EBCDIC or UCS-4 in an unusual byte order: never handed to libxml2 to guess at.
            return data.withUnsafeBytes { parse(HTMLCharset.decodeWindows1252($0), into: receiver) }
        }
        if let detected { return parse(String(decoding: detected.data, as: UTF8.self), into: receiver) }
        data.withUnsafeBytes { bytes in
            switch HTMLCharset.decide(bytes) {
            case .utf8:
                parse(String(decoding: bytes, as: UTF8.self), into: receiver)
            case .windows1252:
                parse(HTMLCharset.decodeWindows1252(bytes), into: receiver)
            case let .named(name):
                if let converted = CharacterTranscoding.utf8(bytes, from: name) {
                    parse(String(decoding: converted.utf8, as: UTF8.self), into: receiver)
                } else {
                    parse(HTMLCharset.decodeWindows1252(bytes), into: receiver)
                }
            }
        }
    }

    /// Parses decoded text. libxml2 silently drops C0 controls, which would leave the tails of escape
    /// sequences (`[2J`) as text, so a document with any is cleaned whole first.
    private static func parse(_ html: String, into receiver: any HTMLEventReceiver) {
        var html = html
        if html.withUTF8(HTMLText.hasControlCharacters) { html = TextCleaning.stripControls(html) }
        html.withUTF8 { parse(UnsafeRawBufferPointer($0), encoding: "UTF-8", into: receiver) }
    }

    /// Parses UTF-8 (a `<meta charset>` inside cannot change it), after the byte repairs.
    private static func parse(_ bytes: UnsafeRawBufferPointer, encoding: String, into receiver: any HTMLEventReceiver) {
        if let repaired = HTMLSourceRepair.repaired(bytes) {
            repaired.withUnsafeBytes { _ = HTMLSAXParser.parse($0, encoding: encoding, ignoreDeclaredEncoding: true, into: receiver) }
        } else {
            HTMLSAXParser.parse(bytes, encoding: encoding, ignoreDeclaredEncoding: true, into: receiver)
        }
    }
}
