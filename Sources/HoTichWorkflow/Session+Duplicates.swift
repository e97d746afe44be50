public import Foundation
import GRDB
public import HoTichModel
public import HoTichStore
import Logging

/// A possible duplicate as a supervisor sees it: the two entries by batch and number.
public struct DuplicateCandidate: Sendable {
    public let flag: DuplicateFlag
    public let number: String?
    public let otherBatch: String
    public let otherNumber: String?
}

extension Session {
    /// The possible duplicates found for a batch's records.
    public func duplicateCandidates(batch batchID: String, undecidedOnly: Bool = false) throws -> [DuplicateCandidate] {
        try require(.viewWork)
        return try workspace.sqlite.databaseRead { db in
            guard try Batch.exists(db, key: batchID) else { throw HoTichError(.batchNotFound(batchID)) }
            let rows = try Row.fetchAll(db, sql: """
                SELECT d.*, r.number AS number, o.batchId AS otherBatch, o.number AS otherNumber
                FROM duplicateFlag d JOIN record r ON r.id = d.recordId JOIN record o ON o.id = d.otherRecordId
                WHERE d.batchId = ? \(undecidedOnly ? "AND d.decision IS NULL" : "")
                ORDER BY CAST(r.number AS INTEGER), d.id
                """, arguments: [batchID])
            return try rows.map { row in
                DuplicateCandidate(flag: try DuplicateFlag(row: row), number: row["number"], otherBatch: row["otherBatch"], otherNumber: row["otherNumber"])
            }
        }
    }

    /// Looks again for entries of the batch registered elsewhere in the workspace (`verify` does
    /// this too) and returns how many possible duplicates the batch now has.
    @discardableResult
    public func searchDuplicates(batch batchID: String, now: Date = Date()) throws -> Int {
        try require(.verify)
        let time = Timestamp.text(for: now)
        return try workspace.sqlite.databaseWrite { db in
            guard let batch = try Batch.fetchOne(db, key: batchID) else { throw HoTichError(.batchNotFound(batchID)) }
            let records = try RegisterRecord.filter(RegisterRecord.Columns.batchId == batchID).fetchAll(db)
            try DuplicateSearch.run(records, batch: batch, at: time, in: db)
            return try DuplicateFlag.filter(Column("batchId") == batchID).fetchCount(db)
        }
    }

    /// Records a supervisor's decision on a possible duplicate.
    public func decideDuplicate(
        _ flagID: Int64, as decision: DuplicateFlag.Decision, reason: String?, now: Date = Date()
    ) throws {
        try require(.decideDuplicates)
        let me = user.name
        let time = Timestamp.text(for: now)
        let reason = reason.map(VietnameseText.singleLine).flatMap { $0.isEmpty ? nil : $0 }
        try workspace.sqlite.databaseWrite { db in
            guard var flag = try DuplicateFlag.fetchOne(db, key: flagID) else { throw HoTichError(.duplicateFlagNotFound(flagID)) }
            let previous = flag.decision
            flag.decision = decision
            flag.decidedBy = me
            flag.decidedAt = time
            flag.reason = reason
            try flag.update(db)
            try AuditTrail.append(
                AuditEntry(
                    actor: me, action: .duplicateDecided, batchId: flag.batchId, subject: flag.recordId,
                    fromState: previous?.rawValue, toState: decision.rawValue, reason: "with \(flag.otherRecordId)"),
                at: time, in: db)
        }
        workspace.logger.info("duplicate decided", metadata: ["flag": "\(flagID)", "decision": "\(decision.rawValue)"])
    }
}
