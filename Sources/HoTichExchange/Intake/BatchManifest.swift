
/// The list of files a batch was received with, and the totals BagIt calls Payload-Oxum.
///
/// The manifest is what `batch check-files` later holds the folder against: a file that is
/// missing, changed or not listed fails the check.
public struct BatchManifest: Sendable, Equatable {
    /// One listed file.
    public struct Entry: Sendable, Equatable {
        public let path: String
        public let fingerprint: FileFingerprint

        public init(path: String, fingerprint: FileFingerprint) {
            self.path = path
            self.fingerprint = fingerprint
        }
    }

    /// The files, sorted by path.
    public let entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries.sorted { $0.path < $1.path }
    }

    /// The sum of the files' sizes.
    public var totalBytes: Int64 { entries.reduce(0) { $0 + $1.fingerprint.bytes } }

    /// `bytes.count`, as in BagIt's `bag-info.txt`.
    public var payloadOxum: String { "\(totalBytes).\(entries.count)" }

    /// The manifest in BagIt's `manifest-sha256.txt` form: `hash  path` a line.
    public var manifestText: String {
        entries.map { "\($0.fingerprint.sha256)  \($0.path)\n" }.joined()
    }

    /// SHA-256 of ``manifestText``: the identity of the batch's content. Receiving the same
    /// files again, from the same folder or a zip of it, gives the same digest.
    public var contentDigest: String { FileFingerprint.sha256(of: manifestText) }
}
