public import Foundation
public import HoTichModel
import HoTichStore
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
        return try workspace.store.write { tx in
            let (batch, _) = try Self.batchAndBook(batchID, in: tx)
            guard batch.policy == .sample else {
                throw HoTichError(.policyIsNotSample(batchID: batchID, policy: batch.policy))
            }
            if batch.state == .keyed {
                try Self.transition(batchID, action: .startVerification, actor: me, reason: nil, in: tx)
            } else if batch.state != .verifying {
                throw HoTichError(.batchNotVerifiable(batchID: batchID, state: batch.state))
            }
            if let pending = try tx.pendingSampleDraw(batch: batchID) {
                throw HoTichError(.sampleAlreadyDrawn(batchID: batchID, at: pending.drawnAt))
            }
            let records = try tx.recordIdsInRegisterOrder(batch: batchID)
            guard !records.isEmpty else { throw HoTichError(.nothingToShow) }
            let plan = SamplingPlan(lotSize: records.count, aql: aql)
            let draw = try tx.insertSampleDraw(
                SampleDraw(batchId: batchID, plan: plan, seed: Int64(bitPattern: seed), by: me, at: time),
                records: plan.draw(seed: seed).map { records[$0] })
            try tx.appendAudit(
                AuditEntry(
                    actor: me, action: .sampleDrawn, batchId: batchID,
                    reason: "AQL \(plan.aql.rawValue), lot \(plan.lotSize), letter \(plan.codeLetter), n=\(plan.sampleSize), Ac=\(plan.acceptance), seed \(seed)"),
                at: time)
            return draw
        }
    }

    // MARK: - Reviewing

    /// The next record this verifier should check, or `nil` when nothing is left.
    public func nextReview(batch batchID: String) throws -> ReviewTask? {
        try require(.review)
        let me = user.name
        return try workspace.store.write { tx in
            let (batch, book) = try Self.batchAndBook(batchID, in: tx)
            switch batch.policy {
            case .double:
                throw HoTichError(.policyHasNoReview(batchID: batchID))
            case .review:
                // A verified batch has nothing left to review (another verifier finished it).
                if batch.state == .verified { return nil }
                if batch.state == .keyed {
                    try Self.transition(batchID, action: .startVerification, actor: me, reason: nil, in: tx)
                } else if batch.state != .verifying {
                    throw HoTichError(.batchNotVerifiable(batchID: batchID, state: batch.state))
                }
                let total = try tx.recordCount(batch: batchID)
                let done = try tx.reviewedRecordCount(batch: batchID)
                guard let id = try tx.nextRecordToReview(batch: batchID, excludingKeyer: me) else { return nil }
                return try Self.reviewTask(batch, book, recordId: id, drawId: nil, done: done, total: total, in: tx)
            case .sample:
                let latest = try tx.latestSampleDraw(batch: batchID)
                // The lot is decided: nothing is left to check.
                if latest?.outcome == .accepted { return nil }
                guard batch.state == .verifying, let draw = latest, draw.outcome == nil, let drawId = draw.id else {
                    throw HoTichError(.noSampleDrawn(batchID: batchID))
                }
                let done = try tx.sampleItemCount(draw: drawId, checked: true)
                guard let id = try tx.nextSampleRecord(draw: drawId, excludingKeyer: me) else { return nil }
                return try Self.reviewTask(batch, book, recordId: id, drawId: drawId, done: done, total: draw.sampleSize, in: tx)
            }
        }
    }

    static func reviewTask(
        _ batch: Batch, _ book: BookIdentity, recordId: String, drawId: Int64?, done: Int, total: Int, in tx: any StoreReading
    ) throws -> ReviewTask {
        let record = try required(tx.record(id: recordId), "record")
        let path = try record.scanFileId.flatMap { try tx.scanFile(id: $0)?.path }
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
        let outcome = try workspace.store.write { tx -> ReviewOutcome in
            guard var record = try tx.record(id: task.record.id), record.verifiedAt == nil else {
                throw HoTichError(.reviewAlreadyDone)
            }
            let keyers = try tx.keyers(record: record.id)
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
                try tx.insertDecision(decision)
                if !same { corrections += 1 }
            }
            record.fields = values
            record.refreshDerivedColumns(bookYear: task.book.year)
            record.updatedAt = time
            guard let drawId = task.drawId else {
                record.status = .verified
                record.verifiedAt = time
                record.verifiedBy = me
                try tx.updateRecord(record)
                try tx.appendAudit(
                    AuditEntry(actor: me, action: .recordReviewed, batchId: task.batch.id, subject: record.id, reason: "\(corrections) correction(s)"),
                    at: time)
                return .verified(corrections: corrections)
            }
            try tx.updateRecord(record)
            try tx.markSampleItemChecked(draw: drawId, record: record.id, by: me, at: time, defects: corrections)
            try tx.appendAudit(
                AuditEntry(actor: me, action: .sampleRecordChecked, batchId: task.batch.id, subject: record.id, reason: "\(corrections) correction(s)"),
                at: time)
            guard try tx.sampleItemCount(draw: drawId, checked: false) == 0 else { return .sampled(corrections: corrections) }
            return try Self.decideLot(drawId, batch: task.batch, actor: me, at: time, in: tx)
        }
        workspace.logger.info("record reviewed", metadata: ["batch": "\(task.batch.id)"])
        return outcome
    }

    /// Applies the plan's rule once every sampled record is checked.
    static func decideLot(_ drawId: Int64, batch: Batch, actor: String, at time: String, in tx: any StoreWriting) throws -> ReviewOutcome {
        var draw = try required(tx.sampleDraw(id: drawId), "sampleDraw")
        let defectiveRecords = try tx.defectiveSampleRecords(draw: drawId)
        draw.defective = defectiveRecords.count
        draw.decidedAt = time
        if defectiveRecords.count <= draw.acceptance {
            draw.outcome = .accepted
            try tx.updateSampleDraw(draw)
            for id in try tx.recordIds(batch: batch.id, status: .keyed) {
                try tx.setStatus(record: id, .verified, verifiedBy: actor, at: time)
                try tx.appendAudit(
                    AuditEntry(actor: actor, action: .recordVerified, batchId: batch.id, subject: id, reason: "sample \(drawId) accepted"),
                    at: time)
            }
            try tx.appendAudit(
                AuditEntry(actor: actor, action: .sampleAccepted, batchId: batch.id, reason: "defective \(defectiveRecords.count), Ac \(draw.acceptance)"),
                at: time)
            return .lotAccepted(defective: defectiveRecords.count, acceptance: draw.acceptance)
        }
        draw.outcome = .rejected
        try tx.updateSampleDraw(draw)
        let reason = "sample \(drawId) rejected: \(defectiveRecords.count) defective records, Ac \(draw.acceptance); the batch will be reviewed in full"
        try reopenForKeying(batch.id, records: defectiveRecords, reason: reason, actor: actor, at: time, in: tx)
        // A rejected lot is screened: every record is reviewed once it is keyed again.
        var screened = try required(tx.batch(batch.id), "batch")
        screened.policy = .review
        screened.updatedAt = time
        try tx.updateBatch(screened)
        try tx.appendAudit(
            AuditEntry(actor: actor, action: .policyChanged, batchId: batch.id, fromState: "sample", toState: "review", reason: "sample rejected"),
            at: time)
        return .lotRejected(defective: defectiveRecords.count, acceptance: draw.acceptance)
    }
}
