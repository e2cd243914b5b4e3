/// Bounds on markup shape that no real feed or page comes near, enforced before libxml2 reads a
/// document, because libxml2 2.9 does work that grows with their square.
enum MarkupLimits {
    /// Attributes per element (namespace declarations included).
    static let maxAttributes = 256
    /// XML namespace declarations in scope at once (on an element and all its ancestors).
    static let maxNamespacesInScope = 1_024
}
