public import HoTichPostgres
import HoTichModel

/// One transaction on the PostgreSQL store: the requests and commands of the store's protocols
/// carried out with SQL in PostgreSQL's dialect on one connection, inside one transaction.
///
/// The requests live in `Postgres/Requests/`, one file per concern, beside the SQLite ones in
/// `Requests/`; the two return the same model values for the same data (the store tests run
/// against both). A transaction object lives no longer than the read or write that made it.
public final class PostgresTransaction {
    /// The connection, inside its transaction (the store's own code and its tests).
    public let connection: PostgresConnection
    /// The audit chain's head once read in this transaction; every append keeps it current.
    var auditHead: AuditTrail.Head?
    /// The key each event appended here is signed with.
    let auditKey: AuditKey?
    /// Who signed the last event appended in this transaction (nil until one is).
    var lastActor: String?
    /// The last content seal before this transaction wrote anything.
    var sealFloor: Int64?

    init(_ connection: PostgresConnection, auditKey: AuditKey?) {
        self.connection = connection
        self.auditKey = auditKey
    }

    /// Runs one statement with its parameters.
    @discardableResult
    func execute(_ sql: String, _ parameters: [any PostgresBindable] = []) throws -> PostgresRows {
        try connection.execute(sql, parameters)
    }

    /// One integer a counting query answers (0 when it answers nothing or NULL).
    func count(_ sql: String, _ parameters: [any PostgresBindable] = []) throws -> Int {
        try execute(sql, parameters).first?.first(as: Int.self) ?? 0
    }

    /// `value`, or the named failure of a row that must exist.
    func required<T>(_ value: T?, _ table: String) throws -> T {
        guard let value else { throw StoreFailure.missingRow(table: table) }
        return value
    }

    /// The number of the last content seal (0 before the first).
    func lastSealID() throws -> Int64 {
        try execute(#"SELECT MAX("id") AS "last" FROM "contentSeal""#).first?.first(as: Int64.self) ?? 0
    }
}

/// The parameters of one statement, numbered `$1`, `$2`… as they are bound: PostgreSQL refuses
/// a parameter a statement does not name, so each statement gets its own.
struct StatementParameters {
    var values: [any PostgresBindable] = []

    /// Adds `value` and returns its placeholder.
    mutating func bind(_ value: any PostgresBindable) -> String {
        values.append(value)
        return "$\(values.count)"
    }
}

extension PostgresRow {
    /// Column `name` as a value of a string-backed type of the model (a role, a state…).
    /// - Throws: ``StoreFailure/damagedRow(table:)`` naming `table` when the text is no such value.
    func value<T>(_ name: String, table: String, _ make: (String) -> T?) throws -> T {
        guard let text = try text(name), let value = make(text) else { throw StoreFailure.damagedRow(table: table) }
        return value
    }

    /// Like ``value(_:table:_:)``, nil for NULL.
    func optionalValue<T>(_ name: String, table: String, _ make: (String) -> T?) throws -> T? {
        guard let text = try text(name) else { return nil }
        guard let value = make(text) else { throw StoreFailure.damagedRow(table: table) }
        return value
    }
}
