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

extension DeviceToken {
    /// Hex digits of a token's hash that name it in `token list` and `token revoke --id`.
    public static let idLength = 12

    /// A token's public id: the start of its hash, which says nothing about the token itself.
    public static func id(forHash tokenHash: String) -> String {
        String(tokenHash.prefix(idLength))
    }
}

/// A device token as `paperboy-server token list` shows it (never the token or its whole hash).
public struct DeviceTokenRecord: Sendable, Equatable {
    /// The token's public id (`DeviceToken.id(forHash:)`).
    public var id: String
    /// The user it signs in as.
    public var userName: String
    /// The device label given when it was made.
    public var label: String?
    /// When it was made.
    public var createdAt: Timestamp
    /// When it was revoked, if it was.
    public var revokedAt: Timestamp?
}
