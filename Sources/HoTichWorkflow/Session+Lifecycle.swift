import GRDB
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
        let reason = reason.map(VietnameseText.normalized).flatMap { $0.isEmpty ? nil : $0 }
        if action.requiresReason && reason == nil {
            throw HoTichError(.reasonRequired(action: action))
        }
        let actor = user.name
        let applied = try workspace.store.write { db in
            try Self.transition(batchID, action: action, actor: actor, reason: reason, in: db)
        }
        workspace.logger.info(
            "batch transition",
            metadata: ["batch": "\(batchID)", "from": "\(applied.from.rawValue)", "to": "\(applied.to.rawValue)"])
        return applied
    }

    /// Applies `action` inside the caller's transaction: the new state and its audit event.
    @discardableResult
    static func transition(
        _ batchID: String, action: BatchAction, actor: String, reason: String?, in db: Database
    ) throws -> AppliedTransition {
        guard var batch = try BatchRow.fetchOne(db, key: batchID) else {
            throw HoTichError(.batchNotFound(batchID))
        }
        let from = batch.state
        let to = try BatchLifecycle.next(from: from, heldFrom: batch.heldFrom, action: action)
        let now = Timestamp.now()
        batch.heldFrom = action == .hold ? from : nil
        batch.state = to
        batch.updatedAt = now
        try batch.update(db)
        try AuditTrail.append(
            AuditEntry(
                actor: actor, action: action.rawValue, batchId: batchID,
                fromState: from.rawValue, toState: to.rawValue, reason: reason),
            at: now, in: db)
        return AppliedTransition(batchID: batchID, action: action, from: from, to: to)
    }

    /// The role an action needs: supervisors steer batches; keying and verification moves
    /// belong to the people doing that work.
    static func permission(for action: BatchAction) -> Permission {
        switch action {
        case .returnToKeying, .hold, .release, .startExport, .finishExport, .abortExport: .changeBatchState
        case .startKeying, .finishKeying: .keyRecords
        case .startVerification, .finishVerification: .arbitrate
        }
    }
}
