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
        let recorded = try test.column("SELECT failure FROM exportPackage")
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
