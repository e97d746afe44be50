public import Foundation
import GRDB
public import HoTichModel
public import HoTichStore
import Logging

/// How far the verification of a batch has come, and what still stands in its way.
public struct VerificationProgress: Sendable, Equatable {
    public let records: Int
    public let verified: Int
    /// Disagreements between the two passes not yet arbitrated.
    public let conflictsOpen: Int
    /// Values both passes agree on that a keyer marked uncertain, not yet confirmed against the image.
    public let doubtsOpen: Int
    /// Fields with an error a verifier has still to correct against the image.
    public let correctionsOpen: Int
    /// Error-level findings (they block verification until the value changes).
    public let errors: Int
    public let warnings: Int
    public let warningsUnacknowledged: Int
    public let duplicatesUndecided: Int
    /// Open findings by code, for the batch page.
    public let findingsByCode: [FindingCode: Int]
    /// The batch's latest acceptance sample, when its policy is `sample`.
    public let sample: SampleDraw?

    /// Whether nothing stands between the batch and `verified`.
    public var isComplete: Bool {
        records > 0 && verified == records && conflictsOpen == 0 && doubtsOpen == 0 && correctionsOpen == 0 && errors == 0
            && warningsUnacknowledged == 0 && duplicatesUndecided == 0
    }
}

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
        let report = try workspace.sqlite.databaseWrite { db -> VerificationReport in
            var (batch, book) = try Self.batchAndBook(batchID, in: db)
            switch batch.state {
            case .keyed:
                try Self.transition(batchID, action: .startVerification, actor: me, reason: nil, in: db)
                batch.state = .verifying
            case .verifying, .verified:
                break
            default:
                throw HoTichError(.batchNotVerifiable(batchID: batchID, state: batch.state))
            }
            var settle = RecordSettling(batch: batch, book: book, actor: me, time: time)
            try settle.run(in: db)
            let checks = try BatchChecks.run(batch: batch, book: book, at: time, in: db)
            try checks.openCorrections(batch: batch, at: time, in: db)
            try settle.reopenRecordsWithOpenDecisions(in: db)
            var progress = try Self.verificationProgress(batchID, in: db)
            var state = batch.state
            if batch.state == .verifying && progress.isComplete {
                try Self.transition(batchID, action: .finishVerification, actor: me, reason: nil, in: db)
                state = .verified
            } else if batch.state == .verified && !progress.isComplete {
                // A later check found something (a duplicate in a newer batch): back to verifying.
                try Self.transition(batchID, action: .reopenVerification, actor: me, reason: nil, in: db)
                state = .verifying
            }
            progress = try Self.verificationProgress(batchID, in: db)
            try AuditTrail.append(
                AuditEntry(
                    actor: me, action: .verify, batchId: batchID,
                    reason: "verified \(settle.newlyVerified), conflicts opened \(settle.newConflicts), doubts opened \(settle.newDoubts), findings \(checks.findings.count)"),
                at: time, in: db)
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
        return try workspace.sqlite.databaseRead { db in
            guard try Batch.exists(db, key: batchID) else { throw HoTichError(.batchNotFound(batchID)) }
            return try Self.verificationProgress(batchID, in: db)
        }
    }

    static func verificationProgress(_ batchID: String, in db: Database) throws -> VerificationProgress {
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [batchID]) ?? 0 }
        var byCode: [FindingCode: Int] = [:]
        let rows = try Row.fetchAll(db, sql: "SELECT code, COUNT(*) AS n FROM finding WHERE batchId = ? GROUP BY code", arguments: [batchID])
        for row in rows { if let code = FindingCode(rawValue: row["code"]) { byCode[code] = row["n"] } }
        return VerificationProgress(
            records: try count("SELECT COUNT(*) FROM record WHERE batchId = ?"),
            verified: try count("SELECT COUNT(*) FROM record WHERE batchId = ? AND status = 'verified'"),
            conflictsOpen: try count("""
                SELECT COUNT(*) FROM fieldDecision WHERE batchId = ? AND origin = 'conflict' AND decidedAt IS NULL AND supersededAt IS NULL
                """),
            doubtsOpen: try count("""
                SELECT COUNT(*) FROM fieldDecision WHERE batchId = ? AND origin = 'doubt' AND decidedAt IS NULL AND supersededAt IS NULL
                """),
            correctionsOpen: try count("""
                SELECT COUNT(*) FROM fieldDecision WHERE batchId = ? AND origin = 'error' AND decidedAt IS NULL AND supersededAt IS NULL
                """),
            errors: try count("SELECT COUNT(*) FROM finding WHERE batchId = ? AND severity = 'error'"),
            warnings: try count("SELECT COUNT(*) FROM finding WHERE batchId = ? AND severity = 'warning'"),
            warningsUnacknowledged: try count(
                "SELECT COUNT(*) FROM finding WHERE batchId = ? AND severity = 'warning' AND acknowledgedAt IS NULL"),
            duplicatesUndecided: try count("SELECT COUNT(*) FROM duplicateFlag WHERE batchId = ? AND decision IS NULL"),
            findingsByCode: byCode,
            sample: try SampleDraw.filter(Column("batchId") == batchID).order(Column("id").desc).fetchOne(db))
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

    mutating func run(in db: Database) throws {
        guard batch.policy == .double else { return }
        let keyings = try Keying
            .filter(Keying.Columns.batchId == batch.id && Keying.Columns.state == KeyingState.complete.rawValue)
            .fetchAll(db)
        var passes: [String: [Int: Keying]] = [:]
        for keying in keyings {
            guard let recordId = keying.recordId else { continue }
            passes[recordId, default: [:]][keying.pass] = keying
        }
        let decisions = try FieldDecision
            .filter(Column("batchId") == batch.id && Column("supersededAt") == nil)
            .fetchAll(db)
        var decisionsByRecord: [String: [FieldDecision]] = [:]
        for decision in decisions { decisionsByRecord[decision.recordId, default: []].append(decision) }
        let records = try RegisterRecord.filter(RegisterRecord.Columns.batchId == batch.id && Column("status") == RecordStatus.keyed.rawValue).fetchAll(db)
        var audit = try AuditTrail.Appender(db)
        for var record in records {
            guard let first = passes[record.id]?[1], let second = passes[record.id]?[2] else { continue }
            let existing = decisionsByRecord[record.id] ?? []
            let comparedFields = Set(existing.filter(\.hasPasses).map(\.field))
            let disagreements = FieldComparison.disagreements(first.fields, second.fields, kind: book.kind)
            let doubts = FieldComparison.sharedDoubts(first.fields, second.fields, kind: book.kind)
            for (origin, keys) in [(DecisionOrigin.conflict, disagreements), (.doubt, doubts)] {
                for key in keys where !comparedFields.contains(key) {
                    var decision = FieldDecision(
                        batchId: batch.id, recordId: record.id, field: key, origin: origin,
                        pass1: first.fields[key], pass2: second.fields[key],
                        pass1Operator: first.operator, pass2Operator: second.operator, at: time)
                    try decision.insert(db)
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
            try record.update(db)
            try audit.append(
                AuditEntry(
                    actor: actor, action: .recordVerified, batchId: batch.id, subject: record.id,
                    reason: all.isEmpty ? "passes agree" : "\(all.count) field(s) arbitrated"),
                at: time, in: db)
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
    func reopenRecordsWithOpenDecisions(in db: Database) throws {
        let restored = try String.fetchAll(db, sql: """
            SELECT r.id FROM record r WHERE r.batchId = ? AND r.status = 'keyed' AND r.verifiedAt IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM fieldDecision d WHERE d.recordId = r.id AND d.decidedAt IS NULL AND d.supersededAt IS NULL)
            """, arguments: [batch.id])
        for id in restored {
            try db.execute(sql: "UPDATE record SET status = 'verified', updatedAt = ? WHERE id = ?", arguments: [time, id])
            try AuditTrail.append(
                AuditEntry(actor: actor, action: .recordVerified, batchId: batch.id, subject: id, reason: "error withdrawn"),
                at: time, in: db)
        }
        let reopened = try String.fetchAll(db, sql: """
            SELECT DISTINCT r.id FROM record r JOIN fieldDecision d ON d.recordId = r.id
            WHERE r.batchId = ? AND r.status = 'verified' AND d.decidedAt IS NULL AND d.supersededAt IS NULL
            """, arguments: [batch.id])
        for id in reopened {
            try db.execute(sql: "UPDATE record SET status = 'keyed', updatedAt = ? WHERE id = ?", arguments: [time, id])
            try AuditTrail.append(
                AuditEntry(actor: actor, action: .recordReopened, batchId: batch.id, subject: id, reason: "error to correct"),
                at: time, in: db)
        }
    }
}
