import GRDB
public import HoTichModel

/// Reading the audit trail.
public protocol AuditReading {
    /// Audit events, oldest first: one batch's, or the whole workspace's.
    func auditEvents(batch batchID: String?) throws -> [AuditEvent]
    /// Recomputes the hash chain from the first event: how many events were checked, and the
    /// first whose hash does not match, if any.
    func verifyAuditChain() throws -> (events: Int, firstBroken: Int64?)
}

/// Appending to the audit trail.
public protocol AuditWriting {
    /// Appends an event to the chain, in this transaction: it is committed with the change it
    /// records or not at all.
    @discardableResult
    func appendAudit(_ entry: AuditEntry, at time: String) throws -> AuditEvent
}

extension SQLiteTransaction: AuditReading, AuditWriting {
    public func auditEvents(batch batchID: String?) throws -> [AuditEvent] {
        var request = AuditEvent.order(AuditEvent.Columns.id)
        if let batchID { request = request.filter(AuditEvent.Columns.batchId == batchID) }
        return try request.fetchAll(db)
    }

    public func verifyAuditChain() throws -> (events: Int, firstBroken: Int64?) {
        try AuditTrail.verify(db)
    }

    @discardableResult
    public func appendAudit(_ entry: AuditEntry, at time: String) throws -> AuditEvent {
        // The chain's head is read once per transaction: the write lock keeps anyone else from
        // appending meanwhile, and every append here moves it on.
        let previous = try auditHead ?? AuditTrail.lastHash(db)
        let event = try AuditTrail.insert(entry, at: time, after: previous, in: db)
        auditHead = event.hash
        return event
    }
}
