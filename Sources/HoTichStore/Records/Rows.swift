public import GRDB
public import HoTichModel

extension RecordKind: DatabaseValueConvertible {}
extension Role: DatabaseValueConvertible {}
extension BatchState: DatabaseValueConvertible {}
extension VerificationPolicy: DatabaseValueConvertible {}
extension ScanFormat: DatabaseValueConvertible {}

extension OfficeCode: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { value.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> OfficeCode? {
        String.fromDatabaseValue(dbValue).flatMap(OfficeCode.init)
    }
}

/// The single row that describes the workspace itself.
public struct WorkspaceRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "workspace"
    public var id: Int = 1
    public var officeCode: OfficeCode
    public var name: String?
    public var createdAt: String

    public init(officeCode: OfficeCode, name: String?, createdAt: String) {
        self.officeCode = officeCode
        self.name = name
        self.createdAt = createdAt
    }
}

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

/// A person allowed to act in the workspace.
public struct UserRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "user"
    public var id: Int64?
    public var name: String
    public var role: Role
    public var createdAt: String
    public var createdBy: String?

    public init(id: Int64?, name: String, role: Role, createdAt: String, createdBy: String?) {
        self.id = id
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    public enum Columns {
        public static let name = Column(CodingKeys.name)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
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
        public static let officeCode = Column(CodingKeys.officeCode)
        public static let kind = Column(CodingKeys.kind)
        public static let year = Column(CodingKeys.year)
        public static let volume = Column(CodingKeys.volume)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// Where the files of a batch came from.
public enum SourceKind: String, Codable, Sendable, DatabaseValueConvertible {
    case folder, zip
}

/// A scan batch: the files of one book (or part of one) received together.
public struct BatchRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "batch"
    public var id: String
    public var bookId: Int64
    public var sequence: Int
    public var policy: VerificationPolicy
    public var state: BatchState
    public var heldFrom: BatchState?
    /// The folder or zip the supervisor named, as an absolute path.
    public var sourcePath: String
    public var sourceKind: SourceKind
    /// The folder the files live in now: the source folder itself, or where a zip was unpacked.
    public var storedRoot: String
    public var fileCount: Int
    public var totalBytes: Int64
    /// SHA-256 over the sorted manifest; the same content received twice has the same digest.
    public var contentDigest: String
    public var receivedAt: String
    public var receivedBy: String
    public var updatedAt: String

    public init(
        id: String, bookId: Int64, sequence: Int, policy: VerificationPolicy, state: BatchState,
        heldFrom: BatchState?, sourcePath: String, sourceKind: SourceKind, storedRoot: String,
        fileCount: Int, totalBytes: Int64, contentDigest: String, receivedAt: String, receivedBy: String,
        updatedAt: String
    ) {
        self.id = id
        self.bookId = bookId
        self.sequence = sequence
        self.policy = policy
        self.state = state
        self.heldFrom = heldFrom
        self.sourcePath = sourcePath
        self.sourceKind = sourceKind
        self.storedRoot = storedRoot
        self.fileCount = fileCount
        self.totalBytes = totalBytes
        self.contentDigest = contentDigest
        self.receivedAt = receivedAt
        self.receivedBy = receivedBy
        self.updatedAt = updatedAt
    }

    /// BagIt's Payload-Oxum, `bytes.count`, for a quick completeness check before hashing.
    public var payloadOxum: String { "\(totalBytes).\(fileCount)" }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let bookId = Column(CodingKeys.bookId)
        public static let sequence = Column(CodingKeys.sequence)
        public static let state = Column(CodingKeys.state)
        public static let contentDigest = Column(CodingKeys.contentDigest)
    }
}

/// One file of a batch's manifest.
public struct ScanFileRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "scanFile"
    public var id: Int64?
    public var batchId: String
    /// The path relative to the batch's stored root, with `/` separators.
    public var path: String
    public var bytes: Int64
    public var sha256: String
    public var format: ScanFormat?
    /// Whether the file can be keyed (a recognised, non-empty, non-duplicate scan).
    public var usable: Bool
    /// The entry number stated by a conventional file name.
    public var nameNumber: String?
    /// The registration date stated by a conventional file name (`dd.mm.yyyy`).
    public var nameDate: String?

    public init(
        id: Int64?, batchId: String, path: String, bytes: Int64, sha256: String, format: ScanFormat?,
        usable: Bool, nameNumber: String?, nameDate: String?
    ) {
        self.id = id
        self.batchId = batchId
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
        self.format = format
        self.usable = usable
        self.nameNumber = nameNumber
        self.nameDate = nameDate
    }

    public enum Columns {
        public static let batchId = Column(CodingKeys.batchId)
        public static let path = Column(CodingKeys.path)
        public static let sha256 = Column(CodingKeys.sha256)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
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
        public static let batchId = Column(CodingKeys.batchId)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension BatchRow {
    /// The book this batch belongs to.
    public static let book = belongsTo(BookRow.self, using: ForeignKey(["bookId"]))
}
