import Foundation
import GRDB
import HoTichModel
import HoTichStore
import HoTichWorkflow
import Testing
import ZIPFoundation

@Suite struct IntakeTests {
    @Test func aCleanBookBecomesOneBatchWithItsManifest() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        #expect(batch.id == "KS-00001-2017-01-1")
        #expect(batch.state == .received)
        #expect(batch.policy == .double)
        #expect(batch.fileCount == 12)
        let detail = try test.supervisor.batchDetail(batch.id)
        #expect(detail.files.count == 12)
        #expect(detail.files.allSatisfy { $0.format == .pdf && $0.usable && $0.sha256.count == 64 })
        #expect(batch.totalBytes == detail.files.reduce(0) { $0 + $1.bytes })
        #expect(batch.payloadOxum == "\(batch.totalBytes).12")
        let first = try #require(detail.files.first)
        #expect(first.path == "KS.2017.01.2017-01-05.01.pdf")
        #expect(first.nameNumber == "01")
        #expect(first.nameDate == "05.01.2017")
        #expect(detail.issues.isEmpty)
        #expect(detail.history.map(\.action.rawValue) == ["receive"])
        #expect(detail.history.first?.actor == "giamsat")
    }

    @Test func theHashIsTheFilesSHA256() throws {
        let test = try TestWorkspace()
        let folder = try test.deliveries()
        try write("%PDF-1.4 abc", "KS.2017.01.2017-01-05.01.pdf", in: folder)
        let report = try test.supervisor.receive(IntakeRequest(source: folder, book: SampleScans.book))
        let batch = try #require(report.batch)
        let file = try #require(try test.supervisor.batchDetail(batch.id).files.first)
        // printf '%%PDF-1.4 abc' | sha256sum
        #expect(file.sha256 == "fbbd78ac134cb95d752e79844b9419b78ba99009e8dfac26934b9b0d3b73634c")
        #expect(file.bytes == 12)
    }

    @Test func eachKindOfBadFileIsReportedAndTheBatchRefusedWithNothingWritten() throws {
        let test = try TestWorkspace()
        let before = try test.snapshot()
        let flawed = try SampleScans.writeFlawedBook(into: test.deliveries())
        let report = try test.supervisor.receive(IntakeRequest(source: flawed, book: SampleScans.book))
        #expect(report.batch == nil)
        #expect(report.systemFilesIgnored == 1)
        let byPath = Dictionary(grouping: report.issues, by: \.path)
        #expect(byPath["KS.2017.01.2017-08-09.14.pdf"]?.map(\.problem) == [.empty])
        #expect(byPath["ghi-chu.txt"]?.map(\.problem) == [.unknownType])
        // Of two files with the same bytes, the one whose name states its entry is kept.
        #expect(byPath["KS.2017.01.2017-08-01.13.pdf"] == nil)
        #expect(byPath["KS.2017.01.2017-02-30.15.pdf"]?.map(\.problem) == [.nameDateImpossible("2017-02-30")])
        #expect(byPath["KS.2017.02.2017-09-12.16.pdf"]?.map(\.problem)
                == [.nameContradicts(field: .volume, inName: "2", expected: "1")])
        #expect(byPath["KS.2017.01.2017-08-01.13-ban-sao.pdf"]?.map(\.problem)
                == [.duplicateContent(of: "KS.2017.01.2017-08-01.13.pdf"), .nameNotConventional(.number("13-ban-sao"))])
        #expect(report.issues.count == 6)
        #expect(try test.snapshot() == before)
    }

    @Test func acceptedIssuesAreStoredAndBadFilesAreNotKeyable() throws {
        let test = try TestWorkspace()
        let flawed = try SampleScans.writeFlawedBook(into: test.deliveries())
        let report = try test.supervisor.receive(IntakeRequest(source: flawed, book: SampleScans.book, acceptIssues: true))
        let batch = try #require(report.batch)
        let detail = try test.supervisor.batchDetail(batch.id)
        #expect(detail.issues.count == 6)
        #expect(detail.summary.issueCount == 6)
        let usable = Dictionary(uniqueKeysWithValues: detail.files.map { ($0.path, $0.usable) })
        #expect(usable["KS.2017.01.2017-08-09.14.pdf"] == false)
        #expect(usable["ghi-chu.txt"] == false)
        #expect(usable["KS.2017.01.2017-08-01.13.pdf"] == true)
        #expect(usable["KS.2017.01.2017-08-01.13-ban-sao.pdf"] == false)
        #expect(usable["KS.2017.01.2017-02-30.15.pdf"] == true)
        #expect(usable["Thumbs.db"] == nil)
        #expect(detail.history.first?.reason == "accepted 6 file issues")
    }

    @Test func nameContradictingKindAndYearIsReported() throws {
        let test = try TestWorkspace()
        let folder = try test.deliveries()
        try write(SampleScans.pdf(text: "1"), "KT.2016.01.2016-03-01.01.pdf", in: folder)
        let report = try test.supervisor.receive(IntakeRequest(source: folder, book: SampleScans.book))
        #expect(Set(report.issues.map(\.problem)) == [
            .nameContradicts(field: .kind, inName: "KT", expected: "KS"),
            .nameContradicts(field: .year, inName: "2016", expected: "2017"),
            .nameDateOutsideBook(date: "2016-03-01", bookYear: 2017),
        ])
    }

    /// A name that almost follows the convention is an intake issue that says what to rename, so
    /// that taking the file without its number is a supervisor's decision (`--accept-issues`); a
    /// registration date outside the book's year is one too.
    @Test func namesThatAlmostFollowTheConventionAreIssues() throws {
        let test = try TestWorkspace()
        let folder = try test.deliveries()
        let names: [(String, ScanFileName.Defect?)] = [
            ("KS.2017.01.2017-13-05.01.pdf", .month("2017-13-05")),
            ("KS.2017.01.05-01-2017.02.pdf", .dateOrder("05-01-2017")),
            ("KS.2017.01.2017-01-05.0a3.pdf", .number("0a3")),
            ("KS_2017_01_2017-01-05_04.pdf", .separators),
            ("scan0006.pdf", .pattern),
            ("KS.2017.01.2017-01-32.07.pdf", .day("2017-01-32")),
            ("KX.2017.01.2017-01-05.08.pdf", .kind("KX")),
        ]
        for (index, entry) in names.enumerated() {
            try write(SampleScans.pdf(text: "trang \(index)"), entry.0, in: folder)
        }
        try write(SampleScans.pdf(text: "trang muon"), "KS.2017.01.2019-02-01.09.pdf", in: folder)
        try write(SampleScans.pdf(text: "trang dung"), "KS.2017.01.2018-02-01.10.pdf", in: folder)
        let report = try test.supervisor.receive(IntakeRequest(source: folder, book: SampleScans.book))
        #expect(report.batch == nil, "names are a supervisor's decision")
        let byPath = Dictionary(grouping: report.issues, by: \.path)
        for (name, defect) in names {
            #expect(byPath[name]?.map(\.problem) == defect.map { [.nameNotConventional($0)] }, "\(name)")
        }
        #expect(byPath["KS.2017.01.2019-02-01.09.pdf"]?.map(\.problem) == [.nameDateOutsideBook(date: "2019-02-01", bookYear: 2017)])
        #expect(byPath["KS.2017.01.2018-02-01.10.pdf"] == nil, "a book runs on into the next year")
        let english = report.issues.map { Message.intakeIssue($0).text(in: .english) }
        #expect(english.contains("KS.2017.01.05-01-2017.02.pdf: the name does not follow KIND.YEAR.VOLUME.yyyy-mm-dd.NUMBER.pdf (for example KS.2017.01.2017-02-03.05.pdf): the date \"05-01-2017\" is written day first; it must be year-month-day (yyyy-mm-dd); no number or date is taken from it"))
        let vietnamese = report.issues.map { Message.intakeIssue($0).text(in: .vietnamese) }
        #expect(vietnamese.contains { $0.hasPrefix("scan0006.pdf: tên tệp không theo quy ước") })
        // Accepted, the files are usable and keyed without a number from their name.
        let accepted = try test.supervisor.receive(IntakeRequest(source: folder, book: SampleScans.book, acceptIssues: true))
        let batch = try #require(accepted.batch)
        let files = try test.supervisor.batchDetail(batch.id).files
        #expect(files.allSatisfy { $0.usable })
        #expect(files.first { $0.path == "scan0006.pdf" }?.nameNumber == nil)
    }

    @Test func receivingTheSameFolderAgainNamesTheBatchThatHoldsIt() throws {
        let test = try TestWorkspace()
        let book = try test.goodBook()
        let first = try #require(try test.supervisor.receive(IntakeRequest(source: book, book: SampleScans.book)).batch)
        let before = try test.snapshot()
        #expect(throws: HoTichError(.batchAlreadyReceived(batchID: first.id))) {
            try test.supervisor.receive(IntakeRequest(source: book, book: SampleScans.book))
        }
        // Even declared as another volume, the same content is the same batch.
        let otherVolume = BookIdentity(office: SampleScans.office, kind: .birth, year: 2017, volume: 2)
        #expect(throws: HoTichError(.batchAlreadyReceived(batchID: first.id))) {
            try test.supervisor.receive(IntakeRequest(source: book, book: otherVolume, acceptIssues: true))
        }
        #expect(try test.snapshot() == before)
    }

    @Test func aFileAlreadyReceivedInAnotherBatchIsAnIssue() throws {
        let test = try TestWorkspace()
        let first = try test.receiveGoodBook()
        let folder = try test.deliveries()
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: first.storedRoot).appendingPathComponent("KS.2017.01.2017-01-05.01.pdf"),
            to: folder.appendingPathComponent("KS.2017.01.2017-01-05.01.pdf"))
        try write(SampleScans.pdf(text: "new"), "KS.2017.01.2017-07-04.13.pdf", in: folder)
        let report = try test.supervisor.receive(IntakeRequest(source: folder, book: SampleScans.book))
        #expect(report.batch == nil)
        #expect(report.issues == [IntakeIssue(path: "KS.2017.01.2017-01-05.01.pdf", problem: .alreadyReceived(batch: first.id))])
    }

    @Test func aSecondPartOfTheSameBookGetsTheNextSequence() throws {
        let test = try TestWorkspace()
        let first = try test.receiveGoodBook()
        let folder = try test.deliveries()
        try write(SampleScans.pdf(text: "part 2"), "KS.2017.01.2017-07-04.13.pdf", in: folder)
        let second = try #require(try test.supervisor.receive(IntakeRequest(source: folder, book: SampleScans.book)).batch)
        #expect(first.id == "KS-00001-2017-01-1")
        #expect(second.id == "KS-00001-2017-01-2")
        #expect(second.bookId == first.bookId)
        #expect(try test.count("book") == 1)
    }

    @Test func aZipIsUnpackedIntoTheWorkspace() throws {
        let test = try TestWorkspace()
        let book = try test.goodBook()
        let zip = book.deletingLastPathComponent().appendingPathComponent("so-khai-sinh.zip")
        try FileManager.default.zipItem(at: book, to: zip, shouldKeepParent: false)
        let report = try test.supervisor.receive(IntakeRequest(source: zip, book: SampleScans.book))
        let batch = try #require(report.batch)
        #expect(batch.sourceKind == .zip)
        #expect(batch.fileCount == 12)
        #expect(batch.storedRoot.hasPrefix(test.workspace.scansFolder.path))
        #expect(FileManager.default.fileExists(atPath: batch.storedRoot + "/KS.2017.01.2017-01-05.01.pdf"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: test.workspace.scansFolder.path)
        #expect(leftovers.filter { $0.hasPrefix(".incoming") }.isEmpty)
        // The folder the zip was made from is the same content: refused as already received.
        #expect(throws: HoTichError(.batchAlreadyReceived(batchID: batch.id))) {
            try test.supervisor.receive(IntakeRequest(source: book, book: SampleScans.book))
        }
        #expect(try test.supervisor.checkFiles(of: batch.id).isValid)
    }

    @Test func aRefusedZipLeavesNoUnpackedFiles() throws {
        let test = try TestWorkspace()
        let flawed = try SampleScans.writeFlawedBook(into: test.deliveries())
        let zip = flawed.deletingLastPathComponent().appendingPathComponent("flawed.zip")
        try FileManager.default.zipItem(at: flawed, to: zip, shouldKeepParent: false)
        let report = try test.supervisor.receive(IntakeRequest(source: zip, book: SampleScans.book))
        #expect(report.batch == nil)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: test.workspace.scansFolder.path)) ?? []
        #expect(left.isEmpty)
    }

    @Test func aDamagedZipIsNamed() throws {
        let test = try TestWorkspace()
        let folder = try test.deliveries()
        try write("PK\u{3}\u{4} but not really a zip", "broken.zip", in: folder)
        let zip = folder.appendingPathComponent("broken.zip")
        #expect(throws: HoTichError(.zipUnreadable(zip.path))) {
            try test.supervisor.receive(IntakeRequest(source: zip, book: SampleScans.book))
        }
    }

    @Test func badPathsAreNamed() throws {
        let test = try TestWorkspace()
        let missing = test.root.appendingPathComponent("khong-co")
        #expect(throws: HoTichError(.pathNotFound(missing.path))) {
            try test.supervisor.receive(IntakeRequest(source: missing, book: SampleScans.book))
        }
        let folder = try test.deliveries()
        try write("text", "list.txt", in: folder)
        let file = folder.appendingPathComponent("list.txt")
        #expect(throws: HoTichError(.pathNotFolderOrZip(file.path))) {
            try test.supervisor.receive(IntakeRequest(source: file, book: SampleScans.book))
        }
        let empty = try test.deliveries()
        try write("x", "Thumbs.db", in: empty)
        #expect(throws: HoTichError(.noFilesFound(empty.path))) {
            try test.supervisor.receive(IntakeRequest(source: empty, book: SampleScans.book))
        }
    }

    @Test func aFileThatVanishesDuringIntakeLeavesTheWorkspaceAsItWas() throws {
        let test = try TestWorkspace()
        let before = try test.snapshot()
        let book = try test.goodBook()
        let victim = book.appendingPathComponent("KS.2017.01.2017-07-03.12.pdf")
        #expect(throws: HoTichError(.fileVanished("KS.2017.01.2017-07-03.12.pdf"))) {
            try test.supervisor.receive(IntakeRequest(source: book, book: SampleScans.book)) { done, _ in
                if done == 3 { try? FileManager.default.removeItem(at: victim) }
            }
        }
        #expect(try test.snapshot() == before)
    }

    @Test func progressIsReportedForEveryFile() throws {
        let test = try TestWorkspace()
        let book = try test.goodBook()
        nonisolated(unsafe) var seen: [Int] = []
        _ = try test.supervisor.receive(IntakeRequest(source: book, book: SampleScans.book)) { done, total in
            #expect(total == 12)
            seen.append(done)
        }
        #expect(seen == Array(1...12))
    }

    @Test func nestedFoldersKeepTheirRelativePaths() throws {
        let test = try TestWorkspace()
        let folder = try test.deliveries()
        try write(SampleScans.pdf(text: "a"), "2017/01/KS.2017.01.2017-01-05.01.pdf", in: folder)
        let batch = try #require(try test.supervisor.receive(IntakeRequest(source: folder, book: SampleScans.book)).batch)
        #expect(try test.supervisor.batchDetail(batch.id).files.map(\.path) == ["2017/01/KS.2017.01.2017-01-05.01.pdf"])
    }
}
