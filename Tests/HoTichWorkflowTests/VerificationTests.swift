import Foundation
import GRDB
import HoTichModel
@testable import HoTichStore
import HoTichWorkflow
import Testing

extension TestWorkspace {
    /// The sample book received with `policy` and imported from the bundled sheets: pass 1 by
    /// `nhaplieu`, pass 2 (with its slips) by `nhaplieu2` when the policy is double.
    func keyedBatch(policy: VerificationPolicy = .double, pass1 csv: String? = nil) throws -> Batch {
        let batch = try receiveGoodBook(policy: policy)
        let folder = try deliveries()
        try SampleKeyings.write(into: folder)
        let first = folder.appendingPathComponent(SampleKeyings.fileName(pass: 1))
        if let csv { try Data(csv.utf8).write(to: first) }
        _ = try operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: first))
        if policy == .double {
            _ = try addOperator("nhaplieu2").importKeyings(
                ImportRequest(batchID: batch.id, file: folder.appendingPathComponent(SampleKeyings.fileName(pass: 2)), pass: 2))
        }
        #expect(try batchState(batch.id) == .keyed)
        return batch
    }

    func decisions(_ batch: String) throws -> [FieldDecision] {
        if let store = workspace.store as? PostgresStore {
            return try store.databaseRead { tx in try tx.decisions(where: #"d."batchId" = $1"#, [batch]) }
        }
        return try workspace.sqlite.databaseRead { db in try FieldDecision.filter(Column("batchId") == batch).order(Column("id")).fetchAll(db) }
    }

    func auditActions(_ batch: String) throws -> [String] {
        try workspace.store.read { tx in try tx.auditEvents(batch: batch).map(\.action.rawValue) }
    }

    /// Acknowledges every open warning of the batch as the verifier.
    func acknowledgeAllWarnings(_ batch: String) throws {
        for warning in try verifier.openWarnings(batch: batch) {
            try verifier.acknowledge(finding: try #require(warning.id), reason: "Sổ ghi đúng như vậy")
        }
    }
}

@Suite struct DoubleKeyingVerificationTests {
    @Test func agreeingRecordsAreVerifiedAndEachKindOfDifferenceIsAConflict() throws {
        let test = try TestWorkspace()
        let batch = try test.keyedBatch()
        let report = try test.verifier.verify(batch: batch.id)
        #expect(report.state == .verifying)
        // Slips of pass 2: a letter O keyed as zero (no. 3), a birth year (no. 5), a place spelled
        // differently (no. 8): conflicts. No. 11 has a value both operators read alike and marked
        // doubtful: they agree, and the doubt is left for a verifier to confirm against the image.
        let decisions = try test.decisions(batch.id)
        let numbers = try test.records(batch.id).reduce(into: [String: String]()) { $0[$1.id] = $1.number }
        func named(_ list: [FieldDecision]) -> Set<String> { Set(list.map { "\(numbers[$0.recordId] ?? "?"):\($0.field)" }) }
        #expect(named(decisions.filter { $0.origin == .conflict }) == ["03:nksHoTen", "05:nksNgaySinh", "08:nksQueQuan"])
        #expect(named(decisions.filter { $0.origin == .doubt }) == ["11:chaNgaySinh"])
        #expect(decisions.allSatisfy { $0.isOpen && $0.pass1Operator == "nhaplieu" && $0.pass2Operator == "nhaplieu2" })
        #expect(report.newlyVerified == 8 && report.newConflicts == 3 && report.newDoubts == 1)
        #expect(report.progress.verified == 8 && report.progress.conflictsOpen == 3 && report.progress.doubtsOpen == 1)
        // Running again opens nothing twice.
        let again = try test.verifier.verify(batch: batch.id)
        #expect(again.newConflicts == 0 && again.newDoubts == 0)
        #expect(try test.decisions(batch.id).count == 4)
    }

    @Test func arbitrationSettlesTheBatchAndChargesTheWrongPass() throws {
        let test = try TestWorkspace()
        let batch = try test.keyedBatch()
        _ = try test.verifier.verify(batch: batch.id)
        for open in try test.verifier.openDecisions(batch: batch.id) {
            #expect(!open.keyedByMe && open.fileURL != nil)
            // The verifier reads the image: pass 1 was right everywhere except the doubtful year, which reads 1990.
            let value = open.field.key == "chaNgaySinh" ? FieldValue.filled("1990") : try #require(open.decision.pass1)
            try test.verifier.decide(try #require(open.decision.id), value: value)
        }
        #expect(try test.verifier.openDecisions(batch: batch.id).isEmpty)
        let decisions = try test.decisions(batch.id)
        // Three slips of pass 2; the doubtful year both passes marked is confirmed, which is no error.
        #expect(decisions.filter { $0.pass2Wrong == true }.count == 3)
        #expect(decisions.filter { $0.pass1Wrong == true }.isEmpty)
        let third = try #require(try test.records(batch.id).first { $0.number == "03" })
        #expect(third.fields["nksHoTen"] == .filled("TRẦN GIA BẢO") && third.status == .verified)

        // Warnings (if any) still stand between the batch and verified.
        var report = try test.verifier.verify(batch: batch.id)
        #expect(report.progress.verified == 12 && report.progress.conflictsOpen == 0)
        if report.progress.warningsUnacknowledged > 0 {
            #expect(report.state == .verifying)
            try test.acknowledgeAllWarnings(batch.id)
            report = try test.verifier.verify(batch: batch.id)
        }
        #expect(report.state == .verified)
        let actions = try test.auditActions(batch.id)
        #expect(actions.filter { $0 == "field-decided" }.count == 4)
        #expect(actions.filter { $0 == "record-verified" }.count == 8)
        #expect(actions.contains("finish-verification"))

        let rates = try test.supervisor.errorRates(batch: batch.id)
        let second = try #require(rates.first { $0.name == "nhaplieu2" })
        #expect(second.errors == 3 && second.fieldsKeyed > 200)
        let first = try #require(rates.first { $0.name == "nhaplieu" })
        // Both sheets hold the same columns: pass 1's values are counted though stored with the records.
        #expect(first.errors == 0 && first.fieldsKeyed == second.fieldsKeyed)
        #expect(try #require(rates.first { $0.name == "kiemtra" }).decisions == 4)
    }

    /// Pass rows of the sample sheet with the father's year of entry 11 (and of entry 4) keyed as given.
    static func sheets(_ test: TestWorkspace, pass1: (String, String), pass2: (String, String)) throws -> (URL, URL) {
        let folder = try test.deliveries()
        var files: [URL] = []
        for (pass, years) in [(1, pass1), (2, pass2)] {
            var rows = SampleKeyings.rows(pass: pass)
            rows[11][22] = years.0
            rows[4][22] = years.1
            let url = folder.appendingPathComponent("pass\(pass).csv")
            try Data(csvText(rows).utf8).write(to: url)
            files.append(url)
        }
        return (files[0], files[1])
    }

    /// An uncertain mark is the keyer being honest: two passes that read the same value agree, the
    /// verifier confirms the value (which becomes certain, the keyings keep the mark), and no keyer
    /// is charged for a value the image confirms; only a value that differs from the decision is an error.
    @Test func doubtfulValuesThatTheImageConfirmsAreNoErrors() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        // No. 11: both passes "1990?". No. 4: "1985?" against a sure "1985". No. 5's birth date: a real slip of pass 2.
        let (first, second) = try Self.sheets(test, pass1: ("1990?", "1985?"), pass2: ("1990?", "1985"))
        _ = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: first))
        _ = try test.addOperator("nhaplieu2").importKeyings(ImportRequest(batchID: batch.id, file: second, pass: 2))
        let report = try test.verifier.verify(batch: batch.id)
        #expect(report.newDoubts == 2)
        let numbers = try test.records(batch.id).reduce(into: [String: String]()) { $0[$1.id] = $1.number }
        for open in try test.verifier.openDecisions(batch: batch.id) {
            let id = try #require(open.decision.id)
            switch (numbers[open.decision.recordId], open.decision.origin) {
            case ("11", .doubt):
                // The verifier takes pass 1's reading as what the image shows: confirmed, certain.
                try test.verifier.decide(id, value: try #require(open.decision.pass1).confirmed)
            case ("04", .doubt):
                // The verifier is as unsure as pass 1 was: the doubt stays, and still nobody is charged.
                try test.verifier.decide(id, value: .uncertain("1985"))
            default:
                try test.verifier.decide(id, value: try #require(open.decision.pass1))
            }
        }
        #expect(try test.verifier.verify(batch: batch.id).progress.doubtsOpen == 0)
        let decisions = try test.decisions(batch.id)
        let doubts = decisions.filter { $0.origin == .doubt }
        #expect(doubts.count == 2 && doubts.allSatisfy { $0.pass1Wrong == false && $0.pass2Wrong == false })
        let eleventh = try #require(try test.records(batch.id).first { $0.number == "11" })
        #expect(eleventh.fields["chaNgaySinh"] == .filled("1990"), "a confirmed value is certain")
        let fourth = try #require(try test.records(batch.id).first { $0.number == "04" })
        #expect(fourth.fields["chaNgaySinh"] == .uncertain("1985"))
        // The history keeps the mark: the keyings hold what each operator typed.
        let keyed = try test.keyings(batch.id).filter { $0.recordId == eleventh.id }.sorted { $0.pass < $1.pass }.map { $0.fields["chaNgaySinh"] }
        #expect(keyed == [.uncertain("1990"), .uncertain("1990")])
        // Error rates count only values that differ from the decision: pass 2's three slips.
        let rates = try test.supervisor.errorRates(batch: batch.id)
        #expect(rates.first { $0.name == "nhaplieu" }?.errors == 0)
        #expect(rates.first { $0.name == "nhaplieu2" }?.errors == 3)
    }

    @Test func aDoubtfulValueThatDiffersIsAConflictAndOnlyTheWrongReadingIsCharged() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let (first, second) = try Self.sheets(test, pass1: ("1990?", "1985"), pass2: ("1991", "1985"))
        _ = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: first))
        _ = try test.addOperator("nhaplieu2").importKeyings(ImportRequest(batchID: batch.id, file: second, pass: 2))
        _ = try test.verifier.verify(batch: batch.id)
        let conflict = try #require(try test.verifier.openDecisions(batch: batch.id).first { $0.field.key == "chaNgaySinh" })
        #expect(conflict.decision.origin == .conflict)
        try test.verifier.decide(try #require(conflict.decision.id), value: .filled("1990"))
        let decided = try #require(try test.decisions(batch.id).first { $0.id == conflict.decision.id })
        #expect(decided.pass1Wrong == false && decided.pass2Wrong == true)
    }

    @Test func aReviewerConfirmingADoubtCorrectsNothingAndChargesNobody() throws {
        let test = try TestWorkspace()
        let batch = try test.keyedBatch(policy: .review)
        let task = try #require(try test.verifier.nextReview(batch: batch.id))
        #expect(task.record.number == "01")
        var values = task.record.fields
        values["chaNgaySinh"] = .uncertain("1988")
        _ = try test.verifier.completeReview(task, values: values)  // the reviewer doubts a value
        while let next = try test.verifier.nextReview(batch: batch.id) {
            let confirmed = next.record.fields.mapValues(\.confirmed)
            let outcome = try test.verifier.completeReview(next, values: confirmed)
            #expect(outcome == .verified(corrections: 0))
        }
        let decisions = try test.decisions(batch.id)
        #expect(decisions.count == 2 && decisions.allSatisfy { $0.origin == .doubt && $0.pass1Wrong == false })
        let eleventh = try #require(try test.records(batch.id).first { $0.number == "11" })
        #expect(eleventh.fields["chaNgaySinh"] == .filled("1990"))
        #expect(try test.supervisor.errorRates(batch: batch.id).allSatisfy { $0.errors == 0 })
    }

    @Test func aVerifierWhoKeyedTheRecordMayNotArbitrateIt() throws {
        let test = try TestWorkspace()
        let batch = try test.keyedBatch()
        _ = try test.verifier.verify(batch: batch.id)
        // nhaplieu keyed pass 1, then became a verifier.
        try test.rows("UPDATE user SET role = 'verifier' WHERE name = 'nhaplieu'")
        let former = try test.workspace.session(as: "nhaplieu")
        let open = try former.openDecisions(batch: batch.id)
        #expect(open.allSatisfy { $0.keyedByMe })
        let id = try #require(open.first?.decision.id)
        #expect(throws: HoTichError(.arbiterKeyedRecord(user: "nhaplieu"))) {
            try former.decide(id, value: .filled("x"))
        }
        #expect(try test.decisions(batch.id).allSatisfy { $0.isOpen })
    }

    @Test func aDecidedValueMustPassTheFieldRules() throws {
        let test = try TestWorkspace()
        let batch = try test.keyedBatch()
        _ = try test.verifier.verify(batch: batch.id)
        let birth = try #require(try test.verifier.openDecisions(batch: batch.id).first { $0.field.key == "nksNgaySinh" })
        #expect(throws: HoTichError.self) { try test.verifier.decide(try #require(birth.decision.id), value: .filled("ba mươi")) }
        #expect(try test.decisions(batch.id).first { $0.id == birth.decision.id }?.isOpen == true)
    }

    @Test func aVerifiedBatchThatALaterCheckFaultsGoesBackToVerifying() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        // Something changes under a verified batch (here, a personal ID number another record already
        // holds appears in it): the next verify run finds the error and reopens the batch.
        let records = try test.records(batch.id).sorted { ($0.number ?? "") < ($1.number ?? "") }
        for (record, pin) in [(records[0], "001316000001"), (records[1], "001316000001")] {
            var fields = record.fields
            fields["nksSoDinhDanh"] = .filled(pin)
            try test.rows("UPDATE record SET fields = ?, subjectPersonalID = ? WHERE id = ?", [FieldSetJSON.encode(fields), pin, record.id])
        }
        let report = try test.verifier.verify(batch: batch.id)
        #expect(report.state == .verifying)
        #expect(report.progress.errors == 2 && report.progress.correctionsOpen == 2)
        #expect(try test.auditActions(batch.id).contains("reopen-verification"))
    }

    @Test func thePolicyChangesOnlyBeforeKeyingStarts() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook(policy: .double)
        #expect(throws: HoTichError.self) { try test.operatorSession.changePolicy(of: batch.id, to: .review, reason: nil) }
        #expect(try test.supervisor.changePolicy(of: batch.id, to: .sample, reason: "Sổ đánh máy, rõ") == .double)
        #expect(try test.auditActions(batch.id).contains("policy-changed"))
        _ = try test.operatorSession.startKeying(batch: batch.id, pass: 1)
        #expect(throws: HoTichError(.policyChangeTooLate(batchID: batch.id, state: .keying))) {
            try test.supervisor.changePolicy(of: batch.id, to: .double, reason: nil)
        }
    }

    @Test func aBatchNotYetKeyedCannotBeVerified() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        #expect(throws: HoTichError(.batchNotVerifiable(batchID: batch.id, state: .received))) {
            try test.verifier.verify(batch: batch.id)
        }
        #expect(throws: HoTichError.self) { try test.operatorSession.verify(batch: batch.id) }
    }

    @Test func returningRecordsReopensTheirKeyingsAndTheBatchComesBackKeyed() throws {
        let test = try TestWorkspace()
        let batch = try test.keyedBatch()
        _ = try test.verifier.verify(batch: batch.id)
        #expect(try test.supervisor.returnToKeying(batch: batch.id, numbers: ["5"], reason: "Ngày sinh cần nhập lại") == 1)
        #expect(try test.batchState(batch.id) == .keying)
        let fifth = try #require(try test.records(batch.id).first { $0.number == "05" })
        #expect(try test.keyings(batch.id).filter { $0.recordId == fifth.id }.allSatisfy { $0.state == .draft })
        #expect(try test.decisions(batch.id).filter { $0.recordId == fifth.id }.allSatisfy { $0.supersededAt != nil })
        #expect(throws: HoTichError(.recordNumberNotInBatch(batchID: batch.id, number: "99"))) {
            try test.supervisor.returnToKeying(batch: batch.id, numbers: ["99"], reason: "x")
        }
    }
}

@Suite struct ReviewAndSamplingTests {
    @Test func reviewVerifiesEachRecordAndCountsCorrections() throws {
        let test = try TestWorkspace()
        let batch = try test.keyedBatch(policy: .review)
        var reviewed = 0
        while let task = try test.verifier.nextReview(batch: batch.id) {
            var values = task.record.fields
            if task.record.number == "07" { values["nksNoiSinh"] = .filled("Bệnh viện Việt Đức") }
            let outcome = try test.verifier.completeReview(task, values: values)
            #expect(outcome == .verified(corrections: task.record.number == "07" ? 1 : 0))
            reviewed += 1
        }
        #expect(reviewed == 12)
        let corrections = try test.decisions(batch.id)
        #expect(corrections.count == 1 && corrections[0].origin == .review && corrections[0].pass1Operator == "nhaplieu")
        var report = try test.verifier.verify(batch: batch.id)
        if report.progress.warningsUnacknowledged > 0 {
            try test.acknowledgeAllWarnings(batch.id)
            report = try test.verifier.verify(batch: batch.id)
        }
        #expect(report.state == .verified)
        // Another verifier asking for work on the finished batch finds none (not a refusal).
        #expect(try test.verifier.nextReview(batch: batch.id) == nil)
    }

    @Test func aSampleIsDrawnByThePlanAndAnAcceptedLotIsVerified() throws {
        let test = try TestWorkspace()
        let batch = try test.keyedBatch(policy: .sample)
        let draw = try test.verifier.drawSample(batch: batch.id, aql: .p1_0, seed: 42)
        // 12 records: code letter B; at AQL 1.0 the arrow leads to 13 records, Ac 0 — the whole lot.
        #expect(draw.codeLetter == "B" && draw.sampleSize == 12 && draw.acceptance == 0 && draw.seed == 42)
        #expect(throws: HoTichError.self) { try test.verifier.drawSample(batch: batch.id, aql: .p1_0) }
        var last: ReviewOutcome?
        while let task = try test.verifier.nextReview(batch: batch.id) {
            last = try test.verifier.completeReview(task, values: task.record.fields)
        }
        #expect(last == .lotAccepted(defective: 0, acceptance: 0))
        #expect(try test.records(batch.id).allSatisfy { $0.status == .verified })
        #expect(try test.auditActions(batch.id).contains("sample-accepted"))
    }

    @Test func aRejectedLotGoesBackToKeyingWithItsDefectsAndIsReviewedInFull() throws {
        let test = try TestWorkspace()
        let batch = try test.keyedBatch(policy: .sample)
        _ = try test.verifier.drawSample(batch: batch.id, aql: .p1_0, seed: 7)
        var defective: String?
        var last: ReviewOutcome?
        while let task = try test.verifier.nextReview(batch: batch.id) {
            var values = task.record.fields
            if defective == nil {
                values["nksNoiSinh"] = .filled("Bệnh viện Việt Đức")
                defective = task.record.id
            }
            last = try test.verifier.completeReview(task, values: values)
            if case .lotRejected = last { break }
        }
        #expect(last == .lotRejected(defective: 1, acceptance: 0))
        #expect(try test.batchState(batch.id) == .keying)
        let row = try test.workspace.store.read { tx in try tx.batch(batch.id) }
        #expect(row?.policy == .review)
        #expect(try test.keyings(batch.id).filter { $0.recordId == defective }.allSatisfy { $0.state == .draft })
    }

    @Test func theSameSeedDrawsTheSameSample() {
        let plan = SamplingPlan(lotSize: 5_000, aql: .p1_0)
        #expect(plan.draw(seed: 99) == plan.draw(seed: 99))
        #expect(plan.draw(seed: 99) != plan.draw(seed: 100))
        #expect(Set(plan.draw(seed: 99)).count == plan.sampleSize)
        #expect(plan.draw(seed: 99).allSatisfy { (0..<5_000).contains($0) })
    }
}

/// Rows as CSV text, quoting cells that hold commas.
func csvText(_ rows: [[String]]) -> String {
    rows.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }.joined(separator: "\n") + "\n"
}

@Suite struct RecordCheckTests {
    @Test func aChildRegisteredTwiceWithoutAccentsIsFlaggedAndTheSupervisorDecides() throws {
        let test = try TestWorkspace()
        // Entry 12 repeats entry 3's child, keyed without diacritics, with an upper-case đ.
        var rows = SampleKeyings.rows(pass: 1)
        let third = rows[3]
        rows[12][10] = "TRAN GIA BAO"
        rows[12][11] = third[11]
        rows[12][12] = "4.1.2017"
        rows[12][17] = "DO THI THU"
        rows[12][21] = "Tran Quoc Tuan"
        let batch = try test.keyedBatch(policy: .review, pass1: csvText(rows))
        while let task = try test.verifier.nextReview(batch: batch.id) {
            _ = try test.verifier.completeReview(task, values: task.record.fields)
        }
        let report = try test.verifier.verify(batch: batch.id)
        #expect(report.progress.duplicatesUndecided == 1)
        try test.acknowledgeAllWarnings(batch.id)
        #expect(try test.verifier.verify(batch: batch.id).state == .verifying, "an undecided duplicate blocks")
        let candidates = try test.supervisor.duplicateCandidates(batch: batch.id)
        #expect(candidates.count == 1)
        let flag = try #require(candidates.first)
        #expect(Set([flag.number, flag.otherNumber]) == ["03", "12"] && flag.flag.basis == "name-dates")
        #expect(throws: HoTichError.self) { try test.verifier.decideDuplicate(try #require(flag.flag.id), as: .duplicate, reason: nil) }
        try test.supervisor.decideDuplicate(try #require(flag.flag.id), as: .distinct, reason: "Hai trẻ khác nhau, xem ảnh")
        #expect(try test.verifier.verify(batch: batch.id).state == .verified)
        #expect(try test.auditActions(batch.id).contains("duplicate-decided"))
    }

    /// Entry 12 re-registers entry 3's birth (loaiDangKy 2, stored as its label "Đăng ký lại"):
    /// the pair is flagged as a re-registration, which a supervisor expects to repeat an entry.
    @Test func aReregisteredBirthIsRecognisedAsARegistrationAgain() throws {
        let test = try TestWorkspace()
        var rows = SampleKeyings.rows(pass: 1)
        for column in [11, 12, 17, 18, 21, 22] { rows[12][column] = rows[3][column] }
        rows[12][10] = rows[3][10]
        rows[12][5] = "2"
        let batch = try test.keyedBatch(policy: .review, pass1: csvText(rows))
        let twelfth = try #require(try test.records(batch.id).first { $0.number == "12" })
        #expect(twelfth.fields["loaiDangKy"] == .filled("Đăng ký lại"), "the field stores the register's label")
        while let task = try test.verifier.nextReview(batch: batch.id) {
            _ = try test.verifier.completeReview(task, values: task.record.fields)
        }
        _ = try test.verifier.verify(batch: batch.id)
        let flag = try #require(try test.supervisor.duplicateCandidates(batch: batch.id).first)
        #expect(Set([flag.number, flag.otherNumber]) == ["03", "12"])
        #expect(flag.flag.reregistration)
    }

    /// Book 02 of 2017 continues the numbers of book 01 (12 entries): 13, then 15 (14 is missing).
    @Test func numbersRunOnAcrossTheBooksOfAYearAndGapsAndRepeatsAreFound() throws {
        let test = try TestWorkspace()
        let first = try test.verifiedBatch()
        let folder = try test.deliveries().appendingPathComponent("KS-00001-2017-02")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let entries = [("13", "2017-08-01", "01.08.2017"), ("15", "2017-08-09", "09.08.2017")]
        for (index, entry) in entries.enumerated() {
            let name = "KS.2017.02.\(entry.1).\(entry.0).pdf"
            try Data(SampleScans.pdf(text: "So ho tich khai sinh 2017 quyen 02 - muc \(index)").utf8).write(to: folder.appendingPathComponent(name))
        }
        let book = BookIdentity(office: SampleScans.office, kind: .birth, year: 2017, volume: 2)
        let received = try test.supervisor.receive(IntakeRequest(source: folder, book: book, policy: .review))
        let second = try #require(received.batch)
        // Key the three entries from the sample sheet's first rows, renumbered and redated.
        var rows = [SampleKeyings.rows(pass: 1)[0]]
        for (index, entry) in entries.enumerated() {
            var row = SampleKeyings.rows(pass: 1)[index + 1]
            row[1] = entry.0
            row[2] = "02/2017"
            row[4] = entry.2
            row[12] = "01.07.2017"
            rows.append(row)
        }
        let sheet = try test.deliveries().appendingPathComponent("book2.csv")
        try Data(csvText(rows).utf8).write(to: sheet)
        let imported = try test.operatorSession.importKeyings(ImportRequest(batchID: second.id, file: sheet))
        #expect(imported.imported == 2)
        while let task = try test.verifier.nextReview(batch: second.id) {
            _ = try test.verifier.completeReview(task, values: task.record.fields)
        }
        _ = try test.verifier.verify(batch: second.id)
        let findings = try test.verifier.findings(batch: second.id)
        // 13 follows book 01's 12: no gap there, none before it; 14 is missing.
        #expect(findings.filter { $0.code.rawValue.hasPrefix("sequence") }.map(\.detail.encoded) == ["2017:14-14"])
        #expect(try test.verifier.findings(batch: first.id).allSatisfy { !$0.code.rawValue.hasPrefix("sequence") })
    }

    /// A book mixing entries with scans and entries keyed from a spreadsheet without one (numbers
    /// 13 and 14), where the entries of pages 3 and 4 are written in the wrong order (no. 4 on page 3,
    /// no. 3 on page 4): the only order finding is that inversion.
    @Test func theSequenceFollowsTheBooksPagesInABookMixingRecordsWithAndWithoutScans() throws {
        let test = try TestWorkspace()
        var rows = SampleKeyings.rows(pass: 1)
        (rows[3][3], rows[4][3]) = (rows[4][3], rows[3][3])
        for (number, date) in [("13", "20.07.2017"), ("14", "25.07.2017")] {
            var row = rows[12]
            row[0] = number
            row[1] = number
            row[3] = number
            row[4] = date
            row[10] = "NGƯỜI THỨ \(number)"
            rows.append(row)
        }
        let batch = try test.keyedBatch(policy: .review, pass1: csvText(rows))
        #expect(try test.records(batch.id).filter { $0.scanFileId == nil }.count == 2)
        _ = try test.verifier.verify(batch: batch.id)
        let sequence = try test.verifier.findings(batch: batch.id).filter { $0.code.rawValue.hasPrefix("sequence") }
        #expect(sequence.map(\.code.rawValue) == ["sequence-out-of-order"])
        #expect(sequence.map(\.detail.encoded) == ["2017:3<4"])
    }

    @Test func personalIDNumbersAreCheckedAgainstTheProvinceAndAgainstOtherPeople() throws {
        let test = try TestWorkspace(province: OfficeCode(literal: "01"))
        var rows = SampleKeyings.rows(pass: 1).enumerated().map { index, row in row + [index == 0 ? "nksSoDinhDanh" : "-"] }
        rows[1][rows[1].count - 1] = "079316000001"  // born 2016, female, registered in Hồ Chí Minh City (079)
        rows[2][rows[2].count - 1] = "001217000002"  // Lê Hoàng Nam
        rows[3][rows[3].count - 1] = "001217000002"  // Trần Gia Bảo: the same number for another person
        let batch = try test.keyedBatch(policy: .review, pass1: csvText(rows))
        let report = try test.verifier.verify(batch: batch.id)
        let findings = try test.verifier.findings(batch: batch.id)
        let numbers = try test.verifier.recordNumbers(batch: batch.id)
        #expect(findings.contains { $0.code.rawValue == "personal-id-province" && $0.severity == .warning && numbers[$0.recordId ?? ""] == "01" })
        let shared = findings.filter { $0.code.rawValue == "personal-id-shared" }
        #expect(Set(shared.compactMap { numbers[$0.recordId ?? ""] }) == ["02", "03"])
        #expect(shared.allSatisfy { $0.severity == .error })
        #expect(report.progress.errors == 2 && report.progress.correctionsOpen == 2)
        // The verifier corrects no. 3's number from the image; the error goes.
        while let task = try test.verifier.nextReview(batch: batch.id) {
            _ = try test.verifier.completeReview(task, values: task.record.fields)
        }
        let correction = try #require(try test.verifier.openDecisions(batch: batch.id).first { $0.number == "03" })
        #expect(correction.decision.origin == .error && correction.problems.first?.code.rawValue == "personal-id-shared")
        try test.verifier.decide(try #require(correction.decision.id), value: .filled("001217000003"))
        let after = try test.verifier.verify(batch: batch.id)
        #expect(after.progress.errors == 0)
        #expect(after.progress.correctionsOpen == 0, "no. 2's correction is withdrawn with the error")
        try test.acknowledgeAllWarnings(batch.id)
        #expect(try test.verifier.verify(batch: batch.id).state == .verified)
    }

    @Test func placesThatNameNoUnitSeveralOrOneOfAnotherTimeAreWarnedOf() throws {
        let test = try TestWorkspace()
        var rows = SampleKeyings.rows(pass: 1)
        let queQuan = try #require(rows[0].firstIndex(of: "nksQueQuan"))
        rows[1][queQuan] = "xã Tam Thanh"  // six communes of that name
        rows[2][queQuan] = "huyện Ba Vì, Hà Tây"  // Hà Tây was merged into Hà Nội in 2008; the book is of 2017
        rows[3][queQuan] = "Xóm Mới, thôn Đông"  // a hamlet alone names no unit: nothing to say
        rows[4][queQuan] = "Paris, Cộng hòa Pháp"
        let batch = try test.keyedBatch(policy: .review, pass1: csvText(rows))
        _ = try test.verifier.verify(batch: batch.id)
        let numbers = try test.verifier.recordNumbers(batch: batch.id)
        let places = try test.verifier.findings(batch: batch.id).filter { $0.code.rawValue.hasPrefix("place") }
        let byNumber = Dictionary(grouping: places) { numbers[$0.recordId ?? ""] ?? "" }
        #expect(byNumber["01"]?.map(\.detail) == [.placeUnresolved(candidates: 6)])
        #expect(byNumber["02"]?.map(\.detail) == [.placeNotOnDate(era: "2004", code: "271")])
        #expect(byNumber["03"] == nil)
        #expect(byNumber["04"]?.map(\.detail) == [.placeUnresolved(candidates: 0)])
        #expect(places.count == 3 && places.allSatisfy { $0.severity == .warning && $0.field == "nksQueQuan" })
        // What a finding says names codes and counts, never the place as written.
        let text = places.map { Message.finding($0.detail, kind: .birth).text(in: .english) }.joined()
        #expect(text.contains("unit 271") && !text.contains("Ba Vì") && !text.contains("Paris"))
    }

    @Test func anAcknowledgedWarningStaysAcknowledgedAcrossRuns() throws {
        let test = try TestWorkspace()
        // Entry 1 registered before the birth it registers: a cross-field warning.
        var rows = SampleKeyings.rows(pass: 1)
        rows[1][4] = "20.12.2016"
        let batch = try test.keyedBatch(policy: .review, pass1: csvText(rows))
        _ = try test.verifier.verify(batch: batch.id)
        let warnings = try test.verifier.openWarnings(batch: batch.id)
        #expect(warnings.contains { $0.code.rawValue == "registered-before-event" && $0.field == "ngayDangKy" })
        let id = try #require(warnings.first?.id)
        #expect(throws: HoTichError(.acknowledgementNeedsReason)) { try test.verifier.acknowledge(finding: id, reason: "  ") }
        try test.verifier.acknowledge(finding: id, reason: "Đúng như sổ")
        _ = try test.verifier.verify(batch: batch.id)
        #expect(try test.verifier.openWarnings(batch: batch.id).count == warnings.count - 1)
    }
}
