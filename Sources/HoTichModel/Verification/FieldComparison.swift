/// How two keyings of one field are compared in double-entry verification.
///
/// Values agree when they say the same thing after normalisation: NFC and collapsed whitespace
/// (already true of stored text), letter case in personal names, equivalent spellings of one date
/// (`1.2.1990` and `01.02.1990`), of one time, of one registration number (`7` and `07`), and a code
/// given by its code or its label. A value read with doubt never agrees with anything: the doubt
/// is settled by a verifier against the image.
public enum FieldComparison {
    /// What a value is compared as; `nil` for a doubtful value, which agrees with nothing.
    public static func comparable(_ value: FieldValue?, as field: FieldDefinition) -> String? {
        switch value {
        case nil: return ""
        case .blank: return "-"
        case .illegible: return "."
        case .uncertain: return nil
        case .filled(let text): return "=" + normalizedText(text, type: field.type)
        }
    }

    /// Whether two keyings of `field` agree.
    public static func agree(_ first: FieldValue?, _ second: FieldValue?, field: FieldDefinition) -> Bool {
        guard let a = comparable(first, as: field), let b = comparable(second, as: field) else { return false }
        return a == b
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
