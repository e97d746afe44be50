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
    /// The audit chain's last hash once read in this transaction; every append keeps it current.
    var auditHead: String?

    package init(_ db: Database) {
        self.db = db
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
        try databaseRead { db in try body(SQLiteTransaction(db)) }
    }

    @discardableResult
    public func write<T>(_ body: (any StoreWriting) throws -> T) throws -> T {
        try databaseWrite { db in try body(SQLiteTransaction(db)) }
    }
}
