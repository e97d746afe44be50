public import GRDB
public import HoTichModel

// How the model's values are stored: their GRDB conformances, kept here so that the model knows
// no storage. Values whose columns are the model's properties use GRDB's Codable support; the
// field sets are read and written with `FieldSetJSON` (the hot path), findings with their typed
// detail's one encoding.

extension RecordKind: DatabaseValueConvertible {}
extension Role: DatabaseValueConvertible {}
extension BatchState: DatabaseValueConvertible {}
extension VerificationPolicy: DatabaseValueConvertible {}
extension ScanFormat: DatabaseValueConvertible {}
extension SourceKind: DatabaseValueConvertible {}
extension NonEntryKind: DatabaseValueConvertible {}
extension RecordStatus: DatabaseValueConvertible {}
extension KeyingState: DatabaseValueConvertible {}
extension DecisionOrigin: DatabaseValueConvertible {}
extension Diagnostic.Severity: DatabaseValueConvertible {}
extension DuplicateFlag.Decision: DatabaseValueConvertible {}
extension SampleDraw.Outcome: DatabaseValueConvertible {}
extension FindingCode: DatabaseValueConvertible {}
extension ExportPackage.State: DatabaseValueConvertible {}
extension RecordChange.Kind: DatabaseValueConvertible {}

extension OfficeCode: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { value.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> OfficeCode? {
        String.fromDatabaseValue(dbValue).flatMap { OfficeCode($0) }
    }
}

extension AuditAction: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> AuditAction? {
        String.fromDatabaseValue(dbValue).map(AuditAction.init(rawValue:))
    }
}

extension WorkspaceInfo: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "workspace"
}

extension Office: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "office"
}

extension Claim: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "claim"
}

extension ImportedFile: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "importFile"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension User: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "user"

    public enum Columns {
        public static let name = Column("name")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Batch: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "batch"

    public enum Columns {
        public static let id = Column("id")
        public static let bookId = Column("bookId")
        public static let sequence = Column("sequence")
        public static let state = Column("state")
        public static let contentDigest = Column("contentDigest")
    }

    /// The book this batch belongs to.
    static let book = belongsTo(BookRow.self, using: ForeignKey(["bookId"]))
    /// The file problems accepted with it.
    static let issues = hasMany(BatchIssueRow.self, using: ForeignKey(["batchId"]))
}

extension ScanFile: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "scanFile"

    public enum Columns {
        public static let batchId = Column("batchId")
        public static let path = Column("path")
        public static let sha256 = Column("sha256")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension NonEntryMark: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "nonEntryFile"

    public enum Columns {
        public static let scanFileId = Column("scanFileId")
        public static let batchId = Column("batchId")
        public static let clearedAt = Column("clearedAt")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension RegisterRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "record"

    public enum Columns {
        public static let batchId = Column("batchId")
        public static let entryKey = Column("entryKey")
    }

    public init(row: Row) throws {
        self.init(
            id: row["id"], batchId: row["batchId"], scanFileId: row["scanFileId"], entryKey: row["entryKey"], kind: row["kind"],
            officeCode: row["officeCode"], registrationYear: row["registrationYear"], number: row["number"], version: row["version"],
            fields: try FieldSetJSON.decode(row["fields"]), subjectName: row["subjectName"], subjectBirthYear: row["subjectBirthYear"],
            subjectPersonalID: row["subjectPersonalID"], status: row["status"], verifiedAt: row["verifiedAt"],
            verifiedBy: row["verifiedBy"], createdAt: row["createdAt"], updatedAt: row["updatedAt"], withdrawnAt: row["withdrawnAt"])
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
        container["withdrawnAt"] = withdrawnAt
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
}

/// A complete keying whose values are exactly its record's stores none of its own (the `fields`
/// column is NULL): reading it through this type gives the record's values, and the database
/// writes them out to the keying before the record's values ever change. Raw SQL reads the values
/// with ``Keying/valuesSQL(keying:)``.
extension Keying: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "keying"

    public static var databaseSelection: [any SQLSelectable] {
        [.allColumns(excluding: ["fields"]), SQL(sql: valuesSQL(keying: "keying")).forKey("fields")]
    }

    /// The SQL expression of a keying's values for raw queries, `keying` being its table or alias.
    public static func valuesSQL(keying: String) -> String {
        "COALESCE(\(keying).fields, (SELECT fields FROM record WHERE record.id = \(keying).recordId))"
    }

    public enum Columns {
        public static let batchId = Column("batchId")
        public static let entryKey = Column("entryKey")
        public static let pass = Column("pass")
        public static let `operator` = Column("operator")
        public static let state = Column("state")
        public static let savedAt = Column("savedAt")
        public static let scanFileId = Column("scanFileId")
    }

    public init(row: Row) throws {
        self.init(
            batchId: row["batchId"], entryKey: row["entryKey"], scanFileId: row["scanFileId"], pass: row["pass"],
            operator: row["operator"], state: row["state"], fields: try FieldSetJSON.decode(row["fields"]),
            position: row["position"], source: row["source"], at: row["startedAt"])
        id = row["id"]
        recordId = row["recordId"]
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

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Stops storing the values of this complete keying apart from its record's, which were just
    /// created from them.
    public func shareValuesWithRecord(_ db: Database) throws {
        try db.execute(
            sql: "UPDATE keying SET fields = NULL WHERE id = ? AND recordId IS NOT NULL AND state = 'complete'",
            arguments: [id])
    }
}

extension FieldDecision: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "fieldDecision"

    public init(row: Row) throws {
        self.init(
            batchId: row["batchId"], recordId: row["recordId"], field: row["field"], origin: row["origin"],
            pass1: (row["pass1"] as String?).flatMap(FieldValue.init(stored:)), pass2: (row["pass2"] as String?).flatMap(FieldValue.init(stored:)),
            pass1Operator: row["pass1Operator"], pass2Operator: row["pass2Operator"], at: row["createdAt"])
        id = row["id"]
        decided = (row["decided"] as String?).flatMap(FieldValue.init(stored:))
        pass1Wrong = row["pass1Wrong"]
        pass2Wrong = row["pass2Wrong"]
        decidedBy = row["decidedBy"]
        decidedAt = row["decidedAt"]
        supersededAt = row["supersededAt"]
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["batchId"] = batchId
        container["recordId"] = recordId
        container["field"] = field
        container["origin"] = origin
        container["pass1"] = pass1?.stored
        container["pass2"] = pass2?.stored
        container["decided"] = decided?.stored
        container["pass1Wrong"] = pass1Wrong
        container["pass2Wrong"] = pass2Wrong
        container["pass1Operator"] = pass1Operator
        container["pass2Operator"] = pass2Operator
        container["decidedBy"] = decidedBy
        container["decidedAt"] = decidedAt
        container["createdAt"] = createdAt
        container["supersededAt"] = supersededAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Finding: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "finding"

    public init(row: Row) throws {
        guard let code = FindingCode(rawValue: row["code"]),
              let detail = FindingDetail(code: code, encoded: row["detail"])
        else { throw StoreFailure.damagedRow(table: "finding") }
        self.init(
            id: row["id"], batchId: row["batchId"], recordId: row["recordId"], field: row["field"], detail: detail,
            severity: row["severity"], fingerprint: row["fingerprint"], acknowledgedBy: row["acknowledgedBy"],
            acknowledgedAt: row["acknowledgedAt"], reason: row["reason"], foundAt: row["foundAt"])
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["batchId"] = batchId
        container["recordId"] = recordId
        container["field"] = field
        container["code"] = code
        container["severity"] = severity
        container["detail"] = detail.encoded
        container["fingerprint"] = fingerprint
        container["acknowledgedBy"] = acknowledgedBy
        container["acknowledgedAt"] = acknowledgedAt
        container["reason"] = reason
        container["foundAt"] = foundAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension DuplicateFlag: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "duplicateFlag"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension SampleDraw: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "sampleDraw"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension SampleItem: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "sampleItem"
}

extension AuditEvent: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "auditEvent"

    public enum Columns {
        public static let id = Column("id")
        public static let batchId = Column("batchId")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
