public import Foundation
public import GRDB
import HoTichModel

/// How a store keeps its audit chain provable outside the database: the key every event is signed
/// with (nil for a copy opened without its key file: the chain is then checked unkeyed, and
/// nothing may be written), and the log every new head is anchored in.
public struct AuditProtection: Sendable {
    public var key: AuditKey?
    public var anchorLog: AuditAnchorLog?

    public init(key: AuditKey?, anchorLog: AuditAnchorLog?) {
        self.key = key
        self.anchorLog = anchorLog
    }

    /// Anchors the chain's head a committed write transaction moved it to (nothing when it appended
    /// no event, or the store has no log or no key).
    func anchor(_ head: AuditAnchor?) {
        if let head, let anchorLog, let key { anchorLog.append(head, at: Timestamp.now(), key: key) }
    }
}

/// The workspace database: one SQLite file in WAL mode, opened through GRDB.
///
/// Several operators' processes may share it: writes wait up to ``busyTimeout`` for each other.
/// Every database failure leaves the store as a ``HoTichError`` that names what to do next,
/// never as raw SQLite text with statement arguments in it.
public final class SQLiteStore: Sendable {
    /// The database file name inside a workspace folder.
    public static let databaseFileName = "hotich.sqlite"

    /// How long a write waits, by default, for another process's transaction before it gives up.
    ///
    /// Long enough for any one transaction hotich makes to end (an import holds the lock only to
    /// write its checked rows: about 4 s for 100 000 rows on two cores), so that no command fails
    /// because another is writing: it waits, and says so only past a minute.
    public static let defaultBusyTimeout: TimeInterval = 60

    /// The underlying GRDB connection (a pool for files, a queue in memory).
    public let writer: any DatabaseWriter

    /// Where the database lives, for messages; `:memory:` for in-memory stores.
    public let location: String

    /// The key the audit chain is signed with and the log its heads are anchored in.
    public let protection: AuditProtection

    init(writer: any DatabaseWriter, location: String, protection: AuditProtection) {
        self.writer = writer
        self.location = location
        self.protection = protection
    }

    /// Creates a new database file at `url` and applies every migration.
    /// - Throws: ``HoTichError`` with `.workspaceAlreadyExists` when the file is already there.
    public static func create(
        at url: URL, protection: AuditProtection, mode: mode_t = 0o600, busyTimeout: TimeInterval = defaultBusyTimeout
    ) throws -> SQLiteStore {
        if FileManager.default.fileExists(atPath: url.path) {
            throw HoTichError(.workspaceAlreadyExists(path: url.deletingLastPathComponent().path))
        }
        if hasWorkspaceData(beside: url) { throw HoTichError(.workspaceDatabaseMissing(path: url.deletingLastPathComponent().path)) }
        // The file is made first, owner-only whatever the umask: SQLite gives its -wal and -shm
        // journals the database file's permissions.
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: Int(mode)]) else {
            throw HoTichError(.workspaceUnreadable(path: url.deletingLastPathComponent().path))
        }
        return try mapping {
            let pool = try DatabasePool(path: url.path, configuration: configuration(busyTimeout: busyTimeout))
            try Migrations.migrator(auditKey: protection.key).migrate(pool)
            return SQLiteStore(writer: pool, location: url.path, protection: protection)
        }
    }

    /// Opens an existing database, migrating it forward if it was made by an older hotich.
    /// - Throws: ``HoTichError`` when the file is missing, unreadable, or made by a newer hotich.
    public static func open(
        at url: URL, protection: AuditProtection, busyTimeout: TimeInterval = defaultBusyTimeout
    ) throws -> SQLiteStore {
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: url.path) else {
            if hasWorkspaceData(beside: url) { throw HoTichError(.workspaceDatabaseMissing(path: folder)) }
            throw HoTichError(.workspaceNotFound(path: folder))
        }
        // An empty file opens in SQLite as a new database, which would be migrated into an empty
        // workspace: what copying hotich.sqlite alone (its data still in the -wal) would look like.
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        if size == 0 { throw HoTichError(.workspaceDatabaseMissing(path: folder)) }
        return try mapping {
            let pool: DatabasePool
            let current: Bool
            do {
                pool = try DatabasePool(path: url.path, configuration: configuration(busyTimeout: busyTimeout))
                // Opening reads: a workspace another process is writing to opens at once. Only an
                // older schema takes the write lock, to migrate.
                current = try pool.read { db in
                    if try Migrations.migrator.hasBeenSuperseded(db) { throw HoTichError(.workspaceTooNew(path: folder)) }
                    return try Migrations.migrator.hasCompletedMigrations(db)
                }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CANTOPEN {
                throw HoTichError(.workspaceUnreadable(path: folder))
            }
            // A workspace made or upgraded since the trail was keyed (v12) has had a key: without
            // it, it is neither written to nor given a new one, whatever its events say (someone
            // who removed the key could have removed their HMACs too).
            if protection.key == nil, try pool.read({ db in try Self.hasBeenKeyed(db) }) {
                throw HoTichError(.integrity(.auditKeyMissing(path: url.deletingLastPathComponent().appendingPathComponent(AuditKey.fileName).path)))
            }
            if !current {
                // Only a hotich database is migrated forward: one with none of hotich's migrations is
                // some other database, or an empty one, and never becomes a workspace by being opened.
                let applied = try pool.read { db in try Migrations.migrator.appliedIdentifiers(db) }
                if applied.isEmpty { throw HoTichError(.workspaceDatabaseMissing(path: folder)) }
                try Migrations.migrator(auditKey: protection.key).migrate(pool)
            }
            return SQLiteStore(writer: pool, location: url.path, protection: protection)
        }
    }

    /// Whether a workspace's other files are beside a database file: its `-wal` or `-shm` journal,
    /// a `scans` folder, the audit key or the anchor log.
    public static func hasWorkspaceData(beside url: URL) -> Bool {
        let manager = FileManager.default
        let folder = url.deletingLastPathComponent()
        return manager.fileExists(atPath: url.path + "-wal") || manager.fileExists(atPath: url.path + "-shm")
            || ["scans", AuditKey.fileName, AuditAnchorLog.fileName].contains { manager.fileExists(atPath: folder.appendingPathComponent($0).path) }
    }

    /// Whether the workspace has had an audit key: its schema is v12 or later, or an event is signed.
    static func hasBeenKeyed(_ db: Database) throws -> Bool {
        if try Migrations.migrator.appliedIdentifiers(db).contains(Migrations.keyedChain) { return true }
        guard try db.tableExists("auditEvent"), try db.columns(in: "auditEvent").contains(where: { $0.name == "mac" }) else { return false }
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM auditEvent WHERE mac IS NOT NULL)") ?? false
    }

    /// The last audit event's number (0 before the first).
    public func lastAuditEventID() throws -> Int64 {
        try databaseRead { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM auditEvent") ?? 0 }
    }

    /// A fresh in-memory database with every migration applied, for tests and throw-away work.
    public static func inMemory() throws -> SQLiteStore {
        try mapping {
            let queue = try DatabaseQueue(configuration: configuration(busyTimeout: defaultBusyTimeout))
            let key = AuditKey(keyedFrom: 1)
            try Migrations.migrator(auditKey: key).migrate(queue)
            return SQLiteStore(writer: queue, location: ":memory:", protection: AuditProtection(key: key, anchorLog: nil))
        }
    }

    /// Reads the database itself in a consistent snapshot (the store's own code, its tests and the
    /// benchmarks' synthetic data; the workflow goes through ``read(_:)``).
    public func databaseRead<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.mapping { try writer.read(body) }
    }

    /// Writes in one transaction: everything `body` does is committed together or not at all.
    ///
    /// The transaction is `IMMEDIATE`: it takes the write lock before reading, so a check made
    /// inside it (is this folder already a batch?) still holds when it commits, even with other
    /// processes writing to the same workspace.
    @discardableResult
    public func databaseWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.mapping {
            try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw DatabaseError(resultCode: .SQLITE_ERROR, message: "the transaction returned nothing") }
                return result
            }
        }
    }

    /// The size of the database in bytes (its pages, free ones included).
    public func size() throws -> Int64 {
        try databaseRead { db in
            let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            return pages * (try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
        }
    }

    /// Rewrites the database without its free pages (SQLite's `VACUUM`) and empties the
    /// write-ahead log. It needs the workspace to itself and, for a while, free disk space about
    /// the size of the database; what it holds does not change.
    public func compact() throws {
        try Self.mapping {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM")
            }
            // VACUUM may renumber the rowids of tables without an INTEGER PRIMARY KEY, such as
            // `record`, which the name index is keyed on: the index is built again from the records.
            try writer.write { db in
                try db.execute(sql: "INSERT INTO recordName (recordName) VALUES ('delete-all'); \(SearchIndex.fill("recordName"))")
            }
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
    }

    /// SQLite's own check of the whole database file (`PRAGMA integrity_check`): the problems it
    /// reports, none when the file is sound.
    public func integrityProblems() throws -> [String] {
        try databaseRead { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" } }
    }

    /// The identifiers of the migrations this build knows, in order (the schema version).
    public static var knownMigrations: [String] { Migrations.migrator.migrations }

    static func configuration(busyTimeout: TimeInterval) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "hotich"
        config.prepareDatabase { db in
            // A committed transaction survives a power cut, not only a crash of the process.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Sealing content needs hotich's hash function on every connection (see ContentSeal).
            db.add(function: ContentSeal.function)
        }
        return config
    }

    /// Runs `body`, turning SQLite failures into messages a clerk can act on.
    static func mapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw HoTichError(message(for: error))
        } catch let failure as StoreFailure {
            throw HoTichError(.storeDamaged(failure))
        }
    }

    static func message(for error: DatabaseError) -> Message {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: .workspaceBusy
        case .SQLITE_FULL: .diskFull
        default: .storageFailure(code: Int(error.resultCode.rawValue))
        }
    }
}

