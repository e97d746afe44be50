import Foundation
import HoTichModel
import HoTichPostgres
@testable import HoTichStore
import HoTichTestSupport
import Testing

/// Search, exports, receipts, progress and reports on PostgreSQL answer as on SQLite.
@Suite(.postgresAvailable)
struct PostgresReportTests {
    static let time = PostgresStoreTests.time
    static let batchID = PostgresRecordTests.batchID

    typealias Writing = PostgresVerificationTests.Writing & ExportWriting & ExportReading & ProgressWriting & ImportLogWriting

    static func deliver(_ tx: some Writing) throws {
        try PostgresVerificationTests.verify(tx)
        try tx.insertExportPackage(ExportPackage(id: "P1", state: .writing, folder: "/xuat/P1", createdAt: time, createdBy: "quantri"))
        try tx.insertPackageBatch(package: "P1", batch: batchID, file: "KS.xml")
        #expect(try tx.logBatchExported(batchID, package: "P1", file: "KS.xml", at: "2026-12-02T09:00:00.000Z") == 4)
        try tx.recordPackageFile(package: "P1", batch: batchID, bytes: 1_234, sha256: String(repeating: "a", count: 64), records: 4)
        try tx.completeExportPackage("P1", records: 4, at: "2026-12-02T09:00:00.000Z")
        #expect(try tx.recordReceipt(package: "P1", record: "R1", version: 1, status: "accepted", code: nil, at: "2026-12-03T02:00:00.000Z"))
        #expect(try tx.recordReceipt(package: "P1", record: "R2", version: 1, status: "rejected", code: "E12", at: "2026-12-03T02:00:00.000Z"))
        #expect(try !tx.recordReceipt(package: "P1", record: "R2", version: 7, status: "accepted", code: nil, at: time))
        try tx.insertExportPackage(ExportPackage(id: "P0", state: .writing, folder: "/xuat/P0", createdAt: time, createdBy: "quantri"))
        try tx.failExportPackage("P0", failure: "disk", at: time)
        try tx.logExported(record: "R9", version: 1, withdrawal: true, package: "P1", file: "KS.xml", at: time)
        try tx.insertPlan(ProgressPlan(
            office: PostgresBatchTests.book.office, kind: nil, records: 100, start: CivilDate(iso: "2026-11-01"), due: CivilDate(iso: "2027-01-31")!,
            setBy: "giamsat", setAt: time, revision: 1, supersededAt: nil))
        try tx.insertPlan(ProgressPlan(
            office: PostgresBatchTests.book.office, kind: nil, records: 120, start: nil, due: CivilDate(iso: "2027-02-28")!,
            setBy: "giamsat", setAt: time, revision: 2, supersededAt: nil))
        try tx.setCalendarEntry(WorkingCalendar.Entry(day: CivilDate(iso: "2026-12-05")!, working: true, reason: "làm bù", setBy: "giamsat", setAt: time))
        try tx.setCalendarEntry(WorkingCalendar.Entry(day: CivilDate(iso: "2026-12-06")!, working: false, reason: "x", setBy: "giamsat", setAt: time))
        #expect(try tx.removeCalendarEntry(CivilDate(iso: "2026-12-06")!))
        try tx.insertImportedFile(ImportedFile(
            batchId: batchID, pass: 2, sha256: String(repeating: "b", count: 64), fileName: "nhập liệu.csv", rowsRead: 5, imported: 4,
            rejected: 1, alreadyPresent: 0, at: time, by: "Đặng.Thùy"))
        try tx.appendAudit(AuditEntry(actor: "quantri", action: .receipt, batchId: batchID), at: "2026-12-03T02:00:00.000Z")
    }

    static let queries: [SearchQuery] = [
        SearchQuery(nameWords: ["nguyen", "van"]), SearchQuery(nameWords: ["nguyen", "van", "hai"]), SearchQuery(nameWords: ["tran", "thi", "chin"]),
        SearchQuery(nameWords: ["chin"]), SearchQuery(nameWords: ["nguyen"], state: .verified), SearchQuery(number: 3),
        SearchQuery(book: (volume: 1, year: 2017)), SearchQuery(personalID: "026317000123"), SearchQuery(years: [2017], kind: .birth),
        SearchQuery(nameWords: ["khong", "co"]), SearchQuery(registrationYears: 2016...2018, office: PostgresBatchTests.book.office, state: .withdrawn),
    ]

    struct Answers {
        var searches: [[String]]
        var scoped: [[String]]
        var names: [[SearchRole: String]]
        var packages: [[ExportPackage]]
        var packageBatches: [PackageBatch]
        var writing: String?
        var lastExported: [Int]
        var status: ExportStatus
        var series: [[ProgressSeries]]
        var workspace: [CivilDate: ProgressCounters]
        var plans: [[ProgressPlan]]
        var calendar: [WorkingCalendar.Entry]
        var awaiting: [AwaitingDecision]
        var quality: WeeklyReview.Quality
        var figures: [[OperatorFigures]]
        var head: AuditHead
        var keying: KeyingProgress
        var verification: VerificationProgress
        var errorRates: [[OperatorErrorRate]]
        var earlier: ImportedFile?
        var keyedBy: [String]
        var story: RecordStory?
    }

    static func answers(_ tx: some StoreReading) throws -> Answers {
        let end = CivilDate(iso: "2026-12-31")!
        return Answers(
            searches: try queries.map { try tx.searchRecords($0, batches: .all, candidates: 20).map(\.hit.recordId) },
            scoped: [
                try tx.searchRecords(SearchQuery(nameWords: ["nguyen"]), batches: .only([batchID, "other \"batch\""]), candidates: 2).map(\.hit.recordId),
                try tx.searchRecords(SearchQuery(nameWords: ["nguyen"]), batches: .only([]), candidates: 20).map(\.hit.recordId),
            ],
            names: try tx.searchRecords(SearchQuery(nameWords: ["nguyen"]), batches: .all, candidates: 20).map(\.names),
            packages: try [.writing, .complete, .failed].map { try tx.exportPackages(in: $0) },
            packageBatches: try tx.packageBatches(package: "P1"), writing: try tx.packageBeingWritten(batch: batchID),
            lastExported: try ["R1", "R2", "R9"].map { try tx.lastExportedVersion(record: $0) }, status: try tx.exportStatus(),
            series: try [ProgressUnit.Grouping.office, .kind, .batch, .operator].map { try tx.progressSeries(by: $0, through: end) },
            workspace: try tx.workspaceProgress(through: end), plans: [try tx.plans(history: false), try tx.plans(history: true)],
            calendar: try tx.calendarEntries(), awaiting: try tx.awaitingDecisions(),
            quality: try tx.quality(from: CivilDate(iso: "2026-11-30")!, through: end),
            figures: [
                try tx.operatorFigures(from: nil, through: end, batch: nil),
                try tx.operatorFigures(from: CivilDate(iso: "2026-12-01")!, through: end, batch: batchID),
            ],
            head: try tx.auditChainHead(), keying: try tx.keyingProgress(batch: batchID), verification: try tx.verificationProgress(batch: batchID),
            errorRates: [try tx.errorRates(batch: nil), try tx.errorRates(batch: batchID)],
            earlier: try tx.earlierImport(batch: batchID, pass: 2, sha256: String(repeating: "b", count: 64)),
            keyedBy: try tx.batchesKeyed(by: "nhaplieu"), story: try tx.recordStory(id: "R2"))
    }

    @Test func searchExportsProgressAndReportsAnswerAsOnSQLite() throws {
        let (sqlite, key) = try PostgresStoreTests.sqliteStore()
        try sqlite.write { tx in try Self.deliver(tx) }
        let expected = try sqlite.read { tx in try Self.answers(tx) }
        #expect(expected.searches[0].count == 3)
        #expect(expected.searches[2] == ["R9"])
        #expect(try sqlite.read { tx in try tx.progressSummaryDifferences() } == 0)
        try PostgresServer.withDatabase { database in
            let store = try PostgresStore.create(connectionString: database, protection: AuditProtection(key: key, anchorLog: nil))
            try store.write { tx in try Self.deliver(tx) }
            let answers = try store.read { tx in try Self.answers(tx) }
            // The summary the server's triggers kept is the one computed from the data; a row
            // changed behind the store is found and put right by a rebuild.
            #expect(try store.read { tx in try tx.progressSummaryDifferences() } == 0)
            try PostgresConnection(connectionString: database).execute(#"UPDATE "progressDay" SET "keyed" = "keyed" + 5 WHERE "actor" = ''"#)
            #expect(try store.read { tx in try tx.progressSummaryDifferences() } > 0)
            #expect(try store.write { tx in try tx.rebuildProgressSummary() } > 0)
            #expect(try store.read { tx in try tx.progressSummaryDifferences() } == 0)
            #expect(answers.searches == expected.searches)
            #expect(answers.scoped == expected.scoped)
            #expect(answers.names == expected.names)
            #expect(answers.packages == expected.packages)
            #expect(answers.packageBatches == expected.packageBatches)
            #expect(answers.writing == expected.writing)
            #expect(answers.lastExported == expected.lastExported)
            #expect(answers.status == expected.status)
            #expect(answers.series == expected.series)
            #expect(answers.workspace == expected.workspace)
            #expect(answers.plans == expected.plans)
            #expect(answers.calendar == expected.calendar)
            #expect(answers.awaiting == expected.awaiting)
            #expect(answers.quality == expected.quality)
            #expect(answers.figures == expected.figures)
            #expect(answers.head.events == expected.head.events)
            #expect(answers.keying == expected.keying)
            #expect(answers.verification == expected.verification)
            #expect(answers.errorRates == expected.errorRates)
            #expect(answers.earlier == expected.earlier)
            #expect(answers.keyedBy == expected.keyedBy)
            let (story, expectedStory) = (try #require(answers.story), try #require(expected.story))
            #expect(story.record == expectedStory.record)
            #expect(story.keyings == expectedStory.keyings)
            #expect(story.decisions == expectedStory.decisions)
            #expect(story.changes == expectedStory.changes)
            #expect(story.findings == expectedStory.findings)
            #expect(story.duplicates == expectedStory.duplicates)
            #expect(story.deliveries == expectedStory.deliveries)
            #expect(story.scanFile == expectedStory.scanFile)
            #expect(try store.databaseRead { tx in try tx.searchIndexDifferences() } == 0)
            #expect(try store.read { tx in try tx.verifyAudit() }.problems.isEmpty)
            #expect(try store.integrityProblems().isEmpty)
        }
    }
}
