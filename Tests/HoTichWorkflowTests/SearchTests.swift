import Foundation
import GRDB
import HoTichModel
import HoTichStore
import HoTichWorkflow
import Testing

extension TestWorkspace {
    /// Keys one birth by hand into `batch` as `session`, with `name` and `number`.
    func keyBirth(_ batch: String, number: Int, name: String, as session: Session) throws -> RegisterRecord {
        var task = try #require(try session.startKeying(batch: batch, pass: 1))
        task.values = sampleBirth(number: number, name: name)
        return try session.completeKeying(task)
    }

    func search(_ text: String, as session: Session? = nil, configure: (inout SearchQuery) -> Void = { _ in }) throws -> [SearchHit] {
        var query = try SearchQuery.parse(text)
        configure(&query)
        return try (session ?? supervisor).search(query)
    }
}

@Suite struct SearchTests {
    /// The same name typed with and without diacritics, in any case; exact matches first.
    @Test func namesAreFoundWithOrWithoutDiacriticsAndRanked() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook(policy: .review)
        let keyer = try test.operatorSession
        let exact = try test.keyBirth(batch.id, number: 1, name: "NGUYỄN VĂN AN", as: keyer)
        let plain = try test.keyBirth(batch.id, number: 2, name: "NGUYEN VAN AN", as: keyer)
        let longer = try test.keyBirth(batch.id, number: 3, name: "NGUYỄN VĂN AN KHANG", as: keyer)
        _ = try test.keyBirth(batch.id, number: 4, name: "TRẦN THỊ ĐÀO", as: keyer)

        for typed in ["Nguyễn Văn An", "NGUYỄN VĂN AN", "nguyễn văn an"] {
            let hits = try test.search(typed)
            #expect(hits.map(\.recordId) == [exact.id, plain.id, longer.id], "\(typed)")
            #expect(hits.map(\.match) == [.exact, .folded, .partialName])
        }
        // Typed without diacritics, the record keyed without them is the exact match.
        for typed in ["nguyen van an", "NGUYEN VAN AN"] {
            let hits = try test.search(typed)
            #expect(hits.map(\.recordId) == [plain.id, exact.id, longer.id], "\(typed)")
            #expect(hits.map(\.match) == [.exact, .folded, .partialName])
        }
        #expect(try test.search("dao").map(\.subjectName) == ["TRẦN THỊ ĐÀO"], "đ folds to d")
        #expect(try test.search("Đào").first?.match == .partialName)
        #expect(try test.search("van an khang").map(\.recordId) == [longer.id])
        #expect(try test.search("khang nguyen").map(\.match) == [.other], "all the words, not in that order")
        #expect(try test.search("nguyen van binh").isEmpty)
        // Other roles: the sample's mother is Nguyễn Thị Hoa in no record; the keyed ones have none.
        #expect(try test.search("nguyen van an", configure: { $0.limit = 1 }).count == 1)
    }

    @Test func byNumberBookIdYearAndTheirCombinations() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let records = try test.records(batch.id).sorted { ($0.number ?? "") < ($1.number ?? "") }
        #expect(try test.search("so:05").map(\.recordId) == [records[4].id])
        #expect(try test.search("so:5 quyen:01/2017").map(\.recordId) == [records[4].id])
        #expect(try test.search("so:5 quyen:02/2017").isEmpty)
        #expect(try test.search("2017").count == 12)
        #expect(try test.search("2017", configure: { $0.limit = 5 }).count == 5)
        #expect(try test.search("nguyen 2017").map(\.subjectName).contains("NGUYỄN MINH ANH"))
        #expect(try test.search("nguyen 2001").isEmpty)
        if let withID = records.first(where: { $0.subjectPersonalID != nil }), let id = withID.subjectPersonalID {
            #expect(try test.search(id).map(\.recordId) == [withID.id])
        }
        #expect(try test.search("so:01", configure: { $0.kind = .death }).isEmpty)
        #expect(try test.search("so:01", configure: { $0.registrationYears = 2017...2017; $0.office = SampleScans.office }).count == 1)
        #expect(try test.search("so:01", configure: { $0.state = .keyed }).isEmpty)
        #expect(try test.search("so:01", configure: { $0.state = .verified }).count == 1)
        #expect(throws: HoTichError(.searchLimit(0))) { try test.search("so:01", configure: { $0.limit = 0 }) }
    }

    /// Operators find the records of batches they key; verifiers and supervisors find all. Every
    /// search is audited with its count, never its terms.
    @Test func whatASearchShowsFollowsTheRoleAndEverySearchIsAudited() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()  // keyed by nhaplieu (pass 1) and nhaplieu2 (pass 2)
        let stranger = try test.addOperator("nhaplieu3")
        #expect(try test.search("nguyen minh anh", as: try test.operatorSession).count == 1)
        #expect(try test.search("nguyen minh anh", as: stranger).isEmpty)
        #expect(try test.search("nguyen minh anh", as: try test.verifier).count == 1)
        let id = try #require(try test.search("nguyen minh anh").first?.recordId)
        #expect(throws: HoTichError(.recordNotVisible(id))) { try stranger.recordStory(id: id) }
        #expect(try test.operatorSession.recordStory(id: id).record.batchId == batch.id)
        let events = try test.column("SELECT reason FROM auditEvent WHERE action = 'search' ORDER BY id")
        #expect(events == ["1 results", "0 results", "1 results", "1 results"])
        let all = try test.column("SELECT COALESCE(reason, '') || COALESCE(subject, '') FROM auditEvent")
        #expect(!all.contains { $0.lowercased().contains("nguyen") }, "no search term is written anywhere")
    }

    /// After imports, corrections, returns and withdrawals the index equals one built afresh; a
    /// damaged index is found and rebuilt.
    @Test func theIndexStaysEqualToTheRecords() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        _ = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out))
        _ = try test.verifier.correct(batch: batch.id, number: "1", field: "nksHoTen", value: "NGUYỄN MINH ANH THƯ", reason: "Ảnh")
        try test.verifier.withdraw(batch: batch.id, number: "2", reason: "Trùng")
        #expect(try test.searchDifferences() == 0)
        #expect(try test.search("anh thu").map(\.subjectName) == ["NGUYỄN MINH ANH THƯ"])
        #expect(try test.search("nguyen minh anh").first?.match == .partialName, "the old name is no longer exact")
        #expect(try test.search("le hoang nam").first?.state == .withdrawn)
        #expect(try test.search("le hoang nam", configure: { $0.state = .verified }).isEmpty)

        let second = try test.receiveSecondBatch(policy: .review)
        _ = try test.keyBirth(second.id, number: 1, name: "PHẠM QUỐC BẢO", as: try test.operatorSession)
        #expect(try test.searchDifferences() == 0)
        #expect(try test.search("pham quoc bao").count == 1)

        // The index emptied behind hotich's back (FTS5's own command on SQLite).
        try test.rows(test.connectionString == nil ? "INSERT INTO recordName (recordName) VALUES ('delete-all')" : "DELETE FROM recordName")
        #expect(try test.search("pham quoc bao").isEmpty)
        #expect(try test.searchDifferences() > 0)
        #expect(throws: HoTichError.self) { try test.operatorSession.rebuildSearchIndex() }
        #expect(try test.supervisor.rebuildSearchIndex() > 0)
        #expect(try test.searchDifferences() == 0)
        #expect(try test.search("pham quoc bao").count == 1)
    }

    @Test func aRecordsStoryWithTwoVersionsAndAReceipt() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        let first = try #require(try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out)).packageID)
        let corrected = try test.verifier.correct(batch: batch.id, number: "1", field: "nksNoiSinh", value: "Bệnh viện Việt Đức", reason: "Ảnh")
        let second = try #require(try test.supervisor.exportCorrections(to: out).packageID)
        let receipt = out.appendingPathComponent("receipt.xml")
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <exportReceipt xmlns="urn:hotich:export:1" schemaVersion="1.0.0">
              <packageId>\(second)</packageId>
              <receivedAt>2026-12-02T09:00:00+07:00</receivedAt>
              <result recordId="\(corrected.recordId)" recordVersion="2" status="accepted"/>
            </exportReceipt>
            """.utf8).write(to: receipt)
        _ = try test.supervisor.applyReceipt(receipt)

        let story = try test.supervisor.recordStory(batch: batch.id, number: "01")
        #expect(story.record.id == corrected.recordId && story.record.version == 2)
        #expect(story.record.fields["nksNoiSinh"] == .filled("Bệnh viện Việt Đức"))
        #expect(story.keyings.map(\.pass) == [1, 2] && story.keyings.map(\.operator) == ["nhaplieu", "nhaplieu2"])
        #expect(story.changes.map(\.field) == ["nksNoiSinh"] && story.changes.first?.by == "kiemtra")
        #expect(story.deliveries.map(\.version) == [1, 2] && story.deliveries.map(\.packageId) == [first, second])
        #expect(story.deliveries.last?.receipt == "accepted" && story.deliveries.first?.receipt == nil)
        #expect(story.scanFile?.sha256.count == 64 && story.book.volume == 1)
        #expect(try test.supervisor.recordStory(id: corrected.recordId).record.id == corrected.recordId)
        #expect(throws: HoTichError(.recordNotFound("nope"))) { try test.supervisor.recordStory(id: "nope") }
        #expect(throws: HoTichError(.recordNumberNotInBatch(batchID: batch.id, number: "99"))) {
            try test.supervisor.recordStory(batch: batch.id, number: "99")
        }
        let viewed = try test.column("SELECT subject FROM auditEvent WHERE action = 'record-viewed'")
        #expect(viewed == [corrected.recordId, corrected.recordId])
    }

    /// A batch returned to its keyers stays theirs to find; a batch's existence is not told to others.
    @Test func keyersStillSeeABatchReturnedToThem() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        try test.supervisor.returnToKeying(batch: batch.id, numbers: (1...12).map(String.init), reason: "Nhập lại")
        #expect(try test.search("nguyen minh anh", as: try test.operatorSession).count == 1)
        #expect(try test.operatorSession.recordStory(batch: batch.id, number: "05").record.number == "05")
        let stranger = try test.addOperator("nhaplieu3")
        #expect(throws: HoTichError(.recordNotVisible(batch.id))) { try stranger.recordStory(batch: batch.id, number: "99") }
        #expect(throws: HoTichError(.recordNotVisible("KS-nope"))) { try stranger.recordStory(batch: "KS-nope", number: "1") }
        #expect(throws: HoTichError(.recordNumberNotInBatch(batchID: batch.id, number: "5/2016"))) {
            try test.supervisor.recordStory(batch: batch.id, number: "5/2016")
        }
        #expect(try test.supervisor.recordStory(batch: batch.id, number: "5/2017").record.number == "05")
        #expect(try test.search("so:05/2017").count == 1 && test.search("so:05/2016").isEmpty)
    }

    /// Compacting may renumber records' rowids, on which the name index is keyed: it is rebuilt.
    @Test(.sqliteFile) func theIndexSurvivesCompacting() throws {
        let test = try TestWorkspace()
        _ = try test.verifiedBatch()
        try test.workspace.sqlite.databaseWrite { db in
            // Leave free pages behind so that VACUUM has work to do.
            try db.execute(sql: "CREATE TABLE scratch (x); INSERT INTO scratch SELECT randomblob(4000) FROM record; DROP TABLE scratch")
        }
        _ = try test.admin.compactWorkspace()
        #expect(try test.searchDifferences() == 0)
        #expect(try test.search("nguyen minh anh").map(\.subjectName) == ["NGUYỄN MINH ANH"])
    }
}
