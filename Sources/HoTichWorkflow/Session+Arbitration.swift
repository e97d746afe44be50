public import Foundation
public import HoTichModel
import HoTichStore
import Logging

/// A field waiting for a verifier: a conflict between passes or an error to correct.
public struct OpenDecision: Sendable {
    public let decision: FieldDecision
    public let field: FieldDefinition
    public let kind: RecordKind
    /// The record's registration number, to find the entry on the page.
    public let number: String?
    /// The record's current value of the field.
    public let current: FieldValue?
    /// The scan to look at.
    public let fileURL: URL?
    /// For an error: the rules it breaks.
    public let problems: [Finding]
    /// Whether the acting user keyed this record (and so may not decide it).
    public let keyedByMe: Bool
}

extension Session {
    /// The open conflicts and corrections of a batch, in register order.
    public func openDecisions(batch batchID: String) throws -> [OpenDecision] {
        try require(.arbitrate)
        let me = user.name
        return try workspace.store.read { tx in
            let (batch, book) = try Self.batchAndBook(batchID, in: tx)
            let order = Dictionary(uniqueKeysWithValues: FieldCatalog.fields(for: book.kind).enumerated().map { ($1.key, $0) })
            let findings = try tx.findings(batch: batchID, severity: .error)
            var open: [OpenDecision] = []
            for context in try tx.decisionContexts(batch: batchID, user: me) {
                let decision = context.decision
                guard let field = FieldCatalog.field(decision.field, in: book.kind) else { continue }
                open.append(OpenDecision(
                    decision: decision, field: field, kind: book.kind, number: context.number,
                    current: context.recordFields[decision.field],
                    fileURL: context.filePath.map { URL(fileURLWithPath: batch.storedRoot).appendingPathComponent($0) },
                    problems: findings.filter { $0.recordId == decision.recordId && $0.field == decision.field },
                    keyedByMe: context.keyedByAskingUser))
            }
            // Register order within a record: the order of the catalog.
            return open.enumerated().sorted { lhs, rhs in
                if lhs.element.decision.recordId != rhs.element.decision.recordId { return lhs.offset < rhs.offset }
                return (order[lhs.element.field.key] ?? 0) < (order[rhs.element.field.key] ?? 0)
            }.map(\.element)
        }
    }

    /// Settles one field with the value read from the image (or chosen from a pass).
    ///
    /// Stores who decided, when, and which pass was wrong; applies the value to the record; a
    /// record with nothing left open is verified again (double keying) or as reviewed before.
    /// - Throws: when the verifier keyed the record, the decision is already settled, or the value
    ///   breaks the field's rules.
    public func decide(_ decisionID: Int64, value: FieldValue, now: Date = Date()) throws {
        try require(.arbitrate)
        let me = user.name
        let time = Timestamp.text(for: now)
        try workspace.store.write { tx in
            guard var decision = try tx.decision(id: decisionID) else {
                throw HoTichError(.decisionNotFound(decisionID))
            }
            guard decision.isOpen, decision.supersededAt == nil else { throw HoTichError(.decisionAlreadyMade(decisionID)) }
            if try tx.keyers(record: decision.recordId).contains(me) { throw HoTichError(.arbiterKeyedRecord(user: me)) }
            let (batch, book) = try Self.batchAndBook(decision.batchId, in: tx)
            guard batch.state == .verifying else {
                throw HoTichError(.batchNotVerifiable(batchID: batch.id, state: batch.state))
            }
            guard let field = FieldCatalog.field(decision.field, in: book.kind) else {
                throw HoTichError(.storeDamaged(.damagedRow(table: "fieldDecision")))
            }
            let outcome = FieldRules.check(value, for: field)
            if let error = outcome.diagnostics.first(where: { $0.severity == .error }) {
                throw HoTichError(.diagnostic(error, kind: book.kind))
            }
            decision.decided = outcome.value
            decision.pass1Wrong = decision.pass1Operator == nil ? nil : Self.isWrong(decision.pass1, decided: outcome.value, field: field)
            decision.pass2Wrong = decision.pass2Operator == nil ? nil : Self.isWrong(decision.pass2, decided: outcome.value, field: field)
            decision.decidedBy = me
            decision.decidedAt = time
            try tx.updateDecision(decision)
            try Self.applyDecidedValue(decision, book: book, policy: batch.policy, actor: me, at: time, in: tx)
        }
        workspace.logger.info("field decided", metadata: ["decision": "\(decisionID)"])
    }

    /// Whether a keyed value was an error, given the value the image shows: only a value that
    /// differs from the decided one is. Certainty is not part of the value: a keyer who marked
    /// `1990?` where the image shows 1990 flagged a hard spot honestly and read it right, and a
    /// verifier's remaining doubt does not make a keyer's sure reading wrong.
    static func isWrong(_ keyed: FieldValue?, decided: FieldValue, field: FieldDefinition) -> Bool {
        !FieldComparison.agree(keyed, decided, field: field)
    }

    /// Writes a decided value into its record; verifies the record when nothing is left open on it.
    static func applyDecidedValue(
        _ decision: FieldDecision, book: BookIdentity, policy: VerificationPolicy, actor: String, at time: String, in tx: any StoreWriting
    ) throws {
        var record = try required(tx.record(id: decision.recordId), "record")
        record.fields[decision.field] = decision.decided
        record.refreshDerivedColumns(bookYear: book.year)
        record.updatedAt = time
        let stillOpen = try tx.openDecisionCount(record: record.id)
        // Double keying: the last conflict settles the record. Review and sample: a record the
        // verifier already reviewed is verified again once its correction is made.
        let settled = stillOpen == 0 && (policy == .double || record.verifiedAt != nil)
        if settled {
            record.status = .verified
            record.verifiedAt = time
            record.verifiedBy = actor
        }
        try tx.updateRecord(record)
        try tx.appendAudit(
            AuditEntry(
                actor: actor, action: .fieldDecided, batchId: decision.batchId, subject: record.id,
                reason: "\(decision.field) (\(decision.origin.rawValue))\(settled ? "; record verified" : "")"),
            at: time)
    }

    // MARK: - Warnings

    /// The batch's warnings not yet acknowledged.
    public func openWarnings(batch batchID: String) throws -> [Finding] {
        try findings(batch: batchID).filter { $0.severity == .warning && $0.acknowledgedAt == nil }
    }

    /// Everything the checks found in a batch, in register order (batch-level findings first).
    public func findings(batch batchID: String) throws -> [Finding] {
        try require(.viewWork)
        return try workspace.store.read { tx in
            guard try tx.batch(batchID) != nil else { throw HoTichError(.batchNotFound(batchID)) }
            return try tx.findings(batch: batchID)
        }
    }

    /// The registration number of each of a batch's records, by record id (for showing findings).
    public func recordNumbers(batch batchID: String) throws -> [String: String] {
        try require(.viewWork)
        return try workspace.store.read { tx in
            var numbers: [String: String] = [:]
            for (id, number) in try tx.recordNumbers(batch: batchID) { numbers[id] = number ?? "?" }
            return numbers
        }
    }

    /// Confirms that a warning was checked against the image and stands, with the reason.
    public func acknowledge(finding findingID: Int64, reason: String, now: Date = Date()) throws {
        try require(.arbitrate)
        let reason = VietnameseText.singleLine(reason)
        guard !reason.isEmpty else { throw HoTichError(.acknowledgementNeedsReason) }
        let me = user.name
        let time = Timestamp.text(for: now)
        try workspace.store.write { tx in
            guard var finding = try tx.finding(id: findingID), finding.severity == .warning else {
                throw HoTichError(.findingNotFound(findingID))
            }
            guard finding.acknowledgedAt == nil else { return }
            finding.acknowledgedBy = me
            finding.acknowledgedAt = time
            finding.reason = reason
            try tx.updateFinding(finding)
            try tx.appendAudit(
                AuditEntry(actor: me, action: .warningAcknowledged, batchId: finding.batchId, subject: finding.recordId, reason: finding.code.rawValue),
                at: time)
        }
    }
}
