import Crypto
import GRDB
import HoTichModel

/// The workspace's audit trail: append-only (triggers refuse updates and deletes), each event
/// chained to the one before by a SHA-256 over the previous hash and every field, including the
/// digest of the content seals its transaction wrote (``ContentSeal``), and keyed: each event
/// carries an HMAC of its hash with the workspace's ``AuditKey``.
///
/// Appending happens inside the caller's write transaction, so a change, its seals and its audit
/// event are committed together or not at all.
enum AuditTrail {
    /// The hash that stands before the first event.
    static let genesis = String(repeating: "0", count: 64)

    /// The point the next event chains to: the last event's hash, and the last seal it vouched for.
    struct Head {
        var hash: String
        var sealsThrough: Int64
        var eventID: Int64
    }

    /// The last event's head (the genesis before the first event).
    static func head(_ db: Database) throws -> Head {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, hash, sealsThrough FROM auditEvent ORDER BY id DESC LIMIT 1"))
        guard let row else { return Head(hash: genesis, sealsThrough: 0, eventID: 0) }
        return Head(hash: row["hash"], sealsThrough: row["sealsThrough"] ?? 0, eventID: row["id"])
    }

    /// Appends `entry` after `head` and returns the event. It vouches for the seals after `floor`
    /// (the last seal before its transaction wrote anything): seals written between the last event
    /// and its transaction were written outside hotich, and no event ever vouches for them.
    static func insert(
        _ entry: AuditEntry, at time: String, after head: Head, sealFloor floor: Int64?, key: AuditKey?, in db: Database
    ) throws -> AuditEvent {
        let through = try ContentSeal.lastSealID(db)
        let from = max(head.sealsThrough, floor ?? head.sealsThrough)
        var row = event(
            entry, at: time, id: nil, after: head, sealsFrom: from, through: through,
            digest: try ContentSeal.digest(db, after: from, through: through), key: key)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO auditEvent (at, actor, action, batchId, subject, fromState, toState, reason, previousHash, hash,
                                    sealsFrom, sealsThrough, contentDigest, mac)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.execute(arguments: [
            row.at, row.actor, row.action.rawValue, row.batchId, row.subject, row.fromState, row.toState, row.reason,
            row.previousHash, row.hash, row.sealsFrom, row.sealsThrough, row.contentDigest, row.mac,
        ])
        row.id = db.lastInsertedRowID
        return row
    }

    /// The event `entry` makes after `head`, vouching for the seals after `from` up to `through`
    /// (whose digest is `digest`): chained by its hash and signed with `key` (every store's way).
    static func event(
        _ entry: AuditEntry, at time: String, id: Int64?, after head: Head, sealsFrom from: Int64, through: Int64, digest: String?,
        key: AuditKey?
    ) -> AuditEvent {
        var event = AuditEvent(
            id: id, at: time, actor: entry.actor, action: entry.action, batchId: entry.batchId,
            subject: entry.subject, fromState: entry.fromState, toState: entry.toState,
            reason: entry.reason, previousHash: head.hash, hash: "", sealsFrom: from,
            sealsThrough: through, contentDigest: digest)
        event.hash = chainHash(of: event, after: head.hash)
        event.mac = key?.mac(event.hash)
        return event
    }

    /// Checks the whole trail: the chain from the first event, each event's HMAC (when `key` is
    /// given), the seals each event vouches for, every current row against its last seal, the
    /// database's guards, and `anchors` (written outside the database) against the chain.
    /// Anchors in `external` (quoted in a manifest or a report) carry no HMAC and are compared as they are.
    static func verify(
        _ db: Database, key: AuditKey?, anchors: [AuditAnchorLog.Line], external: [AuditAnchor]
    ) throws -> AuditVerification {
        var chain = AuditChainCheck(key: key)
        // Each guard must be there, and be the statement hotich made (one rewritten to do nothing
        // is as good as gone); and no trigger or view may be there that hotich never made (code
        // planted there runs inside hotich's own transactions, its changes sealed as hotich's).
        var present: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')") {
            present[row["name"]] = ContentSeal.normalized(row["sql"] ?? "")
        }
        let guards = Set(ContentSeal.guards.map(\.name))
        for guardTrigger in ContentSeal.guards where present[guardTrigger.name] != ContentSeal.normalized(guardTrigger.sql) {
            chain.report(.guardMissing(name: guardTrigger.name))
        }
        for (name, sql) in present.sorted(by: { $0.key < $1.key }) where !guards.contains(name) && ContentSeal.expectedSchema[name] != sql {
            chain.report(.foreignSchema(name: name))
        }
        chain.take(anchors: anchors, external: external)

        let seals = try Row.fetchCursor(db, sql: "SELECT id, kind, subjectId, hash FROM contentSeal ORDER BY id")
        var pendingSeal = try seals.next()
        let events = try AuditEvent.order(AuditEvent.Columns.id).fetchCursor(db)
        while let event = try events.next() {
            chain.check(event)
            if let through = event.sealsThrough {
                let from = event.sealsFrom ?? chain.previous.sealsThrough
                // Seals between the event before and this event's own: written outside hotich.
                while let seal = pendingSeal, (seal["id"] as Int64) <= from {
                    chain.report(Self.unvouched(seal))
                    pendingSeal = try seals.next()
                }
                var digest = SealDigest()
                var sealed = 0
                while let seal = pendingSeal, (seal["id"] as Int64) <= through {
                    digest.add(kind: seal["kind"], subject: ContentSeal.text(seal["subjectId"] as DatabaseValue) ?? "", hash: seal["hash"])
                    sealed += 1
                    pendingSeal = try seals.next()
                }
                if !chain.sealsHold(event, from: from, through: through, digest: sealed == 0 ? nil : digest.finish()) {
                    chain.report(.sealsChanged(eventID: event.id ?? 0))
                }
            }
            chain.pass(event)
        }
        while let seal = pendingSeal {
            chain.report(Self.unvouched(seal))
            pendingSeal = try seals.next()
        }
        var result = chain.finish()
        result.rowsChecked = try ContentSeal.verifyContent(db, into: &result)
        return result
    }

    /// The problem of a seal no event vouches for, naming its row.
    private static func unvouched(_ seal: Row) -> AuditProblem {
        let kind = SealedContent(rawValue: seal["kind"] ?? "") ?? .record
        return .contentUnvouched(kind, id: ContentSeal.text(seal["subjectId"] as DatabaseValue) ?? "")
    }

    /// SHA-256 of the previous hash and every field, each written with its length so that
    /// no two different events serialize alike. Events that vouch for seals (schema v12 on) add
    /// the range of seals and their digest; the HMAC is over this hash, not in it.
    static func chainHash(of row: AuditEvent, after previous: String) -> String {
        var fields: [String?] = [
            previous, row.at, row.actor, row.action.rawValue, row.batchId, row.subject,
            row.fromState, row.toState, row.reason,
        ]
        if let through = row.sealsThrough {
            fields.append(row.sealsFrom.map { String($0) })
            fields.append(String(through))
            fields.append(row.contentDigest)
        }
        return ContentSeal.hash(fields)
    }
}
