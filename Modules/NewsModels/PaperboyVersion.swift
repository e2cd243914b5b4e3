/// The release of Paperboy this code belongs to, shown by `--version` and sent in `User-Agent`.
public enum PaperboyVersion {
    /// The version string, semantic versioning.
    public static let current = "0.1.0"
}
