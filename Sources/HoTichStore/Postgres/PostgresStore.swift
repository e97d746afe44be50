public import Foundation
public import HoTichModel
import HoTichPostgres

/// A workspace kept in a PostgreSQL database, for a province: many offices' clients on one
/// server, reached through libpq.
///
/// Transactions keep the guarantees of ``SQLiteStore``:
/// - a read runs in one `REPEATABLE READ READ ONLY` transaction: one snapshot, never waiting for a writer;
/// - a write runs with the workspace's writer lock (a transaction-level advisory lock taken as its
///   first statement) at `READ COMMITTED`: write transactions run one at a time, as in SQLite, so
///   a check made inside one still holds at its commit, and each of its statements sees every
///   write committed before it took the lock. The audit chain makes every write append to one
///   sequence, which serializes writers whatever the isolation; the lock does it without a
///   transaction failing and running again. Deadlocks and serialization failures (a reader's) are
///   retried inside the store all the same.
///
/// No server text ever reaches a person: failures become ``DatabaseMessage``s naming the server
/// as `role@host:port/database`, never the connection string or its password.
public final class PostgresStore: Sendable {
    /// Where the data lives, for messages: `role@host:port/database`.
    public let location: String
    /// The key the audit chain is signed with and the log its heads are anchored in.
    public let protection: AuditProtection
    let pool: PostgresPool
    /// How long a write waits for the writer before it, then fails as busy (SQLite's default).
    public let busyTimeout: TimeInterval

    /// The advisory lock every write transaction takes first (see the type's documentation).
    static let writerLock: Int64 = 0x686F_7469_6368_7772  // "hotichwr"

    private init(pool: PostgresPool, location: String, protection: AuditProtection, busyTimeout: TimeInterval) {
        self.pool = pool
        self.location = location
        self.protection = protection
        self.busyTimeout = busyTimeout
    }

    /// Makes the workspace's schema in the (empty) database `connectionString` names.
    /// - Throws: ``HoTichError`` `.database(.workspaceAlreadyThere)` when it already holds one.
    public static func create(
        connectionString: String, protection: AuditProtection, busyTimeout: TimeInterval = SQLiteStore.defaultBusyTimeout
    ) throws -> PostgresStore {
        let (pool, location) = try connect(connectionString)
        try mapping(location) {
            try pool.withConnection { connection in
                if !(try PostgresMigrations.applied(connection)).isEmpty {
                    throw HoTichError(.database(.workspaceAlreadyThere(location: location)))
                }
                try PostgresMigrations.migrate(connection)
            }
        }
        return PostgresStore(pool: pool, location: location, protection: protection, busyTimeout: busyTimeout)
    }

    /// Opens the workspace in the database `connectionString` names, migrating it forward when an
    /// older hotich made it.
    /// - Throws: ``HoTichError`` when the server cannot be reached, the database holds no
    ///   workspace, or a newer hotich made it.
    public static func open(
        connectionString: String, protection: AuditProtection, busyTimeout: TimeInterval = SQLiteStore.defaultBusyTimeout
    ) throws -> PostgresStore {
        let (pool, location) = try connect(connectionString)
        try mapping(location) {
            try pool.withConnection { connection in
                let applied = try PostgresMigrations.applied(connection)
                if applied.isEmpty { throw HoTichError(.database(.noWorkspace(location: location))) }
                if applied.count < PostgresMigrations.all.count || applied != PostgresMigrations.all.map(\.identifier) {
                    try PostgresMigrations.migrate(connection)
                }
            }
        }
        return PostgresStore(pool: pool, location: location, protection: protection, busyTimeout: busyTimeout)
    }

    /// A first connection, proving the server is there and naming where it is.
    private static func connect(_ connectionString: String) throws -> (PostgresPool, String) {
        guard let described = PostgresConnection.describe(connectionString) else {
            throw HoTichError(.database(.connectionStringInvalid))
        }
        let pool = PostgresPool(connectionString: connectionString)
        let location = try mapping(described) { try pool.withConnection { $0.location } }
        return (pool, location)
    }

    /// Runs `body` in one read-only snapshot (see the type's documentation).
    public func databaseRead<T>(_ body: (PostgresTransaction) throws -> T) throws -> T {
        try Self.mapping(location) {
            try pool.withConnection { connection in
                try connection.transaction(.repeatableRead, readOnly: true) { connection in
                    try body(PostgresTransaction(connection, auditKey: protection.key))
                }
            }
        }
    }

    /// Runs `body` in one write transaction holding the writer lock; content it wrote after its
    /// last audit event is sealed by an event of its own, and once committed, the chain's new head
    /// is anchored. `body` may run more than once (after a deadlock): it must only use the database.
    @discardableResult
    public func databaseWrite<T>(_ body: (PostgresTransaction) throws -> T) throws -> T {
        var anchor: AuditAnchor?
        let result = try Self.mapping(location) {
            try pool.withConnection { connection in
                try connection.transaction(.readCommitted) { connection in
                    // Waits for the writer before it as long as SQLite's writers wait for each
                    // other, then fails as busy (55P03) having changed nothing.
                    try connection.execute("SET LOCAL lock_timeout = '\(max(1, Int(busyTimeout * 1_000)))ms'")
                    try connection.execute("SELECT pg_advisory_xact_lock($1)", [Self.writerLock])
                    let transaction = PostgresTransaction(connection, auditKey: protection.key)
                    transaction.sealFloor = try transaction.lastSealID()
                    let result = try body(transaction)
                    try transaction.sealTrailingContent(at: Timestamp.now())
                    anchor = transaction.anchor
                    return result
                }
            }
        }
        protection.anchor(anchor)
        return result
    }

    /// The database's size in bytes (`pg_database_size`).
    public func size() throws -> Int64 {
        try databaseRead { tx in try tx.connection.execute("SELECT pg_database_size(current_database()) AS size").first?.first() ?? 0 }
    }

    /// The identifiers of the migrations this build knows, in order (the schema version).
    public static var knownMigrations: [String] { PostgresMigrations.all.map(\.identifier) }

    /// Runs `body`, turning PostgreSQL's failures into messages a clerk can act on.
    static func mapping<T>(_ location: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            throw HoTichError(message(for: error, at: location))
        } catch let error as PostgresDecodingError {
            // A column missing or of another type: named (never its value), the table unknown here.
            throw HoTichError(.storeDamaged(.damagedRow(table: "column \(error.column)")))
        } catch let failure as StoreFailure {
            throw HoTichError(.storeDamaged(failure))
        } catch PostgresSchemaFailure.tooNew {
            throw HoTichError(.database(.workspaceTooNew(location: location)))
        }
    }

    static func message(for error: PostgresError, at location: String) -> Message {
        switch error.kind {
        case .connection: return .database(.unreachable(location: location))
        case .authentication: return .database(.authenticationFailed(location: location))
        case .missingDatabase: return .database(.databaseMissing(location: location))
        case .client: return .database(.failure(sqlState: "client"))
        case .statement:
            if error.isRetryable || error.sqlState == "55P03" { return .workspaceBusy }
            if error.isPermissionDenied { return .database(.permissionDenied(location: location)) }
            if error.isResourceExhausted { return .diskFull }
            return .database(.failure(sqlState: error.sqlState))
        }
    }
}

/// The connections of one store: one is taken for each transaction and given back after, so that
/// threads of one process work side by side and no connection is used by two at once.
final class PostgresPool: @unchecked Sendable {
    private let connectionString: String
    private let lock = NSLock()
    private var idle: [PostgresConnection] = []
    /// Connections kept open between transactions (more are opened when needed, then closed).
    private let keep = 4

    init(connectionString: String) {
        self.connectionString = connectionString
    }

    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try take()
        defer { giveBack(connection) }
        return try body(connection)
    }

    private func take() throws -> PostgresConnection {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        if let reused, reused.isIdle { return reused }
        return try PostgresConnection(connectionString: connectionString)
    }

    private func giveBack(_ connection: PostgresConnection) {
        // One left inside a transaction (its rollback failed) is closed, never lent again.
        guard connection.isIdle else { return }
        lock.lock()
        defer { lock.unlock() }
        if idle.count < keep { idle.append(connection) }
    }
}

extension PostgresTransaction: StoreWriting {}

extension PostgresStore: WorkspaceStore {
    public func read<T>(_ body: (any StoreReading) throws -> T) throws -> T {
        try databaseRead { tx in try body(tx) }
    }

    @discardableResult
    public func write<T>(_ body: (any StoreWriting) throws -> T) throws -> T {
        try databaseWrite { tx in try body(tx) }
    }

    /// PostgreSQL gives space back by itself (autovacuum); a full rewrite (`VACUUM FULL`) locks
    /// every table and is the database administrator's to schedule: nothing to do here.
    public func compact() throws {}

    /// What PostgreSQL can say about the workspace's own consistency from a client: every
    /// constraint is enforced at each commit, so the check is that hotich's schema is all there
    /// (the migrations this build knows, applied in order); the server's own checks (`amcheck`,
    /// data checksums) are the administrator's.
    public func integrityProblems() throws -> [String] {
        try Self.mapping(location) {
            try pool.withConnection { connection in
                let applied = try PostgresMigrations.applied(connection)
                return applied == PostgresMigrations.all.map(\.identifier) ? [] : ["schema: \(applied.joined(separator: ","))"]
            }
        }
    }
}

extension PostgresStore {
    /// Gives the database role `role` what hotich's clients need (``PostgresRoles``), as the role
    /// this store connects as (the schema's owner). The names of roles hotich takes: lower-case
    /// letters, digits and `_`, starting with a letter or `_`, at most 63.
    public func grantApplication(role: String) throws {
        guard Self.isValidRoleName(role) else { throw HoTichError(.database(.invalidRoleName(role))) }
        try Self.mapping(location) {
            try pool.withConnection { connection in
                try connection.transaction(.readCommitted) { connection in
                    try PostgresRoles.grantApplication(role: role, on: connection)
                }
            }
        }
    }

    static func isValidRoleName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, (1...63).contains(name.utf8.count) else { return false }
        let allowed: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        return (("a"..."z").contains(first) || first == "_") && name.unicodeScalars.allSatisfy(allowed)
    }
}
