/// A value sent to PostgreSQL as a statement parameter, in the text format.
public protocol PostgresBindable: Sendable {
    /// The value as PostgreSQL reads it in the text format; nil for SQL NULL.
    var postgresText: String? { get }
}

/// A value read back from a result column in the text format.
public protocol PostgresDecodable {
    /// The value of `text`, nil when it is not one.
    init?(postgresText text: String)
}

extension String: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { self }
    public init?(postgresText text: String) { self = text }
}

extension Int: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { String(self) }
    public init?(postgresText text: String) { self.init(text) }
}

extension Int64: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { String(self) }
    public init?(postgresText text: String) { self.init(text) }
}

extension Int32: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { String(self) }
    public init?(postgresText text: String) { self.init(text) }
}

extension Double: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { "\(self)" }
    public init?(postgresText text: String) { self.init(text) }
}

extension Bool: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { self ? "t" : "f" }
    public init?(postgresText text: String) {
        switch text {
        case "t", "true", "1": self = true
        case "f", "false", "0": self = false
        default: return nil
        }
    }
}

extension Optional: PostgresBindable where Wrapped: PostgresBindable {
    public var postgresText: String? { self?.postgresText }
}

/// SQL NULL as a parameter.
public struct PostgresNull: PostgresBindable {
    public init() {}
    public var postgresText: String? { nil }
}

/// A list of strings as one parameter, in PostgreSQL's array syntax (`= ANY($1::text[])`).
public struct PostgresArray: PostgresBindable {
    public let elements: [String]

    public init(_ elements: [String]) {
        self.elements = elements
    }

    public var postgresText: String? {
        "{" + elements.map { element in
            var quoted = "\""
            for character in element.unicodeScalars {
                if character == "\"" || character == "\\" { quoted.unicodeScalars.append("\\") }
                quoted.unicodeScalars.append(character)
            }
            return quoted + "\""
        }.joined(separator: ",") + "}"
    }
}
