import Foundation
import GRDB
import HoTichExchange
import HoTichModel
import HoTichStore
import HoTichWorkflow
import Testing

extension TestWorkspace {
    /// The sample book with its cover and a blank page scanned too, received with its naming
    /// issues accepted (the two extra scans have no entry number in their names).
    func receiveBookWithCoverAndBlankPage(policy: VerificationPolicy = .double) throws -> Batch {
        let folder = try goodBook()
        try Data(SampleScans.pdf(text: "So dang ky khai sinh 2017 - bia").utf8).write(to: folder.appendingPathComponent("00-bia.pdf"))
        try Data(SampleScans.pdf(text: "trang trang").utf8).write(to: folder.appendingPathComponent("99-trang-trang.pdf"))
        let report = try supervisor.receive(IntakeRequest(source: folder, book: SampleScans.book, policy: policy, acceptIssues: true))
        return try #require(report.batch)
    }

    /// Imports the sample sheets: pass 1 by `nhaplieu`, pass 2 by `nhaplieu2` when the policy is double.
    func importSampleSheets(_ batch: Batch, policy: VerificationPolicy = .double) throws {
        let folder = try deliveries()
        try SampleKeyings.write(into: folder)
        _ = try operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: folder.appendingPathComponent(SampleKeyings.fileName(pass: 1))))
        if policy == .double {
            _ = try addOperator("nhaplieu2").importKeyings(
                ImportRequest(batchID: batch.id, file: folder.appendingPathComponent(SampleKeyings.fileName(pass: 2)), pass: 2))
        }
    }
}

/// Pages that are not entries: a book whose scans include its cover and a blank page can finish.
@Suite struct NonEntryFileTests {
    @Test func aBookWithACoverAndABlankPageFinishesOnceTheyAreMarked() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveBookWithCoverAndBlankPage()
        try test.importSampleSheets(batch)
        // Every entry is keyed twice, yet the two extra scans hold the batch in keying.
        #expect(try test.batchState(batch.id) == .keying)
        let remaining = try test.supervisor.remainingEntries(batch: batch.id)
        #expect(remaining.map(\.pass) == [1, 2])
        #expect(remaining.allSatisfy { $0.files.map(\.path) == ["00-bia.pdf", "99-trang-trang.pdf"] && $0.unnumberedFiles == 2 })

        // Operators do not mark files outside keying; a reason is needed.
        #expect(throws: HoTichError.self) {
            try test.operatorSession.markFileNotAnEntry(batch: batch.id, path: "00-bia.pdf", kind: .cover, reason: "Bìa")
        }
        #expect(throws: HoTichError(.nonEntryNeedsReason)) {
            try test.supervisor.markFileNotAnEntry(batch: batch.id, path: "00-bia.pdf", kind: .cover, reason: "  ")
        }
        #expect(throws: HoTichError(.fileNotInBatch(batchID: batch.id, path: "khong-co.pdf"))) {
            try test.supervisor.markFileNotAnEntry(batch: batch.id, path: "khong-co.pdf", kind: .cover, reason: "Bìa")
        }
        // A file that is an entry with a record cannot be called a cover.
        #expect(throws: HoTichError(.fileHasRecord(path: "KS.2017.01.2017-01-05.01.pdf", number: "01"))) {
            try test.supervisor.markFileNotAnEntry(batch: batch.id, path: "KS.2017.01.2017-01-05.01.pdf", kind: .cover, reason: "Bìa")
        }

        try test.supervisor.markFileNotAnEntry(batch: batch.id, path: "00-bia.pdf", kind: .cover, reason: "Bìa sổ")
        #expect(try test.batchState(batch.id) == .keying)
        #expect(throws: HoTichError(.fileAlreadyMarked(path: "00-bia.pdf", kind: .cover))) {
            try test.supervisor.markFileNotAnEntry(batch: batch.id, path: "00-bia.pdf", kind: .blank, reason: "Trang trắng")
        }
        try test.supervisor.markFileNotAnEntry(batch: batch.id, path: "99-trang-trang.pdf", kind: .blank, reason: "Trang trắng")
        #expect(try test.batchState(batch.id) == .keyed, "the last file left to key was marked")
        #expect(try test.supervisor.remainingEntries(batch: batch.id).isEmpty)

        let detail = try test.supervisor.batchDetail(batch.id)
        #expect(detail.nonEntries.map(\.path) == ["00-bia.pdf", "99-trang-trang.pdf"])
        #expect(detail.nonEntries.map(\.mark.kind) == [.cover, .blank])
        #expect(detail.keying.filesNotEntries == 2 && detail.keying.keyableFiles == 12)
        #expect(try test.auditActions(batch.id).filter { $0 == "file-not-an-entry" }.count == 2)

        // Reconciliation leaves them out: no "file without a record".
        _ = try test.verifier.verify(batch: batch.id)
        #expect(try test.verifier.findings(batch: batch.id).allSatisfy { $0.code != .fileWithoutRecord })
    }

    @Test func aSupervisorUndoesAMarkAndTheBatchGoesBackToKeyingForThatFile() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveBookWithCoverAndBlankPage(policy: .review)
        try test.importSampleSheets(batch, policy: .review)
        try test.supervisor.markFileNotAnEntry(batch: batch.id, path: "00-bia.pdf", kind: .cover, reason: "Bìa sổ")
        try test.supervisor.markFileNotAnEntry(batch: batch.id, path: "99-trang-trang.pdf", kind: .blank, reason: "Trang trắng")
        #expect(try test.batchState(batch.id) == .keyed)
        #expect(throws: HoTichError.self) { try test.operatorSession.clearNonEntryMark(batch: batch.id, path: "99-trang-trang.pdf", reason: "x") }
        try test.supervisor.clearNonEntryMark(batch: batch.id, path: "99-trang-trang.pdf", reason: "Có một trường hợp ghi mờ")
        #expect(try test.batchState(batch.id) == .keying)
        #expect(try test.supervisor.remainingEntries(batch: batch.id).first?.files.map(\.path) == ["99-trang-trang.pdf"])
        #expect(throws: HoTichError(.fileNotMarked(path: "99-trang-trang.pdf"))) {
            try test.supervisor.clearNonEntryMark(batch: batch.id, path: "99-trang-trang.pdf", reason: "lại")
        }
        // The history stays: the mark is cleared, not deleted, and both steps are audited.
        let marks = try test.rows("SELECT clearedAt FROM nonEntryFile WHERE batchId = ?", [batch.id])
        #expect(marks.count == 2 && marks.filter { $0[0] != nil }.count == 1)
        #expect(try test.auditActions(batch.id).contains("file-entry-again"))
        // The operator keys it now, like any other file.
        let task = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1))
        #expect(task.file.path == "99-trang-trang.pdf")
    }

    @Test func anOperatorMarksTheFileTheyAreKeyingAndGoesOnToTheNext() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveBookWithCoverAndBlankPage(policy: .review)
        let cover = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1))
        #expect(cover.file.path == "00-bia.pdf")
        // Only the operator holding the file may mark it this way.
        #expect(throws: HoTichError.self) { try test.addOperator("khac").markNotAnEntry(cover, kind: .cover, reason: "Bìa") }
        try test.operatorSession.markNotAnEntry(cover, kind: .cover, reason: "Bìa sổ")
        #expect(try test.keyings(batch.id).isEmpty, "the empty draft went with the mark")
        let next = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1))
        #expect(next.file.path == "99-trang-trang.pdf")
        #expect(try test.supervisor.nonEntryFiles(batch: batch.id).map(\.mark.markedBy) == ["nhaplieu"])
    }

    /// One operator's word takes a page out of keying: a verifier confirms it against the image
    /// (a warning to acknowledge); a supervisor's mark is a decision already.
    @Test func aPageAnOperatorMarkedIsCheckedByAVerifier() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveBookWithCoverAndBlankPage(policy: .review)
        let cover = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1))
        try test.operatorSession.markNotAnEntry(cover, kind: .cover, reason: "Bìa sổ")
        try test.importSampleSheets(batch, policy: .review)
        try test.supervisor.markFileNotAnEntry(batch: batch.id, path: "99-trang-trang.pdf", kind: .blank, reason: "Trang trắng")
        _ = try test.verifier.verify(batch: batch.id)
        let warnings = try test.verifier.findings(batch: batch.id).filter { $0.code.rawValue == "file-marked-by-operator" }
        #expect(warnings.map(\.detail.encoded) == ["cover|00-bia.pdf"])
        #expect(warnings.allSatisfy { $0.severity == .warning })
        let text = Message.finding(.fileMarkedByOperator(kind: .cover, path: "00-bia.pdf"), kind: .birth)
        #expect(text.text(in: .english) == "Scan file 00-bia.pdf was marked by an operator as cover, not an entry: check it against the image")
        #expect(text.text(in: .vietnamese).hasPrefix("Tệp quét 00-bia.pdf được người nhập đánh dấu là bìa sổ"))
    }

    /// A reason is free text: control characters (a terminal escape, a bell) are turned into spaces
    /// before it is stored, so it can be printed and exported.
    @Test func aReasonIsStoredWithoutControlCharacters() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveBookWithCoverAndBlankPage(policy: .review)
        try test.supervisor.markFileNotAnEntry(batch: batch.id, path: "00-bia.pdf", kind: .cover, reason: "bìa\u{1B}[31m đỏ\u{07} \u{01}\u{200B}x")
        #expect(try test.supervisor.nonEntryFiles(batch: batch.id).first?.mark.reason == "bìa [31m đỏ x")
    }

    /// Marked pages travel in the export's provenance of the book, not as records.
    @Test func markedPagesAreListedInTheExportHeaderAndTheFileValidates() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveBookWithCoverAndBlankPage(policy: .review)
        try test.importSampleSheets(batch, policy: .review)
        try test.supervisor.markFileNotAnEntry(batch: batch.id, path: "00-bia.pdf", kind: .cover, reason: "Bìa sổ")
        try test.supervisor.markFileNotAnEntry(batch: batch.id, path: "99-trang-trang.pdf", kind: .blank, reason: "Trang trắng")
        while let task = try test.verifier.nextReview(batch: batch.id) {
            _ = try test.verifier.completeReview(task, values: task.record.fields.mapValues(\.confirmed))
        }
        _ = try test.verifier.verify(batch: batch.id)
        try test.acknowledgeAllWarnings(batch.id)
        #expect(try test.verifier.verify(batch: batch.id).state == .verified)
        #expect(throws: HoTichError.self) {
            try test.supervisor.markFileNotAnEntry(batch: batch.id, path: "KS.2017.01.2017-01-05.01.pdf", kind: .other, reason: "x")
        }
        let report = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: try test.deliveries()))
        let file = try #require(report.folder).appendingPathComponent("\(batch.id).xml")
        let validation = ExportValidator.validate(file: file)
        #expect(validation.isValid && validation.items == 12, "\(validation.describe())")
        let xml = try String(contentsOf: file, encoding: .utf8)
        #expect(xml.contains(#"<page kind="cover" by="giamsat""#))
        #expect(xml.contains("<path>00-bia.pdf</path>") && xml.contains("<reason>Trang trắng</reason>"))
        // Once exported, marks are frozen.
        #expect(throws: HoTichError(.batchFilesFrozen(batchID: batch.id, state: .exported))) {
            try test.supervisor.clearNonEntryMark(batch: batch.id, path: "00-bia.pdf", reason: "x")
        }
    }
}
