import ArgumentParser
import Foundation
import HoTichExchange
import HoTichModel
import HoTichWorkflow

/// `hotich demo`: the whole line, as far as it exists, on bundled sample data.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Chạy thử toàn bộ quy trình trên dữ liệu mẫu / run the whole line on sample data.")

    @Option(help: "Ngôn ngữ / language: vi | en (HOTICH_LANG; default vi).")
    var lang: String?

    @Option(help: "Thư mục cho không gian làm việc mẫu / folder for the sample workspace (default: a new temporary folder).")
    var into: String?

    @Option(help: "Chạy trên cơ sở dữ liệu PostgreSQL rỗng này thay cho SQLite / run on this empty PostgreSQL database instead of SQLite (postgres://ROLE@HOST/DATABASE).")
    var database: String?

    func run() throws {
        let language = Language(code: lang ?? ProcessInfo.processInfo.environment["HOTICH_LANG"])
        let console = Console.current
        let root = into.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("hotich-demo-\(UUID().uuidString.prefix(8))")
        let workspaceFolder = root.appendingPathComponent("workspace", isDirectory: true)
        let deliveries = root.appendingPathComponent("deliveries", isDirectory: true)
        let say = { (step: Message.DemoStep) in console.line(Message.demoStep(step).text(in: language)) }
        let tell = { (message: Message) in console.line("  " + message.text(in: language)) }

        console.line(Message.demoStart(path: root.path).text(in: language))

        say(.createWorkspace)
        let workspace = if let database {
            try Workspace.create(
                at: workspaceFolder, database: database, office: SampleScans.office, name: "UBND phường Phúc Xá", admin: "quantri",
                province: OfficeCode(literal: "01"), identity: .names, logger: GlobalOptions.logger)
        } else {
            try Workspace.create(
                at: workspaceFolder, office: SampleScans.office, name: "UBND phường Phúc Xá", admin: "quantri",
                province: OfficeCode(literal: "01"), identity: .names, logger: GlobalOptions.logger)
        }
        tell(.workspaceCreated(path: workspaceFolder.path, office: SampleScans.office.value, admin: "quantri"))

        say(.addUsers)
        let admin = try workspace.session(as: "quantri")
        for (name, role) in [("giamsat", Role.supervisor), ("nhaplieu1", .operator), ("nhaplieu2", .operator), ("kiemtra", .verifier)] {
            tell(.userAdded(name: try admin.addUser(name: name, role: role).name, role: role))
        }
        let supervisor = try workspace.session(as: "giamsat")

        say(.operatorCannotReceive)
        let good = try SampleScans.writeGoodBook(into: deliveries)
        let flawed = try SampleScans.writeFlawedBook(into: deliveries)
        do {
            _ = try workspace.session(as: "nhaplieu1").receive(IntakeRequest(source: good, book: SampleScans.book))
        } catch let error as HoTichError {
            tell(error.message)
        }

        say(.receiveFlawedFolder)
        let refused = try supervisor.receive(IntakeRequest(source: flawed, book: SampleScans.book))
        for issue in refused.issues { tell(.intakeIssue(issue)) }
        tell(.systemFilesIgnored(refused.systemFilesIgnored))
        tell(.intakeRefused(issueCount: refused.issues.count))

        say(.receiveBook)
        let report = try supervisor.receive(IntakeRequest(source: good, book: SampleScans.book, policy: .double))
        guard let batch = report.batch else { throw HoTichError(.intakeRefused(issueCount: report.issues.count)) }
        tell(.batchReceived(batchID: batch.id, files: batch.fileCount, bytes: batch.totalBytes, issues: 0))

        say(.receiveAgain)
        do {
            _ = try supervisor.receive(IntakeRequest(source: good, book: SampleScans.book))
        } catch let error as HoTichError {
            tell(error.message)
        }

        say(.checkFiles)
        let fixity = try supervisor.checkFiles(of: batch.id)
        tell(.fixityValid(batchID: batch.id, files: fixity.matched, oxum: fixity.payloadOxum))

        say(.holdAndRelease)
        for (action, reason) in [(BatchAction.hold, SampleScans.holdReason), (.release, nil)] {
            let applied = try supervisor.apply(action, to: batch.id, reason: reason)
            tell(.transitionDone(batchID: applied.batchID, from: applied.from, to: applied.to))
        }

        say(.importBothPasses)
        let sheets = root.appendingPathComponent("keying", isDirectory: true)
        try SampleKeyings.write(into: sheets)
        for (pass, name) in [(1, "nhaplieu1"), (2, "nhaplieu2")] {
            let report = try workspace.session(as: name).importKeyings(
                ImportRequest(batchID: batch.id, file: sheets.appendingPathComponent(SampleKeyings.fileName(pass: pass)), pass: pass))
            tell(.importSummary(read: report.read, imported: report.imported, rejected: report.rejected, alreadyPresent: report.alreadyPresent))
        }
        say(.importAgain)
        let again = try workspace.session(as: "nhaplieu1").importKeyings(
            ImportRequest(batchID: batch.id, file: sheets.appendingPathComponent(SampleKeyings.fileName(pass: 1)), pass: 1))
        if let seen = again.seenBefore { tell(.importSeenBefore(at: seen.at, by: seen.by)) }
        tell(.importSummary(read: again.read, imported: again.imported, rejected: again.rejected, alreadyPresent: again.alreadyPresent))

        say(.verify)
        let verifier = try workspace.session(as: "kiemtra")
        var verification = try verifier.verify(batch: batch.id)
        tell(.verificationNewlySettled(verified: verification.newlyVerified, conflicts: verification.newConflicts, doubts: verification.newDoubts))
        tell(Verify.progressLine(batch.id, verification.progress))
        say(.arbitrate)
        let arbitration = ArbitrationLoop(session: verifier, language: language, console: console)
        for open in try verifier.openDecisions(batch: batch.id) {
            guard let id = open.decision.id else { continue }
            // What the image shows: pass 1 was right, except the father's birth year both marked doubtful.
            let reading = open.field.key == "chaNgaySinh" ? FieldValue.filled("1990") : open.decision.pass1 ?? .blank
            tell(.arbitrationField(number: open.number, label: open.field.label(in: language), path: nil))
            console.line("  " + Message.arbitrationPass(pass: 1, value: arbitration.display(open.decision.pass1), keyer: open.decision.pass1Operator).text(in: language))
            console.line("  " + Message.arbitrationPass(pass: 2, value: arbitration.display(open.decision.pass2), keyer: open.decision.pass2Operator).text(in: language))
            if open.decision.origin == .doubt { console.line("  " + Message.arbitrationDoubt.text(in: language)) }
            console.line("    → " + arbitration.display(reading))
            try verifier.decide(id, value: reading)
        }
        verification = try verifier.verify(batch: batch.id)
        for warning in try verifier.openWarnings(batch: batch.id) {
            guard let id = warning.id else { continue }
            tell(.finding(warning.detail, kind: SampleScans.book.kind))
            try verifier.acknowledge(finding: id, reason: SampleScans.acknowledgement)
        }
        verification = try verifier.verify(batch: batch.id)
        tell(Verify.progressLine(batch.id, verification.progress))
        if verification.state == .verified { tell(.batchVerified(batchID: batch.id)) }
        say(.errorRates)
        let rates = try supervisor.errorRates(batch: batch.id)
        console.out(DataTable(
            labels: [.name, .keying, .errors, .errorsPerThousand, .decision], language: language,
            rows: rates.map { [.text($0.name), .number(Int64($0.fieldsKeyed)), .number(Int64($0.errors)),
                               .text($0.errorsPerThousand.decimal(2, in: language)), .number(Int64($0.decisions))] }
        ).render(.table, language: language))
        say(.export)
        let exports = root.appendingPathComponent("exports", isDirectory: true)
        try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
        let exported = try supervisor.export(ExportRequest(batchIDs: [batch.id], folder: exports))
        if let folder = exported.folder {
            for file in exported.files {
                let check = ExportValidator.validate(file: folder.appendingPathComponent(file.name))
                tell(.validateValid(path: file.name, document: check.document?.rawValue ?? "?", items: check.items))
            }
            tell(.exportDone(path: folder.path, files: exported.files.count, records: exported.records))
        }
        say(.exportMinistry)
        let ministry = try supervisor.export(ExportRequest(
            batchIDs: [batch.id], folder: exports, again: true, format: .ministry(template: nil, bundlePrefix: nil)))
        if let folder = ministry.folder {
            for file in ministry.files { tell(.ministryFile(name: file.name, records: file.records, scans: file.role == .scans)) }
            tell(.ministryExportDone(
                path: folder.path, books: ministry.files.filter { $0.role == .records }.count, records: ministry.records,
                scans: ministry.files.filter { $0.role == .scans }.reduce(0) { $0 + $1.records }))
        }
        say(.status)
        console.out(Status.table(try supervisor.status(), language: language).render(.table, language: language))

        say(.auditChain)
        let trail = try supervisor.verifyAuditTrail()
        if let broken = trail.firstBrokenEvent { throw HoTichError(.auditChainBroken(eventID: broken)) }
        guard trail.isSound else { throw HoTichError(.integrity(.trailUnsound(problems: trail.problemCount))) }
        tell(.integrity(.trailSound(
            events: trail.events, rows: trail.rowsChecked, anchors: trail.anchorsChecked,
            keyed: trail.key != .noKey)))

        say(.plan)
        let today = CivilDate.today()
        let plan = try supervisor.setPlan(
            office: SampleScans.office, kind: nil, records: 2_000, due: today.adding(days: 182), start: today.adding(days: -7))
        tell(.planSet(unit: plan.unit.text(in: language), records: plan.records, due: plan.due, revision: plan.revision))
        say(.progress)
        console.out(ProgressTables.progress(try supervisor.progressReport(by: .office), language: language).render(.table, language: language))
        say(.weeklyReview)
        let review = try supervisor.weeklyReview()
        let page = root.appendingPathComponent(language == .vietnamese ? "bao-cao-tuan.html" : "weekly-review.html")
        let info = try workspace.info()
        try ReportFile.write(
            WeeklyPage.render(review, office: "\(info.name ?? "") (\(info.officeCode.value))", generatedAt: Timestamp.now(), language: language),
            to: page)
        tell(.reportWritten(path: page.path))

        say(.search)
        let hits = try supervisor.search(try SearchQuery.parse("hoang duc minh"))
        console.out(SearchTables.hits(hits, language: language).render(.table, language: language))
        if let hit = hits.first {
            let story = try supervisor.recordStory(id: hit.recordId)
            for section in SearchTables.story(story, language: language) where section.key == "keyings" {
                console.line("▸ " + section.title)
                console.out(section.table.render(.table, language: language))
            }
        }

        console.line(Message.demoDone(path: workspaceFolder.path).text(in: language))
    }
}
