/// The rows a statement returned, read in the text format and copied out of libpq's result.
public struct PostgresRows: Sendable, RandomAccessCollection {
    /// Column names in order, as the statement named them.
    public let columns: [String]
    let values: [[String?]]
    /// How many rows an INSERT, UPDATE or DELETE touched (0 for other statements).
    public let affected: Int

    init(columns: [String], values: [[String?]], affected: Int) {
        self.columns = columns
        self.values = values
        self.affected = affected
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { values.count }

    public subscript(position: Int) -> PostgresRow {
        PostgresRow(columns: columns, values: values[position])
    }
}

/// One row of a result.
public struct PostgresRow: Sendable {
    public let columns: [String]
    public let values: [String?]

    /// The text of column `name`; nil for NULL.
    /// - Throws: ``PostgresDecodingError`` when the statement has no such column.
    public func text(_ name: String) throws -> String? {
        guard let index = columns.firstIndex(of: name) else { throw PostgresDecodingError(column: name) }
        return values[index]
    }

    /// Column `name` as `T`, nil for NULL.
    /// - Throws: ``PostgresDecodingError`` when there is no such column or its text is no `T`.
    public func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T? {
        guard let text = try text(name) else { return nil }
        guard let value = T(postgresText: text) else { throw PostgresDecodingError(column: name) }
        return value
    }

    /// Column `name` as `T`, which must not be NULL.
    public func required<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let value: T = try decode(name) else { throw PostgresDecodingError(column: name) }
        return value
    }

    /// The first column as `T` (for one-value queries), nil for NULL.
    public func first<T: PostgresDecodable>(as type: T.Type = T.self) throws -> T? {
        guard let name = columns.first else { throw PostgresDecodingError(column: "") }
        return try decode(name)
    }
}

/// A column a row does not have, or whose text is not of the type asked for (named, its value never).
public struct PostgresDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let column: String
    public var description: String { "postgres column \(column) missing or of another type" }
}
