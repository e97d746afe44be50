/// A record's fields packed once into their stored form (``FieldSetJSON``), to be carried and
/// written many times without packing them again: an import packs each row on its checking
/// thread and the store writes the packed text inside the transaction.
public struct PackedFieldSet: Sendable, Equatable {
    /// The packed text, as ``FieldSetJSON`` writes it.
    public let text: String

    /// Packs fields given in the order of their keys, each key once.
    public init(sortedPairs pairs: [(key: String, value: FieldValue)]) {
        text = FieldSetJSON.encode(sortedPairs: pairs)
    }

    /// Packs `fields`.
    public init(_ fields: [String: FieldValue]) {
        text = FieldSetJSON.encode(fields)
    }

    /// Takes text packed earlier (read back from a staging file) as it is.
    public init(packed text: String) {
        self.text = text
    }

    /// The number of fields: in the packed text every value is a string, so each field is one
    /// `":"` (a quote inside a value is escaped, so the three characters never occur inside one).
    public var fieldCount: Int {
        let quote = UInt8(ascii: "\""), colon = UInt8(ascii: ":")
        var count = 0
        var (twoBack, oneBack): (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if twoBack == quote && oneBack == colon && byte == quote { count += 1 }
            (twoBack, oneBack) = (oneBack, byte)
        }
        return count
    }

    /// The fields again.
    /// - Throws: `DecodingError` when the text is not a field set.
    public func unpacked() throws -> [String: FieldValue] {
        try FieldSetJSON.decode(text)
    }
}
