import Foundation
import GRDB
import HoTichExchange
import HoTichModel
import HoTichStore
import HoTichWorkflow
import HoTichTestSupport
import Testing
import ZIPFoundation

/// Files that contractors, earlier rounds and hostile hands send: each is refused with a clear
/// message, nothing crashes, allocates without bound, leaks personal data or is left behind.
@Suite struct HostileInputTests {
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"

    func importing(_ test: TestWorkspace, _ url: URL) throws -> Result<ImportReport, HoTichError> {
        let batch = try test.receiveGoodBook(policy: .review)
        do {
            return .success(try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: url, partial: true)))
        } catch let error as HoTichError {
            return .failure(error)
        }
    }

    /// No workbook part is left outside the workspace, nor inside it once the import is over.
    func expectNothingLeftBehind(_ test: TestWorkspace) throws {
        let tmp = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
        #expect(!tmp.contains { $0.hasPrefix("hotich-xlsx-") })
        let staging = test.workspace.stagingFolder.path
        let left = (try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []
        #expect(left.isEmpty, "\(left)")
    }

    /// The sample sheet's header row as inline strings.
    static var headerRow: String {
        "<row r=\"1\">" + SampleKeyings.header.enumerated().map { index, name in
            "<c r=\"\(column(index))1\" t=\"inlineStr\"><is><t>\(name)</t></is></c>"
        }.joined() + "</row>"
    }

    static func column(_ number: Int) -> String {
        var number = number + 1
        var name = ""
        while number > 0 {
            name = String(UnicodeScalar(UInt8(65 + (number - 1) % 26))) + name
            number = (number - 1) / 26
        }
        return name
    }

    @Test(arguments: ["ZZZZZZZZZZZZZZZZZZ2", "ZZZZZZ2", "XFE2", "A1048577"])
    func aCellReferenceBeyondTheWorkbooksLimitsIsRefused(_ reference: String) throws {
        let test = try TestWorkspace()
        let url = try test.deliveries().appendingPathComponent("tran.xlsx")
        let rowNumber = reference == "A1048577" ? "1048577" : "2"
        let row = "<row r=\"\(rowNumber)\"><c r=\"\(reference)\"><v>1</v></c></row>"
        try writeXLSXParts(sheet: Self.header + Self.headerRow + row + "</sheetData></worksheet>", to: url)
        let outcome = try importing(test, url)
        guard case .failure(let error) = outcome else {
            Issue.record("accepted: \(outcome)")
            return
        }
        #expect(error.message == .importCellOutOfRange(path: url.path, row: 2), "\(error.message)")
        try expectNothingLeftBehind(test)
    }

    @Test func aSharedStringOutOfRangeIsAnErrorNotADigit() throws {
        let test = try TestWorkspace()
        let url = try test.deliveries().appendingPathComponent("chuoi.xlsx")
        let shared = "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>Kinh</t></si></sst>"
        let row = "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>999999</v></c></row>"
        try writeXLSXParts(sheet: Self.header + Self.headerRow + row + "</sheetData></worksheet>", shared: shared, to: url)
        let outcome = try importing(test, url)
        guard case .failure(let error) = outcome else {
            Issue.record("accepted: \(outcome)")
            return
        }
        #expect(error.message == .importBadSharedString(path: url.path, row: 2), "\(error.message)")
        try expectNothingLeftBehind(test)
    }

    @Test func aWorkbookIsUnpackedInsideTheWorkspaceAndRemoved() throws {
        let test = try TestWorkspace()
        let url = try test.deliveries().appendingPathComponent("dung.xlsx")
        try writeXLSX(SampleKeyings.rows(pass: 1), to: url)
        let outcome = try importing(test, url)
        guard case .success(let report) = outcome else {
            Issue.record("refused: \(outcome)")
            return
        }
        #expect(report.imported == 12)
        try expectNothingLeftBehind(test)
    }

    @Test func aRowWithExtraCellsIsRefusedAndAHugeRowRefusesTheFile() throws {
        let test = try TestWorkspace()
        let folder = try test.deliveries()
        var rows = SampleKeyings.rows(pass: 1)
        rows[2] += Array(repeating: "x", count: 100)
        rows[3] += ["", "", ""]  // trailing empty cells, as spreadsheets write them, are no cells
        let outcome = try importing(test, try writeCSV(csvText(rows), "thua.csv", in: folder))
        guard case .success(let report) = outcome else {
            Issue.record("refused: \(outcome)")
            return
        }
        #expect(report.rejected == 1 && report.problems.first?.code == "extra-cells" && report.problems.first?.row == 3)
        #expect(report.problems.first?.message.text(in: .english) == "row 3: 100 cells beyond the header's columns; correct or remove them and import again")
        // 200 000 cells in one row: refused whole, the row named, nothing allocated without bound.
        let huge = csvText(Array(SampleKeyings.rows(pass: 1).prefix(2))) + String(repeating: "x,", count: 200_000) + "\n"
        let second = try TestWorkspace()
        let refused = try importing(second, try writeCSV(huge, "lon.csv", in: folder))
        guard case .failure(let error) = refused else {
            Issue.record("accepted a 200 000-cell row")
            return
        }
        #expect(error.message == .importRowTooLarge(path: folder.appendingPathComponent("lon.csv").path, row: 3))
    }

    @Test func headerProblemsEchoNoCellContentAndStayShort() throws {
        let test = try TestWorkspace()
        let folder = try test.deliveries()
        // A file without a header: its first row is a child and its parents.
        let data = Array(SampleKeyings.rows(pass: 1).dropFirst())
        let noHeader = try importing(test, try writeCSV(csvText(data), "khong-tieu-de.csv", in: folder))
        guard case .failure(let error) = noHeader else {
            Issue.record("accepted")
            return
        }
        for language in [Language.vietnamese, .english] {
            let text = error.message.text(in: language)
            #expect(!text.contains("NGUYỄN MINH ANH") && !text.contains("Trần Thị Hương"), "\(text)")
        }
        // 200 000 header columns: the row is refused as no register's, in a message of one line.
        let refused = try importing(try TestWorkspace(), try writeCSV(
            (SampleKeyings.header + (0..<200_000).map { "cot\($0)" }).joined(separator: ",") + "\n", "rat-rong.csv", in: folder))
        guard case .failure(let huge) = refused else {
            Issue.record("accepted")
            return
        }
        #expect(huge.message.text(in: .english).utf8.count < 400)
        // 1 000 unknown columns beside the real ones: a message of bounded length, names escaped.
        var header = SampleKeyings.rows(pass: 1)[0]
        header += (0..<1_000).map { "cot\($0)" }
        header[SampleKeyings.header.count] = "x\u{1B}[2J" + String(repeating: "y", count: 500)
        let wide = try TestWorkspace()
        let tooWide = try importing(wide, try writeCSV(header.joined(separator: ",") + "\n", "rong.csv", in: folder))
        guard case .failure(let wideError) = tooWide else {
            Issue.record("accepted")
            return
        }
        let text = wideError.message.text(in: .english)
        #expect(text.utf8.count < 2_000, "\(text.utf8.count) bytes")
        #expect(text.contains("and 980 more"), "\(text.prefix(300))")
        #expect(!text.contains("\u{1B}"))
    }

    @Test func aZipBombIsRefusedBeforeItIsUnpacked() throws {
        let test = try TestWorkspace()
        let zip = try test.deliveries().appendingPathComponent("bom.zip")
        try addZipEntry("KS.2017.01.2017-01-05.01.pdf", Data(SampleScans.pdf(text: "1").utf8), to: zip)
        try addZipEntry("KS.2017.01.2017-01-05.02.pdf", Data(count: 8 << 20), to: zip)  // 8 MiB of zeros: ratio ~1 000
        #expect(throws: HoTichError(.zipRefused(path: zip.path, .ratioTooHigh("KS.2017.01.2017-01-05.02.pdf", ratio: try ratio(zip), limit: 100)))) {
            try test.supervisor.receive(IntakeRequest(source: zip, book: SampleScans.book))
        }
        let limits = ZipLimits(maxEntries: 1, maxFileBytes: 1 << 20, maxTotalBytes: 1 << 30, maxRatio: 100_000)
        #expect(throws: HoTichError(.zipRefused(path: zip.path, .tooManyEntries(limit: 1)))) {
            try test.supervisor.receive(IntakeRequest(source: zip, book: SampleScans.book, zipLimits: limits))
        }
        var big = limits
        big.maxEntries = 10
        #expect(throws: HoTichError(.zipRefused(path: zip.path, .fileTooLarge("KS.2017.01.2017-01-05.02.pdf", limitMiB: 1)))) {
            try test.supervisor.receive(IntakeRequest(source: zip, book: SampleScans.book, zipLimits: big))
        }
        #expect(try test.count("batch") == 0)
        let scans = (try? FileManager.default.contentsOfDirectory(atPath: test.workspace.scansFolder.path)) ?? []
        #expect(scans.isEmpty, "\(scans)")
    }

    func ratio(_ zip: URL) throws -> Int {
        let archive = try Archive(url: zip, accessMode: .read)
        let entry = try #require(archive["KS.2017.01.2017-01-05.02.pdf"])
        return Int(Int64(entry.uncompressedSize) / max(Int64(entry.compressedSize), 1))
    }

    /// A file that unpacks to more than it declared stops at once (its declared size is a lie).
    @Test func aFileThatUnpacksPastItsDeclaredSizeStops() throws {
        let test = try TestWorkspace()
        let zip = try test.deliveries().appendingPathComponent("doi.zip")
        try addZipEntry("KS.2017.01.2017-01-05.01.pdf", Data(repeating: 0x25, count: 600_000), to: zip)
        // Patch the declared size (local header at offset 22, central directory entry at +24) to 1 000.
        var bytes = try Data(contentsOf: zip)
        func patch(at offset: Int) { withUnsafeBytes(of: UInt32(1_000).littleEndian) { bytes.replaceSubrange(offset..<offset + 4, with: $0) } }
        patch(at: 22)
        let central = try #require(bytes.range(of: Data([0x50, 0x4B, 0x01, 0x02])))
        patch(at: central.lowerBound + 24)
        try bytes.write(to: zip)
        #expect(throws: HoTichError(.zipRefused(path: zip.path, .grewPastDeclared("KS.2017.01.2017-01-05.01.pdf")))) {
            try test.supervisor.receive(IntakeRequest(source: zip, book: SampleScans.book))
        }
        #expect((try? FileManager.default.contentsOfDirectory(atPath: test.workspace.scansFolder.path))?.isEmpty ?? true)
    }

    @Test func zipSlipNamesAreRefusedAndSymbolicLinksAreListed() throws {
        let test = try TestWorkspace()
        let folder = try test.deliveries()
        let slip = folder.appendingPathComponent("slip.zip")
        try addZipEntry("../../etc/KS.2017.01.2017-01-05.01.pdf", Data(SampleScans.pdf(text: "1").utf8), to: slip)
        #expect(throws: HoTichError(.zipRefused(path: slip.path, .unsafeEntry("../../etc/KS.2017.01.2017-01-05.01.pdf")))) {
            try test.supervisor.receive(IntakeRequest(source: slip, book: SampleScans.book))
        }
        // A symbolic link in a received folder is listed as an issue, not silently dropped.
        let book = try test.goodBook()
        try FileManager.default.createSymbolicLink(atPath: book.appendingPathComponent("lien-ket.pdf").path, withDestinationPath: "/etc/passwd")
        let report = try test.supervisor.receive(IntakeRequest(source: book, book: SampleScans.book))
        #expect(report.batch == nil)
        #expect(report.issues == [IntakeIssue(path: "lien-ket.pdf", problem: .symbolicLink)])
    }
}
