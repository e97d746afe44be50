public import Foundation
public import HoTichModel
import HoTichStore
import Logging

/// What one `verify` run did.
public struct VerificationReport: Sendable {
    public let batchID: String
    public let policy: VerificationPolicy
    /// Records settled by this run (their passes agree, or their last conflict was decided).
    public let newlyVerified: Int
    /// Conflicts this run opened.
    public let newConflicts: Int
    /// Doubtful values (agreeing passes, a doubt mark) this run left for a verifier to confirm.
    public let newDoubts: Int
    public let progress: VerificationProgress
    /// The batch's state after the run.
    public let state: BatchState
}

extension Session {
    /// Verifies a keyed batch: compares the passes, settles records that agree, opens conflicts
    /// where they do not, runs every record, sequence, count and duplicate check, and moves the
    /// batch to `verified` once nothing stands in the way.
    ///
    /// Safe to run again at any time: decisions, acknowledgements and duplicate decisions stay;
    /// findings are recomputed from the current values.
    public func verify(batch batchID: String, now: Date = Date()) throws -> VerificationReport {
        try require(.verify)
        let me = user.name
        let time = Timestamp.text(for: now)
        let report = try workspace.store.write { tx -> VerificationReport in
            var (batch, book) = try Self.batchAndBook(batchID, in: tx)
            switch batch.state {
            case .keyed:
                try Self.transition(batchID, action: .startVerification, actor: me, reason: nil, in: tx)
                batch.state = .verifying
            case .verifying, .verified:
                break
            default:
                throw HoTichError(.batchNotVerifiable(batchID: batchID, state: batch.state))
            }
            var settle = RecordSettling(batch: batch, book: book, actor: me, time: time)
            try settle.run(in: tx)
            let checks = try BatchChecks.run(batch: batch, book: book, at: time, in: tx)
            try checks.openCorrections(batch: batch, at: time, in: tx)
            try settle.reopenRecordsWithOpenDecisions(in: tx)
            var progress = try tx.verificationProgress(batch: batchID)
            var state = batch.state
            if batch.state == .verifying && progress.isComplete {
                try Self.transition(batchID, action: .finishVerification, actor: me, reason: nil, in: tx)
                state = .verified
            } else if batch.state == .verified && !progress.isComplete {
                // A later check found something (a duplicate in a newer batch): back to verifying.
                try Self.transition(batchID, action: .reopenVerification, actor: me, reason: nil, in: tx)
                state = .verifying
            }
            progress = try tx.verificationProgress(batch: batchID)
            try tx.appendAudit(
                AuditEntry(
                    actor: me, action: .verify, batchId: batchID,
                    reason: "verified \(settle.newlyVerified), conflicts opened \(settle.newConflicts), doubts opened \(settle.newDoubts), findings \(checks.findings.count)"),
                at: time)
            return VerificationReport(
                batchID: batchID, policy: batch.policy, newlyVerified: settle.newlyVerified,
                newConflicts: settle.newConflicts, newDoubts: settle.newDoubts, progress: progress, state: state)
        }
        workspace.logger.info(
            "batch verified",
            metadata: [
                "batch": "\(batchID)", "settled": "\(report.newlyVerified)", "conflicts": "\(report.newConflicts)",
                "state": "\(report.state.rawValue)",
            ])
        return report
    }

    /// The verification progress of a batch.
    public func verificationProgress(batch batchID: String) throws -> VerificationProgress {
        try require(.viewWork)
        return try workspace.store.read { tx in
            guard try tx.batch(batchID) != nil else { throw HoTichError(.batchNotFound(batchID)) }
            return try tx.verificationProgress(batch: batchID)
        }
    }
}

/// Settles the records of a batch from their keyings: for a double-keyed batch, records whose passes
/// agree (or whose every conflict is decided) take the agreed values and become verified; each
/// disagreement becomes a conflict for a verifier, and each agreed value that a keyer marked
/// uncertain a doubt for a verifier to confirm against the image.
struct RecordSettling {
    let batch: Batch
    let book: BookIdentity
    let actor: String
    let time: String
    private(set) var newlyVerified = 0
    private(set) var newConflicts = 0
    private(set) var newDoubts = 0

    init(batch: Batch, book: BookIdentity, actor: String, time: String) {
        self.batch = batch
        self.book = book
        self.actor = actor
        self.time = time
    }

    mutating func run(in tx: any StoreWriting) throws {
        guard batch.policy == .double else { return }
        let keyings = try tx.completeKeyings(batch: batch.id)
        var passes: [String: [Int: Keying]] = [:]
        for keying in keyings {
            guard let recordId = keying.recordId else { continue }
            passes[recordId, default: [:]][keying.pass] = keying
        }
        let decisions = try tx.decisionsInForce(batch: batch.id)
        var decisionsByRecord: [String: [FieldDecision]] = [:]
        for decision in decisions { decisionsByRecord[decision.recordId, default: []].append(decision) }
        for var record in try tx.records(batch: batch.id, status: .keyed) {
            guard let first = passes[record.id]?[1], let second = passes[record.id]?[2] else { continue }
            let existing = decisionsByRecord[record.id] ?? []
            let comparedFields = Set(existing.filter(\.hasPasses).map(\.field))
            let disagreements = FieldComparison.disagreements(first.fields, second.fields, kind: book.kind)
            let doubts = FieldComparison.sharedDoubts(first.fields, second.fields, kind: book.kind)
            for (origin, keys) in [(DecisionOrigin.conflict, disagreements), (.doubt, doubts)] {
                for key in keys where !comparedFields.contains(key) {
                    let decision = try tx.insertDecision(FieldDecision(
                        batchId: batch.id, recordId: record.id, field: key, origin: origin,
                        pass1: first.fields[key], pass2: second.fields[key],
                        pass1Operator: first.operator, pass2Operator: second.operator, at: time))
                    if origin == .conflict { newConflicts += 1 } else { newDoubts += 1 }
                    decisionsByRecord[record.id, default: []].append(decision)
                }
            }
            let all = decisionsByRecord[record.id] ?? []
            guard all.allSatisfy({ !$0.isOpen }) else { continue }
            record.fields = Self.settledValues(first.fields, decisions: all)
            record.refreshDerivedColumns(bookYear: book.year)
            record.status = .verified
            record.verifiedAt = time
            record.verifiedBy = all.compactMap(\.decidedBy).last ?? actor
            record.updatedAt = time
            try tx.updateRecord(record)
            try tx.appendAudit(
                AuditEntry(
                    actor: actor, action: .recordVerified, batchId: batch.id, subject: record.id,
                    reason: all.isEmpty ? "passes agree" : "\(all.count) field(s) arbitrated"),
                at: time)
            newlyVerified += 1
        }
    }

    /// The values a record settles on: the first pass, with every decided field replaced.
    static func settledValues(_ base: [String: FieldValue], decisions: [FieldDecision]) -> [String: FieldValue] {
        var values = base
        for decision in decisions.sorted(by: { ($0.decidedAt ?? "") < ($1.decidedAt ?? "") }) where !decision.isOpen {
            values[decision.field] = decision.decided
        }
        return values
    }

    /// A verified record with an open decision (an error to correct) is not verified any more;
    /// one that was verified and has nothing open again (its error withdrawn) is verified again.
    func reopenRecordsWithOpenDecisions(in tx: any StoreWriting) throws {
        for id in try tx.recordsToVerifyAgain(batch: batch.id) {
            try tx.setStatus(record: id, .verified, verifiedBy: nil, at: time)
            try tx.appendAudit(
                AuditEntry(actor: actor, action: .recordVerified, batchId: batch.id, subject: id, reason: "error withdrawn"), at: time)
        }
        for id in try tx.verifiedRecordsWithOpenDecisions(batch: batch.id) {
            try tx.setStatus(record: id, .keyed, verifiedBy: nil, at: time)
            try tx.appendAudit(
                AuditEntry(actor: actor, action: .recordReopened, batchId: batch.id, subject: id, reason: "error to correct"), at: time)
        }
    }
}
