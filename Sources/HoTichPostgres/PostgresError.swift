/// A failure of PostgreSQL or of the way to it, as identifiers only.
///
/// It never holds the server's or libpq's text: a server message can quote a row's values (a
/// unique violation's detail names the key that clashed), and a connection message can quote the
/// connection string. What it holds — the SQLSTATE, the table, column and constraint named by the
/// server — is enough to decide what to tell a person and what to log.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server could not be reached, or the connection was lost.
        case connection
        /// The server refused the credentials (or wants a password none was given for).
        case authentication
        /// The database named does not exist on the server.
        case missingDatabase
        /// The server ran a statement and reported a failure (see ``PostgresError/sqlState``).
        case statement
        /// libpq itself failed (out of memory, a protocol step out of order).
        case client
    }

    public var kind: Kind
    /// The five-character SQLSTATE (`40001` serialization failure, `23505` unique violation…);
    /// empty when there is none (connection and client failures).
    public var sqlState: String
    public var table: String?
    public var column: String?
    public var constraint: String?

    public init(kind: Kind, sqlState: String = "", table: String? = nil, column: String? = nil, constraint: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.table = table
        self.column = column
        self.constraint = constraint
    }

    /// A serialization failure or a deadlock: the transaction may succeed when run again.
    public var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }
    /// A unique constraint refused a row.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// The role lacks a privilege (or a guard trigger refused the change).
    public var isPermissionDenied: Bool { sqlState == "42501" }
    /// The server's disk or memory ran out (class 53).
    public var isResourceExhausted: Bool { sqlState.hasPrefix("53") }

    /// What may be logged: the kind, the SQLSTATE and the names of the objects involved.
    public var description: String {
        var parts = ["postgres \(kind)"]
        if !sqlState.isEmpty { parts.append("sqlstate=\(sqlState)") }
        if let table { parts.append("table=\(table)") }
        if let column { parts.append("column=\(column)") }
        if let constraint { parts.append("constraint=\(constraint)") }
        return parts.joined(separator: " ")
    }
}
