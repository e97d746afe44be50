import Foundation
import HoTichModel
@testable import HoTichStore
import HoTichTestSupport
import Testing

/// Decisions, findings, duplicate flags, samples and corrections on PostgreSQL answer as on SQLite.
@Suite(.postgresAvailable)
struct PostgresVerificationTests {
    static let time = PostgresStoreTests.time
    static let batchID = PostgresRecordTests.batchID

    typealias Writing = PostgresRecordTests.Writing & DecisionWriting & FindingWriting & DuplicateWriting & SampleWriting & CorrectionWriting
        & DecisionReading & FindingReading & DuplicateReading & SampleReading

    static func verify(_ tx: some Writing) throws {
        try PostgresRecordTests.key(tx)
        // A conflict arbitrated, one left open, one superseded when its record went back to keying.
        var decided = try tx.insertDecision(FieldDecision(
            batchId: batchID, recordId: "R2", field: "nksHoTen", origin: .conflict, pass1: .filled("NGUYỄN VĂN 2"),
            pass2: .filled("NGUYỄN VĂN HAI"), pass1Operator: "nhaplieu", pass2Operator: "Đặng.Thùy", at: time))
        decided.decided = .filled("NGUYỄN VĂN HAI")
        decided.pass1Wrong = true
        decided.pass2Wrong = false
        decided.decidedBy = "quantri"
        decided.decidedAt = time
        try tx.updateDecision(decided)
        try tx.insertDecision(FieldDecision(
            batchId: batchID, recordId: "R3", field: "so", origin: .doubt, pass1: .uncertain("3a"), pass2: nil, pass1Operator: "nhaplieu",
            pass2Operator: nil, at: time))
        try tx.insertDecision(FieldDecision(
            batchId: batchID, recordId: "R1", field: "trangSo", origin: .review, pass1: .illegible, pass2: .blank, pass1Operator: nil,
            pass2Operator: nil, at: time))
        try tx.supersedeDecisions(record: "R1", at: time)
        // Findings of the checks, one acknowledged, one gone.
        let diagnostic = Diagnostic(.warning, field: "nksNgaySinh", .impossibleDate)
        for (index, detail) in [FindingDetail.diagnostic(diagnostic), .gap(year: 2017, from: 4, to: 8), .repeatedNumber(year: 2017, number: 2, count: 2)].enumerated() {
            try tx.insertFinding(Finding(
                batchId: batchID, recordId: index == 1 ? nil : "R\(index + 1)", field: index == 0 ? "nksNgaySinh" : nil, detail: detail,
                severity: index == 0 ? .warning : .error, at: time))
        }
        var warning = try #require(try tx.findings(batch: batchID, severity: .warning).first)
        warning.acknowledgedBy = "quantri"
        warning.acknowledgedAt = time
        warning.reason = "đúng theo sổ"
        try tx.updateFinding(warning)
        try tx.deleteFinding(id: try #require(try tx.findings(batch: batchID, severity: .error).last?.id))
        // Duplicates: one decided, one deleted.
        try tx.insertDuplicateFlag(DuplicateFlag(batchId: batchID, recordId: "R1", otherRecordId: "R9", basis: "name", reregistration: false, at: time))
        try tx.insertDuplicateFlag(DuplicateFlag(batchId: batchID, recordId: "R2", otherRecordId: "R3", basis: "personalID", reregistration: true, at: time))
        var flag = try #require(try tx.duplicateFlags(batch: batchID).first)
        flag.decision = .distinct
        flag.decidedBy = "quantri"
        flag.decidedAt = time
        flag.reason = "khác cha mẹ"
        try tx.updateDuplicateFlag(flag)
        try tx.insertDuplicateFlag(DuplicateFlag(batchId: batchID, recordId: "R3", otherRecordId: "R9", basis: "name", reregistration: false, at: time))
        try tx.deleteDuplicateFlag(id: try #require(try tx.duplicateFlags(batch: batchID).last?.id))
        // A sample drawn, one record checked with a defect, the draw decided.
        var draw = try tx.insertSampleDraw(
            SampleDraw(batchId: batchID, plan: SamplingPlan(lotSize: 4, aql: .p1_0), seed: 42, by: "quantri", at: time), records: ["R3", "R1", "R2"])
        try tx.markSampleItemChecked(draw: draw.id!, record: "R3", by: "Đặng.Thùy", at: time, defects: 1)
        draw.outcome = .rejected
        draw.defective = 1
        draw.decidedAt = time
        try tx.updateSampleDraw(draw)
        // A correction and a withdrawal after export.
        try tx.insertRecordChange(RecordChange(recordId: "R2", kind: .correction, version: 2, field: "nksHoTen", reason: "sửa theo sổ", by: "quantri", at: time))
        try tx.insertRecordChange(RecordChange(recordId: "R9", kind: .withdrawal, version: 1, field: nil, reason: "trùng", by: "quantri", at: time))
        try tx.appendAudit(AuditEntry(actor: "quantri", action: .verify, batchId: batchID), at: time)
    }

    struct Answers: Equatable {
        var inForce: [FieldDecision]
        var open: [FieldDecision]
        var openDoubts: [FieldDecision]
        var openCount: Int
        var contexts: [DecisionContext]
        var decision: FieldDecision?
        var findings: [Finding]
        var fingerprints: [String]
        var flags: [DuplicateFlag]
        var candidates: [DuplicateCandidate]
        var flagged: [Bool]
        var draws: [SampleDraw?]
        var itemCounts: [Int]
        var nextSample: String?
        var defective: [String]
        var corrections: [RecordChange]
        var withdrawals: [RecordChange]
        var corrected: [String]
        var events: [String]
    }

    static func answers(_ tx: some DecisionReading & FindingReading & DuplicateReading & SampleReading & CorrectionReading & AuditReading) throws -> Answers {
        let draw = try tx.latestSampleDraw(batch: batchID)
        return Answers(
            inForce: try tx.decisionsInForce(batch: batchID).sorted { $0.id! < $1.id! },
            open: try tx.openDecisions(batch: batchID, origin: nil).sorted { $0.id! < $1.id! },
            openDoubts: try tx.openDecisions(batch: batchID, origin: .doubt), openCount: try tx.openDecisionCount(record: "R3"),
            contexts: try tx.decisionContexts(batch: batchID, user: "nhaplieu"), decision: try tx.decision(id: 1),
            findings: try tx.findings(batch: batchID), fingerprints: try tx.findingFingerprints(batch: batchID).map(\.fingerprint).sorted(),
            flags: try tx.duplicateFlags(batch: batchID).sorted { $0.id! < $1.id! },
            candidates: try tx.duplicateCandidates(batch: batchID, undecidedOnly: false) + (try tx.duplicateCandidates(batch: batchID, undecidedOnly: true)),
            flagged: [try tx.isFlagged(record: "R1", with: "R9"), try tx.isFlagged(record: "R9", with: "R1")],
            draws: [draw, try tx.pendingSampleDraw(batch: batchID), try tx.sampleDraw(id: draw?.id ?? 0)],
            itemCounts: [try tx.sampleItemCount(draw: draw?.id ?? 0, checked: true), try tx.sampleItemCount(draw: draw?.id ?? 0, checked: false)],
            nextSample: try tx.nextSampleRecord(draw: draw?.id ?? 0, excludingKeyer: "nhaplieu"),
            defective: try tx.defectiveSampleRecords(draw: draw?.id ?? 0),
            corrections: try tx.corrections(record: "R2", after: 1) + (try tx.changes(record: "R9")),
            withdrawals: try tx.withdrawalsToExport(), corrected: try tx.correctedRecordsToExport(),
            // After the bulk import the chains differ by design (on PostgreSQL one event of each flush
            // vouches for its seals): the events themselves are compared.
            events: try tx.auditEvents(batch: nil).map { "\($0.id ?? 0) \($0.actor) \($0.action.rawValue) \($0.subject ?? "")" })
    }

    @Test func decisionsFindingsDuplicatesSamplesAndCorrectionsAnswerAsOnSQLite() throws {
        let (sqlite, key) = try PostgresStoreTests.sqliteStore()
        try sqlite.write { tx in try Self.verify(tx) }
        let expected = try sqlite.read { tx in try Self.answers(tx) }
        #expect(expected.inForce.count == 2)
        #expect(expected.findings.count == 2)
        #expect(expected.candidates.count == 3)
        try PostgresServer.withDatabase { database in
            let store = try PostgresStore.create(connectionString: database, protection: AuditProtection(key: key, anchorLog: nil))
            try store.databaseWrite { tx in try Self.verify(tx) }
            let answers = try store.databaseRead { tx in try Self.answers(tx) }
            #expect(answers.inForce == expected.inForce)
            #expect(answers.contexts == expected.contexts)
            #expect(answers.findings.map(\.id) == expected.findings.map(\.id))
            #expect(answers.findings == expected.findings)
            #expect(answers.flags.map(\.id) == expected.flags.map(\.id))
            #expect(answers.flags.map(\.decision) == expected.flags.map(\.decision))
            #expect(answers.flags.map(\.reregistration) == expected.flags.map(\.reregistration))
            #expect(answers.flags == expected.flags)
            #expect(answers.candidates == expected.candidates)
            #expect(answers.draws == expected.draws)
            #expect(answers.corrections == expected.corrections)
            #expect(answers.open == expected.open)
            #expect(answers.openDoubts == expected.openDoubts)
            #expect(answers.openCount == expected.openCount)
            #expect(answers.decision == expected.decision)
            #expect(answers.fingerprints == expected.fingerprints)
            #expect(answers.flagged == expected.flagged)
            #expect(answers.itemCounts == expected.itemCounts)
            #expect(answers.nextSample == expected.nextSample)
            #expect(answers.defective == expected.defective)
            #expect(answers.withdrawals == expected.withdrawals)
            #expect(answers.corrected == expected.corrected)
            #expect(answers.events == expected.events)
            #expect(try store.databaseRead { tx in try tx.verifyAudit() }.problems.isEmpty)
        }
    }
}
