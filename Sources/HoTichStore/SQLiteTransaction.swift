public import GRDB
import HoTichModel

/// One transaction on the SQLite store: the requests and commands of ``StoreReading`` and
/// ``StoreWriting`` carried out with GRDB on one connection, inside one transaction.
///
/// The requests live in `Requests/`, one file per concern; each is a named query (GRDB's query
/// interface where it can say it, SQL where it cannot) that returns the model's values.
public final class SQLiteTransaction: StoreWriting {
    let db: Database
    /// The audit chain's last hash once read in this transaction; every append keeps it current.
    var lastAuditHash: String?

    init(_ db: Database) {
        self.db = db
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
