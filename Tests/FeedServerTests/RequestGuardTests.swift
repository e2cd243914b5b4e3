import FeedServer
import Foundation
import HTTPTransport
import NewsModels
import PaperboyTesting
import Testing

extension FeedServerTests {
    /// Guessing tokens, and numbers in URLs that only one spelling names.
    @Suite struct RequestGuards {
        @Test func failedTokenChecksFromOneAddressAreLimited() async throws {
            let clock = TestClock()
            let server = try await RunningServer.start {
                $0.clock = clock
                $0.authFailureBurst = 5
                $0.authFailuresPerSecond = 0.5
            }
            let token = try server.addUser("alice")
            for _ in 1...5 {
                #expect(try await server.get("/v1/state", token: DeviceToken.generate()).status == 401)
            }
            // Every further guess is refused before any lookup, and so is the real token from there.
            let refused = try await server.get("/v1/state", token: DeviceToken.generate())
            #expect(refused.status == 429)
            #expect(refused.headers["Retry-After"] == "2")
            #expect(try Fixture.problem(refused).detail == "this address sent too many unknown or revoked tokens (5 requests at once or 0.5 per second); retry in 2 s")
            #expect(try await server.get("/v1/state", token: token).status == 429)
            // The budget refills on the server's clock.
            clock.advance(by: .seconds(2))
            #expect(try await server.get("/v1/state", token: token).status == 200)
            #expect(try await server.get("/v1/state", token: DeviceToken.generate()).status == 401)
            #expect(try await server.get("/v1/state", token: DeviceToken.generate()).status == 429)
            await server.stop()
        }

        @Test(arguments: ["-0", "+1", "01", "1e0", " 1", "0x1", "１"])
        func numbersInPathsAndQueriesHaveOneSpelling(_ number: String) async throws {
            let server = try await RunningServer.start(articles: (1...9).map { Fixture.article($0) })
            let token = try server.addUser("alice")
            // As written in a path ('+' is literal there); percent-encoded in a query ('+' means a space).
            let inPath = number.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "+", "."])) ?? number
            let inQuery = number.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? number
            for path in ["/v1/segments/\(inPath)", "/v1/snapshot/\(inPath)/0", "/v1/snapshot/4/\(inPath)",
                         "/v1/state?after=\(inQuery)", "/v1/state?limit=\(inQuery)"] {
                let response = try await server.get(path, token: token)
                #expect(response.status == 400, "\(path)")
            }
            #expect(try await server.get("/v1/segments/0").status == 200)
            #expect(try await server.get("/v1/state?after=0&limit=1", token: token).status == 200)
            await server.stop()
        }
    }
}
