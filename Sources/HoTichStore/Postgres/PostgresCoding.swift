import Foundation
import HoTichPostgres
import HoTichModel

/// Reads a model value whose stored columns are its `Codable` properties (as GRDB's `Codable`
/// records do for SQLite) from a row in the text format: numbers, booleans and strings from their
/// text, string-backed enumerations by their raw value, a nested value from the JSON text GRDB
/// stores it as.
struct PostgresRowDecoder: Decoder {
    let row: PostgresRow
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    static func decode<T: Decodable>(_ type: T.Type, from row: PostgresRow) throws -> T {
        try T(from: PostgresRowDecoder(row: row))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Columns<Key>(row: row, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "a row is no list"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "a row is no single value"))
    }

    struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: PostgresRow
        var codingPath: [any CodingKey]
        var allKeys: [Key] { row.columns.compactMap(Key.init(stringValue:)) }

        func contains(_ key: Key) -> Bool { row.columns.contains(key.stringValue) }

        func decodeNil(forKey key: Key) throws -> Bool {
            try row.text(key.stringValue) == nil
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let text = try row.text(key.stringValue) else {
                throw DecodingError.valueNotFound(type, .init(codingPath: codingPath + [key], debugDescription: "NULL"))
            }
            return try ColumnValue(text: text, codingPath: codingPath + [key]).decode(type)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch(type, .init(codingPath: codingPath + [key], debugDescription: "nested"))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath + [key], debugDescription: "nested"))
        }

        func superDecoder() throws -> any Decoder { PostgresRowDecoder(row: row, codingPath: codingPath) }
        func superDecoder(forKey key: Key) throws -> any Decoder { PostgresRowDecoder(row: row, codingPath: codingPath + [key]) }
    }
}

/// One column's text as a single value: what a string-backed enumeration or a code type decodes from.
private struct ColumnValue: Decoder, SingleValueDecodingContainer {
    let text: String
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let value = text as? T { return value }
        // The model's code type is its digits (GRDB's conformance stores it so).
        if T.self == OfficeCode.self {
            guard let code = OfficeCode(text) as? T else { throw mismatch(type) }
            return code
        }
        if let decodable = type as? any PostgresDecodable.Type {
            guard let value = decodable.init(postgresText: text) as? T else { throw mismatch(type) }
            return value
        }
        // A nested value stored as JSON (GRDB's way), or a type that decodes from one string.
        if text.first == "{" || text.first == "[" {
            if let value = try? JSONDecoder().decode(T.self, from: Data(text.utf8)) { return value }
        }
        return try T(from: self)
    }

    private func mismatch(_ type: Any.Type) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "column text is no such value"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { throw mismatch(type) }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw mismatch([Any].self) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }
    func decodeNil() -> Bool { false }
    func decode(_ type: String.Type) throws -> String { text }
    func decode(_ type: Bool.Type) throws -> Bool { try parse(type) }
    func decode(_ type: Int.Type) throws -> Int { try parse(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try parse(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try parse(type) }
    func decode(_ type: Double.Type) throws -> Double { try parse(type) }

    private func parse<T: PostgresDecodable>(_ type: T.Type) throws -> T {
        guard let value = T(postgresText: text) else { throw mismatch(type) }
        return value
    }
}

/// Writes a model value's `Codable` properties as column values (the inverse of
/// ``PostgresRowDecoder``): what an INSERT binds.
final class PostgresRowEncoder: Encoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    /// Column names in the order they were encoded, with their values (nil for NULL).
    private(set) var columns: [(name: String, value: String?)] = []
    /// Whether the value asked for something a row cannot be (a list, a single value).
    fileprivate var notARow = false

    static func encode(_ value: some Encodable) throws -> [(name: String, value: String?)] {
        let encoder = PostgresRowEncoder()
        try value.encode(to: encoder)
        guard !encoder.notARow else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "a row is a keyed value"))
        }
        return encoder.columns
    }

    func set(_ name: String, _ value: String?) {
        if let index = columns.firstIndex(where: { $0.name == name }) {
            columns[index].value = value
        } else {
            columns.append((name, value))
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Columns<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        notARow = true
        return ColumnText.IgnoredList()
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        notARow = true
        return ColumnText()
    }

    struct Columns<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: PostgresRowEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { encoder.set(key.stringValue, nil) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            encoder.set(key.stringValue, try ColumnText.text(of: value))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            encoder.notARow = true
            return KeyedEncodingContainer(ColumnText.Ignored<NestedKey>())
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            encoder.notARow = true
            return ColumnText.IgnoredList()
        }
        mutating func superEncoder() -> any Encoder { encoder }
        mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }
    }
}

/// One value as the text of its column: a number, a boolean or a string as itself, a value that
/// encodes as one of those (an enumeration, a code) likewise, anything else as JSON (GRDB's way).
final class ColumnText: Encoder, SingleValueEncodingContainer {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    var text: String?
    var isNil = false
    var needsJSON = false

    static func text(of value: some Encodable) throws -> String? {
        if let bindable = value as? any PostgresBindable { return bindable.postgresText }
        if let code = value as? OfficeCode { return code.value }
        let single = ColumnText()
        try value.encode(to: single)
        if single.needsJSON {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        return single.isNil ? nil : single.text
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        needsJSON = true
        return KeyedEncodingContainer(Ignored<Key>())
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        needsJSON = true
        return IgnoredList()
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }
    func encodeNil() { isNil = true }
    func encode(_ value: String) { text = value }
    func encode(_ value: Bool) { text = value.postgresText }
    func encode(_ value: Int) { text = value.postgresText }
    func encode(_ value: Int64) { text = value.postgresText }
    func encode(_ value: Int32) { text = value.postgresText }
    func encode(_ value: Double) { text = value.postgresText }
    func encode<T: Encodable>(_ value: T) throws { text = try Self.text(of: value) }

    struct Ignored<Key: CodingKey>: KeyedEncodingContainerProtocol {
        var codingPath: [any CodingKey] { [] }
        mutating func encodeNil(forKey key: Key) {}
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) {}
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Ignored<NestedKey>())
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { IgnoredList() }
        mutating func superEncoder() -> any Encoder { ColumnText() }
        mutating func superEncoder(forKey key: Key) -> any Encoder { ColumnText() }
    }

    struct IgnoredList: UnkeyedEncodingContainer {
        var codingPath: [any CodingKey] { [] }
        var count = 0
        mutating func encodeNil() {}
        mutating func encode<T: Encodable>(_ value: T) {}
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Ignored<NestedKey>())
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { IgnoredList() }
        mutating func superEncoder() -> any Encoder { ColumnText() }
    }
}

extension PostgresTransaction {
    /// The rows of `sql` as values of `T` (see ``PostgresRowDecoder``).
    func fetchAll<T: Decodable>(_ type: T.Type, _ sql: String, _ parameters: [any PostgresBindable] = []) throws -> [T] {
        try execute(sql, parameters).map { try decodeRow(type, $0) }
    }

    func fetchOne<T: Decodable>(_ type: T.Type, _ sql: String, _ parameters: [any PostgresBindable] = []) throws -> T? {
        try execute(sql, parameters).first.map { try decodeRow(type, $0) }
    }

    func decodeRow<T: Decodable>(_ type: T.Type, _ row: PostgresRow) throws -> T {
        do {
            return try PostgresRowDecoder.decode(type, from: row)
        } catch is DecodingError {
            throw StoreFailure.damagedRow(table: String(describing: type))
        }
    }

    /// Inserts `value`'s columns into `table`; a nil `id` is left to the table's identity, and the
    /// row's id is returned (nil for tables without one).
    @discardableResult
    func insert(_ value: some Encodable, into table: String, returningID: Bool = false) throws -> Int64? {
        let columns = try PostgresRowEncoder.encode(value).filter { !($0.name == "id" && $0.value == nil) }
        let names = columns.map { PostgresRoles.quoted($0.name) }.joined(separator: ", ")
        let placeholders = (1...max(columns.count, 1)).map { "$\($0)" }.prefix(columns.count).joined(separator: ", ")
        let rows = try execute(
            "INSERT INTO \(PostgresRoles.quoted(table)) (\(names)) VALUES (\(placeholders))\(returningID ? #" RETURNING "id""# : "")",
            columns.map(\.value))
        return returningID ? try rows.first?.decode("id") : nil
    }

    /// Writes `value`'s columns over the row of `table` whose `key` column equals its own;
    /// `columns` it leaves out (nil properties an encoder skips) become NULL.
    func update(_ value: some Encodable, in table: String, key: String = "id", columns all: [String]) throws {
        let encoded = try PostgresRowEncoder.encode(value)
        var values: [String: String?] = [:]
        for column in encoded { values[column.name] = column.value }
        guard let keyValue = values[key] ?? nil else { throw StoreFailure.missingRow(table: table) }
        let assigned = all.filter { $0 != key }
        let sets = assigned.enumerated().map { "\(PostgresRoles.quoted($0.element)) = $\($0.offset + 1)" }.joined(separator: ", ")
        try execute(
            "UPDATE \(PostgresRoles.quoted(table)) SET \(sets) WHERE \(PostgresRoles.quoted(key)) = $\(assigned.count + 1)",
            assigned.map { values[$0] ?? nil } + [keyValue])
    }
}
