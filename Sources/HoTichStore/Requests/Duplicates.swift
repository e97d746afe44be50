import GRDB
public import HoTichModel

/// Possible duplicates: pairs of records that may register one event twice, until a supervisor
/// decides them.
public protocol DuplicateReading {
    func duplicateFlag(id: Int64) throws -> DuplicateFlag?
    /// The flags raised for a batch's records.
    func duplicateFlags(batch batchID: String) throws -> [DuplicateFlag]
    /// Whether the pair is flagged in this direction.
    func isFlagged(record recordId: String, with otherId: String) throws -> Bool
    /// How many flags a batch's records have.
    func duplicateFlagCount(batch batchID: String) throws -> Int
    /// A batch's flags as a supervisor sees them, by number; only undecided ones when asked.
    func duplicateCandidates(batch batchID: String, undecidedOnly: Bool) throws -> [DuplicateCandidate]
}

public protocol DuplicateWriting {
    func insertDuplicateFlag(_ flag: DuplicateFlag) throws
    func updateDuplicateFlag(_ flag: DuplicateFlag) throws
    func deleteDuplicateFlag(id: Int64) throws
}

extension SQLiteTransaction: DuplicateReading, DuplicateWriting {
    public func duplicateFlag(id: Int64) throws -> DuplicateFlag? {
        try DuplicateFlag.fetchOne(db, key: id)
    }

    public func duplicateFlags(batch batchID: String) throws -> [DuplicateFlag] {
        try DuplicateFlag.filter(Column("batchId") == batchID).order(Column("id")).fetchAll(db)
    }

    public func duplicateFlagCount(batch batchID: String) throws -> Int {
        try DuplicateFlag.filter(Column("batchId") == batchID).fetchCount(db)
    }

    public func isFlagged(record recordId: String, with otherId: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM duplicateFlag WHERE recordId = ? AND otherRecordId = ?"),
            arguments: [recordId, otherId]) == true
    }

    public func duplicateCandidates(batch batchID: String, undecidedOnly: Bool) throws -> [DuplicateCandidate] {
        try Row.fetchAll(db, sql: """
            SELECT d.*, r.number AS number, o.batchId AS otherBatch, o.number AS otherNumber
            FROM duplicateFlag d JOIN record r ON r.id = d.recordId JOIN record o ON o.id = d.otherRecordId
            WHERE d.batchId = ? \(undecidedOnly ? "AND d.decision IS NULL" : "")
            ORDER BY CAST(r.number AS INTEGER), d.id
            """, arguments: [batchID]).map { row in
            DuplicateCandidate(
                flag: try DuplicateFlag(row: row), number: row["number"], otherBatch: row["otherBatch"], otherNumber: row["otherNumber"])
        }
    }

    public func insertDuplicateFlag(_ flag: DuplicateFlag) throws {
        var flag = flag
        try flag.insert(db)
    }

    public func updateDuplicateFlag(_ flag: DuplicateFlag) throws {
        try flag.update(db)
    }

    public func deleteDuplicateFlag(id: Int64) throws {
        _ = try DuplicateFlag.deleteOne(db, key: id)
    }
}
