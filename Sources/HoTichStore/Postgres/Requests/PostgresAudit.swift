import HoTichPostgres
public import HoTichModel

extension PostgresTransaction: AuditReading, AuditWriting {
    static let eventColumns = #"""
        "id", "at", "actor", "action", "batchId", "subject", "fromState", "toState", "reason", "previousHash", "hash",
        "sealsFrom", "sealsThrough", "contentDigest", "mac"
        """#

    func event(from row: PostgresRow) throws -> AuditEvent {
        AuditEvent(
            id: try row.required("id"), at: try row.required("at"), actor: try row.required("actor"),
            action: AuditAction(rawValue: try row.required("action")), batchId: try row.decode("batchId"),
            subject: try row.decode("subject"), fromState: try row.decode("fromState"), toState: try row.decode("toState"),
            reason: try row.decode("reason"), previousHash: try row.required("previousHash"), hash: try row.required("hash"),
            sealsFrom: try row.decode("sealsFrom"), sealsThrough: try row.decode("sealsThrough"),
            contentDigest: try row.decode("contentDigest"), mac: try row.decode("mac"))
    }

    public func auditEvents(batch batchID: String?) throws -> [AuditEvent] {
        if let batchID {
            return try execute(#"SELECT \#(Self.eventColumns) FROM "auditEvent" WHERE "batchId" = $1 ORDER BY "id""#, [batchID])
                .map(event(from:))
        }
        return try execute(#"SELECT \#(Self.eventColumns) FROM "auditEvent" ORDER BY "id""#).map(event(from:))
    }

    public func lastAuditEvent(action: AuditAction) throws -> AuditEvent? {
        try execute(#"SELECT \#(Self.eventColumns) FROM "auditEvent" WHERE "action" = $1 ORDER BY "id" DESC LIMIT 1"#, [action.rawValue])
            .first.map(event(from:))
    }

    public func verifyAudit(anchors: [AuditAnchorLog.Line], external: [AuditAnchor]) throws -> AuditVerification {
        var chain = AuditChainCheck(key: auditKey)
        try PostgresSeals.verifySchema(self, into: &chain)
        chain.take(anchors: anchors, external: external)
        // In pages, so that a province's millions of events are never all in memory at once.
        var after: Int64 = 0
        while true {
            let page = try execute(
                #"SELECT \#(Self.eventColumns) FROM "auditEvent" WHERE "id" > $1 ORDER BY "id" LIMIT 10000"#, [after])
            for row in page {
                let event = try event(from: row)
                chain.check(event)
                if let through = event.sealsThrough {
                    let from = event.sealsFrom ?? chain.previous.sealsThrough
                    // Seals between the event before and this event's own: written outside hotich.
                    for problem in try unvouchedSeals(after: chain.previous.sealsThrough, through: from) { chain.report(problem) }
                    let digest = try sealDigest(after: from, through: through).digest
                    if !chain.sealsHold(event, from: from, through: through, digest: digest) {
                        chain.report(.sealsChanged(eventID: event.id ?? 0))
                    }
                }
                chain.pass(event)
                after = event.id ?? after
            }
            if page.count < 10_000 { break }
        }
        for problem in try unvouchedSeals(after: chain.previous.sealsThrough, through: Int64.max) { chain.report(problem) }
        try verifyCopiedTrails(into: &chain)
        var result = chain.finish()
        result.rowsChecked = try PostgresSeals.verifyContent(self, into: &result)
        return result
    }

    /// The seals after `previous` up to `through` as problems: no event vouches for them.
    private func unvouchedSeals(after previous: Int64, through: Int64) throws -> [AuditProblem] {
        guard through > previous else { return [] }
        return try execute(
            #"SELECT "kind", "subjectId" FROM "contentSeal" WHERE "id" > $1 AND "id" <= $2 ORDER BY "id""#, [previous, through]
        ).map { row in
            .contentUnvouched(SealedContent(rawValue: try row.required("kind")) ?? .record, id: try row.required("subjectId"))
        }
    }

    /// The digest of the seals after `previous` up to `through`, and how many there are.
    func sealDigest(after previous: Int64, through: Int64) throws -> (digest: String?, count: Int) {
        guard through > previous else { return (nil, 0) }
        var digest = SealDigest()
        let rows = try execute(
            #"SELECT "kind", "subjectId", "hash" FROM "contentSeal" WHERE "id" > $1 AND "id" <= $2 ORDER BY "id""#, [previous, through])
        for row in rows {
            digest.add(kind: try row.required("kind"), subject: try row.required("subjectId"), hash: try row.decode("hash"))
        }
        return (rows.isEmpty ? nil : digest.finish(), rows.count)
    }

    @discardableResult
    public func appendAudit(_ entry: AuditEntry, at time: String) throws -> AuditEvent {
        // The writer lock keeps anyone else from appending while this transaction runs: the head
        // is read once, and every append here moves it on.
        let head = try auditHead ?? readAuditHead()
        let through = try lastSealID()
        let from = max(head.sealsThrough, sealFloor ?? head.sealsThrough)
        let event = AuditTrail.event(
            entry, at: time, id: head.eventID + 1, after: head, sealsFrom: from, through: through,
            digest: try sealDigest(after: from, through: through).digest, key: auditKey)
        // Numbered by the chain, not by a sequence: a sequence leaves gaps where transactions
        // rolled back, and the chain's numbers follow each other.
        try execute(
            #"""
            INSERT INTO "auditEvent" (\#(Self.eventColumns))
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            """#,
            [event.id, event.at, event.actor, event.action.rawValue, event.batchId, event.subject, event.fromState, event.toState,
             event.reason, event.previousHash, event.hash, event.sealsFrom, event.sealsThrough, event.contentDigest, event.mac])
        auditHead = AuditTrail.Head(hash: event.hash, sealsThrough: through, eventID: head.eventID + 1)
        lastActor = entry.actor
        return event
    }

    /// Appends `entries` in order, as ``appendAudit(_:at:)`` would one by one, with one `COPY`:
    /// the first vouches for every seal written since the last event, the others for none.
    func appendAuditInBulk(_ entries: [AuditEntry], at time: String) throws {
        var head = try auditHead ?? readAuditHead()
        let through = try lastSealID()
        var rows: [[String?]] = []
        rows.reserveCapacity(entries.count)
        for entry in entries {
            let from = max(head.sealsThrough, sealFloor ?? head.sealsThrough)
            let event = AuditTrail.event(
                entry, at: time, id: head.eventID + 1, after: head, sealsFrom: from, through: through,
                digest: try sealDigest(after: from, through: through).digest, key: auditKey)
            rows.append([
                String(head.eventID + 1), event.at, event.actor, event.action.rawValue, event.batchId, event.subject, event.fromState,
                event.toState, event.reason, event.previousHash, event.hash, event.sealsFrom.map { String($0) },
                event.sealsThrough.map { String($0) }, event.contentDigest, event.mac,
            ])
            head = AuditTrail.Head(hash: event.hash, sealsThrough: through, eventID: head.eventID + 1)
            lastActor = entry.actor
        }
        try connection.copy(#"COPY "auditEvent" (\#(Self.eventColumns)) FROM STDIN"#, rows: rows)
        auditHead = head
    }

    /// The last event's head (the genesis before the first event).
    func readAuditHead() throws -> AuditTrail.Head {
        guard let row = try execute(#"SELECT "id", "hash", "sealsThrough" FROM "auditEvent" ORDER BY "id" DESC LIMIT 1"#).first else {
            return AuditTrail.Head(hash: AuditTrail.genesis, sealsThrough: 0, eventID: 0)
        }
        return AuditTrail.Head(hash: try row.required("hash"), sealsThrough: try row.decode("sealsThrough") ?? 0, eventID: try row.required("id"))
    }

    /// Seals content this transaction wrote after its last event (or without any).
    func sealTrailingContent(at time: String) throws {
        let head = try auditHead ?? readAuditHead()
        guard try lastSealID() > max(head.sealsThrough, sealFloor ?? 0) else { return }
        try appendAudit(AuditEntry(actor: lastActor ?? "hotich", action: .contentSealed), at: time)
    }

    /// The head this transaction moved the chain to, if it appended any event.
    var anchor: AuditAnchor? {
        guard lastActor != nil, let head = auditHead else { return nil }
        return AuditAnchor(eventID: head.eventID, hash: head.hash)
    }
}

extension PostgresStore {
    /// The trail's first event, nil for a database whose trail is empty.
    public func firstAuditEvent() throws -> AuditEvent? {
        try databaseRead { tx in
            try tx.execute(#"SELECT \#(PostgresTransaction.eventColumns) FROM "auditEvent" WHERE "id" = 1"#).first.map(tx.event(from:))
        }
    }
}
