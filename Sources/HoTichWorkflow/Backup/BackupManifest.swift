public import Foundation
public import HoTichModel

/// What a backup holds (`hotich-backup.json`, written last): every file with its size and SHA-256,
/// the audit head of the database copy, where each batch's scans came from, and whether the
/// audit key is inside.
public struct BackupManifest: Codable, Sendable, Equatable {
    public static let fileName = "hotich-backup.json"
    public static let currentFormat = "hotich-backup 1"
    /// The largest manifest read back (a million scans list in well under this).
    static let maximumBytes = 512 << 20

    public struct File: Codable, Sendable, Equatable {
        /// The path inside the backup, with `/` separators.
        public var path: String
        public var bytes: Int64
        public var sha256: String

        public init(path: String, bytes: Int64, sha256: String) {
            self.path = path
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    /// Where a batch's scans are in the backup, and where they were.
    public struct ScanRoot: Codable, Sendable, Equatable {
        public var batchId: String
        /// The folder inside the backup.
        public var path: String
        /// The folder the workspace kept them in (`batch.storedRoot`).
        public var original: String
    }

    public var format: String
    public var createdAt: String
    public var producerVersion: String
    public var office: String
    public var auditHead: AuditHead
    public var keyIncluded: Bool
    public var scanRoots: [ScanRoot]
    public var files: [File]

    /// Reads and checks the manifest of the backup in `folder`.
    /// - Throws: ``HoTichError`` `.integrity(.backupUnreadable)`.
    public static func read(from folder: URL) throws -> BackupManifest {
        let url = folder.appendingPathComponent(fileName)
        let unreadable = HoTichError(.integrity(.backupUnreadable(path: folder.path)))
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size <= maximumBytes,
              let data = try? Data(contentsOf: url), let manifest = try? JSONDecoder().decode(BackupManifest.self, from: data),
              manifest.format == currentFormat,
              manifest.files.allSatisfy({ isSafe($0.path) }), manifest.scanRoots.allSatisfy({ isSafe($0.path) }),
              Set(manifest.files.map(\.path)).count == manifest.files.count,
              // At the top: the database, the anchor log and the key, nothing else.
              manifest.files.allSatisfy({ $0.path.contains("/") || topLevelFiles.contains($0.path) }),
              Set(manifest.scanRoots.map(\.batchId)).count == manifest.scanRoots.count
        else { throw unreadable }
        return manifest
    }

    /// The files a backup holds beside its scans' folders.
    static let topLevelFiles: Set<String> = ["hotich.sqlite", "audit-anchors.log", "audit.key"]

    /// Whether `path` stays inside the backup: relative, no `..`, no empty part.
    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != ".." && $0 != "." && !$0.isEmpty }
    }

    func write(to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let url = folder.appendingPathComponent(Self.fileName)
        guard FileManager.default.createFile(atPath: url.path, contents: try encoder.encode(self), attributes: [.posixPermissions: 0o600]) else {
            throw HoTichError(.fileCopyFailed(url.path))
        }
    }
}
