import NewsAccount
import NewsStore
import NewsSync
import Testing
@testable import paperboy

/// What the reader adds to the core: its XDG store path, and the commands that fix a problem,
/// which the core's errors leave out so an app can word them its own way.
@Suite struct ReaderWordingTests {
    @Test func defaultPathFollowsXDG() {
        #expect(StoreOptions.defaultPath(environment: ["PAPERBOY_STORE": "/x/s.db", "HOME": "/h"]) == "/x/s.db")
        #expect(StoreOptions.defaultPath(environment: ["XDG_DATA_HOME": "/data", "HOME": "/h"]) == "/data/paperboy/paperboy.sqlite")
        #expect(StoreOptions.defaultPath(environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"]) == "/h/.local/share/paperboy/paperboy.sqlite")
    }

    @Test func coreErrorsGainTheCommandThatFixesThem() {
        #expect(SyncFailure.message(.unauthorized(remote: "home", detail: "revoked")).hasSuffix("save a new one with: paperboy remote add home URL --token-file FILE"))
        #expect(Failure.message(for: .remoteExists("home")) == "a remote named 'home' already exists; remove it first with: paperboy remote remove home")
        #expect(Failure.from(AccountError.noSuchRemote("home")).description == "no remote named 'home'; see: paperboy remote list")
        #expect(Failure.from(AccountError.syncInProgress).exitCode == 1)
        for error in [StoreError.remoteExists("home"), .storyNotFound("9"), .sourceNotFound("x"), .subscriptionNotFound("u")] {
            #expect(!error.description.contains("paperboy"), "\(error.description)")
        }
    }
}
