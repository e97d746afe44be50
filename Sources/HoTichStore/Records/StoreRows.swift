public import GRDB
public import HoTichModel

// Rows only the store reads and writes: offices, books, accepted intake issues, claims and the
// log of imported files.

/// A registry office known to the workspace.
public struct OfficeRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "office"
    public var code: OfficeCode
    public var name: String?
    /// The 2-digit province code the office belongs to, when known (a province office is its own
    /// province). Personal ID numbers registered here begin with `0` and this code.
    public var province: String?

    public init(code: OfficeCode, name: String?, province: String? = nil) {
        self.code = code
        self.name = name
        self.province = province ?? (code.level == .province ? code.value : nil)
    }
}

/// One physical register book.
public struct BookRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "book"
    public var id: Int64?
    public var officeCode: OfficeCode
    public var kind: RecordKind
    public var year: Int
    public var volume: Int

    public init(id: Int64?, officeCode: OfficeCode, kind: RecordKind, year: Int, volume: Int) {
        self.id = id
        self.officeCode = officeCode
        self.kind = kind
        self.year = year
        self.volume = volume
    }

    public var identity: BookIdentity {
        BookIdentity(office: officeCode, kind: kind, year: year, volume: volume)
    }

    public enum Columns {
        public static let officeCode = Column("officeCode")
        public static let kind = Column("kind")
        public static let year = Column("year")
        public static let volume = Column("volume")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A file problem accepted with a batch.
public struct BatchIssueRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "batchIssue"
    public var id: Int64?
    public var batchId: String
    public var path: String
    public var code: String
    public var detail: IntakeIssue

    public init(batchId: String, issue: IntakeIssue) {
        self.batchId = batchId
        path = issue.path
        code = issue.code
        detail = issue
    }

    public enum Columns {
        public static let batchId = Column("batchId")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
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

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
