public import HoTichModel

/// How a record kind's fields are laid out in the exchange format: one element per record kind,
/// holding one element per field group (register, subject, mother, …) in the order the groups
/// first appear in the register, each holding its fields by their Ministry keys.
///
/// The schema generator and the writer both read this, so the XSD and the files cannot disagree.
public enum ExportLayout {
    /// The schema's major version, in its namespace, and the full version in `@schemaVersion`.
    public static let namespace = "urn:hotich:export:1"
    public static let schemaVersion = "1.6.0"

    /// The element that holds a record of `kind`.
    public static func elementName(for kind: RecordKind) -> String {
        switch kind {
        case .birth: "birth"
        case .death: "death"
        case .marriage: "marriage"
        case .maritalStatus: "maritalStatus"
        case .parentChild: "parentChild"
        }
    }

    /// The fields of `kind` grouped as the export writes them.
    public static func groups(for kind: RecordKind) -> [(group: FieldGroup, fields: [FieldDefinition])] {
        cachedGroups[kind] ?? []
    }

    private static let cachedGroups: [RecordKind: [(group: FieldGroup, fields: [FieldDefinition])]] = Dictionary(
        uniqueKeysWithValues: RecordKind.allCases.map { kind in
            var order: [FieldGroup] = []
            var byGroup: [FieldGroup: [FieldDefinition]] = [:]
            for field in FieldCatalog.fields(for: kind) {
                if byGroup[field.group] == nil { order.append(field.group) }
                byGroup[field.group, default: []].append(field)
            }
            return (kind, order.map { ($0, byGroup[$0] ?? []) })
        })

    /// The schema type of a field's element.
    public static func typeName(of field: FieldDefinition) -> String {
        switch field.type {
        case .personName: "NameField"
        case .date: "DateField"
        case .time: "TimeField"
        case .code: "CodeField"
        case .place: "PlaceField"
        case .personalID: "PersonalIDField"
        case .text, .documentNumber, .registrationNumber, .volume, .page: "TextField"
        }
    }
}
