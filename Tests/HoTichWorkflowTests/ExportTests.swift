import Foundation
import GRDB
import HoTichExchange
import HoTichModel
import HoTichStore
import HoTichWorkflow
import Testing

/// The repository's root, from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

extension TestWorkspace {
    /// The sample batch keyed twice, arbitrated (pass 1 right, the doubtful year read as 1990) and verified.
    func verifiedBatch(pass1 csv: String? = nil, policy: VerificationPolicy = .double) throws -> Batch {
        let batch = try keyedBatch(policy: policy, pass1: csv)
        if policy == .review {
            while let task = try verifier.nextReview(batch: batch.id) { _ = try verifier.completeReview(task, values: task.record.fields) }
        }
        _ = try verifier.verify(batch: batch.id)
        for open in try verifier.openDecisions(batch: batch.id) {
            let value = open.field.key == "chaNgaySinh" ? FieldValue.filled("1990") : try #require(open.decision.pass1)
            try verifier.decide(try #require(open.decision.id), value: value)
        }
        _ = try verifier.verify(batch: batch.id)
        try acknowledgeAllWarnings(batch.id)
        #expect(try verifier.verify(batch: batch.id).state == .verified)
        return batch
    }

    func exportedRecordCount() throws -> Int { try count("exportedRecord") }
}

/// Collects progress reports (an export calls it on its own thread only).
final class ProgressRecorder: @unchecked Sendable {
    private(set) var last: [Int] = []
    func add(_ done: Int, _ total: Int) { last = [done, total] }
}

/// Ids and times differ from run to run; the rest of an export must not.
func masked(_ xml: String) -> String {
    var text = xml
    for (pattern, replacement) in [
        (#"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#, "UUID"),
        (#"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z"#, "TIME"),
        (#"<version>[^<]*</version>"#, "<version>VERSION</version>"),
    ] {
        text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
    }
    return text
}

@Suite struct ExportSchemaTests {
    static let folder = repositoryRoot.appendingPathComponent("schemas/hotich-export/1")

    @Test(arguments: ExportSchema.Document.allCases)
    func theCommittedSchemaIsTheOneHotichValidatesAgainst(_ document: ExportSchema.Document) throws {
        let committed = try String(contentsOf: Self.folder.appendingPathComponent(document.fileName), encoding: .utf8)
        #expect(committed == document.text, "run `swift run hotich dev-schemas --out schemas`")
        _ = try ExportValidator.schema(for: document)
    }

    @Test func everyValidExampleIsValid() throws {
        for name in ["export-KS.xml", "manifest.xml", "receipt.xml"] {
            let url = Self.folder.appendingPathComponent("examples/valid/\(name)")
            let report = ExportValidator.validate(file: url, packageFolder: name == "manifest.xml" ? url.deletingLastPathComponent() : nil)
            #expect(report.isValid, "\(name): \(report.describe())")
        }
    }

    @Test(arguments: SchemaExamples.invalid.map(\.name))
    func everyInvalidExampleIsRejectedWithTheExpectedMessage(_ name: String) throws {
        let example = try #require(SchemaExamples.invalid.first { $0.name == name })
        let url = Self.folder.appendingPathComponent("examples/invalid/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("INVALID: \(example.rule)"), "the example says which rule it breaks")
        let report = ExportValidator.validate(file: url)
        #expect(!report.isValid)
        #expect(report.lines.contains { $0.message.contains(example.expect) && $0.line > 0 }, "\(report.describe())")
    }

    @Test func theExamplesAreWhatTheGeneratorWrites() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-schemas-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try SchemaExamples.write(into: root)
        let generated = root.appendingPathComponent("hotich-export/1/examples")
        for sub in ["valid", "invalid"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: generated.appendingPathComponent(sub).path) {
                let fresh = try String(contentsOf: generated.appendingPathComponent("\(sub)/\(name)"), encoding: .utf8)
                let committed = try String(contentsOf: Self.folder.appendingPathComponent("examples/\(sub)/\(name)"), encoding: .utf8)
                #expect(fresh == committed, "\(sub)/\(name): run `swift run hotich dev-schemas --out schemas`")
            }
        }
    }

    /// 1.1.0 and 1.2.0 only added optional content: a file written for 1.0.0 (no place codes, no pages
    /// that are not entries) is still valid.
    @Test func aFileOfTheFirstMinorVersionIsStillValid() throws {
        let test = try TestWorkspace()
        let text = try String(contentsOf: Self.folder.appendingPathComponent("examples/valid/export-KS.xml"), encoding: .utf8)
        #expect(text.contains(#"<nksQueQuan province="01" list="dvhc.tinh" listVersion="QD124-2004">"#))
        let old = text.replacingOccurrences(of: #" province="01" list="dvhc.tinh" listVersion="QD124-2004""#, with: "")
            .replacingOccurrences(of: #"schemaVersion="\#(ExportLayout.schemaVersion)""#, with: #"schemaVersion="1.0.0""#)
            .replacingOccurrences(of: #"      <list id="dvhc.tinh" version="QD124-2004"/>\#n"#, with: "")
            .replacingOccurrences(of: #"(?s)    <pagesNotEntries>.*</pagesNotEntries>\n"#, with: "", options: .regularExpression)
        #expect(!old.contains("dvhc.tinh") && !old.contains("pagesNotEntries") && old.contains(#"schemaVersion="1.0.0""#))
        let url = test.root.appendingPathComponent("export-1.0.0.xml")
        try Data(old.utf8).write(to: url)
        let report = ExportValidator.validate(file: url)
        #expect(report.isValid, "\(report.describe())")
    }

    @Test func aTruncatedExportIsNeverValid() throws {
        let test = try TestWorkspace()
        let text = try String(contentsOf: Self.folder.appendingPathComponent("examples/valid/export-KS.xml"), encoding: .utf8)
        let url = test.root.appendingPathComponent("truncated.xml")
        try Data(text.utf8.prefix(text.utf8.count * 2 / 3)).write(to: url)
        let report = ExportValidator.validate(file: url)
        #expect(!report.isValid)
        // libxml2 names what is cut short ("Premature end of data in tag …", "Couldn't find end of …").
        #expect(report.lines.count == 1 && report.lines[0].line > 100, "\(report.describe())")
    }

    @Test func aFileThatIsNotHotichsIsNamedAsSuch() throws {
        let test = try TestWorkspace()
        let url = test.root.appendingPathComponent("other.xml")
        try Data("<?xml version=\"1.0\"?><catalog xmlns=\"urn:other\"/>".utf8).write(to: url)
        let report = ExportValidator.validate(file: url)
        #expect(report.document == nil && !report.isValid)
        #expect(report.lines.first?.message.contains("not a hotich-export document") == true)
        let broken = test.root.appendingPathComponent("broken.xml")
        try Data("<exportBatch xmlns=\"urn:hotich:export:1\"><header>".utf8).write(to: broken)
        #expect(!ExportValidator.validate(file: broken).isValid)
    }
}

@Suite struct ExportTests {
    static let golden = repositoryRoot.appendingPathComponent("fixtures/export/KS-00001-2017-01-1.xml")

    @Test func theSampleBatchExportsAsTheGoldenFileAndValidates() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        let seen = ProgressRecorder()
        let report = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out) { done, total in seen.add(done, total) })
        let folder = try #require(report.folder)
        #expect(report.records == 12 && report.files.count == 1)
        #expect(seen.last == [12, 12], "the last progress report is the whole")
        let file = folder.appendingPathComponent("\(batch.id).xml")
        // Validated against the schema in the same test, and the package by its manifest.
        let validation = ExportValidator.validate(file: file)
        #expect(validation.isValid && validation.items == 12, "\(validation.describe())")
        #expect(ExportValidator.validate(file: folder.appendingPathComponent("manifest.xml"), packageFolder: folder).isValid)
        let written = masked(try String(contentsOf: file, encoding: .utf8))
        if ProcessInfo.processInfo.environment["HOTICH_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(written.utf8).write(to: Self.golden)
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(written == expected, "set HOTICH_UPDATE_GOLDEN=1 to rewrite fixtures/export after a deliberate change")
        // The hash in the manifest is the file's.
        #expect(report.files[0].sha256 == FileFingerprint.sha256(of: try String(contentsOf: file, encoding: .utf8)))
        #expect(try test.batchState(batch.id) == .exported)
        #expect(try test.exportedRecordCount() == 12)
        // Nothing is left under a temporary name.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == [report.packageID])
    }

    @Test func runningTheSameExportAgainWritesNothingUnlessAgain() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        _ = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out))
        let second = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out))
        #expect(second.packageID == nil && second.alreadyExported == [batch.id])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 1)
        let third = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out, again: true))
        #expect(third.records == 12)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 2)
        #expect(try test.exportedRecordCount() == 24)
        #expect(try test.batchState(batch.id) == .exported)
    }

    @Test func onlyVerifiedBatchesAreExportedAndOnlyBySupervisors() throws {
        let test = try TestWorkspace()
        let batch = try test.keyedBatch()
        let out = try test.deliveries()
        #expect(throws: HoTichError(.batchNotExportable(batchID: batch.id, state: .keyed))) {
            try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out))
        }
        #expect(throws: HoTichError.self) { try test.verifier.export(ExportRequest(batchIDs: [batch.id], folder: out)) }
        #expect(throws: HoTichError(.exportNothingToDo)) {
            try test.supervisor.export(ExportRequest(batchIDs: [], allVerified: true, folder: out))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test(arguments: [ExportFault.writerAfter(records: 5), .validation, .rename, .diskFull])
    func aFailedExportLeavesNothingThatLooksFinishedAndARerunCompletes(_ fault: ExportFault) throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        #expect(throws: HoTichError.self) {
            try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out), fault: fault)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty, "no file, finished or partial")
        #expect(try test.exportedRecordCount() == 0)
        #expect(try test.batchState(batch.id) == .verified)
        let rerun = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out))
        #expect(rerun.records == 12)
        #expect(try test.batchState(batch.id) == .exported)
        #expect(try test.exportedRecordCount() == 12)
    }

    /// A full disk (the system's own `/dev/full`) reaches the user as a catalog message that names
    /// the folder and what to do, and the package row records no raw system string.
    @Test func aFullDiskIsSaidInWordsNamingTheFolder() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        do {
            _ = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out), fault: .diskFull)
            Issue.record("the export should have failed")
        } catch let error as HoTichError {
            #expect(error.message == .exportFileSystemFailure(path: out.path, problem: .diskFull))
            let english = error.message.text(in: .english)
            #expect(english.hasPrefix("The export failed writing \(out.path): the disk is full; free some space"))
            #expect(!english.contains("Domain") && !english.contains("Code="))
            #expect(error.message.text(in: .vietnamese).contains("ổ đĩa đã đầy"))
        }
        let recorded = try test.workspace.sqlite.databaseRead { db in try String.fetchAll(db, sql: "SELECT failure FROM exportPackage") }
        #expect(recorded == ["write: diskFull"])
    }

    @Test func aCrashAfterTheRenameIsCompletedByTheNextRunWithoutASecondPackage() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        #expect(throws: (any Error).self) {
            try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out), fault: .crashAfterRename)
        }
        #expect(try test.batchState(batch.id) == .exporting)
        #expect(try test.exportedRecordCount() == 0)
        let rerun = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out))
        #expect(rerun.resumed && rerun.records == 12)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 1)
        #expect(rerun.alreadyExported.isEmpty, "the batch is the resumed package's, not skipped")
        #expect(try test.batchState(batch.id) == .exported)
        #expect(try test.exportedRecordCount() == 12)
    }

    @Test func aPackageInPlaceWhoseBookkeepingFailedIsRecordedByTheNextRun() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        do {
            _ = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out), fault: .bookkeeping)
            Issue.record("the export should have failed")
        } catch let error as HoTichError {
            #expect(error.message.text(in: .english).contains("the next export run records it"))
        }
        // The package is in place and valid; the batch is not marked exported, nor the package failed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 1)
        #expect(try test.batchState(batch.id) == .exporting)
        #expect(try test.exportedRecordCount() == 0)
        let rerun = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out))
        #expect(rerun.resumed && rerun.records == 12)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 1)
        #expect(try test.batchState(batch.id) == .exported)
    }

    @Test(arguments: [ExportFault.crashAfterRename, .bookkeeping])
    func aCorrectionsPackageLeftInPlaceIsRecordedNotSentAgain(_ fault: ExportFault) throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        _ = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out))
        try test.verifier.correct(batch: batch.id, number: "5", field: "nksNoiSinh", value: "Bệnh viện Việt Đức", reason: "Đọc lại ảnh")
        try test.verifier.withdraw(batch: batch.id, number: "7", reason: "Trùng với mục số 3/2016")
        #expect(throws: (any Error).self) { try test.supervisor.exportCorrections(to: out, fault: fault) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 2)
        #expect(try test.exportedRecordCount() == 12)

        // The next run records what the package in place delivers, and writes nothing new.
        let rerun = try test.supervisor.exportCorrections(to: out)
        #expect(rerun.resumed && rerun.records == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 2)
        #expect(try test.exportedRecordCount() == 14)
        #expect(throws: HoTichError(.exportNothingToDo)) { try test.supervisor.exportCorrections(to: out) }
        #expect(try test.supervisor.auditEvents(batch: nil).contains { $0.action.rawValue == "export-corrections" && ($0.reason ?? "").contains("interruption") })
    }

    @Test func correctionsAndWithdrawalsRoundTripAsTheirOwnPackage() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        #expect(throws: HoTichError(.recordNotExported(batchID: batch.id, number: "5"))) {
            try test.verifier.correct(batch: batch.id, number: "5", field: "nksNoiSinh", value: "Bệnh viện Việt Đức", reason: "Đọc lại ảnh")
        }
        _ = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out))
        #expect(throws: HoTichError(.exportNothingToDo)) { try test.supervisor.exportCorrections(to: out) }

        // Two corrections of no. 05 before the next export make one new version; no. 07 is withdrawn.
        let first = try test.verifier.correct(batch: batch.id, number: "5", field: "nksNoiSinh", value: "Bệnh viện Việt Đức", reason: "Đọc lại ảnh")
        let second = try test.verifier.correct(batch: batch.id, number: "05", field: "nksNgaySinh", value: "16.02.2017", reason: "Biên nhận từ chối")
        #expect(first.version == 2 && second.version == 2 && first.recordId == second.recordId)
        #expect(throws: HoTichError.self) {
            try test.verifier.correct(batch: batch.id, number: "5", field: "nksNgaySinh", value: "31.02.2017x", reason: "x")
        }
        #expect(throws: HoTichError(.correctionNeedsReason)) { try test.verifier.withdraw(batch: batch.id, number: "7", reason: " ") }
        try test.verifier.withdraw(batch: batch.id, number: "7", reason: "Trùng với mục số 3/2016")

        let package = try test.supervisor.exportCorrections(to: out)
        let file = try #require(package.folder).appendingPathComponent(try #require(package.files.first).name)
        let report = ExportValidator.validate(file: file)
        #expect(report.isValid && report.items == 2, "\(report.describe())")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("<recordVersion>2</recordVersion>"))
        #expect(text.contains("<supersedes>") && text.contains("<changedField>nksNoiSinh</changedField>") && text.contains("<changedField>nksNgaySinh</changedField>"))
        #expect(text.contains("<reason>Đọc lại ảnh; Biên nhận từ chối</reason>"))
        #expect(text.contains("<withdrawal>") && text.contains("<withdrawals>1</withdrawals>"))
        #expect(text.contains("<nksNoiSinh>Bệnh viện Việt Đức</nksNoiSinh>"))
        // Sent once: nothing is left to send, and a withdrawn record cannot be corrected.
        #expect(throws: HoTichError(.exportNothingToDo)) { try test.supervisor.exportCorrections(to: out) }
        #expect(throws: HoTichError(.recordNotExported(batchID: batch.id, number: "7"))) {
            try test.verifier.correct(batch: batch.id, number: "7", field: "ghiChu", value: "x", reason: "x")
        }
        // A third correction of no. 05 after that export is version 3.
        #expect(try test.verifier.correct(batch: batch.id, number: "5", field: "ghiChu", value: "Đã đính chính", reason: "Ghi chú").version == 3)
        #expect(try test.auditActions(batch.id).filter { $0 == "record-corrected" }.count == 3)
    }

    @Test func aReceiptMarksAcceptedRecordsAndQueuesRejectedOnes() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        let export = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out))
        let package = try #require(export.packageID)
        let ids = try test.records(batch.id).sorted { ($0.number ?? "") < ($1.number ?? "") }.map(\.id)
        var results = ids.dropLast().map { "  <result recordId=\"\($0)\" recordVersion=\"1\" status=\"accepted\"/>" }
        results.append("""
              <result recordId="\(ids[11])" recordVersion="1" status="rejected"><code>E-PIN</code><message>Số định danh không khớp</message></result>
            """)
        results.append("  <result recordId=\"0189a000-0000-7000-8000-00000000ffff\" recordVersion=\"1\" status=\"accepted\"/>")
        let receipt = out.appendingPathComponent("receipt.xml")
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <exportReceipt xmlns="urn:hotich:export:1" schemaVersion="1.0.0">
              <packageId>\(package)</packageId>
              <receivedAt>2026-11-28T09:00:00+07:00</receivedAt>
            \(results.joined(separator: "\n"))
            </exportReceipt>
            """.utf8).write(to: receipt)
        #expect(try test.supervisor.exportStatus() == ExportStatus(exported: 12, accepted: 0, rejected: 0))
        let report = try test.supervisor.applyReceipt(receipt)
        #expect(report.accepted == 11 && report.unknown == 1)
        #expect(report.rejected == [RejectedRecord(batchID: batch.id, number: "12", recordId: ids[11], version: 1, code: "E-PIN", message: "Số định danh không khớp")])
        let status = try test.supervisor.exportStatus()
        #expect(status.accepted == 11 && status.rejected == 1 && status.awaiting == 0)

        // A receipt for a package this workspace never completed, and one that is not valid.
        try Data(try String(contentsOf: receipt, encoding: .utf8).replacingOccurrences(of: package, with: "018a2b3c-4d5e-7f60-8123-456789abcdef").utf8)
            .write(to: receipt)
        #expect(throws: HoTichError(.receiptUnknownPackage("018a2b3c-4d5e-7f60-8123-456789abcdef"))) { try test.supervisor.applyReceipt(receipt) }
        try Data("<exportReceipt xmlns=\"urn:hotich:export:1\" schemaVersion=\"1.0.0\"/>".utf8).write(to: receipt)
        #expect(throws: HoTichError.self) { try test.supervisor.applyReceipt(receipt) }
        #expect(try test.supervisor.exportStatus() == status, "nothing changed")
    }

    @Test func textThatNeedsEscapingNFDInputAndTheLongestValuesExportValid() throws {
        let test = try TestWorkspace()
        var rows = SampleKeyings.rows(pass: 1)
        rows[1][27] = "Ghi chú <A & B> \"trích lục\" 'bản sao'"
        rows[2][10] = "Nguye\u{0302}\u{0303}n Va\u{0306}n Đu\u{031B}\u{0301}c"  // NFD
        rows[3][13] = String(repeating: "Bệnh viện ", count: 50)  // 500 characters
        let batch = try test.verifiedBatch(pass1: csvText(rows), policy: .review)
        let out = try test.deliveries()
        let report = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out))
        let file = try #require(report.folder).appendingPathComponent("\(batch.id).xml")
        #expect(ExportValidator.validate(file: file).isValid)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("Ghi chú &lt;A &amp; B&gt; &quot;trích lục&quot; 'bản sao'"))
        // Compared as bytes: Swift's String comparison would call NFD and NFC equal.
        let nfc = Array("<nksHoTen>Nguy\u{1EC5}n V\u{0103}n \u{0110}\u{1EE9}c</nksHoTen>".utf8)
        let bytes = Array(text.utf8)
        #expect(bytes.indices.contains { bytes[$0...].starts(with: nfc) }, "stored and exported as NFC")
        #expect(!bytes.indices.contains { bytes[$0...].starts(with: Array("e\u{0302}".utf8)) })
    }
}

/// An export file validated in parts side by side must give exactly what one pass over it gives.
@Suite struct ExportPartsValidationTests {
    /// The sample batch's export (12 entries) and a folder for variants of it.
    static func exported() throws -> (test: TestWorkspace, text: String) {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let report = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: try test.deliveries()))
        let file = try #require(report.folder).appendingPathComponent(try #require(report.files.first).name)
        return (test, try String(contentsOf: file, encoding: .utf8))
    }

    /// Validates `text` whole and in three parts; both reports, and whether the file was cut.
    static func both(_ text: String, in test: TestWorkspace) throws -> (whole: ValidationReport, parts: ValidationReport, cut: Bool) {
        let url = test.root.appendingPathComponent("variant-\(UUID().uuidString).xml")
        try Data(text.utf8).write(to: url)
        let whole = ExportValidator.validate(file: url, packageFolder: nil, splitFrom: .max, parts: 1)
        let parts = ExportValidator.validate(file: url, packageFolder: nil, splitFrom: 0, parts: 3)
        return (whole, parts, ExportFileParts.plan(url, parts: 3) != nil)
    }

    /// Replaces the `occurrence`-th (0-based) match of `target`.
    static func replacing(_ target: String, with replacement: String, occurrence: Int, in text: String) throws -> String {
        var range = text.startIndex..<text.endIndex
        var found = range
        for _ in 0...occurrence {
            found = try #require(text.range(of: target, range: range))
            range = found.upperBound..<text.endIndex
        }
        return text.replacingCharacters(in: found, with: replacement)
    }

    @Test func aValidFileIsValidInPartsToo() throws {
        let (test, text) = try Self.exported()
        let (whole, parts, cut) = try Self.both(text, in: test)
        #expect(cut)
        #expect(whole.isValid && parts.isValid, "\(parts.describe())")
        #expect(parts.items == 12 && whole.items == 12)
    }

    @Test func problemsInEachPartAreFoundOnTheirLinesInTheFile() throws {
        let (test, text) = try Self.exported()
        // A bad version in the second entry and in the eleventh (first and last part), a bad date in the seventh.
        var broken = try Self.replacing("<recordVersion>1</recordVersion>", with: "<recordVersion>x</recordVersion>", occurrence: 1, in: text)
        broken = try Self.replacing("<recordVersion>1</recordVersion>", with: "<recordVersion>0</recordVersion>", occurrence: 9, in: broken)
        broken = try Self.replacing("<ymd>", with: "<ymd>2017-13-01</ymd><ymd>", occurrence: 14, in: broken)
        let (whole, parts, cut) = try Self.both(broken, in: test)
        #expect(cut && !whole.isValid)
        #expect(parts.lines.map(\.line) == whole.lines.map(\.line), "\(parts.describe(limit: 10)) / \(whole.describe(limit: 10))")
        #expect(parts.lines.map(\.message) == whole.lines.map(\.message))
        #expect(parts.problemCount == whole.problemCount)
    }

    @Test func aRecordRepeatedInAnotherPartAndAWrongSummaryAreFound() throws {
        let (test, text) = try Self.exported()
        let ids = text.components(separatedBy: "<recordId>").dropFirst().map { String($0.prefix(36)) }
        var broken = text.replacingOccurrences(of: ids[10], with: ids[0])
        broken = broken.replacingOccurrences(of: "<entries>12</entries>", with: "<entries>13</entries>")
        let (whole, parts, cut) = try Self.both(broken, in: test)
        #expect(cut)
        #expect(parts.lines.map(\.line) == whole.lines.map(\.line))
        #expect(parts.lines.map(\.message) == whole.lines.map(\.message))
        #expect(parts.lines.contains { $0.message.contains("appears twice") })
        #expect(parts.lines.contains { $0.message.contains("summary says 13 entries") })
    }

    @Test func aHeaderProblemIsReportedOnceAndATruncatedFileIsInvalid() throws {
        let (test, text) = try Self.exported()
        let badHeader = text.replacingOccurrences(of: "<name>hotich</name>", with: "<name>hotich</name><extra/>")
        let header = try Self.both(badHeader, in: test)
        #expect(header.cut && !header.parts.isValid)
        #expect(header.parts.lines.map(\.line) == header.whole.lines.map(\.line))
        #expect(header.parts.problemCount == header.whole.problemCount)

        let truncated = String(text.prefix(text.count - 200))
        let cut = try Self.both(truncated, in: test)
        #expect(!cut.cut && !cut.parts.isValid, "without `</records>` the file is validated whole")
    }

    @Test func progressCountsUpToEverythingThePartsRead() throws {
        let (test, text) = try Self.exported()
        let url = test.root.appendingPathComponent("progress.xml")
        try Data(text.utf8).write(to: url)
        final class Calls: @unchecked Sendable {
            private let lock = NSLock()
            private var values: [(Int64, Int64)] = []
            func add(_ done: Int64, _ total: Int64) { lock.withLock { values.append((done, total)) } }
            var all: [(Int64, Int64)] { lock.withLock { values } }
        }
        let calls = Calls()
        let report = ExportValidator.validate(file: url, packageFolder: nil, splitFrom: 0, parts: 3) { calls.add($0, $1) }
        #expect(report.isValid)
        let parts = try #require(ExportFileParts.plan(url, parts: 3))
        let size = Int64(text.utf8.count)
        let head = Int64(text.utf8.distance(from: text.startIndex, to: try #require(text.range(of: "<records>")).upperBound))
        let tail = Int64(text.utf8.distance(from: try #require(text.range(of: "</records>", options: .backwards)).lowerBound, to: text.endIndex))
        // Every byte once, and the head and tail once more for each part after the first.
        #expect(parts.bytesToRead == size + Int64(parts.count - 1) * (head + tail))
        #expect(calls.all.count > 1 && calls.all.allSatisfy { $0.1 == parts.bytesToRead })
        #expect(zip(calls.all, calls.all.dropFirst()).allSatisfy { $0.0 < $1.0 })
        #expect(calls.all.last?.0 == parts.bytesToRead)
    }

    @Test func aCommentAmongTheEntriesMeansTheFileIsValidatedWhole() throws {
        let (test, text) = try Self.exported()
        let commented = try Self.replacing("<entry ", with: "<!-- <entry seq=\"0\"> --><entry ", occurrence: 5, in: text)
        let (whole, parts, cut) = try Self.both(commented, in: test)
        #expect(!cut)
        #expect(whole.isValid && parts.isValid)
    }
}

@Suite struct FileSystemFailureTests {
    @Test func systemErrorsAreSortedByWhatTheUserMustDo() throws {
        let full = CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: "/srv/xuat/a.xml"])
        #expect(FileSystemFailure.describe(full)?.path == "/srv/xuat/a.xml")
        #expect(FileSystemFailure.describe(full)?.problem == .diskFull)
        #expect(FileSystemFailure.describe(POSIXError(.ENOSPC), fallbackPath: "/x")?.problem == .diskFull)
        #expect(FileSystemFailure.describe(POSIXError(.EACCES), fallbackPath: "/x")?.problem == .noPermission)
        #expect(FileSystemFailure.describe(CocoaError(.fileReadNoSuchFile))?.problem == .notFound)
        #expect(FileSystemFailure.describe(POSIXError(.EROFS))?.problem == .readOnly)
        #expect(FileSystemFailure.describe(HoTichError(.diskFull)) == nil, "hotich's own errors are not the system's")
        // A real write to the system's full device.
        let device = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? device.close() }
        do {
            try device.write(contentsOf: Data(repeating: 0, count: 8192))
            try device.synchronize()
            Issue.record("/dev/full took the bytes")
        } catch {
            #expect(FileSystemFailure.describe(error)?.problem == .diskFull, "\(type(of: error))")
        }
    }
}
