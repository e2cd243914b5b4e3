import CLibXML2

/// One-time libxml2 set-up shared by every parser in this module.
enum LibXML {
    /// Runs `xmlInitParser` once, before any thread parses: libxml2 requires it for thread safety.
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Makes sure libxml2 is initialised; call at the top of every entry point that touches libxml2.
    static func ensureInitialized() {
        _ = initialized
    }
}
