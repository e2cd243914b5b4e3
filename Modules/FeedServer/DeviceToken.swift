import Foundation
import NewsModels

/// Device tokens: random secrets shown once, stored only as hashes.
public enum DeviceToken {
    /// A new token: `pb_` and 43 URL-safe characters (256 random bits).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "pb_" + encoded
    }

    /// The hash stored for a token (SHA-256, hex). A stolen database reveals no usable token.
    public static func hash(_ token: String) -> String {
        SHA256.hex(Array(token.utf8))
    }
}
