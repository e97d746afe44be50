import CLibPQ

/// One connection to a PostgreSQL server through libpq, used by one thread at a time.
///
/// Statements take their values as parameters (never spliced into the SQL) and come back in the
/// text format. Failures are ``PostgresError``s, which hold no server text. The server's notices
/// are dropped: they can quote values, and nobody reads a library's standard error.
public final class PostgresConnection {
    private let connection: OpaquePointer

    /// Connects with `connectionString`: a `postgres://` or `postgresql://` URI, or libpq's
    /// `key=value` form. What it leaves out comes from the standard `PG*` environment variables,
    /// the password from `~/.pgpass` (or `PGPASSFILE`), as for every libpq program.
    public init(connectionString: String) throws(PostgresError) {
        guard let connection = PQconnectdb(connectionString) else { throw PostgresError(kind: .client) }
        guard PQstatus(connection) == CONNECTION_OK else {
            let kind = Self.classifyConnectionFailure(connection)
            PQfinish(connection)
            throw PostgresError(kind: kind)
        }
        self.connection = connection
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        guard PQsetClientEncoding(connection, "UTF8") == 0 else {
            PQfinish(connection)
            throw PostgresError(kind: .client)
        }
    }

    deinit {
        PQfinish(connection)
    }

    /// What a failed connection was refused for, read from libpq's message (never kept).
    private static func classifyConnectionFailure(_ connection: OpaquePointer) -> PostgresError.Kind {
        if PQconnectionNeedsPassword(connection) == 1 { return .authentication }
        let message = PQerrorMessage(connection).map { String(cString: $0) } ?? ""
        if message.contains("authentication failed") || (message.contains("role") && message.contains("does not exist")) {
            return .authentication
        }
        if message.contains("database") && message.contains("does not exist") { return .missingDatabase }
        return .connection
    }

    // MARK: - What the connection reached (never its password)

    /// The database's name.
    public var database: String { PQdb(connection).map { String(cString: $0) } ?? "" }
    /// The role connected as.
    public var user: String { PQuser(connection).map { String(cString: $0) } ?? "" }
    /// The host name, or the socket's folder.
    public var host: String { PQhost(connection).map { String(cString: $0) } ?? "" }
    public var port: String { PQport(connection).map { String(cString: $0) } ?? "" }
    /// The server's version as an integer (150018 for 15.18).
    public var serverVersion: Int { Int(PQserverVersion(connection)) }
    /// Whether the connection is still usable (false once the server has gone away).
    public var isUsable: Bool { PQstatus(connection) == CONNECTION_OK }
    /// Whether the connection is usable and outside any transaction: fit to be lent again.
    public var isIdle: Bool { isUsable && PQtransactionStatus(connection) == PQTRANS_IDLE }

    /// `role@host:port/database`, for messages and logs.
    public var location: String {
        let place = host.hasPrefix("/") ? "socket \(host)" : host
        return "\(user)@\(place):\(port)/\(database)"
    }

    // MARK: - Statements

    /// Runs one statement with `parameters` bound to `$1`, `$2`…, and returns its rows.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresBindable] = []) throws(PostgresError) -> PostgresRows {
        let texts = parameters.map(\.postgresText)
        let result = withCStrings(texts) { pointers in
            PQexecParams(connection, sql, Int32(pointers.count), nil, pointers, nil, nil, 0)
        }
        return try rows(consuming: result)
    }

    /// Runs several statements separated by semicolons, without parameters (migrations).
    public func executeScript(_ sql: String) throws(PostgresError) {
        _ = try rows(consuming: PQexec(connection, sql))
    }

    /// The rows of `result`, which is freed; its failure as a ``PostgresError``.
    private func rows(consuming result: OpaquePointer?) throws(PostgresError) -> PostgresRows {
        guard let result else { throw failure(of: nil) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return PostgresRows(columns: [], values: [], affected: Self.affected(result))
        case PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE:
            let columnCount = PQnfields(result)
            let columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
            let rowCount = PQntuples(result)
            var values: [[String?]] = []
            values.reserveCapacity(Int(rowCount))
            for row in 0..<rowCount {
                values.append((0..<columnCount).map { column in
                    PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
                })
            }
            return PostgresRows(columns: columns, values: values, affected: Int(rowCount))
        default:
            throw failure(of: result)
        }
    }

    private static func affected(_ result: OpaquePointer) -> Int {
        guard let text = PQcmdTuples(result) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    /// The failure a result reports, or the connection's when there is no result.
    private func failure(of result: OpaquePointer?) -> PostgresError {
        guard let result, let state = field(result, "C") else {
            return PostgresError(kind: isUsable ? .client : .connection)
        }
        return PostgresError(
            kind: state.hasPrefix("08") ? .connection : .statement, sqlState: state,
            table: field(result, "t"), column: field(result, "c"), constraint: field(result, "n"))
    }

    private func field(_ result: OpaquePointer, _ code: Unicode.Scalar) -> String? {
        PQresultErrorField(result, Int32(code.value)).map { String(cString: $0) }
    }

    // MARK: - COPY

    /// Loads rows with `COPY … FROM STDIN` (PostgreSQL's bulk path): `statement` is the COPY
    /// statement, each row is its columns' values in order, nil for NULL. Returns the rows loaded.
    @discardableResult
    public func copy(_ statement: String, rows: some Sequence<[String?]>) throws(PostgresError) -> Int {
        guard let start = PQexec(connection, statement) else { throw failure(of: nil) }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            defer { PQclear(start) }
            throw failure(of: start)
        }
        PQclear(start)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        var sent = true
        for row in rows {
            CopyText.append(row, to: &buffer)
            if buffer.count >= 1 << 16 {
                sent = put(buffer)
                buffer.removeAll(keepingCapacity: true)
                if !sent { break }
            }
        }
        if sent, !buffer.isEmpty { sent = put(buffer) }
        guard PQputCopyEnd(connection, sent ? nil : "hotich stopped the copy") == 1 else { throw failure(of: nil) }
        var firstFailure: PostgresError?
        var loaded = 0
        while let result = PQgetResult(connection) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                loaded = Self.affected(result)
            } else if firstFailure == nil {
                firstFailure = failure(of: result)
            }
            PQclear(result)
        }
        if let firstFailure { throw firstFailure }
        if !sent { throw PostgresError(kind: .connection) }
        return loaded
    }

    private func put(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                PQputCopyData(connection, chars.baseAddress, Int32(chars.count)) == 1
            }
        }
    }

    // MARK: - Transactions

    /// Runs `body` in one transaction at `isolation`, committed when it returns and rolled back
    /// when it throws. A serialization failure or deadlock runs the whole transaction again (up to
    /// `attempts` times, waiting a little longer each time): `body` must do nothing outside the
    /// database that it could not do twice.
    public func transaction<T>(
        _ isolation: Isolation = .serializable, readOnly: Bool = false, attempts: Int = 8,
        _ body: (PostgresConnection) throws -> T
    ) throws -> T {
        var attempt = 1
        while true {
            do {
                try execute("BEGIN ISOLATION LEVEL \(isolation.sql)\(readOnly ? " READ ONLY" : "")")
                let result: T
                do {
                    result = try body(self)
                    try execute("COMMIT")
                } catch {
                    if isUsable { _ = try? execute("ROLLBACK") }
                    throw error
                }
                return result
            } catch let error as PostgresError where error.isRetryable && attempt < attempts {
                // Back off with a little jitter so that the transactions that clashed do not clash again.
                let wait = UInt32(min(200_000, 2_000 << min(attempt, 6))) + UInt32.random(in: 0..<5_000)
                usleep(wait)
                attempt += 1
            }
        }
    }

    public enum Isolation: Sendable {
        case readCommitted, repeatableRead, serializable

        var sql: String {
            switch self {
            case .readCommitted: "READ COMMITTED"
            case .repeatableRead: "REPEATABLE READ"
            case .serializable: "SERIALIZABLE"
            }
        }
    }
}

/// Calls `body` with C strings of `texts` (NULL for nil), valid only during the call.
private func withCStrings<R>(_ texts: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    var owned: [UnsafeMutablePointer<CChar>?] = texts.map { $0.map { strdup($0) } }
    defer { for pointer in owned { free(pointer) } }
    return owned.withUnsafeMutableBufferPointer { buffer in
        body(buffer.map { $0.map { UnsafePointer($0) } })
    }
}

/// COPY's text format: columns separated by tabs, rows by newlines, `\N` for NULL, and the
/// backslash, tab, newline and carriage return escaped.
enum CopyText {
    static func append(_ row: [String?], to buffer: inout [UInt8]) {
        for (index, value) in row.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: "\t")) }
            guard let value else {
                buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
                continue
            }
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\t"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(UInt8(ascii: "\n"))
    }
}

extension PostgresConnection {
    /// `role@host:port/database` of a connection string, without its password or any other option,
    /// for messages about a connection that failed; what the string leaves to libpq's defaults
    /// (the `PG*` variables) is said as `(default)`. Nil when libpq cannot parse the string.
    public static func describe(_ connectionString: String) -> String? {
        guard let options = PQconninfoParse(connectionString, nil) else { return nil }
        defer { PQconninfoFree(options) }
        var values: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { values[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        func part(_ key: String, _ variable: String) -> String {
            let given = values[key].flatMap { $0.isEmpty ? nil : $0 } ?? getenv(variable).map { String(cString: $0) }
            guard let given else { return "(default)" }
            // A password holding `@` left unescaped in a URI is read by libpq as part of the host:
            // such a part is never shown.
            return given.contains("@") ? "(?)" : given
        }
        return "\(part("user", "PGUSER"))@\(part("host", "PGHOST")):\(part("port", "PGPORT"))/\(part("dbname", "PGDATABASE"))"
    }
}
