import GRDB
public import HoTichModel

/// Changes made to records after their export (corrections, withdrawals), waiting for the next
/// corrections package.
public protocol CorrectionReading {
    /// Records changed since their last export and not withdrawn, by batch and number.
    func correctedRecordsToExport() throws -> [String]
    /// Withdrawals not yet delivered, in the order made.
    func withdrawalsToExport() throws -> [RecordChange]
    /// A record's corrections made after `version`, in the order made.
    func corrections(record recordId: String, after version: Int) throws -> [RecordChange]
    /// Every correction and withdrawal of a record, in order.
    func changes(record recordId: String) throws -> [RecordChange]
}

public protocol CorrectionWriting {
    func insertRecordChange(_ change: RecordChange) throws
}

extension SQLiteTransaction: CorrectionReading, CorrectionWriting {
    public func correctedRecordsToExport() throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT r.id FROM record r
            WHERE r.withdrawnAt IS NULL AND EXISTS (SELECT 1 FROM exportedRecord e WHERE e.recordId = r.id AND NOT e.withdrawal)
              AND r.version > (SELECT MAX(e.version) FROM exportedRecord e WHERE e.recordId = r.id AND NOT e.withdrawal)
            ORDER BY r.batchId, CAST(r.number AS INTEGER)
            """)
    }

    public func withdrawalsToExport() throws -> [RecordChange] {
        try changes(sql: """
            SELECT c.* FROM recordChange c
            WHERE c.kind = 'withdrawal'
              AND NOT EXISTS (SELECT 1 FROM exportedRecord e WHERE e.recordId = c.recordId AND e.withdrawal)
            ORDER BY c.id
            """, [])
    }

    public func corrections(record recordId: String, after version: Int) throws -> [RecordChange] {
        try changes(sql: """
            SELECT * FROM recordChange WHERE recordId = ? AND kind = 'correction' AND version > ? ORDER BY id
            """, [recordId, version])
    }

    /// Every correction and withdrawal of a record, in the order they were made.
    public func changes(record recordId: String) throws -> [RecordChange] {
        try changes(sql: "SELECT * FROM recordChange WHERE recordId = ? ORDER BY id", [recordId])
    }

    private func changes(sql: String, _ arguments: StatementArguments) throws -> [RecordChange] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            guard let kind = RecordChange.Kind(rawValue: row["kind"]) else { throw StoreFailure.damagedRow(table: "recordChange") }
            return RecordChange(
                recordId: row["recordId"], kind: kind, version: row["version"], field: row["field"], reason: row["reason"],
                by: row["by"], at: row["at"])
        }
    }

    public func insertRecordChange(_ change: RecordChange) throws {
        try db.execute(
            sql: "INSERT INTO recordChange (recordId, kind, version, field, reason, by, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [change.recordId, change.kind, change.version, change.field, change.reason, change.by, change.at])
    }
}
