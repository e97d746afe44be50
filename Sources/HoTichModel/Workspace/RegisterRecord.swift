/// Whether a record's values are settled.
public enum RecordStatus: String, Codable, Sendable {
    /// Keyed, not yet settled by verification.
    case keyed
    /// Settled: the passes agreed, or a verifier decided, reviewed or accepted them.
    case verified
}

/// One entry of a register, as keyed: its natural key, its fields, its version.
///
/// `fields` holds the record's values in their four states; the searchable ones are copied to
/// indexed columns (`subjectName` folded, `subjectBirthYear`) so lookups need no JSON.
public struct RegisterRecord: Codable, Sendable, Equatable {
    /// A stable identifier (UUID) that survives corrections.
    public var id: String
    public var batchId: String
    public var scanFileId: Int64?
    /// What identifies the entry within its batch: `file:<scan file id>` or `so:<number>`.
    public var entryKey: String
    public var kind: RecordKind
    public var officeCode: OfficeCode
    public var registrationYear: Int?
    public var number: String?
    public var version: Int
    public var fields: [String: FieldValue]
    public var subjectName: String?
    public var subjectBirthYear: Int?
    /// The main person's personal ID number, for finding one number used twice.
    public var subjectPersonalID: String?
    /// Whether the values are settled by verification.
    public var status: RecordStatus
    public var verifiedAt: String?
    public var verifiedBy: String?
    public var createdAt: String
    public var updatedAt: String
    /// When the record was withdrawn after export (it stays, as history).
    public var withdrawnAt: String?

    /// A new keyed record (version 1), its derived columns computed from `fields`.
    public init(
        id: String, batchId: String, scanFileId: Int64?, entryKey: String, kind: RecordKind, officeCode: OfficeCode,
        fields: [String: FieldValue], bookYear: Int, at time: String
    ) {
        self.id = id
        self.batchId = batchId
        self.scanFileId = scanFileId
        self.entryKey = entryKey
        self.kind = kind
        self.officeCode = officeCode
        version = 1
        self.fields = fields
        status = .keyed
        createdAt = time
        updatedAt = time
        registrationYear = bookYear
        refreshDerivedColumns(bookYear: bookYear)
    }

    /// A record as stored, every column given.
    public init(
        id: String, batchId: String, scanFileId: Int64?, entryKey: String, kind: RecordKind, officeCode: OfficeCode,
        registrationYear: Int?, number: String?, version: Int, fields: [String: FieldValue], subjectName: String?,
        subjectBirthYear: Int?, subjectPersonalID: String?, status: RecordStatus, verifiedAt: String?, verifiedBy: String?,
        createdAt: String, updatedAt: String, withdrawnAt: String?
    ) {
        self.id = id
        self.batchId = batchId
        self.scanFileId = scanFileId
        self.entryKey = entryKey
        self.kind = kind
        self.officeCode = officeCode
        self.registrationYear = registrationYear
        self.number = number
        self.version = version
        self.fields = fields
        self.subjectName = subjectName
        self.subjectBirthYear = subjectBirthYear
        self.subjectPersonalID = subjectPersonalID
        self.status = status
        self.verifiedAt = verifiedAt
        self.verifiedBy = verifiedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.withdrawnAt = withdrawnAt
    }

    /// Copies the natural key and the search columns out of `fields`.
    public mutating func refreshDerivedColumns(bookYear: Int) {
        number = fields["so"]?.text
        registrationYear = fields["ngayDangKy"]?.text.flatMap { PartialDate($0) }?.year ?? bookYear
        subjectName = fields[FieldCatalog.subjectNameKey(for: kind)]?.text.map(VietnameseText.folded)
        subjectBirthYear = fields[FieldCatalog.subjectBirthDateKey(for: kind)]?.text.flatMap { PartialDate($0) }?.year
        subjectPersonalID = FieldCatalog.subjectPersonalIDKey(for: kind)
            .flatMap { fields[$0]?.text }.flatMap { PersonalIDNumber($0)?.digits }
    }
}

/// Where a keying stands.
public enum KeyingState: String, Codable, Sendable {
    case draft, complete
}

/// One operator's transcription of one entry: a draft while being keyed, complete once saved.
public struct Keying: Codable, Sendable, Equatable {
    public var id: Int64?
    public var batchId: String
    public var entryKey: String
    public var scanFileId: Int64?
    public var recordId: String?
    public var pass: Int
    public var `operator`: String
    public var state: KeyingState
    public var fields: [String: FieldValue]
    /// The index of the field the operator is at (for resuming a draft).
    public var position: Int
    /// `interactive`, or `import:<sha256 of the file>`.
    public var source: String
    public var startedAt: String
    public var savedAt: String

    public init(
        batchId: String, entryKey: String, scanFileId: Int64?, pass: Int, operator: String,
        state: KeyingState, fields: [String: FieldValue], position: Int, source: String, at time: String
    ) {
        self.batchId = batchId
        self.entryKey = entryKey
        self.scanFileId = scanFileId
        self.pass = pass
        self.operator = `operator`
        self.state = state
        self.fields = fields
        self.position = position
        self.source = source
        startedAt = time
        savedAt = time
    }
}
