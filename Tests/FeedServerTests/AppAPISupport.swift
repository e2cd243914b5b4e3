@testable import FeedServer
import Foundation
import HTTPTransport
import NewsModels
import Testing

/// Requests the app API tests send: forms, HTTP Basic, JSON bodies, and reading JSON back.
extension RunningServer {
    /// Gives `name` (a new user) the app password `password`; returns the user's device token.
    func addAppUser(_ name: String, password: String = "correct horse") throws -> String {
        let token = try addUser(name)
        try storage.setPasswordHash(userName: name, hash: AppPassword.hash(password))
        return token
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = HTTPHeaders(), body: String? = nil) async throws -> HTTPResponse {
        try await transport.send(HTTPRequest(method: method, url: url(path), headers: headers, body: body.map { Data($0.utf8) }))
    }

    /// Signs in through `/accounts/ClientLogin` and returns the `Auth` token.
    func readerLogin(_ name: String, password: String = "correct horse") async throws -> String {
        let response = try await send(
            .post, "/accounts/ClientLogin", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "Email=\(AppForm.escape(name))&Passwd=\(AppForm.escape(password))")
        try #require(response.status == 200, "ClientLogin answered \(response.status)")
        let line = String(decoding: response.body, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("Auth=") }
        return String(try #require(line).dropFirst(5))
    }

    /// A Google Reader request signed with `auth`.
    func reader(_ method: HTTPMethod = .get, _ path: String, auth: String, form: String? = nil) async throws -> HTTPResponse {
        var headers: HTTPHeaders = ["Authorization": "GoogleLogin auth=\(auth)"]
        if form != nil { headers["Content-Type"] = "application/x-www-form-urlencoded" }
        return try await send(method, path, headers: headers, body: form)
    }

    /// A Miniflux request with HTTP Basic credentials.
    func miniflux(_ method: HTTPMethod = .get, _ path: String, user: String, password: String = "correct horse", json: String? = nil) async throws -> HTTPResponse {
        let credentials = Data("\(user):\(password)".utf8).base64EncodedString()
        return try await send(method, "/miniflux/v1/" + path, headers: ["Authorization": "Basic \(credentials)"], body: json)
    }

    /// The user's state as the Paperboy protocol pulls it, by article id.
    func protocolState(token: String) async throws -> [String: ArticleState] {
        let page = try NewsJSON.decode(StatePage.self, from: try await get("/v1/state", token: token).body)
        return Dictionary(page.changes.map { ($0.articleId, $0) }) { $1 }
    }
}

enum AppForm {
    /// `text` escaped for a form body.
    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// A JSON object body.
    static func object(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
    }

    /// A JSON array body.
    static func array(_ response: HTTPResponse) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]])
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }
}
