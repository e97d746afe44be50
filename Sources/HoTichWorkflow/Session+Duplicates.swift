public import Foundation
public import HoTichModel
import HoTichStore
import Logging

extension Session {
    /// The possible duplicates found for a batch's records.
    public func duplicateCandidates(batch batchID: String, undecidedOnly: Bool = false) throws -> [DuplicateCandidate] {
        try require(.viewWork)
        return try workspace.store.read { tx in
            guard try tx.batch(batchID) != nil else { throw HoTichError(.batchNotFound(batchID)) }
            return try tx.duplicateCandidates(batch: batchID, undecidedOnly: undecidedOnly)
        }
    }

    /// Looks again for entries of the batch registered elsewhere in the workspace (`verify` does
    /// this too) and returns how many possible duplicates the batch now has.
    @discardableResult
    public func searchDuplicates(batch batchID: String, now: Date = Date()) throws -> Int {
        try require(.verify)
        let time = Timestamp.text(for: now)
        return try workspace.store.write { tx in
            guard let batch = try tx.batch(batchID) else { throw HoTichError(.batchNotFound(batchID)) }
            try DuplicateSearch.run(try tx.records(batch: batchID, status: nil), batch: batch, at: time, in: tx)
            return try tx.duplicateFlagCount(batch: batchID)
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
        try workspace.store.write { tx in
            guard var flag = try tx.duplicateFlag(id: flagID) else { throw HoTichError(.duplicateFlagNotFound(flagID)) }
            let previous = flag.decision
            flag.decision = decision
            flag.decidedBy = me
            flag.decidedAt = time
            flag.reason = reason
            try tx.updateDuplicateFlag(flag)
            try tx.appendAudit(
                AuditEntry(
                    actor: me, action: .duplicateDecided, batchId: flag.batchId, subject: flag.recordId,
                    fromState: previous?.rawValue, toState: decision.rawValue, reason: "with \(flag.otherRecordId)"),
                at: time)
        }
        workspace.logger.info("duplicate decided", metadata: ["flag": "\(flagID)", "decision": "\(decision.rawValue)"])
    }
}
