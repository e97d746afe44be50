public import Foundation
import GRDB
public import HoTichModel

/// A scan file as a backup copies it: where its batch keeps it, and what it must hash to.
public struct StoredScan: Sendable, Equatable {
    public var batchId: String
    public var storedRoot: String
    public var path: String
    public var bytes: Int64
    public var sha256: String
}

extension SQLiteStore {
    /// Copies the database, as one consistent snapshot, into a new file at `url` (owner-only, or
    /// `mode`) with SQLite's online backup: writers carry on meanwhile, and what they commit after
    /// the snapshot began is not in the copy.
    /// - Returns: the audit head of the copy.
    public func backup(to url: URL, mode: mode_t = 0o600) throws -> AuditHead {
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: Int(mode)]) else {
            throw HoTichError(.fileCopyFailed(url.path))
        }
        return try Self.mapping {
            let copy = try DatabaseQueue(path: url.path, configuration: Self.configuration(busyTimeout: Self.defaultBusyTimeout))
            try writer.backup(to: copy)
            let head = try copy.read { db in try SQLiteTransaction(db).auditChainHead() }
            try copy.close()
            return head
        }
    }

    /// Opens a copy made by ``backup(to:mode:)`` as it is: one connection, its journal left as it
    /// was (a pool would turn it to WAL, changing the file), never migrated.
    public static func openCopy(at url: URL, protection: AuditProtection) throws -> SQLiteStore {
        try mapping {
            let queue = try DatabaseQueue(path: url.path, configuration: configuration(busyTimeout: defaultBusyTimeout))
            return SQLiteStore(writer: queue, location: url.path, protection: protection)
        }
    }

    /// Every batch's folder of scans (by batch id), those without a scan file too.
    public func batchRoots() throws -> [(batchId: String, storedRoot: String)] {
        try databaseRead { db in
            try Row.fetchAll(db, sql: "SELECT id, storedRoot FROM batch ORDER BY id").map { ($0["id"], $0["storedRoot"]) }
        }
    }

    /// Every scan file of every batch, with its batch's folder.
    public func storedScans() throws -> [StoredScan] {
        try databaseRead { db in
            try Row.fetchAll(db, sql: """
                SELECT b.id AS batchId, b.storedRoot, f.path, f.bytes, f.sha256
                FROM scanFile f JOIN batch b ON b.id = f.batchId ORDER BY b.id, f.path
                """).map { row in
                StoredScan(batchId: row["batchId"], storedRoot: row["storedRoot"], path: row["path"], bytes: row["bytes"], sha256: row["sha256"])
            }
        }
    }
}
