import Foundation
import Hummingbird
import NewsModels

/// Request parsing shared by the app APIs: form and query fields with repeated keys, bounded bodies.
enum AppRequests {
    /// The largest body an app API request may send (forms of item ids, JSON id lists).
    static let maxBodyBytes = 256 << 10
    /// The most items one request may name or mark.
    static let maxItemsPerRequest = 1000

    /// `key=value` pairs of a query string or form body, in order, decoded (`+` is a space).
    static func fields(_ text: Substring) -> [(key: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).prefix(10_000).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The request body, at most `maxBodyBytes`; nil when it is larger.
    static func body(_ request: Request) async throws -> Data? {
        do {
            return Data(buffer: try await request.body.collect(upTo: maxBodyBytes))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return nil
        }
    }

    /// The path's segments with repeated slashes counted as one (clients that join a base URL ending
    /// in `/` with a path starting with `/` send `//`).
    static func segments(_ request: Request) -> [Substring] {
        request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// The rest of the path after the first `count` segments, percent-decoded and joined with `/`.
    static func rest(_ request: Request, after count: Int) -> String? {
        let segments = segments(request)
        guard segments.count > count else { return nil }
        let joined = segments.dropFirst(count).joined(separator: "/")
        return joined.removingPercentEncoding
    }
}

/// Articles as the HTML both APIs carry in item bodies: every text escaped, links only http(s).
enum AppHTML {
    /// The article's blocks as HTML.
    static func render(_ article: Article) -> String {
        var html = ""
        if let dek = article.dek { html += "<p><em>\(escape(dek))</em></p>" }
        for block in article.blocks {
            switch block {
            case let .paragraph(text, _): html += "<p>\(escape(text))</p>"
            case let .heading(level, text):
                let tag = "h\(min(6, max(2, level)))"
                html += "<\(tag)>\(escape(text))</\(tag)>"
            case let .list(ordered, items):
                let tag = ordered ? "ol" : "ul"
                html += "<\(tag)>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</\(tag)>"
            case let .quote(text, attribution):
                html += "<blockquote><p>\(escape(text))</p>" + (attribution.map { "<footer>\(escape($0))</footer>" } ?? "") + "</blockquote>"
            case let .image(image):
                if let url = image.url.flatMap(webAddress) {
                    html += "<figure><img src=\"\(escape(url))\" alt=\"\(escape(image.alt ?? ""))\">"
                        + (image.caption.map { "<figcaption>\(escape($0))</figcaption>" } ?? "") + "</figure>"
                }
            case let .embed(embed):
                let who = [embed.author, embed.handle].compactMap { $0 }.joined(separator: " ")
                html += "<blockquote><p>\(escape(embed.text))</p>" + (who.isEmpty ? "" : "<footer>\(escape(who))</footer>") + "</blockquote>"
            }
        }
        return html
    }

    /// `text` safe inside XML or HTML text and attributes; characters XML cannot carry are dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                guard value >= 0x20, !(0x7F...0x9F).contains(value), value != 0xFFFE, value != 0xFFFF else { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `url` when it is an http or https address (nothing else is linked).
    static func webAddress(_ url: String) -> String? {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? url : nil
    }
}
