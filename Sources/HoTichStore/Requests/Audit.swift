import GRDB
public import HoTichModel

/// Reading the audit trail.
public protocol AuditReading {
    /// Audit events, oldest first: one batch's, or the whole workspace's.
    func auditEvents(batch batchID: String?) throws -> [AuditEvent]
    /// The latest event of `action`, nil when there is none.
    func lastAuditEvent(action: AuditAction) throws -> AuditEvent?
    /// Checks the whole trail (see ``AuditVerification``): the hash chain from the first event,
    /// each event's HMAC with the store's key, the content each event sealed against the rows as
    /// they are, the database's guards, and the anchors written outside it: those of the anchor
    /// log and `external` ones quoted in manifests and reports.
    func verifyAudit(anchors: [AuditAnchorLog.Line], external: [AuditAnchor]) throws -> AuditVerification
}

extension AuditReading {
    /// Checks the trail against no anchor (the chain, its HMACs and the content only).
    public func verifyAudit() throws -> AuditVerification { try verifyAudit(anchors: [], external: []) }
}

/// Appending to the audit trail.
public protocol AuditWriting {
    /// Appends an event to the chain, in this transaction: it is committed with the change it
    /// records or not at all, and vouches for the content the transaction wrote before it.
    @discardableResult
    func appendAudit(_ entry: AuditEntry, at time: String) throws -> AuditEvent
}

extension SQLiteTransaction: AuditReading, AuditWriting {
    public func auditEvents(batch batchID: String?) throws -> [AuditEvent] {
        var request = AuditEvent.order(AuditEvent.Columns.id)
        if let batchID { request = request.filter(AuditEvent.Columns.batchId == batchID) }
        return try request.fetchAll(db)
    }

    public func lastAuditEvent(action: AuditAction) throws -> AuditEvent? {
        try AuditEvent.filter(Column("action") == action.rawValue).order(AuditEvent.Columns.id.desc).fetchOne(db)
    }

    public func verifyAudit(anchors: [AuditAnchorLog.Line], external: [AuditAnchor]) throws -> AuditVerification {
        try AuditTrail.verify(db, key: auditKey, anchors: anchors, external: external)
    }

    @discardableResult
    public func appendAudit(_ entry: AuditEntry, at time: String) throws -> AuditEvent {
        // The chain's head is read once per transaction: the write lock keeps anyone else from
        // appending meanwhile, and every append here moves it on.
        let head = try auditHead ?? AuditTrail.head(db)
        let event = try AuditTrail.insert(entry, at: time, after: head, sealFloor: sealFloor, key: auditKey, in: db)
        auditHead = AuditTrail.Head(hash: event.hash, sealsThrough: event.sealsThrough ?? head.sealsThrough, eventID: event.id ?? 0)
        lastActor = entry.actor
        return event
    }

    /// Seals content this transaction wrote after its last event (or without any): an event of its
    /// own vouches for it, so that no committed change is left outside the chain.
    func sealTrailingContent(at time: String) throws {
        let head = try auditHead ?? AuditTrail.head(db)
        guard try ContentSeal.lastSealID(db) > max(head.sealsThrough, sealFloor ?? 0) else { return }
        try appendAudit(AuditEntry(actor: lastActor ?? "hotich", action: .contentSealed), at: time)
    }

    /// The head this transaction moved the chain to, if it appended any event.
    var anchor: AuditAnchor? {
        guard lastActor != nil, let head = auditHead else { return nil }
        return AuditAnchor(eventID: head.eventID, hash: head.hash)
    }
}
