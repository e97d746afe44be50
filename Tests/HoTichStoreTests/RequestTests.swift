import Foundation
import GRDB
import HoTichModel
@testable import HoTichStore
import Testing

/// The store's named requests answer what the use cases ask, in the order they rely on.
@Suite struct RequestTests {
    @Test func aBatchSummaryJoinsItsBookAndCountsItsIssues() throws {
        let fixture = try StoreFixture()
        try fixture.store.read { (tx) throws in
            let summaries = try tx.batchSummaries(in: nil)
            #expect(summaries.count == 1)
            #expect(summaries.first?.book == StoreFixture.book && summaries.first?.issueCount == 1)
            #expect(try tx.batchSummaries(in: .verified).isEmpty)
            #expect(try tx.batchSummary(fixture.batch.id) == summaries.first)
            #expect(try tx.batchSummary("nothing") == nil)
            #expect(try tx.batchAndBook(fixture.batch.id)?.1 == StoreFixture.book)
            #expect(try tx.batchIssues(fixture.batch.id).map(\.path) == ["Thumbs.db"])
            #expect(try tx.statusLines() == [StatusLine(office: StoreFixture.office, state: .received, batches: 1, files: 4, bytes: 400)])
        }
    }

    @Test func booksAreFoundOrMadeOnceAndBatchesOfABookAreNumberedOnwards() throws {
        let fixture = try StoreFixture()
        try fixture.store.write { (tx) throws in
            let id = try tx.bookId(for: StoreFixture.book)
            #expect(try tx.bookId(for: StoreFixture.book) == id)
            #expect(try tx.nextBatchSequence(book: id) == 2)
            let other = BookIdentity(office: OfficeCode("00037")!, kind: .death, year: 2018, volume: 1)
            #expect(try tx.bookId(for: other) != id)
            #expect(try tx.office(other.office) == Office(code: other.office, name: nil))
        }
    }

    @Test func theNextFileToKeySkipsHeldMarkedKeyedAndOtherPassFiles() throws {
        let fixture = try StoreFixture()
        let now = StoreFixture.time
        let later = "2026-12-02T10:00:00.000Z"
        try fixture.store.write { (tx) throws in
            let next = { (keyer: String, pass: Int) in try tx.nextFileToKey(batch: fixture.batch.id, pass: pass, operator: keyer, now: now)?.path }
            #expect(try next("nhaplieu1", 1) == fixture.files[0].path)
            // Held by someone else until later: skipped; held by me: mine again.
            try tx.saveClaim(Claim(scanFileId: fixture.files[0].id!, pass: 1, batchId: fixture.batch.id, operator: "nhaplieu2",
                                   claimedAt: now, expiresAt: later))
            #expect(try next("nhaplieu1", 1) == fixture.files[1].path)
            #expect(try next("nhaplieu2", 1) == fixture.files[0].path)
            // Marked as no entry: out of keying and of the count.
            try tx.insertMark(NonEntryMark(scanFileId: fixture.files[1].id!, batchId: fixture.batch.id, kind: .cover, reason: "bìa", by: "giamsat", at: now))
            #expect(try next("nhaplieu1", 1) == fixture.files[2].path)
            #expect(try tx.keyableFileCount(batch: fixture.batch.id) == 3)
            #expect(try tx.nonEntryFiles(batch: fixture.batch.id).map(\.path) == [fixture.files[1].path])
            #expect(try tx.filesMarkedByOperators(batch: fixture.batch.id).isEmpty)
            #expect(try tx.claimedPasses(file: fixture.files[0].id!) == [1])
        }
        // Pass 1 of file 3 keyed by nhaplieu1: not theirs in pass 2, and not left in pass 1.
        try fixture.key(fixture.files[2], pass: 1, by: "nhaplieu1", fields: StoreFixture.fields(3))
        try fixture.store.read { (tx) throws in
            #expect(try tx.nextFileToKey(batch: fixture.batch.id, pass: 2, operator: "nhaplieu1", now: now)?.path == fixture.files[0].path)
            #expect(try tx.nextFileToKey(batch: fixture.batch.id, pass: 2, operator: "nhaplieu2", now: now)?.path == fixture.files[0].path)
            #expect(try tx.filesLeftToKey(batch: fixture.batch.id, pass: 1).map(\.path) == [fixture.files[0].path, fixture.files[3].path])
            #expect(try tx.filesWithoutRecord(batch: fixture.batch.id) == [fixture.files[0].path, fixture.files[3].path])
            #expect(try tx.recordOnFile(fixture.files[2].id!)?.number == "03")
        }
    }

    @Test func aDeliverableRecordCarriesItsScanAndItsPassesInOrder() throws {
        let fixture = try StoreFixture()
        let id = try fixture.key(fixture.files[0], pass: 1, by: "nhaplieu1", fields: StoreFixture.fields(1))
        try fixture.key(fixture.files[0], pass: 2, by: "nhaplieu2", fields: StoreFixture.fields(1))
        try fixture.store.read { (tx) throws in
            let record = try #require(try tx.deliverableRecord(id: id))
            #expect(record.passes.map(\.pass) == [1, 2] && record.passes.map(\.by) == ["nhaplieu1", "nhaplieu2"])
            #expect(record.scan == DeliverableRecord.Scan(path: fixture.files[0].path, bytes: 100, sha256: fixture.files[0].sha256))
            #expect(record.fields == StoreFixture.fields(1) && record.version == 1 && record.number == "01")
            var streamed: [String] = []
            try tx.forEachDeliverableRecord(batch: fixture.batch.id) { streamed.append($0.id) }
            #expect(streamed == [id])
        }
    }

    @Test func openDecisionsComeWithTheirRecordAndWhoKeyedIt() throws {
        let fixture = try StoreFixture()
        let id = try fixture.key(fixture.files[0], pass: 1, by: "nhaplieu1", fields: StoreFixture.fields(1))
        try fixture.store.write { (tx) throws in
            let decision = try tx.insertDecision(FieldDecision(
                batchId: fixture.batch.id, recordId: id, field: "nksHoTen", origin: .conflict, pass1: .filled("A"), pass2: .filled("B"),
                pass1Operator: "nhaplieu1", pass2Operator: "nhaplieu2", at: StoreFixture.time))
            #expect(decision.id != nil)
            #expect(try tx.openDecisionCount(record: id) == 1)
            let mine = try tx.decisionContexts(batch: fixture.batch.id, user: "nhaplieu1")
            #expect(mine.count == 1 && mine[0].keyedByAskingUser && mine[0].number == "01" && mine[0].filePath == fixture.files[0].path)
            #expect(mine[0].recordFields == StoreFixture.fields(1))
            #expect(try tx.decisionContexts(batch: fixture.batch.id, user: "kiemtra").first?.keyedByAskingUser == false)
            #expect(try tx.verificationProgress(batch: fixture.batch.id).conflictsOpen == 1)
            try tx.supersedeDecisions(record: id, at: StoreFixture.time)
            #expect(try tx.openDecisions(batch: fixture.batch.id, origin: nil).isEmpty)
            #expect(try tx.decisionsInForce(batch: fixture.batch.id).isEmpty)
        }
    }

    @Test func onlyACompletePackageCountsAsExportedAndReceiptsNameWhatItDelivered() throws {
        let fixture = try StoreFixture()
        let id = try fixture.key(fixture.files[0], pass: 1, by: "nhaplieu1", fields: StoreFixture.fields(1))
        try fixture.store.write { (tx) throws in
            try tx.insertExportPackage(ExportPackage(id: "p1", state: .writing, folder: "/out/p1", createdAt: StoreFixture.time, createdBy: "giamsat"))
            try tx.insertPackageBatch(package: "p1", batch: fixture.batch.id, file: "b.xml")
            #expect(try tx.packageBeingWritten(batch: fixture.batch.id) == "p1")
            #expect(try tx.logBatchExported(fixture.batch.id, package: "p1", file: "b.xml", at: StoreFixture.time) == 1)
            #expect(try tx.logBatchExported(fixture.batch.id, package: "p1", file: "b.xml", at: StoreFixture.time) == 0)
            #expect(try tx.lastExportedVersion(record: id) == 0)
            try tx.completeExportPackage("p1", records: 1, at: StoreFixture.time)
            #expect(try tx.lastExportedVersion(record: id) == 1)
            #expect(try tx.exportPackages(in: .writing).isEmpty && tx.exportPackage(id: "p1")?.state == .complete)
            #expect(try tx.recordReceipt(package: "p1", record: id, version: 1, status: "accepted", code: nil, at: StoreFixture.time))
            #expect(try !tx.recordReceipt(package: "p1", record: id, version: 2, status: "accepted", code: nil, at: StoreFixture.time))
            #expect(try tx.exportStatus() == ExportStatus(exported: 1, accepted: 1, rejected: 0))
        }
    }

    @Test func theDuplicateLookupFindsItsCandidatesThroughAllThreeColumnsOfTheSubjectIndex() throws {
        let store = try SQLiteStore.inMemory()
        let plan = try store.databaseRead { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteTransaction.candidatesByNameSQL, arguments: ["nguyen van an", 1990, "KS", "x"])
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("record_on_subject (kind=? AND subjectBirthYear=? AND subjectName=?)") }, "\(plan)")
    }

    @Test func candidatesAreFoundByFoldedNameAndBirthYearButNeverTheRecordItself() throws {
        let fixture = try StoreFixture()
        let first = try fixture.key(fixture.files[0], pass: 1, by: "nhaplieu1", fields: StoreFixture.fields(1))
        let second = try fixture.key(fixture.files[1], pass: 1, by: "nhaplieu1", fields: StoreFixture.fields(2, name: "NGUYEN VAN AN"))
        try fixture.store.read { (tx) throws in
            let found = try tx.candidates(name: "nguyen van an", birthYear: 2017, kind: .birth, except: first)
            #expect(found.map(\.id) == [second] && found[0].batchId == fixture.batch.id && found[0].kind == .birth)
            #expect(try tx.candidates(name: "nguyen van an", birthYear: 2017, kind: .death, except: first).isEmpty)
        }
    }

    @Test func aMissingOrDamagedRowIsANamedFailureNotANumber() throws {
        let fixture = try StoreFixture()
        try fixture.store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "DELETE FROM book")
            try db.execute(sql: """
                INSERT INTO finding (batchId, code, severity, detail, fingerprint, foundAt)
                VALUES (?, 'no-such-code', 'warning', '', 'f', 't')
                """, arguments: [fixture.batch.id])
        }
        #expect {
            try fixture.store.read { tx in try tx.batchAndBook(fixture.batch.id) }
        } throws: { ($0 as? HoTichError)?.message == .storeDamaged(.missingRow(table: "book")) }
        #expect {
            try fixture.store.read { tx in try tx.findings(batch: fixture.batch.id) }
        } throws: { ($0 as? HoTichError)?.message == .storeDamaged(.damagedRow(table: "finding")) }
    }
}
