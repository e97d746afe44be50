public import HoTichModel
public import HoTichStore
import Logging

extension Session {
    /// Checks the audit trail as a whole (``AuditVerification``): the chain, its HMACs with the
    /// workspace key, every record, keying, batch and scan file against the version the trail
    /// sealed, the database's guards, the anchor log beside the workspace, and `external` anchors
    /// (quoted in export manifests and weekly reports, read by ``AuditAnchorSource``).
    public func verifyAuditTrail(external: [AuditAnchor] = []) throws -> AuditVerification {
        try require(.viewWork)
        return try workspace.verifyAuditTrail(external: external)
    }
}

extension Workspace {
    /// ``Session/verifyAuditTrail(external:)`` without a person: for a workspace another command
    /// reads as a whole (`store copy`'s source).
    func verifyAuditTrail(external: [AuditAnchor] = []) throws -> AuditVerification {
        let workspace = self
        let log = workspace.protection.anchorLog
        let lines = try log?.lines() ?? []
        var result = try workspace.store.read { tx in
            try tx.verifyAudit(anchors: lines.compactMap(\.line), external: external)
        }
        for (number, line) in lines where line == nil { result.report(.anchorForged(line: number)) }
        // A signed trail has had anchors written after each of its writes: none at all means the
        // log was removed (which would hide a cut tail).
        if log != nil, lines.isEmpty, let key = workspace.protection.key, result.lastEventID >= key.keyedFrom {
            result.report(.anchorLogMissing)
        }
        workspace.logger.info("audit trail verified", metadata: ["events": "\(result.events)", "problems": "\(result.problems.count + result.problemsNotListed)"])
        return result
    }
}
