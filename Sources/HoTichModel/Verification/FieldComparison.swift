/// How two keyings of one field are compared in double-entry verification.
///
/// Values agree when they say the same thing after normalisation: NFC and collapsed whitespace
/// (already true of stored text), letter case in personal names, equivalent spellings of one date
/// (`1.2.1990` and `01.02.1990`), of one time, of one registration number (`7` and `07`), and a code
/// given by its code or its label.
///
/// Certainty is not part of the value: `1990?` and `1990` agree. A doubt mark is the keyer being
/// honest about the image, not a different reading; whether a doubt is still to be confirmed
/// against the image is asked separately (``isDoubtful(_:)``), and a keyer whose doubtful value
/// the image confirms made no error.
public enum FieldComparison {
    /// What a value is compared as: its state and its normalised text, with any doubt mark removed.
    public static func comparable(_ value: FieldValue?, as field: FieldDefinition) -> String {
        switch value {
        case nil: ""
        case .blank: "-"
        case .illegible: "."
        case .filled(let text), .uncertain(let text): "=" + normalizedText(text, type: field.type)
        }
    }

    /// Whether two keyings of `field` say the same value, however certain each keyer was.
    public static func agree(_ first: FieldValue?, _ second: FieldValue?, field: FieldDefinition) -> Bool {
        comparable(first, as: field) == comparable(second, as: field)
    }

    /// Whether a keyed value carries a doubt mark that a verifier has still to confirm against the image.
    public static func isDoubtful(_ value: FieldValue?) -> Bool {
        if case .uncertain = value { return true }
        return false
    }

    /// The keys of the fields on which two keyings of a record of `kind` agree while either keyer
    /// marked a doubt, in register order: what a verifier confirms against the image.
    public static func sharedDoubts(
        _ first: [String: FieldValue], _ second: [String: FieldValue], kind: RecordKind
    ) -> [String] {
        FieldCatalog.fields(for: kind).compactMap { field in
            let (a, b) = (first[field.key], second[field.key])
            guard isDoubtful(a) || isDoubtful(b), agree(a, b, field: field) else { return nil }
            return field.key
        }
    }

    /// The keys of the fields on which two keyings of a record of `kind` disagree, in register order.
    public static func disagreements(
        _ first: [String: FieldValue], _ second: [String: FieldValue], kind: RecordKind
    ) -> [String] {
        FieldCatalog.fields(for: kind).compactMap { field in
            agree(first[field.key], second[field.key], field: field) ? nil : field.key
        }
    }

    static func normalizedText(_ text: String, type: FieldType) -> String {
        let text = VietnameseText.normalized(text)
        switch type {
        case .personName:
            return text.lowercased()
        case .date:
            return PartialDate(text)?.canonical ?? text
        case .time:
            return TimeOfDay(text)?.canonical ?? text
        case .code(let list):
            return list.entry(matching: text)?.code ?? VietnameseText.folded(text)
        case .registrationNumber:
            return RegistrationNumber.value(text).map(String.init) ?? text
        case .text, .place, .personalID, .documentNumber, .volume, .page:
            return text
        }
    }
}
