/// What kind of value a field holds, which decides how it is parsed, checked and compared.
public enum FieldType: Sendable, Hashable {
    /// Free text, kept as written.
    case text
    /// A place as written (nơi sinh, quê quán, nơi cư trú, nơi chết): text, whose province the
    /// export names by its code when it can (``AdministrativeUnits``).
    case place
    /// A person's name: kept as written (capitals stay capitals), compared ignoring case.
    case personName
    /// A date as written plus its parsed partial date.
    case date
    /// A time of day `hh:mm`.
    case time
    /// A value of a code list, by code or by label; lists that allow it keep unlisted text.
    case code(CodeList)
    /// The 12-digit personal ID number (số định danh cá nhân).
    case personalID
    /// The number of an identity document (CMND of 9 or 12 digits, passport, …).
    case documentNumber
    /// The entry number in the book (`so`): digits, optionally `NN/YYYY`.
    case registrationNumber
    /// The volume `QQ/YYYY` (quyển số).
    case volume
    /// A page number.
    case page
}

/// Who in the record a field describes; decides the defaults and the cross-field checks.
public enum FieldGroup: String, Sendable, CaseIterable {
    /// Số, quyển, trang, ngày đăng ký, nơi đăng ký, người ký… (the register's own columns).
    case register
    /// The person the record is about (nks, nkt, nxn) or both spouses / parent and child.
    case subject
    case mother, father
    case husband, wife
    case parent, child
    /// Người yêu cầu / người đi đăng ký.
    case requester
    /// Giấy báo tử (death notice).
    case deathNotice
    /// A registration made abroad and written into the book.
    case foreign
    /// Annotations: declared missing, restricted capacity, annulment…
    case annotation
}

/// One field of a record kind: the Ministry's key, the label printed on the register, its type,
/// whether the register requires it, and how long it may be.
public struct FieldDefinition: Sendable, Hashable {
    /// The Ministry's camelCase key (`nksHoTen`), used for import columns and export.
    public let key: String
    /// The label as printed on the register (Vietnamese).
    public let label: String
    /// An English label for `--lang en`.
    public let englishLabel: String
    public let type: FieldType
    public let group: FieldGroup
    /// Whether a keyed record must state the field (filled, blank in source, illegible or uncertain).
    /// A required field may still be marked blank in source: the register is what it is.
    public let required: Bool
    /// The longest value accepted, in characters.
    public let maxLength: Int
    /// What Enter means when the operator types nothing and no earlier record proposes a value.
    public let defaultValue: FieldValue?

    public init(
        _ key: String, _ label: String, _ englishLabel: String, _ type: FieldType, group: FieldGroup,
        required: Bool = false, maxLength: Int? = nil, defaultValue: FieldValue? = nil
    ) {
        self.key = key
        self.label = label
        self.englishLabel = englishLabel
        self.type = type
        self.group = group
        self.required = required
        self.maxLength = maxLength ?? Self.defaultMaxLength(for: type)
        self.defaultValue = defaultValue
    }

    /// The label in `language`.
    public func label(in language: Language) -> String {
        language == .vietnamese ? label : englishLabel
    }

    /// The code list of a code field.
    public var codeList: CodeList? {
        if case .code(let list) = type { return list }
        return nil
    }

    static func defaultMaxLength(for type: FieldType) -> Int {
        switch type {
        case .text, .place: 500
        case .personName: 100
        case .date: 40
        case .time: 20
        case .code: 100
        case .personalID: 20
        case .documentNumber: 30
        case .registrationNumber: 20
        case .volume: 20
        case .page: 10
        }
    }
}
