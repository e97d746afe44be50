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

    func run() throws {
        let language = Language(code: lang ?? ProcessInfo.processInfo.environment["HOTICH_LANG"])
        let console = Console.current
        let root = into.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("hotich-demo-\(UUID().uuidString.prefix(8))")
        let workspaceFolder = root.appendingPathComponent("workspace", isDirectory: true)
        let deliveries = root.appendingPathComponent("deliveries", isDirectory: true)
        let say = { (vi: String, en: String) in
            console.line(Message.demoStep(language == .vietnamese ? vi : en).text(in: language))
        }
        let tell = { (message: Message) in console.line("  " + message.text(in: language)) }

        console.line(Message.demoStart(path: root.path).text(in: language))

        say("Tạo không gian làm việc cho phường Phúc Xá (mã 00001), quản trị viên quantri",
            "Create a workspace for Phúc Xá ward (code 00001), administrator quantri")
        let workspace = try Workspace.create(
            at: workspaceFolder, office: SampleScans.office, name: "UBND phường Phúc Xá", admin: "quantri",
            province: OfficeCode(literal: "01"), logger: GlobalOptions.logger)
        tell(.workspaceCreated(path: workspaceFolder.path, office: SampleScans.office.value, admin: "quantri"))

        say("Thêm người dùng: giám sát, hai người nhập liệu, một người kiểm tra",
            "Add users: a supervisor, two operators, a verifier")
        let admin = try workspace.session(as: "quantri")
        for (name, role) in [("giamsat", Role.supervisor), ("nhaplieu1", .operator), ("nhaplieu2", .operator), ("kiemtra", .verifier)] {
            tell(.userAdded(name: try admin.addUser(name: name, role: role).name, role: role))
        }
        let supervisor = try workspace.session(as: "giamsat")

        say("Một người nhập liệu thử nhận lô: bị từ chối vì không có vai trò giám sát",
            "An operator tries to receive a batch: refused, it needs the supervisor role")
        let good = try SampleScans.writeGoodBook(into: deliveries)
        let flawed = try SampleScans.writeFlawedBook(into: deliveries)
        do {
            _ = try workspace.session(as: "nhaplieu1").receive(IntakeRequest(source: good, book: SampleScans.book))
        } catch let error as HoTichError {
            tell(error.message)
        }

        say("Nhận một thư mục có tệp lỗi: từng tệp được báo một dòng, lô bị từ chối",
            "Receive a folder with bad files: one line per file, the batch is refused")
        let refused = try supervisor.receive(IntakeRequest(source: flawed, book: SampleScans.book))
        for issue in refused.issues { tell(.intakeIssue(issue)) }
        tell(.systemFilesIgnored(refused.systemFilesIgnored))
        tell(.intakeRefused(issueCount: refused.issues.count))

        say("Nhận quyển sổ khai sinh 2017, quyển 01: 12 tệp PDF, kiểm tra nội dung và băm SHA-256",
            "Receive the 2017 birth register, volume 01: 12 PDFs, checked by content and hashed with SHA-256")
        let report = try supervisor.receive(IntakeRequest(source: good, book: SampleScans.book, policy: .double))
        guard let batch = report.batch else { throw HoTichError(.intakeRefused(issueCount: report.issues.count)) }
        tell(.batchReceived(batchID: batch.id, files: batch.fileCount, bytes: batch.totalBytes, issues: 0))

        say("Nhận lại cùng thư mục: không tạo lô thứ hai", "Receive the same folder again: no second batch")
        do {
            _ = try supervisor.receive(IntakeRequest(source: good, book: SampleScans.book))
        } catch let error as HoTichError {
            tell(error.message)
        }

        say("Kiểm tra tính toàn vẹn của tệp so với danh mục", "Check the files against the manifest")
        let fixity = try supervisor.checkFiles(of: batch.id)
        tell(.fixityValid(batchID: batch.id, files: fixity.matched, oxum: fixity.payloadOxum))

        say("Tạm dừng lô rồi cho tiếp tục", "Put the batch on hold, then release it")
        for (action, reason) in [(BatchAction.hold, "Chờ bổ sung trang bìa sổ"), (.release, nil)] {
            let applied = try supervisor.apply(action, to: batch.id, reason: reason)
            tell(.transitionDone(batchID: applied.batchID, from: applied.from, to: applied.to))
        }

        say("Hai người nhập liệu nhập lô từ bảng tính (nhập hai lần, độc lập): lần 1 do nhaplieu1, lần 2 do nhaplieu2",
            "Two operators key the batch from spreadsheets (double, blind): pass 1 by nhaplieu1, pass 2 by nhaplieu2")
        let sheets = root.appendingPathComponent("keying", isDirectory: true)
        try SampleKeyings.write(into: sheets)
        for (pass, name) in [(1, "nhaplieu1"), (2, "nhaplieu2")] {
            let report = try workspace.session(as: name).importKeyings(
                ImportRequest(batchID: batch.id, file: sheets.appendingPathComponent(SampleKeyings.fileName(pass: pass)), pass: pass))
            tell(.importSummary(read: report.read, imported: report.imported, rejected: report.rejected, alreadyPresent: report.alreadyPresent))
        }
        say("Nhập lại cùng tệp: không tạo bản ghi trùng", "Import the same file again: no duplicate records")
        let again = try workspace.session(as: "nhaplieu1").importKeyings(
            ImportRequest(batchID: batch.id, file: sheets.appendingPathComponent(SampleKeyings.fileName(pass: 1)), pass: 1))
        if let seen = again.seenBefore { tell(.importSeenBefore(at: seen.at, by: seen.by)) }
        tell(.importSummary(read: again.read, imported: again.imported, rejected: again.rejected, alreadyPresent: again.alreadyPresent))

        say("Người kiểm tra so sánh hai lần nhập và chạy các quy tắc: bản ghi khớp được xác nhận, chỗ khác nhau thành chênh lệch",
            "The verifier compares the two passes and runs every check: agreeing records are verified, differences become conflicts")
        let verifier = try workspace.session(as: "kiemtra")
        var verification = try verifier.verify(batch: batch.id)
        tell(.verificationNewlySettled(verified: verification.newlyVerified, conflicts: verification.newConflicts, doubts: verification.newDoubts))
        tell(Verify.progressLine(batch.id, verification.progress))
        say("Người kiểm tra (không phải người nhập) đối chiếu từng chênh lệch và từng giá trị không chắc chắn với ảnh",
            "The verifier (not one of the keyers) settles each conflict and confirms each uncertain value against the image")
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
            try verifier.acknowledge(finding: id, reason: "Đã đối chiếu với ảnh: sổ ghi đúng như vậy")
        }
        verification = try verifier.verify(batch: batch.id)
        tell(Verify.progressLine(batch.id, verification.progress))
        if verification.state == .verified { tell(.batchVerified(batchID: batch.id)) }
        say("Tỷ lệ lỗi theo người: lỗi của người nhập trên 1.000 trường, số trường người kiểm tra đã quyết định",
            "Error rates per person: keyer errors per 1,000 fields, fields each verifier decided")
        let rates = try supervisor.errorRates(batch: batch.id)
        console.out(DataTable(
            labels: [.name, .keying, .errors, .errorsPerThousand, .decision], language: language,
            rows: rates.map { [.text($0.name), .number(Int64($0.fieldsKeyed)), .number(Int64($0.errors)),
                               .text($0.errorsPerThousand.decimal(2, in: language)), .number(Int64($0.decisions))] }
        ).render(.table, language: language))
        say("Giám sát xuất lô đã kiểm tra: tệp XML theo lược đồ hotich-export/1, băm SHA-256, kiểm tra lại, danh mục gói ghi sau cùng",
            "The supervisor exports the verified batch: XML in the hotich-export/1 schema, SHA-256, validated, the manifest written last")
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
        say("Tình hình theo cơ quan và trạng thái", "Status per office and state")
        console.out(Status.table(try supervisor.status(), language: language).render(.table, language: language))

        say("Kiểm tra chuỗi mã băm của nhật ký kiểm toán", "Verify the audit trail's hash chain")
        let (events, broken) = try supervisor.verifyAuditTrail()
        if let broken { throw HoTichError(.auditChainBroken(eventID: broken)) }
        tell(.auditChainValid(events: events))

        console.line(Message.demoDone(path: workspaceFolder.path).text(in: language))
    }
}

/// `hotich dev-schemas --out schemas`: writes the published schemas and their examples.
struct DevSchemas: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-schemas", abstract: "Write schemas/hotich-export/1 (XSDs and examples).", shouldDisplay: false)
    @Option(help: "The repository's schemas/ folder.")
    var out: String
    func run() throws {
        try SchemaExamples.write(into: URL(fileURLWithPath: out))
    }
}

/// `hotich dev-fixtures --out DIR`: writes the sample scans that are committed under `fixtures/`.
struct DevFixtures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-fixtures", abstract: "Write the sample scans and keying sheets committed under fixtures/.",
        shouldDisplay: false)

    @Option(help: "Folder that receives scans/.")
    var out: String

    func run() throws {
        let root = URL(fileURLWithPath: out)
        let scans = root.appendingPathComponent("scans", isDirectory: true)
        try SampleScans.writeGoodBook(into: scans)
        try SampleScans.writeFlawedBook(into: scans)
        try SampleKeyings.write(into: root.appendingPathComponent("keying", isDirectory: true))
    }
}
