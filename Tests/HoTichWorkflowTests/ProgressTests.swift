import Foundation
import GRDB
import HoTichExchange
import HoTichModel
import HoTichStore
import HoTichWorkflow
import Testing

/// A receipt from the national database for `package` with `results` (`<result>` elements), written in `folder`.
func writeReceipt(package: String, results: [String], in folder: URL) throws -> URL {
    let receipt = folder.appendingPathComponent("receipt.xml")
    try Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <exportReceipt xmlns="urn:hotich:export:1" schemaVersion="1.0.0">
          <packageId>\(package)</packageId>
          <receivedAt>2026-11-28T09:00:00+07:00</receivedAt>
        \(results.joined(separator: "\n"))
        </exportReceipt>
        """.utf8).write(to: receipt)
    return receipt
}

extension TestWorkspace {
    /// The sample book's files, each a byte longer: the same names, new content.
    func goodBookWithOtherContent() throws -> URL {
        let folder = try goodBook()
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) {
            let handle = try FileHandle(forWritingTo: file)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\n".utf8))
            try handle.close()
        }
        return folder
    }

    /// The sample book again as a second batch of the same book (new content).
    func receiveSecondBatch(policy: VerificationPolicy = .review) throws -> Batch {
        let report = try supervisor.receive(IntakeRequest(source: goodBookWithOtherContent(), book: SampleScans.book, policy: policy))
        return try #require(report.batch)
    }

    func summaryDifferences() throws -> Int {
        try workspace.store.read { tx in try tx.progressSummaryDifferences() }
    }

    func searchDifferences() throws -> Int {
        try workspace.store.write { tx in try tx.searchIndexDifferences() }
    }
}

@Suite struct ProgressTests {
    /// A whole line — keying twice, arbitration, export, a receipt with a rejection, a correction and a
    /// withdrawal, a second batch with a file marked and cleared and one entry keyed by hand — and
    /// the summary the triggers kept is exactly the one computed from the data.
    @Test func theSummaryKeptInTheSameTransactionsEqualsTheData() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        let export = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out))
        let ids = try test.records(batch.id).sorted { ($0.number ?? "") < ($1.number ?? "") }.map(\.id)
        var results = ids.dropLast().map { "  <result recordId=\"\($0)\" recordVersion=\"1\" status=\"accepted\"/>" }
        results.append("  <result recordId=\"\(ids[11])\" recordVersion=\"1\" status=\"rejected\"><code>E-PIN</code><message>x</message></result>")
        _ = try test.supervisor.applyReceipt(try writeReceipt(package: try #require(export.packageID), results: results, in: out))
        _ = try test.verifier.correct(batch: batch.id, number: "5", field: "nksNoiSinh", value: "Bệnh viện Việt Đức", reason: "Đọc lại ảnh")
        try test.verifier.withdraw(batch: batch.id, number: "7", reason: "Trùng")
        _ = try test.supervisor.exportCorrections(to: out)

        let second = try test.receiveSecondBatch()
        let files = try test.column("SELECT path FROM scanFile WHERE batchId = ?", [second.id]).sorted()
        try test.supervisor.markFileNotAnEntry(batch: second.id, path: files[11], kind: .blank, reason: "Trang trắng")
        try test.supervisor.markFileNotAnEntry(batch: second.id, path: files[10], kind: .cover, reason: "Bìa")
        try test.supervisor.clearNonEntryMark(batch: second.id, path: files[10], reason: "Nhầm")
        var task = try #require(try test.operatorSession.startKeying(batch: second.id, pass: 1))
        task.values = sampleBirth(number: 1)
        _ = try test.operatorSession.completeKeying(task)

        #expect(try test.summaryDifferences() == 0)
        #expect(try test.searchDifferences() == 0)
        let report = try test.supervisor.progressReport(by: .office)
        let total = report.overall.total
        #expect(total.entries == 12 + 11, "the blank page is no entry; the cleared cover is one again")
        #expect(total.keyed == 13 && total.verified == 12 && total.exported == 12 && total.accepted == 11)
        #expect(total.keyings == 25 && total.typedKeyings == 1 && total.typedFields > 0 && total.fields > total.typedFields)
        let conflicts = try test.number("SELECT COUNT(*) FROM fieldDecision WHERE origin = 'conflict'")
        #expect(total.conflicts == conflicts && conflicts > 0)

        let byBatch = try test.supervisor.progressReport(by: .batch)
        #expect(byBatch.rows.map(\.unit) == [.batch(batch.id), .batch(second.id)].sorted())
        #expect(byBatch.rows.first { $0.unit == .batch(second.id) }?.total.keyed == 1)
        let people = try test.supervisor.progressReport(by: .operator)
        #expect(people.rows.first { $0.unit == .person("nhaplieu") }?.total.keyings == 13)
        #expect(people.rows.first { $0.unit == .person("nhaplieu2") }?.total.keyings == 12)
        #expect(people.rows.first { $0.unit == .person("kiemtra") }?.total.verified == 12)

        let week = try test.supervisor.weeklyReview()
        let first = try #require(week.awaiting.first { $0.batchId == batch.id })
        #expect(first.rejectedReceipts == 1 && first.entriesNotKeyed == 0)
        let waiting = try #require(week.awaiting.first { $0.batchId == second.id })
        #expect(waiting.entriesNotKeyed == 10)
        let head = try #require(try test.rows("SELECT COUNT(*), (SELECT hash FROM auditEvent ORDER BY id DESC LIMIT 1) FROM auditEvent").first)
        #expect(week.auditHead == AuditHead(events: Int(head[0] ?? "") ?? -1, hash: head[1] ?? ""))
        #expect(week.quality.conflicts == conflicts && week.quality.fieldsKeyed == total.fields)
    }

    @Test func returningRecordsToKeyingTakesThemOutOfVerifiedAndKeyedAgain() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        #expect(try test.supervisor.progressReport(by: .office).overall.total.verified == 12)
        try test.supervisor.returnToKeying(batch: batch.id, numbers: ["3", "4"], reason: "Đọc sai ảnh")
        let total = try test.supervisor.progressReport(by: .office).overall.total
        #expect(total.verified == 10)
        #expect(total.keyings == 20, "the four keyings of the two records are drafts again")
        #expect(try test.summaryDifferences() == 0)
        #expect(try test.supervisor.weeklyReview().quality.batchesReturned == 1)
    }

    @Test func aDamagedSummaryIsFoundAndRebuiltByASupervisorWithAnAuditEvent() throws {
        let test = try TestWorkspace()
        _ = try test.verifiedBatch()
        try test.rows("UPDATE progressDay SET verified = verified + 5 WHERE actor = 'kiemtra'")
        try test.rows("DELETE FROM progressDay WHERE actor = 'nhaplieu2'")
        #expect(try test.summaryDifferences() > 0)
        #expect(throws: HoTichError(.permissionDenied(user: "nhaplieu", role: .operator, permission: .rebuildSummaries))) {
            try test.operatorSession.rebuildProgressSummary()
        }
        #expect(try test.supervisor.rebuildProgressSummary() > 0)
        #expect(try test.summaryDifferences() == 0)
        #expect(try test.supervisor.rebuildProgressSummary() == 0)
        #expect(try test.supervisor.progressReport(by: .office).overall.total.verified == 12)
        let actions = try test.column("SELECT action FROM auditEvent WHERE action = 'progress-rebuilt'")
        #expect(actions.count == 2)
    }

    @Test func plansAreSetBySupervisorsRevisedWithHistoryAndAudited() throws {
        let test = try TestWorkspace()
        let office = SampleScans.office
        let due = CivilDate(iso: "2027-06-30")!
        #expect(throws: HoTichError(.permissionDenied(user: "nhaplieu", role: .operator, permission: .planWork))) {
            try test.operatorSession.setPlan(office: office, kind: nil, records: 100, due: due, start: nil)
        }
        #expect(throws: HoTichError(.invalidPlanRecords(0))) {
            try test.supervisor.setPlan(office: office, kind: nil, records: 0, due: due, start: nil)
        }
        #expect(throws: HoTichError(.dueBeforeStart(due: due, start: CivilDate(iso: "2027-07-01")!))) {
            try test.supervisor.setPlan(office: office, kind: nil, records: 10, due: due, start: CivilDate(iso: "2027-07-01"))
        }
        try test.supervisor.setPlan(office: office, kind: nil, records: 1_000, due: due, start: CivilDate(iso: "2026-11-01"))
        try test.supervisor.setPlan(office: office, kind: .birth, records: 600, due: due, start: nil)
        let revised = try test.supervisor.setPlan(office: office, kind: nil, records: 1_200, due: CivilDate(iso: "2027-09-30")!, start: nil)
        #expect(revised.revision == 2)
        let inForce = try test.operatorSession.plans()
        #expect(inForce.map(\.records) == [1_200, 600])
        let history = try test.supervisor.plans(history: true)
        #expect(history.count == 3 && history[0].supersededAt != nil && history[1].supersededAt == nil)
        let audited = try test.column("SELECT subject || ' ' || reason FROM auditEvent WHERE action = 'plan-set' ORDER BY id")
        #expect(audited == [
            "00001 1000 by 2027-06-30 from 2026-11-01 (revision 1)", "00001/KS 600 by 2027-06-30 (revision 1)",
            "00001 1200 by 2027-09-30 (revision 2)",
        ])
        let report = try test.supervisor.progressReport(by: .kind)
        #expect(report.rows.map(\.unit) == [.officeKind(office, .birth)])
        #expect(report.rows[0].target?.records == 600 && report.overall.target?.records == 1_200)
        #expect(report.rows[0].forecast.status == .noPace)
    }

    @Test func calendarCorrectionsAreAuditedAndCount() throws {
        let test = try TestWorkspace()
        let saturday = CivilDate(iso: "2026-12-05")!
        #expect(throws: HoTichError(.calendarNeedsReason)) { try test.supervisor.setCalendarDays([saturday], working: true, reason: "  ") }
        try test.supervisor.setCalendarDays([saturday], working: true, reason: "Làm bù")
        #expect(try test.supervisor.workingCalendar().calendar.isWorkingDay(saturday))
        #expect(throws: HoTichError(.calendarDayNotSet(day: saturday.adding(days: 1)))) {
            try test.supervisor.clearCalendarDay(saturday.adding(days: 1))
        }
        try test.supervisor.clearCalendarDay(saturday)
        #expect(try !test.supervisor.workingCalendar().calendar.isWorkingDay(saturday))
        let actions = try test.column("SELECT action FROM auditEvent WHERE action LIKE 'calendar-%' ORDER BY id")
        #expect(actions == ["calendar-set", "calendar-cleared"])
    }

    /// Operators see their own figures only; supervisors see everyone's. Errors come from the
    /// verifiers' decisions and agree with the per-batch error rates.
    @Test func peoplesFiguresFollowTheRoleAndTheDecisions() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let everyone = try test.supervisor.operatorFigures()
        #expect(Set(everyone.map(\.name)).isSuperset(of: ["nhaplieu", "nhaplieu2", "kiemtra"]))
        let rates = try test.supervisor.errorRates(batch: batch.id)
        for person in ["nhaplieu", "nhaplieu2"] {
            let figures = try #require(everyone.first { $0.name == person })
            let rate = try #require(rates.first { $0.name == person })
            #expect(figures.fields == rate.fieldsKeyed && figures.errors == rate.errors && figures.keyings == 12)
            #expect(figures.recordsCorrected <= figures.errors)
        }
        #expect(everyone.first { $0.name == "kiemtra" }?.decisions == rates.first { $0.name == "kiemtra" }?.decisions)
        let own = try test.operatorSession.operatorFigures()
        #expect(own.map(\.name) == ["nhaplieu"])
        let ownProgress = try test.operatorSession.progressReport(by: .operator)
        #expect(ownProgress.rows.map(\.unit) == [.person("nhaplieu")])
        // A period before any work has nothing in it; a period that ends before it starts is refused.
        #expect(try test.supervisor.operatorFigures(from: CivilDate(iso: "2020-01-01"), to: CivilDate(iso: "2020-01-31")).isEmpty)
        #expect(throws: HoTichError.self) {
            try test.supervisor.operatorFigures(from: CivilDate(iso: "2020-02-01"), to: CivilDate(iso: "2020-01-31"))
        }
    }

    /// Active hours from save times: a person's actions 1, 2 and 10 minutes apart count 3 minutes.
    @Test func activeHoursComeFromTheGapsBetweenActions() throws {
        let test = try TestWorkspace()
        let times = ["2026-11-23T02:00:00.000Z", "2026-11-23T02:01:00.000Z", "2026-11-23T02:03:00.000Z", "2026-11-23T02:13:00.000Z"]
        try test.workspace.store.write { tx in
            for time in times { try tx.appendAudit(AuditEntry(actor: "nhaplieu", action: .key, batchId: "b", subject: "x"), at: time) }
            try tx.appendAudit(AuditEntry(actor: "kiemtra", action: .verify, batchId: "b"), at: "2026-11-23T02:02:00.000Z")
        }
        let figures = try test.supervisor.operatorFigures(from: CivilDate(iso: "2026-11-23"), to: CivilDate(iso: "2026-11-23"))
        #expect(figures.first { $0.name == "nhaplieu" }?.activeMilliseconds == 180_000)
        let batchOnly = try test.supervisor.operatorFigures(from: CivilDate(iso: "2026-11-23"), to: CivilDate(iso: "2026-11-23"), batch: "b")
        #expect(batchOnly.first { $0.name == "nhaplieu" }?.activeMilliseconds == 180_000)
    }

    @Test func theWeeklyReviewRendersInEveryFormatWithTheAuditHeadAndEscapedText() throws {
        let test = try TestWorkspace()
        _ = try test.verifiedBatch()
        try test.supervisor.setPlan(office: SampleScans.office, kind: nil, records: 100, due: CivilDate.today().adding(days: 60), start: nil)
        let review = try test.supervisor.weeklyReview()
        for language in Language.allCases {
            let markdown = WeeklyMarkdown.render(review, office: "UBND <b>x</b> | y", generatedAt: "t", language: language)
            #expect(markdown.contains(review.auditHead.hash))
            #expect(markdown.contains(language == .vietnamese ? "## Việc chờ quyết định" : "## Awaiting a decision"))
            let page = WeeklyPage.render(review, office: "UBND <b>x</b>", generatedAt: "t", language: language)
            #expect(page.contains("&lt;b&gt;x&lt;/b&gt;") && !page.contains("<b>x</b>"))
            #expect(!page.contains("<script") && !page.contains("http://") || page.contains("http://www.w3.org/2000/svg"))
        }
        let json = try WeeklyJSON.render(review)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["auditHead"] as? [String: Any])?["hash"] as? String == review.auditHead.hash)
        #expect((object["overall"] as? [String: Any])?["status"] as? String == review.progress.overall.forecast.status.rawValue)
        let csv = ProgressTables.weekly(review, language: .vietnamese).render(.csv, language: .vietnamese)
        #expect(csv.hasPrefix("unit,verifiedInPeriod,keyed,verified,exported,accepted,plan,due,percentOfPlan,"))
        #expect(csv.contains("\r\n00001,12,12,12,0,0,100,"))
    }

    /// Receipts applied out of date order (a correction's receipt before the first version's):
    /// the summary counts the record as accepted on its earliest acceptance, as the data says.
    @Test func receiptsAppliedOutOfOrderKeepTheSummaryEqualToTheData() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        let first = try #require(try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out)).packageID)
        let corrected = try test.verifier.correct(batch: batch.id, number: "1", field: "ghiChu", value: "Đính chính", reason: "Ảnh")
        let second = try #require(try test.supervisor.exportCorrections(to: out).packageID)
        func receipt(_ package: String, version: Int, at time: String) throws -> URL {
            let url = out.appendingPathComponent("receipt-\(package)-\(version).xml")
            try Data("""
                <?xml version="1.0" encoding="UTF-8"?>
                <exportReceipt xmlns="urn:hotich:export:1" schemaVersion="1.0.0">
                  <packageId>\(package)</packageId>
                  <receivedAt>\(time)</receivedAt>
                  <result recordId="\(corrected.recordId)" recordVersion="\(version)" status="accepted"/>
                </exportReceipt>
                """.utf8).write(to: url)
            return url
        }
        _ = try test.supervisor.applyReceipt(try receipt(second, version: 2, at: "2026-12-02T09:00:00+07:00"))
        #expect(try test.summaryDifferences() == 0)
        _ = try test.supervisor.applyReceipt(try receipt(first, version: 1, at: "2026-11-20T09:00:00+07:00"))
        #expect(try test.summaryDifferences() == 0)
        let days = try test.workspace.store.read { tx in try tx.workspaceProgress(through: CivilDate(iso: "2026-12-31")!) }
        #expect(days[CivilDate(iso: "2026-11-20")!]?.accepted == 1 && days[CivilDate(iso: "2026-12-02")!]?.accepted ?? 0 == 0)
    }

    /// A plan for one kind measures only that kind, even on the office's line and the workspace's.
    @Test func aPlanForOneKindCountsOnlyThatKind() throws {
        let test = try TestWorkspace()
        _ = try test.verifiedBatch()  // twelve births
        try test.supervisor.setPlan(office: SampleScans.office, kind: .death, records: 20, due: CivilDate.today().adding(days: 30), start: nil)
        let report = try test.supervisor.progressReport(by: .office)
        let office = try #require(report.rows.first)
        #expect(office.total.verified == 12 && office.doneTowardPlan == 0 && office.percentOfPlan == 0)
        #expect(office.forecast.status == .noPace)
        #expect(report.overall.doneTowardPlan == 0)
        try test.supervisor.setPlan(office: SampleScans.office, kind: nil, records: 24, due: CivilDate.today().adding(days: 30), start: nil)
        let whole = try test.supervisor.progressReport(by: .office)
        #expect(whole.rows.first?.doneTowardPlan == 12 && whole.rows.first?.percentOfPlan == 50)
        #expect(try test.supervisor.knowsOffice(SampleScans.office) && !test.supervisor.knowsOffice(OfficeCode("99999")!))
    }

    @Test func daysToComeCountAsNothingAndDatesOutsideTheSupportedYearsAreRefused() throws {
        let test = try TestWorkspace()
        _ = try test.verifiedBatch()
        let today = CivilDate.today()
        let future = try test.supervisor.progressReport(by: .office, to: today.adding(days: 40))
        #expect(future.asOf == today)
        let nextWeek = try test.supervisor.weeklyReview(week: today.adding(days: 14).isoWeekText)
        #expect(nextWeek.progress.overall.period?.verified == 0 && nextWeek.progress.asOf == today)
        #expect(throws: HoTichError(.invalidDate(option: "--to", value: "2101-01-01"))) {
            try test.supervisor.progressReport(by: .office, to: CivilDate(iso: "2101-01-01"))
        }
        #expect(throws: HoTichError(.invalidWeek("9999-W52"))) { try test.supervisor.weeklyReview(week: "9999-W52") }
        #expect(throws: HoTichError(.invalidDate(option: "--start", value: "1899-12-31"))) {
            try test.supervisor.setPlan(office: SampleScans.office, kind: nil, records: 5, due: today, start: CivilDate(iso: "1899-12-31"))
        }
    }

    @Test func calendarReasonsAreOneCleanLine() throws {
        let test = try TestWorkspace()
        try test.supervisor.setCalendarDays([CivilDate(iso: "2026-12-24")!], working: false, reason: "Nghỉ\u{1B}[31m\u{07}\nbù")
        let entry = try #require(try test.supervisor.workingCalendar().entries.first)
        #expect(!entry.reason.unicodeScalars.contains { $0.value < 0x20 } && entry.reason.hasPrefix("Nghỉ"))
    }

    /// The report file goes only where a regular file may be: never over a folder, a device or a link.
    @Test func aReportIsNeverWrittenOverAnythingButARegularFile() throws {
        let test = try TestWorkspace()
        let folder = try test.deliveries()
        let target = folder.appendingPathComponent("target.txt")
        try Data("keep".utf8).write(to: target)
        let link = folder.appendingPathComponent("link.html")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(throws: HoTichError(.reportDestinationNotAFile(path: link.path))) { try ReportFile.write("x", to: link) }
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep")
        #expect(throws: HoTichError(.reportDestinationNotAFile(path: folder.path))) { try ReportFile.write("x", to: folder) }
        #expect(throws: HoTichError.self) { try ReportFile.write("x", to: folder.appendingPathComponent("missing/page.html")) }
        let page = folder.appendingPathComponent("page.html")
        try ReportFile.write("<p>1</p>", to: page)
        try ReportFile.write("<p>2</p>", to: page)
        #expect(try String(contentsOf: page, encoding: .utf8) == "<p>2</p>")
        let mode = try FileManager.default.attributesOfItem(atPath: page.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["link.html", "page.html", "target.txt"])
    }

    /// A plan spanning two centuries still makes a page of modest size: the burn-up's lines are
    /// thinned to a few hundred points.
    @Test func theBurnUpStaysSmallWhateverThePlansSpan() throws {
        let test = try TestWorkspace()
        _ = try test.verifiedBatch()
        try test.supervisor.setPlan(
            office: SampleScans.office, kind: nil, records: 1_000, due: CivilDate(iso: "2100-12-31")!, start: CivilDate(iso: "1900-01-01"))
        let review = try test.supervisor.weeklyReview()
        let page = WeeklyPage.render(review, office: "x", generatedAt: "2026-12-02T03:04:05.000Z", language: .vietnamese)
        #expect(page.utf8.count < 120_000, "\(page.utf8.count) bytes")
        #expect(page.contains("Lập lúc 10:04 ngày 02/12/2026 (giờ Việt Nam)"))
    }
}
