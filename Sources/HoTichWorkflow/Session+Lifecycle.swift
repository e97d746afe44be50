public import Foundation
import Logging
public import HoTichModel
import HoTichStore

/// A state change that was applied.
public struct AppliedTransition: Sendable, Equatable {
    public let batchID: String
    public let action: BatchAction
    public let from: BatchState
    public let to: BatchState
}

extension Session {
    /// Moves a batch by `action`, writing the new state and its audit event in one transaction.
    ///
    /// Refused moves change nothing and say which state the batch is in.
    /// - Parameter reason: required for `return` and `hold`; stored in the audit trail.
    @discardableResult
    public func apply(_ action: BatchAction, to batchID: String, reason: String? = nil) throws -> AppliedTransition {
        try require(Self.permission(for: action))
        let reason = reason.map(VietnameseText.singleLine).flatMap { $0.isEmpty ? nil : $0 }
        if action.requiresReason && reason == nil {
            throw HoTichError(.reasonRequired(action: action))
        }
        let actor = user.name
        let applied = try workspace.store.write { tx in
            try Self.transition(batchID, action: action, actor: actor, reason: reason, in: tx)
        }
        workspace.logger.info(
            "batch transition",
            metadata: ["batch": "\(batchID)", "from": "\(applied.from.rawValue)", "to": "\(applied.to.rawValue)"])
        return applied
    }

    /// Applies `action` inside the caller's transaction: the new state and its audit event.
    @discardableResult
    static func transition(
        _ batchID: String, action: BatchAction, actor: String, reason: String?, in tx: any StoreWriting
    ) throws -> AppliedTransition {
        guard var batch = try tx.batch(batchID) else {
            throw HoTichError(.batchNotFound(batchID))
        }
        let from = batch.state
        let to = try BatchLifecycle.next(from: from, heldFrom: batch.heldFrom, action: action)
        let now = Timestamp.now()
        batch.heldFrom = action == .hold ? from : nil
        batch.state = to
        batch.updatedAt = now
        try tx.updateBatch(batch)
        try tx.appendAudit(
            AuditEntry(
                actor: actor, action: .transition(action), batchId: batchID,
                fromState: from.rawValue, toState: to.rawValue, reason: reason),
            at: now)
        return AppliedTransition(batchID: batchID, action: action, from: from, to: to)
    }

    /// The role an action needs: supervisors steer batches; keying and verification moves
    /// belong to the people doing that work.
    static func permission(for action: BatchAction) -> Permission {
        switch action {
        case .returnToKeying, .hold, .release: .changeBatchState
        case .startExport, .finishExport, .abortExport: .export
        case .startKeying, .finishKeying: .keyRecords
        case .startVerification, .finishVerification, .reopenVerification: .verify
        }
    }
}

extension Session {
    /// Returns a batch to keying with the records to redo, named by registration number.
    ///
    /// Each listed record's keyings become drafts again (their values kept, for the operator to
    /// correct against the image), its decisions are kept as history but no longer count, and it
    /// is no longer verified. The batch comes back to `keyed` when they are saved again.
    /// - Returns: the number of records reopened.
    @discardableResult
    public func returnToKeying(batch batchID: String, numbers: [String], reason: String, now: Date = Date()) throws -> Int {
        try require(.changeBatchState)
        let reason = VietnameseText.singleLine(reason)
        guard !reason.isEmpty else { throw HoTichError(.reasonRequired(action: .returnToKeying)) }
        let me = user.name
        let time = Timestamp.text(for: now)
        return try workspace.store.write { tx in
            let numbered = try Self.recordIdsByNumber(in: batchID, tx: tx)
            var ids: [String] = []
            for number in numbers {
                guard let matches = RegistrationNumber.value(number).flatMap({ numbered[$0] }) else {
                    throw HoTichError(.recordNumberNotInBatch(batchID: batchID, number: number))
                }
                ids += matches
            }
            try Self.reopenForKeying(batchID, records: ids, reason: reason, actor: me, at: time, in: tx)
            return ids.count
        }
    }

    /// The ids of a batch's records by registration number (`5`, `05` and `5/2017` are one number).
    static func recordIdsByNumber(in batchID: String, tx: any StoreReading) throws -> [Int: [String]] {
        var numbered: [Int: [String]] = [:]
        for (id, number) in try tx.recordNumbers(batch: batchID) {
            guard let number = number.flatMap(RegistrationNumber.value) else { continue }
            numbered[number, default: []].append(id)
        }
        return numbered
    }

    /// Moves the batch back to keying and reopens the records' keyings as drafts.
    static func reopenForKeying(
        _ batchID: String, records: [String], reason: String, actor: String, at time: String, in tx: any StoreWriting
    ) throws {
        try transition(batchID, action: .returnToKeying, actor: actor, reason: reason, in: tx)
        for id in records {
            try tx.reopenKeyings(record: id, at: time)
            try tx.deleteClaims(ofRecord: id)
            try tx.supersedeDecisions(record: id, at: time)
            try tx.returnRecordToKeying(id, at: time)
            try tx.appendAudit(AuditEntry(actor: actor, action: .recordReturned, batchId: batchID, subject: id, reason: reason), at: time)
        }
    }
}

extension Session {
    /// Changes how a batch is verified; only before keying starts, since a double-keyed batch needs
    /// its second pass planned and a single-keyed one must not gain a second pass halfway.
    /// - Returns: the policy it had.
    @discardableResult
    public func changePolicy(of batchID: String, to policy: VerificationPolicy, reason: String?) throws -> VerificationPolicy {
        try require(.changePolicy)
        let me = user.name
        let reason = reason.map(VietnameseText.singleLine).flatMap { $0.isEmpty ? nil : $0 }
        return try workspace.store.write { tx in
            guard var batch = try tx.batch(batchID) else { throw HoTichError(.batchNotFound(batchID)) }
            guard batch.state == .received, try tx.keyingCount(batch: batchID) == 0 else {
                throw HoTichError(.policyChangeTooLate(batchID: batchID, state: batch.state))
            }
            let previous = batch.policy
            guard previous != policy else { return policy }
            let now = Timestamp.now()
            batch.policy = policy
            batch.updatedAt = now
            try tx.updateBatch(batch)
            try tx.appendAudit(
                AuditEntry(actor: me, action: .policyChanged, batchId: batchID, fromState: previous.rawValue,
                           toState: policy.rawValue, reason: reason),
                at: now)
            return previous
        }
    }
}
