/// The kind of a scan file, recognised from its first bytes rather than its name.
public enum ScanFormat: String, Sendable, CaseIterable, Codable {
    case pdf
    case jpeg
    case png
    case tiff

    /// How many leading bytes ``init(magic:)`` needs to decide.
    public static let magicLength = 8

    /// Recognises the format from the file's leading bytes; `nil` for anything else.
    public init?<Bytes: Collection<UInt8>>(magic bytes: Bytes) {
        let head = Array(bytes.prefix(Self.magicLength))
        func starts(with prefix: [UInt8]) -> Bool {
            head.count >= prefix.count && Array(head.prefix(prefix.count)) == prefix
        }
        if starts(with: Array("%PDF-".utf8)) {
            self = .pdf
        } else if starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if starts(with: [0x49, 0x49, 0x2A, 0x00]) || starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            self = .tiff
        } else {
            return nil
        }
    }
}
