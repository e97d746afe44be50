import GRDB
import HoTichModel

// Rows only the store reads and writes: books and accepted intake issues.

/// One physical register book.
struct BookRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
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
struct BatchIssueRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
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
