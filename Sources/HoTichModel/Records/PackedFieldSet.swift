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

    /// The fields again.
    /// - Throws: `DecodingError` when the text is not a field set.
    public func unpacked() throws -> [String: FieldValue] {
        try FieldSetJSON.decode(text)
    }
}
