/// What the duplicate check compares of one register entry: the main person and the event.
///
/// Names are folded (diacritics and tones removed, đ → d, lower case) so that `Nguyễn Văn Đức`
/// and `Nguyen Van Duc` meet; dates are compared as far as both are written.
public struct RegisteredEvent: Sendable, Hashable {
    public let id: String
    public let kind: RecordKind
    /// The main person's folded name.
    public let name: String?
    public let birthDate: PartialDate?
    /// Folded names of the people who identify the event besides the main person: the parents
    /// in a birth, the wife in a marriage, the parent in a recognition of parentage.
    public let related: [String: String]
    /// The date of death in a death record.
    public let deathDate: PartialDate?
    /// The main person's 12-digit personal ID number.
    public let personalID: String?
    /// Whether the entry is a re-registration (đăng ký lại), expected to repeat an earlier entry.
    public let isReregistration: Bool

    /// Reads the compared facts out of a record's fields.
    public init(id: String, kind: RecordKind, fields: [String: FieldValue]) {
        self.id = id
        self.kind = kind
        func text(_ key: String) -> String? { fields[key]?.text }
        name = text(FieldCatalog.subjectNameKey(for: kind)).map(VietnameseText.folded)
        birthDate = text(FieldCatalog.subjectBirthDateKey(for: kind)).flatMap { PartialDate($0) }
        var related: [String: String] = [:]
        for key in Self.relatedKeys(for: kind) {
            if let value = text(key) { related[key] = VietnameseText.folded(value) }
        }
        self.related = related
        deathDate = kind == .death ? text("nktNgayChet").flatMap { PartialDate($0) } : nil
        personalID = FieldCatalog.subjectPersonalIDKey(for: kind).flatMap(text).flatMap { PersonalIDNumber($0)?.digits }
        isReregistration = DuplicateMatching.isReregistration(fields["loaiDangKy"], kind: kind)
    }

    static func relatedKeys(for kind: RecordKind) -> [String] {
        switch kind {
        case .birth: ["meHoTen", "chaHoTen"]
        case .marriage: ["voHoTen"]
        case .parentChild: ["cmHoTen"]
        case .death, .maritalStatus: []
        }
    }
}

/// Finds entries that register the same person and event twice, without comparing all pairs:
/// candidates share a blocking key (kind, folded name, birth year) or a personal ID number.
public enum DuplicateMatching {
    /// Whether a registration-type value (`loaiDangKy`) says "Đăng ký lại".
    ///
    /// The field stores the register's label, an import may hold the code, and the kinds' lists
    /// number their types differently (code 2 of the recognition list is a foreign registration):
    /// the value is looked up in the kind's own list and the entry is recognised by its label.
    public static func isReregistration(_ value: FieldValue?, kind: RecordKind) -> Bool {
        guard let text = value?.text, let list = FieldCatalog.field("loaiDangKy", in: kind)?.codeList,
              let entry = list.entry(matching: text)
        else { return false }
        return VietnameseText.folded(entry.label) == reregistrationLabel
    }

    /// The folded label of the re-registration type in every list that has one.
    static let reregistrationLabel = VietnameseText.folded("Đăng ký lại")
    /// How far apart two complete dates may be and still name one event (a misread day or month).
    public static let dateWindowDays = 31

    /// Why two entries are thought to be one.
    public enum Basis: String, Sendable, Codable, CaseIterable {
        /// The same personal ID number and the same folded name.
        case personalID = "personal-id"
        /// The same folded name, compatible birth (and death) dates and the same related people.
        case nameAndDates = "name-dates"
    }

    /// The blocking key of an entry: entries with different keys are never compared by name.
    public static func blockingKey(_ event: RegisteredEvent) -> String? {
        guard let name = event.name, !name.isEmpty, let year = event.birthDate?.year else { return nil }
        return "\(event.kind.code)|\(name)|\(year)"
    }

    /// Whether two entries look like one registration, and on what basis.
    public static func match(_ a: RegisteredEvent, _ b: RegisteredEvent) -> Basis? {
        guard a.id != b.id, a.kind == b.kind, let name = a.name, name == b.name else { return nil }
        if let pin = a.personalID, pin == b.personalID { return .personalID }
        guard compatible(a.birthDate, b.birthDate), compatible(a.deathDate, b.deathDate) else { return nil }
        for (key, value) in a.related {
            if let other = b.related[key], other != value { return nil }
        }
        return .nameAndDates
    }

    /// Whether two people with one personal ID number are different people (an error: one number
    /// belongs to one person).
    public static func sharesPersonalIDWithAnotherPerson(_ a: RegisteredEvent, _ b: RegisteredEvent) -> Bool {
        guard a.id != b.id, let pin = a.personalID, pin == b.personalID else { return false }
        return a.name != b.name
    }

    /// Dates that may be the same date: equal as far as both are written, or complete and close.
    static func compatible(_ a: PartialDate?, _ b: PartialDate?) -> Bool {
        guard let a, let b else { return true }
        guard a.year == b.year else { return false }
        if let am = a.month, let bm = b.month, let ad = a.day, let bd = b.day {
            return abs((am * 31 + ad) - (bm * 31 + bd)) <= dateWindowDays
        }
        if let am = a.month, let bm = b.month { return am == bm }
        return true
    }
}
