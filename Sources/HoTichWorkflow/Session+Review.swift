public import Foundation
import GRDB
public import HoTichModel
public import HoTichStore
import Logging

/// One record for a verifier to check against the image: every record of a `review` batch, or
/// each record of the drawn sample of a `sample` batch.
public struct ReviewTask: Sendable {
    public let batch: Batch
    public let book: BookIdentity
    public let record: RegisterRecord
    /// The sample the record belongs to, for a `sample` batch.
    public let drawId: Int64?
    /// Records reviewed so far, and how many there are to review.
    public let done: Int
    public let total: Int
    public let fileURL: URL?
    /// The fields of the record kind, in register order.
    public var fields: [FieldDefinition] { FieldCatalog.fields(for: book.kind) }
}

/// What checking one record led to.
public enum ReviewOutcome: Sendable, Equatable {
    /// The record was confirmed (or corrected) and is verified.
    case verified(corrections: Int)
    /// The sampled record was checked; the sample is not finished.
    case sampled(corrections: Int)
    /// The last sampled record was checked and the lot accepted: every record is verified.
    case lotAccepted(defective: Int, acceptance: Int)
    /// The last sampled record was checked and the lot rejected: the batch went back to keying.
    case lotRejected(defective: Int, acceptance: Int)
}

extension Session {
    // MARK: - Sampling

    /// Draws an ISO 2859-1 sample from a `sample` batch and records the plan and the seed.
    /// - Parameter seed: repeats an earlier draw; a random seed otherwise.
    public func drawSample(batch batchID: String, aql: SamplingPlan.AQL, seed: UInt64? = nil, now: Date = Date()) throws -> SampleDraw {
        try require(.drawSample)
        let me = user.name
        let time = Timestamp.text(for: now)
        let seed = seed ?? UInt64.random(in: 1...UInt64(Int64.max))
        return try workspace.sqlite.databaseWrite { db in
            let (batch, _) = try Self.batchAndBook(batchID, in: db)
            guard batch.policy == .sample else {
                throw HoTichError(.policyIsNotSample(batchID: batchID, policy: batch.policy))
            }
            if batch.state == .keyed {
                try Self.transition(batchID, action: .startVerification, actor: me, reason: nil, in: db)
            } else if batch.state != .verifying {
                throw HoTichError(.batchNotVerifiable(batchID: batchID, state: batch.state))
            }
            if let pending = try SampleDraw.filter(Column("batchId") == batchID && Column("outcome") == nil).fetchOne(db) {
                throw HoTichError(.sampleAlreadyDrawn(batchID: batchID, at: pending.drawnAt))
            }
            let records = try Self.recordsInRegisterOrder(batchID, in: db)
            guard !records.isEmpty else { throw HoTichError(.nothingToShow) }
            let plan = SamplingPlan(lotSize: records.count, aql: aql)
            var draw = SampleDraw(batchId: batchID, plan: plan, seed: Int64(bitPattern: seed), by: me, at: time)
            try draw.insert(db)
            guard let drawId = draw.id else { throw HoTichError(.storageFailure(code: 11)) }
            for (position, index) in plan.draw(seed: seed).enumerated() {
                try SampleItem(drawId: drawId, recordId: records[index], position: position + 1).insert(db)
            }
            try AuditTrail.append(
                AuditEntry(
                    actor: me, action: .sampleDrawn, batchId: batchID,
                    reason: "AQL \(plan.aql.rawValue), lot \(plan.lotSize), letter \(plan.codeLetter), n=\(plan.sampleSize), Ac=\(plan.acceptance), seed \(seed)"),
                at: time, in: db)
            return draw
        }
    }

    /// The ids of a batch's records in the order of the book: the lot a sample is drawn from.
    static func recordsInRegisterOrder(_ batchID: String, in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT r.id FROM record r LEFT JOIN scanFile f ON f.id = r.scanFileId
            WHERE r.batchId = ? ORDER BY f.path, CAST(r.number AS INTEGER), r.entryKey
            """, arguments: [batchID])
    }

    // MARK: - Reviewing

    /// The next record this verifier should check, or `nil` when nothing is left.
    public func nextReview(batch batchID: String) throws -> ReviewTask? {
        try require(.review)
        let me = user.name
        return try workspace.sqlite.databaseWrite { db in
            let (batch, book) = try Self.batchAndBook(batchID, in: db)
            switch batch.policy {
            case .double:
                throw HoTichError(.policyHasNoReview(batchID: batchID))
            case .review:
                if batch.state == .keyed {
                    try Self.transition(batchID, action: .startVerification, actor: me, reason: nil, in: db)
                } else if batch.state != .verifying {
                    throw HoTichError(.batchNotVerifiable(batchID: batchID, state: batch.state))
                }
                let total = try RegisterRecord.filter(RegisterRecord.Columns.batchId == batchID).fetchCount(db)
                let done = try RegisterRecord.filter(RegisterRecord.Columns.batchId == batchID && Column("verifiedAt") != nil).fetchCount(db)
                let row = try Row.fetchOne(db, sql: """
                    SELECT r.id FROM record r LEFT JOIN scanFile f ON f.id = r.scanFileId
                    WHERE r.batchId = ? AND r.verifiedAt IS NULL
                      AND NOT EXISTS (SELECT 1 FROM keying k WHERE k.recordId = r.id AND k.operator = ?)
                    ORDER BY f.path, CAST(r.number AS INTEGER), r.entryKey LIMIT 1
                    """, arguments: [batchID, me])
                guard let id: String = row?["id"] else { return nil }
                return try Self.reviewTask(batch, book, recordId: id, drawId: nil, done: done, total: total, in: db)
            case .sample:
                let latest = try SampleDraw.filter(Column("batchId") == batchID).order(Column("id").desc).fetchOne(db)
                // The lot is decided: nothing is left to check.
                if latest?.outcome == .accepted { return nil }
                guard batch.state == .verifying, let draw = latest, draw.outcome == nil, let drawId = draw.id else {
                    throw HoTichError(.noSampleDrawn(batchID: batchID))
                }
                let done = try SampleItem.filter(Column("drawId") == drawId && Column("checkedAt") != nil).fetchCount(db)
                let row = try Row.fetchOne(db, sql: """
                    SELECT s.recordId FROM sampleItem s WHERE s.drawId = ? AND s.checkedAt IS NULL
                      AND NOT EXISTS (SELECT 1 FROM keying k WHERE k.recordId = s.recordId AND k.operator = ?)
                    ORDER BY s.position LIMIT 1
                    """, arguments: [drawId, me])
                guard let id: String = row?["recordId"] else { return nil }
                return try Self.reviewTask(batch, book, recordId: id, drawId: drawId, done: done, total: draw.sampleSize, in: db)
            }
        }
    }

    static func reviewTask(
        _ batch: Batch, _ book: BookIdentity, recordId: String, drawId: Int64?, done: Int, total: Int, in db: Database
    ) throws -> ReviewTask {
        guard let record = try RegisterRecord.fetchOne(db, key: recordId) else { throw HoTichError(.storageFailure(code: 11)) }
        let path = try record.scanFileId.flatMap { try String.fetchOne(db, sql: "SELECT path FROM scanFile WHERE id = ?", arguments: [$0]) }
        return ReviewTask(
            batch: batch, book: book, record: record, drawId: drawId, done: done, total: total,
            fileURL: path.map { URL(fileURLWithPath: batch.storedRoot).appendingPathComponent($0) })
    }

    /// Saves a checked record: each field the verifier changed is a correction charged to the keyer.
    ///
    /// In a `review` batch the record is verified. In a `sample` batch the record is marked checked;
    /// the last one decides the lot by the plan's rule: accepted, every record is verified;
    /// rejected, the defective records go back to keying with the reason, and the batch is
    /// reviewed in full when it comes back (ISO 2859-1 screens a rejected lot).
    public func completeReview(_ task: ReviewTask, values: [String: FieldValue], now: Date = Date()) throws -> ReviewOutcome {
        try require(.review)
        let me = user.name
        let time = Timestamp.text(for: now)
        let outcome = try workspace.sqlite.databaseWrite { db -> ReviewOutcome in
            guard var record = try RegisterRecord.fetchOne(db, key: task.record.id), record.verifiedAt == nil else {
                throw HoTichError(.reviewAlreadyDone)
            }
            let keyers = try String.fetchAll(db, sql: "SELECT operator FROM keying WHERE recordId = ?", arguments: [record.id])
            if keyers.contains(me) { throw HoTichError(.arbiterKeyedRecord(user: me)) }
            let keyer = keyers.first
            let origin: DecisionOrigin = task.drawId == nil ? .review : .sample
            var corrections = 0
            for field in task.fields where values[field.key] != record.fields[field.key] {
                let keyed = record.fields[field.key]
                let same = FieldComparison.agree(values[field.key], keyed, field: field)
                let doubtChanged = FieldComparison.isDoubtful(keyed) != FieldComparison.isDoubtful(values[field.key])
                // Another spelling of the same value is no decision; a doubt confirmed (or raised) is
                // one, kept as history but charged to nobody; a different value is a correction.
                if same && !doubtChanged { continue }
                var decision = FieldDecision(
                    batchId: task.batch.id, recordId: record.id, field: field.key, origin: same ? .doubt : origin,
                    pass1: keyed, pass2: nil, pass1Operator: keyer, pass2Operator: nil, at: time)
                decision.decided = values[field.key]
                decision.pass1Wrong = !same
                decision.decidedBy = me
                decision.decidedAt = time
                try decision.insert(db)
                if !same { corrections += 1 }
            }
            record.fields = values
            record.refreshDerivedColumns(bookYear: task.book.year)
            record.updatedAt = time
            guard let drawId = task.drawId else {
                record.status = .verified
                record.verifiedAt = time
                record.verifiedBy = me
                try record.update(db)
                try AuditTrail.append(
                    AuditEntry(actor: me, action: .recordReviewed, batchId: task.batch.id, subject: record.id, reason: "\(corrections) correction(s)"),
                    at: time, in: db)
                return .verified(corrections: corrections)
            }
            try record.update(db)
            try db.execute(
                sql: "UPDATE sampleItem SET checkedBy = ?, checkedAt = ?, defects = ? WHERE drawId = ? AND recordId = ?",
                arguments: [me, time, corrections, drawId, record.id])
            try AuditTrail.append(
                AuditEntry(actor: me, action: .sampleRecordChecked, batchId: task.batch.id, subject: record.id, reason: "\(corrections) correction(s)"),
                at: time, in: db)
            let unchecked = try SampleItem.filter(Column("drawId") == drawId && Column("checkedAt") == nil).fetchCount(db)
            guard unchecked == 0 else { return .sampled(corrections: corrections) }
            return try Self.decideLot(drawId, batch: task.batch, actor: me, at: time, in: db)
        }
        workspace.logger.info("record reviewed", metadata: ["batch": "\(task.batch.id)"])
        return outcome
    }

    /// Applies the plan's rule once every sampled record is checked.
    static func decideLot(_ drawId: Int64, batch: Batch, actor: String, at time: String, in db: Database) throws -> ReviewOutcome {
        guard var draw = try SampleDraw.fetchOne(db, key: drawId) else { throw HoTichError(.storageFailure(code: 11)) }
        let defectiveRecords = try String.fetchAll(db, sql: "SELECT recordId FROM sampleItem WHERE drawId = ? AND defects > 0", arguments: [drawId])
        draw.defective = defectiveRecords.count
        draw.decidedAt = time
        if defectiveRecords.count <= draw.acceptance {
            draw.outcome = .accepted
            try draw.update(db)
            let pending = try String.fetchAll(db, sql: "SELECT id FROM record WHERE batchId = ? AND status = 'keyed'", arguments: [batch.id])
            var audit = try AuditTrail.Appender(db)
            for id in pending {
                try db.execute(
                    sql: "UPDATE record SET status = 'verified', verifiedAt = ?, verifiedBy = ?, updatedAt = ? WHERE id = ?",
                    arguments: [time, actor, time, id])
                try audit.append(
                    AuditEntry(actor: actor, action: .recordVerified, batchId: batch.id, subject: id, reason: "sample \(drawId) accepted"),
                    at: time, in: db)
            }
            try AuditTrail.append(
                AuditEntry(actor: actor, action: .sampleAccepted, batchId: batch.id, reason: "defective \(defectiveRecords.count), Ac \(draw.acceptance)"),
                at: time, in: db)
            return .lotAccepted(defective: defectiveRecords.count, acceptance: draw.acceptance)
        }
        draw.outcome = .rejected
        try draw.update(db)
        let reason = "sample \(drawId) rejected: \(defectiveRecords.count) defective records, Ac \(draw.acceptance); the batch will be reviewed in full"
        try reopenForKeying(batch.id, records: defectiveRecords, reason: reason, actor: actor, at: time, in: db)
        // A rejected lot is screened: every record is reviewed once it is keyed again.
        try db.execute(sql: "UPDATE batch SET policy = 'review', updatedAt = ? WHERE id = ?", arguments: [time, batch.id])
        try AuditTrail.append(
            AuditEntry(actor: actor, action: .policyChanged, batchId: batch.id, fromState: "sample", toState: "review", reason: "sample rejected"),
            at: time, in: db)
        return .lotRejected(defective: defectiveRecords.count, acceptance: draw.acceptance)
    }
}
