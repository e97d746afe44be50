import GRDB
public import HoTichModel

/// Acceptance samples of `sample` batches: the draw, its plan and seed, and each sampled record's check.
public protocol SampleReading {
    func sampleDraw(id: Int64) throws -> SampleDraw?
    /// A batch's latest draw.
    func latestSampleDraw(batch batchID: String) throws -> SampleDraw?
    /// A batch's draw not yet decided.
    func pendingSampleDraw(batch batchID: String) throws -> SampleDraw?
    /// Sampled records checked, or not yet checked.
    func sampleItemCount(draw drawId: Int64, checked: Bool) throws -> Int
    /// The next sampled record, in draw order, not yet checked and not keyed by `keyer`.
    func nextSampleRecord(draw drawId: Int64, excludingKeyer keyer: String) throws -> String?
    /// Sampled records found with defects.
    func defectiveSampleRecords(draw drawId: Int64) throws -> [String]
}

public protocol SampleWriting {
    /// Records a draw and its records in draw order.
    /// - Returns: the draw with its id.
    func insertSampleDraw(_ draw: SampleDraw, records: [String]) throws -> SampleDraw
    func updateSampleDraw(_ draw: SampleDraw) throws
    /// Records the check of one sampled record.
    func markSampleItemChecked(draw drawId: Int64, record recordId: String, by checker: String, at time: String, defects: Int) throws
}

extension SQLiteTransaction: SampleReading, SampleWriting {
    public func sampleDraw(id: Int64) throws -> SampleDraw? {
        try SampleDraw.fetchOne(db, key: id)
    }

    public func latestSampleDraw(batch batchID: String) throws -> SampleDraw? {
        try SampleDraw.filter(Column("batchId") == batchID).order(Column("id").desc).fetchOne(db)
    }

    public func pendingSampleDraw(batch batchID: String) throws -> SampleDraw? {
        try SampleDraw.filter(Column("batchId") == batchID && Column("outcome") == nil).fetchOne(db)
    }

    public func sampleItemCount(draw drawId: Int64, checked: Bool) throws -> Int {
        try SampleItem.filter(Column("drawId") == drawId && (checked ? Column("checkedAt") != nil : Column("checkedAt") == nil))
            .fetchCount(db)
    }

    public func nextSampleRecord(draw drawId: Int64, excludingKeyer keyer: String) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT s.recordId FROM sampleItem s WHERE s.drawId = ? AND s.checkedAt IS NULL
              AND NOT EXISTS (SELECT 1 FROM keying k WHERE k.recordId = s.recordId AND k.operator = ?)
            ORDER BY s.position LIMIT 1
            """, arguments: [drawId, keyer])
    }

    public func defectiveSampleRecords(draw drawId: Int64) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT recordId FROM sampleItem WHERE drawId = ? AND defects > 0", arguments: [drawId])
    }

    public func insertSampleDraw(_ draw: SampleDraw, records: [String]) throws -> SampleDraw {
        var draw = draw
        try draw.insert(db)
        let drawId = try required(draw.id, "sampleDraw")
        for (index, recordId) in records.enumerated() {
            try SampleItem(drawId: drawId, recordId: recordId, position: index + 1).insert(db)
        }
        return draw
    }

    public func updateSampleDraw(_ draw: SampleDraw) throws {
        try draw.update(db)
    }

    public func markSampleItemChecked(draw drawId: Int64, record recordId: String, by checker: String, at time: String, defects: Int) throws {
        try db.execute(
            sql: "UPDATE sampleItem SET checkedBy = ?, checkedAt = ?, defects = ? WHERE drawId = ? AND recordId = ?",
            arguments: [checker, time, defects, drawId, recordId])
    }
}
