public import GRDB
public import HoTichModel

/// One entry of a register, as keyed: its natural key, its fields, its version.
///
/// `fields` holds the record's values in their four states; the searchable ones are copied to
/// indexed columns (`subjectName` folded, `subjectBirthYear`) so lookups need no JSON.
public struct RecordRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "record"
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

    /// Copies the natural key and the search columns out of `fields`.
    public mutating func refreshDerivedColumns(bookYear: Int) {
        number = fields["so"]?.text
        registrationYear = fields["ngayDangKy"]?.text.flatMap { PartialDate($0) }?.year ?? bookYear
        subjectName = fields[FieldCatalog.subjectNameKey(for: kind)]?.text.map(VietnameseText.folded)
        subjectBirthYear = fields[FieldCatalog.subjectBirthDateKey(for: kind)]?.text.flatMap { PartialDate($0) }?.year
        subjectPersonalID = FieldCatalog.subjectPersonalIDKey(for: kind)
            .flatMap { fields[$0]?.text }.flatMap { PersonalIDNumber($0)?.digits }
    }

    public enum Columns {
        public static let batchId = Column(CodingKeys.batchId)
        public static let entryKey = Column(CodingKeys.entryKey)
    }

    // The fields column is written with `FieldSetJSON`, not `JSONEncoder`: it is on the hot path.

    public init(row: Row) throws {
        id = row["id"]
        batchId = row["batchId"]
        scanFileId = row["scanFileId"]
        entryKey = row["entryKey"]
        kind = row["kind"]
        officeCode = row["officeCode"]
        registrationYear = row["registrationYear"]
        number = row["number"]
        version = row["version"]
        fields = try FieldSetJSON.decode(row["fields"])
        subjectName = row["subjectName"]
        subjectBirthYear = row["subjectBirthYear"]
        subjectPersonalID = row["subjectPersonalID"]
        status = row["status"]
        verifiedAt = row["verifiedAt"]
        verifiedBy = row["verifiedBy"]
        createdAt = row["createdAt"]
        updatedAt = row["updatedAt"]
    }

    /// Inserts the record with a cached statement (the hot path of keying and import).
    /// - Parameter json: the fields already encoded with `FieldSetJSON`, when the caller has them.
    public func insertFast(_ db: Database, fieldsJSON json: String? = nil) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO record (id, batchId, scanFileId, entryKey, kind, officeCode, registrationYear, number, version,
                                fields, subjectName, subjectBirthYear, subjectPersonalID, status, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            id, batchId, scanFileId, entryKey, kind.code, officeCode.value, registrationYear, number, version,
            json ?? FieldSetJSON.encode(fields), subjectName, subjectBirthYear, subjectPersonalID, status.rawValue,
            createdAt, updatedAt,
        ])
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["batchId"] = batchId
        container["scanFileId"] = scanFileId
        container["entryKey"] = entryKey
        container["kind"] = kind
        container["officeCode"] = officeCode
        container["registrationYear"] = registrationYear
        container["number"] = number
        container["version"] = version
        container["fields"] = FieldSetJSON.encode(fields)
        container["subjectName"] = subjectName
        container["subjectBirthYear"] = subjectBirthYear
        container["subjectPersonalID"] = subjectPersonalID
        container["status"] = status
        container["verifiedAt"] = verifiedAt
        container["verifiedBy"] = verifiedBy
        container["createdAt"] = createdAt
        container["updatedAt"] = updatedAt
    }
}

/// Whether a record's values are settled.
public enum RecordStatus: String, Codable, Sendable, DatabaseValueConvertible {
    /// Keyed, not yet settled by verification.
    case keyed
    /// Settled: the passes agreed, or a verifier decided, reviewed or accepted them.
    case verified
}

/// Where a keying came from.
public enum KeyingState: String, Codable, Sendable, DatabaseValueConvertible {
    case draft, complete
}

/// One operator's transcription of one entry: a draft while being keyed, complete once saved.
///
/// A complete keying whose values are exactly its record's stores none of its own (the `fields`
/// column is NULL): reading it through this type gives the record's values, and the database
/// writes them out to the keying before the record's values ever change. Raw SQL reads the values
/// with ``valuesSQL(keying:)``.
public struct KeyingRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "keying"

    public static var databaseSelection: [any SQLSelectable] {
        [.allColumns(excluding: ["fields"]), SQL(sql: valuesSQL(keying: "keying")).forKey("fields")]
    }

    /// The SQL expression of a keying's values for raw queries, `keying` being its table or alias.
    public static func valuesSQL(keying: String) -> String {
        "COALESCE(\(keying).fields, (SELECT fields FROM record WHERE record.id = \(keying).recordId))"
    }
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

    public enum Columns {
        public static let batchId = Column(CodingKeys.batchId)
        public static let entryKey = Column(CodingKeys.entryKey)
        public static let pass = Column(CodingKeys.pass)
        public static let `operator` = Column(CodingKeys.operator)
        public static let state = Column(CodingKeys.state)
        public static let savedAt = Column(CodingKeys.savedAt)
        public static let scanFileId = Column(CodingKeys.scanFileId)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Stops storing the values of this complete keying apart from its record's, which were just
    /// created from them.
    public func shareValuesWithRecord(_ db: Database) throws {
        try db.execute(
            sql: "UPDATE keying SET fields = NULL WHERE id = ? AND recordId IS NOT NULL AND state = 'complete'",
            arguments: [id])
    }

    public init(row: Row) throws {
        id = row["id"]
        batchId = row["batchId"]
        entryKey = row["entryKey"]
        scanFileId = row["scanFileId"]
        recordId = row["recordId"]
        pass = row["pass"]
        self.operator = row["operator"]
        state = row["state"]
        fields = try FieldSetJSON.decode(row["fields"])
        position = row["position"]
        source = row["source"]
        startedAt = row["startedAt"]
        savedAt = row["savedAt"]
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["batchId"] = batchId
        container["entryKey"] = entryKey
        container["scanFileId"] = scanFileId
        container["recordId"] = recordId
        container["pass"] = pass
        container["operator"] = self.operator
        container["state"] = state
        container["fields"] = FieldSetJSON.encode(fields)
        container["position"] = position
        container["source"] = source
        container["startedAt"] = startedAt
        container["savedAt"] = savedAt
    }
}

/// An operator's hold on one scan file for one pass, so that no two people key the same entry.
public struct ClaimRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "claim"
    public var scanFileId: Int64
    public var pass: Int
    public var batchId: String
    public var `operator`: String
    public var claimedAt: String
    /// After this time anyone may take the file over (a crashed run's claim expires).
    public var expiresAt: String

    public init(scanFileId: Int64, pass: Int, batchId: String, operator: String, claimedAt: String, expiresAt: String) {
        self.scanFileId = scanFileId
        self.pass = pass
        self.batchId = batchId
        self.operator = `operator`
        self.claimedAt = claimedAt
        self.expiresAt = expiresAt
    }
}

/// A spreadsheet imported into a batch, remembered by its hash.
public struct ImportFileRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "importFile"
    public var id: Int64?
    public var batchId: String
    public var pass: Int
    public var sha256: String
    public var fileName: String
    public var rowsRead: Int
    public var imported: Int
    public var rejected: Int
    public var alreadyPresent: Int
    public var at: String
    public var by: String

    public init(
        batchId: String, pass: Int, sha256: String, fileName: String, rowsRead: Int, imported: Int,
        rejected: Int, alreadyPresent: Int, at: String, by: String
    ) {
        self.batchId = batchId
        self.pass = pass
        self.sha256 = sha256
        self.fileName = fileName
        self.rowsRead = rowsRead
        self.imported = imported
        self.rejected = rejected
        self.alreadyPresent = alreadyPresent
        self.at = at
        self.by = by
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
