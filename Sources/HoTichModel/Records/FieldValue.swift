/// A keyed field in one of the four states the source can be in.
///
/// They are different facts and travel all the way into the export: a field left blank in the
/// book is not a field nobody could read, and neither is a value read with doubt.
public enum FieldValue: Sendable, Hashable, Codable {
    /// A value read from the source, stored NFC as written.
    case filled(String)
    /// The source leaves this field blank (operator types `-`).
    case blank
    /// The source has something here that cannot be read (operator types `.`).
    case illegible
    /// A value read with doubt (operator ends it with `?`).
    case uncertain(String)

    /// The state as a stable code: `filled`, `blank`, `illegible`, `uncertain`.
    public var state: String {
        switch self {
        case .filled: "filled"
        case .blank: "blank"
        case .illegible: "illegible"
        case .uncertain: "uncertain"
        }
    }

    /// The text of a filled or uncertain value.
    public var text: String? {
        switch self {
        case .filled(let text), .uncertain(let text): text
        case .blank, .illegible: nil
        }
    }

    /// The value as a verifier confirms it against the image: a doubtful value becomes certain;
    /// every other value is unchanged. (The keyings keep the doubt mark as history.)
    public var confirmed: FieldValue {
        if case .uncertain(let text) = self { return .filled(text) }
        return self
    }

    /// How the value is typed back at a prompt: `-` blank, `.` illegible, `value?` uncertain.
    public var typed: String {
        switch self {
        case .filled(let text): text
        case .blank: "-"
        case .illegible: "."
        case .uncertain(let text): text + "?"
        }
    }

    /// Reads what an operator typed or a spreadsheet cell holds: `-` blank, `.` illegible,
    /// a trailing `?` marks doubt. Empty input is `nil` (nothing said).
    public init?(typed input: String) {
        let text = VietnameseText.normalized(input)
        switch text {
        case "": return nil
        case "-": self = .blank
        case ".": self = .illegible
        default:
            if text.hasSuffix("?") && text.count > 1 {
                self = .uncertain(VietnameseText.normalized(String(text.dropLast())))
            } else {
                self = .filled(text)
            }
        }
    }

    // MARK: - Codable as one string: the state's marker, then the text

    /// The stored form: `=text` filled, `?text` uncertain, `-` blank, `.` illegible
    /// (the same form `FieldSetJSON` writes).
    public var stored: String {
        switch self {
        case .filled(let text): "=" + text
        case .uncertain(let text): "?" + text
        case .blank: "-"
        case .illegible: "."
        }
    }

    /// Reads the stored form; `nil` when it carries no state marker.
    public init?(stored: String) {
        switch stored.first {
        case "=": self = .filled(String(stored.dropFirst()))
        case "?": self = .uncertain(String(stored.dropFirst()))
        case "-" where stored.count == 1: self = .blank
        case "." where stored.count == 1: self = .illegible
        default: return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let value = FieldValue(stored: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "a field value has no state marker")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(stored)
    }
}
