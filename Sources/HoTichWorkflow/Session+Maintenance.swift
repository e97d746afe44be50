import HoTichModel
import HoTichStore
import Logging

extension Session {
    /// Gives the disk back the space of deleted and rebuilt data (an upgrade that rebuilt a table
    /// leaves its old pages free in the file; SQLite reuses them, but only for new data).
    ///
    /// Nothing in the workspace changes; the compaction is recorded in the audit trail.
    /// - Returns: the database's size in bytes before and after.
    @discardableResult
    public func compactWorkspace() throws -> (before: Int64, after: Int64) {
        try require(.maintainWorkspace)
        let before = try workspace.store.size()
        try workspace.store.compact()
        let after = try workspace.store.size()
        try workspace.store.write { tx in
            try tx.appendAudit(AuditEntry(actor: user.name, action: .compact, reason: "\(before) → \(after) bytes"), at: Timestamp.now())
        }
        workspace.logger.info("workspace compacted", metadata: ["before": "\(before)", "after": "\(after)"])
        return (before, after)
    }
}
