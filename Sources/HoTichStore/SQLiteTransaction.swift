public import GRDB
import HoTichModel

/// One transaction on the SQLite store: the requests and commands of ``StoreReading`` and
/// ``StoreWriting`` carried out with GRDB on one connection, inside one transaction.
///
/// The requests live in `Requests/`, one file per concern; each is a named query (GRDB's query
/// interface where it can say it, SQL where it cannot) that returns the model's values.
/// A transaction object lives no longer than the `read` or `write` that made it.
public final class SQLiteTransaction: StoreWriting {
    /// The connection, inside its transaction (the store's own code and its tests).
    public let db: Database
    /// The audit chain's head once read in this transaction; every append keeps it current.
    var auditHead: AuditTrail.Head?
    /// The key each event appended here is signed with.
    let auditKey: AuditKey?
    /// Who signed the last event appended in this transaction (nil until one is).
    var lastActor: String?
    /// The last content seal before this transaction wrote anything: its events vouch only for
    /// seals after it (nil in transactions opened outside ``SQLiteStore/write(_:)``).
    var sealFloor: Int64?

    package init(_ db: Database, auditKey: AuditKey? = nil) {
        self.db = db
        self.auditKey = auditKey
    }

    /// `value`, or the named failure of a row that must exist.
    func required<T>(_ value: T?, _ table: String) throws -> T {
        guard let value else { throw StoreFailure.missingRow(table: table) }
        return value
    }

    /// One integer a counting query answers (0 when it answers nothing).
    func count(_ sql: String, _ arguments: StatementArguments) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? 0
    }
}

extension SQLiteStore: WorkspaceStore {
    public func read<T>(_ body: (any StoreReading) throws -> T) throws -> T {
        try databaseRead { db in try body(SQLiteTransaction(db, auditKey: protection.key)) }
    }

    /// Writes in one transaction; content written after the transaction's last audit event is
    /// sealed by an event of its own, and once committed, the chain's new head is anchored.
    @discardableResult
    public func write<T>(_ body: (any StoreWriting) throws -> T) throws -> T {
        var anchor: AuditAnchor?
        let result = try databaseWrite { db in
            let transaction = SQLiteTransaction(db, auditKey: protection.key)
            transaction.sealFloor = try ContentSeal.lastSealID(db)
            let result = try body(transaction)
            try transaction.sealTrailingContent(at: Timestamp.now())
            anchor = transaction.anchor
            return result
        }
        protection.anchor(anchor)
        return result
    }
}
