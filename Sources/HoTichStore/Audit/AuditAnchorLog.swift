public import Foundation
public import HoTichModel

/// The append-only file beside the database where the audit chain's head is written after every
/// transaction that moved it: the last event's number and hash, the time, and an HMAC of the three
/// with the workspace key. Deleting events from the end of the chain (which leaves an intact, only
/// shorter, chain) is caught by comparing the database with it.
///
/// Each line is written with one `write(2)` on a descriptor opened with `O_APPEND`, so lines of
/// processes writing at once do not interleave. A line may lag its commit (a crash between the
/// two), never lead it.
public struct AuditAnchorLog: Sendable {
    /// The log's name in a workspace folder.
    public static let fileName = "audit-anchors.log"

    public let url: URL
    /// The permissions the file is created with.
    let mode: mode_t

    public init(url: URL, mode: mode_t = 0o600) {
        self.url = url
        self.mode = mode
    }

    /// One anchor as written, with the line it was read from.
    public struct Line: Sendable, Equatable {
        public var number: Int
        public var anchor: AuditAnchor
        public var at: String
        public var mac: String
    }

    /// The text the HMAC covers.
    static func signedText(_ anchor: AuditAnchor, at time: String) -> String {
        "anchor|\(anchor.eventID)|\(anchor.hash)|\(time)"
    }

    /// Appends `anchor`; a failure to write is returned, not thrown: the change it anchors is
    /// already committed, and the next transaction writes a newer anchor.
    @discardableResult
    public func append(_ anchor: AuditAnchor, at time: String, key: AuditKey) -> Bool {
        let line = "anchor \(anchor.eventID) \(anchor.hash) \(time) \(key.mac(Self.signedText(anchor, at: time)))\n"
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        // The umask may have narrowed the file when it was made: the mode asked for is set on it.
        // (Another member's file of a shared workspace keeps its own mode: only its owner may change it.)
        _ = fchmod(descriptor, mode)
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == bytes.count
    }

    /// Every line of the log, oldest first; a line that does not parse is returned as `nil` with its number.
    public func lines() throws -> [(number: Int, line: Line?)] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else {
            throw HoTichError(.integrity(.anchorLogUnreadable(path: url.path)))
        }
        var result: [(Int, Line?)] = []
        var number = 0
        for raw in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if raw.isEmpty { continue }
            let parts = raw.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
            guard parts.count == 5, parts[0] == "anchor", let id = Int64(parts[1]), id > 0, parts[2].utf8.count == 64 else {
                result.append((number, nil))
                continue
            }
            result.append((number, Line(number: number, anchor: AuditAnchor(eventID: id, hash: parts[2]), at: parts[3], mac: parts[4])))
        }
        return result
    }
}
