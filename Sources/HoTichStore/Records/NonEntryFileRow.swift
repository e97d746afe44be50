public import GRDB
public import HoTichModel

/// A scan file marked as holding no register entry (a cover, a blank page, …), with who said so
/// and why; cleared (not deleted) when a supervisor finds it is an entry after all.
public struct NonEntryFileRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "nonEntryFile"
    public var id: Int64?
    public var scanFileId: Int64
    public var batchId: String
    public var kind: NonEntryKind
    public var reason: String
    public var markedBy: String
    public var markedAt: String
    public var clearedBy: String?
    public var clearedAt: String?
    public var clearReason: String?

    public init(scanFileId: Int64, batchId: String, kind: NonEntryKind, reason: String, by user: String, at time: String) {
        self.scanFileId = scanFileId
        self.batchId = batchId
        self.kind = kind
        self.reason = reason
        markedBy = user
        markedAt = time
    }

    /// Whether the mark is in force (not cleared).
    public var inForce: Bool { clearedAt == nil }

    public enum Columns {
        public static let scanFileId = Column(CodingKeys.scanFileId)
        public static let batchId = Column(CodingKeys.batchId)
        public static let clearedAt = Column(CodingKeys.clearedAt)
    }

    /// The marks in force of one batch.
    public static func inForce(batch batchID: String) -> QueryInterfaceRequest<NonEntryFileRow> {
        filter(Columns.batchId == batchID && Columns.clearedAt == nil)
    }

    /// SQL that holds for a `scanFile` row (aliased `file`) that no mark in force excludes.
    public static func notMarkedSQL(file alias: String) -> String {
        "NOT EXISTS (SELECT 1 FROM nonEntryFile n WHERE n.scanFileId = \(alias).id AND n.clearedAt IS NULL)"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension NonEntryKind: DatabaseValueConvertible {}
