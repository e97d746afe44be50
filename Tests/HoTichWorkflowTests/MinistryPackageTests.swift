import Foundation
import HoTichExchange
import HoTichModel
import HoTichStore
import HoTichTestSupport
import HoTichWorkflow
import Testing

/// Entries of every kind for the Ministry's package: a value for every field of the catalog, valid
/// by the field and record rules, with a value read with doubt and one not readable among them.
enum KindSamples {
    static func book(_ kind: RecordKind) -> BookIdentity { BookIdentity(office: SampleScans.office, kind: kind, year: 2018, volume: 1) }

    static func values(_ kind: RecordKind, number: Int) -> [String: FieldValue] {
        var values: [String: FieldValue] = [:]
        for field in FieldCatalog.fields(for: kind) {
            values[field.key] = value(field, kind: kind, number: number)
        }
        // What the image leaves in doubt, and what it does not show.
        values["nguoiKy"] = .uncertain("Trần Văn Thành")
        if let place = FieldCatalog.fields(for: kind).first(where: { $0.type == .place && !$0.required }) {
            values[place.key] = .illegible
        }
        return values
    }

    static func value(_ field: FieldDefinition, kind: RecordKind, number: Int) -> FieldValue {
        let key = field.key
        switch field.type {
        case .registrationNumber: return .filled(String(format: "%02d", number))
        case .volume: return .filled("01/2018")
        case .page: return .filled("\(number)")
        case .time: return .filled("10:30")
        case .personalID: return .blank
        case .documentNumber: return .filled("0\(number)2345678")
        case .personName: return .filled(["Nguyễn Thị Ánh Tuyết", "Lê Hoàng Nam", "Đặng Quốc Việt"][number % 3])
        case .place: return .filled("phường Phúc Xá, quận Ba Đình, Hà Nội")
        case .code(let list):
            if list.id == CodeLists.quocTich.id { return key.hasSuffix("Khac") || key.hasPrefix("qg") ? .blank : .filled("Việt Nam") }
            return field.defaultValue == .blank && !field.required ? .blank : .filled(list.entries[0].label)
        case .date:
            if key == "ngayDangKy" { return .filled("0\(number).03.2018") }
            if field.defaultValue == .blank { return .blank }
            if key == "nksNgaySinh" || key == "ncNgaySinh" { return .filled("1\(number).02.2018") }
            if key == "nktNgayChet" || key == "gbtNgay" { return .filled("0\(number).02.2018") }
            if key.hasSuffix("NgaySinh") { return .filled("1990") }
            return .filled("05.06.2010")
        case .text:
            if field.defaultValue == .blank && !field.required { return .blank }
            if key == "nksNgaySinhBangChu" { return .filled("Ngày mười \(number), tháng hai, năm hai nghìn không trăm mười tám") }
            return .filled("Văn bản \(key) số \(number) — có dấu: ơ ư ă ạ ỹ")
        }
    }

    /// A CSV of `rows`, every cell quoted, values as an operator types them.
    static func csv(_ kind: RecordKind, _ rows: [[String: FieldValue]]) -> String {
        let keys = FieldCatalog.fields(for: kind).map(\.key)
        func typed(_ value: FieldValue?) -> String {
            switch value {
            case .filled(let text)?: text
            case .uncertain(let text)?: text + "?"
            case .blank?, nil: "-"
            case .illegible?: "."
            }
        }
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return ([keys.map(quoted).joined(separator: ",")] + rows.map { row in keys.map { quoted(typed(row[$0])) }.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    /// A folder of the book's scans: `count` PDFs named by the convention, and a cover.
    static func scans(_ kind: RecordKind, count: Int, in folder: URL) throws -> URL {
        let root = folder.appendingPathComponent("\(kind.code)-scans-\(UUID().uuidString.prefix(6))")
        for number in 1...count {
            try write(SampleScans.pdf(text: "\(kind.code) so \(number)"), "\(kind.code).2018.01.2018-03-0\(number).0\(number).pdf", in: root)
        }
        try write(SampleScans.pdf(text: "bia so \(kind.code)"), "00-bia.pdf", in: root)
        return root
    }
}

extension TestWorkspace {
    /// A verified book of `kind` (review policy) with `count` entries of ``KindSamples`` and its cover marked.
    func verifiedBook(_ kind: RecordKind, count: Int = 3) throws -> (Batch, [[String: FieldValue]]) {
        let folder = try deliveries()
        let source = try KindSamples.scans(kind, count: count, in: folder)
        let batch = try #require(try supervisor.receive(IntakeRequest(
            source: source, book: KindSamples.book(kind), policy: .review, acceptIssues: true)).batch)
        try supervisor.markFileNotAnEntry(batch: batch.id, path: "00-bia.pdf", kind: .cover, reason: "bìa sổ")
        let rows = (1...count).map { KindSamples.values(kind, number: $0) }
        let sheet = folder.appendingPathComponent("\(kind.code).csv")
        try Data(KindSamples.csv(kind, rows).utf8).write(to: sheet)
        let imported = try operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: sheet))
        #expect(imported.rejected == 0, "\(kind.code): \(imported.problems.map { $0.message.text(in: .english) })")
        while let task = try verifier.nextReview(batch: batch.id) { _ = try verifier.completeReview(task, values: task.record.fields) }
        let verified = try verifier.verify(batch: batch.id)
        for warning in try verifier.openWarnings(batch: batch.id) {
            try verifier.acknowledge(finding: try #require(warning.id), reason: "đã đối chiếu")
        }
        let state = try verifier.verify(batch: batch.id).state
        #expect(state == .verified, "\(kind.code): \(verified.progress)")
        return (batch, rows)
    }

    /// The Ministry package of `batches`: its folder.
    func exportMinistry(_ batches: [String], template: URL? = nil, prefix: String? = nil) throws -> (URL, ExportReport) {
        let report = try supervisor.export(ExportRequest(
            batchIDs: batches, folder: try deliveries(), format: .ministry(template: template, bundlePrefix: prefix)))
        return (try #require(report.folder), report)
    }

    /// A batch's records' values by registration number.
    func valuesByNumber(_ batch: String) throws -> [String: [String: FieldValue]] {
        Dictionary(uniqueKeysWithValues: try supervisor.records(batch: batch).map { ($0.number ?? "?", $0.fields) })
    }
}

@Suite struct MinistryPackageTests {
    @Test func aSignedMinistryPackageVouchesForItsSpreadsheetAndScans() throws {
        let test = try TestWorkspace()
        let (batch, _) = try test.verifiedBook(.birth)
        let keys = try test.deliveries()
        let made = try KeyFile.generate(prefix: keys.appendingPathComponent("so"))
        let report = try test.supervisor.export(ExportRequest(
            batchIDs: [batch.id], folder: try test.deliveries(), format: .ministry(template: nil, bundlePrefix: "phucxa_bd_hn"),
            signingKey: made.privateKey))
        let folder = try #require(report.folder)
        #expect(try KeyFile.verifyPackage(folder, key: made.publicKey) == .valid(fingerprint: made.fingerprint))
        #expect(ExportValidator.validate(file: folder.appendingPathComponent("manifest.xml"), packageFolder: folder).isValid)
        // A scan swapped in the zip: the manifest's hash no longer holds; forge the hash, and the signature does not.
        let zip = try #require(report.files.first { $0.name.hasSuffix(".zip") })
        let url = folder.appendingPathComponent(zip.name)
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: url)
        #expect(!ExportValidator.validate(file: folder.appendingPathComponent("manifest.xml"), packageFolder: folder).isValid)
        let manifestURL = folder.appendingPathComponent("manifest.xml")
        let manifest = try String(contentsOf: manifestURL, encoding: .utf8)
        try Data(manifest.replacingOccurrences(of: zip.sha256, with: try FileFingerprint.read(url).sha256).utf8).write(to: manifestURL)
        #expect(ExportValidator.validate(file: manifestURL, packageFolder: folder).isValid, "the hashes agree again")
        #expect(try KeyFile.verifyPackage(folder, key: made.publicKey) == .invalid)
    }

    @Test(arguments: RecordKind.allCases)
    func everyKindGoesOutAndComesBackWithTheSameValuesAndStates(_ kind: RecordKind) throws {
        let test = try TestWorkspace()
        let (batch, _) = try test.verifiedBook(kind)
        let (folder, report) = try test.exportMinistry([batch.id], prefix: "phucxa_bd_hn")
        let bundle = "phucxa_bd_hn.\(kind.code).2018.01"
        #expect(report.files.map(\.name) == ["\(bundle).xlsx", "\(bundle).zip"])
        #expect(report.records == 3 && report.files[1].records == 4, "three entries and the cover")
        #expect(try test.batchState(batch.id) == .exported)
        #expect(ExportValidator.validate(file: folder.appendingPathComponent("manifest.xml"), packageFolder: folder).isValid)
        // The package holds personal data: the folder and every file in it are the owner's alone.
        for path in [folder.path] + (try FileManager.default.contentsOfDirectory(atPath: folder.path)).map({ folder.appendingPathComponent($0).path }) {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber).intValue
            #expect(mode & 0o077 == 0, "\(path): \(String(mode, radix: 8))")
        }

        // The sheet's header is the Ministry's columns for the kind, in its order.
        let scratch = try test.deliveries()
        let sheet = try XLSXReader(url: folder.appendingPathComponent("\(bundle).xlsx"), temporaryFolder: scratch)
        #expect(try sheet.nextRow()?.cells == MinistryLayout.columns(for: kind))

        // Adopted by another workspace: the same values, states included.
        let other = try TestWorkspace()
        let adopted = try other.supervisor.adopt(AdoptRequest(
            sheet: folder.appendingPathComponent("\(bundle).xlsx"), scans: folder.appendingPathComponent("\(bundle).zip")))
        let copy = try #require(adopted.batch)
        #expect(adopted.rows.imported == 3 && adopted.rows.rejected == 0, "\(adopted.rows.problems.map { $0.message.text(in: .english) })")
        #expect(adopted.rowsWithoutScan.isEmpty && adopted.scansWithoutRow.isEmpty)
        // The cover comes back as the book's cover, not as an entry to key.
        #expect(try other.supervisor.nonEntryFiles(batch: copy.id).map { "\($0.path) \($0.mark.kind.rawValue)" }
                == ["Cover.phucxa.\(kind.code).A4.2018.01.pdf cover"])
        #expect(copy.fileCount == 4 && copy.policy == .review)
        #expect(try other.valuesByNumber(copy.id) == test.valuesByNumber(batch.id))
        #expect(try other.batchState(copy.id) == .keyed)
    }

    @Test func aProvincesTemplateOrdersTheColumnsAndIsCheckedByName() throws {
        let test = try TestWorkspace()
        let (batch, _) = try test.verifiedBook(.birth, count: 2)
        let folder = try test.deliveries()
        let template = folder.appendingPathComponent("mau.csv")
        let columns = ["STT", "nksHoTen", "Số", "quyenSo", "ngayDangKy", "loaiDangKy", "noiDangKy", "nksGioiTinh", "nksNgaySinh", "nksNoiSinh",
                       "nksDanToc", "meHoTen"]
        try Data((columns.joined(separator: ",") + "\n").utf8).write(to: template)
        let (package, _) = try test.exportMinistry([batch.id], template: template, prefix: "x")
        let scratch = try test.deliveries()
        let sheet = try XLSXReader(url: package.appendingPathComponent("x.KS.2018.01.xlsx"), temporaryFolder: scratch)
        #expect(try sheet.nextRow()?.cells == columns)
        let first = try #require(try sheet.nextRow()).cells
        #expect(first[0] == "1" && first[1] == "Lê Hoàng Nam" && first[2] == "01" && first[5] == "1" && first[7] == "1")

        // A template that does not fit is refused by name, and nothing is exported.
        try Data("so,quyenSo,tenCon\n".utf8).write(to: template)
        #expect {
            _ = try test.exportMinistry([batch.id], template: template)
        } throws: { error in
            guard case .ministryTemplate(_, .birth, .unknownColumns(["tenCon"]))? = (error as? HoTichError)?.message else { return false }
            return true
        }
        // The same template adopts a sheet in that order.
        try Data((columns.joined(separator: ",") + "\n").utf8).write(to: template)
        let other = try TestWorkspace()
        let adopted = try other.supervisor.adopt(AdoptRequest(sheet: package.appendingPathComponent("x.KS.2018.01.xlsx"), template: template))
        #expect(adopted.rows.imported == 2 && adopted.rows.rejected == 0, "\(adopted.rows.problems.map { $0.message.text(in: .english) })")
        let values = try other.valuesByNumber(try #require(adopted.batch).id)
        #expect(values["01"]?["nksHoTen"] == .filled("Lê Hoàng Nam") && values["02"]?["meHoTen"] == .filled("Đặng Quốc Việt"))
    }

    @Test func scansThatCannotBecomePDFsAreRefusedByNameBeforeAnythingIsWritten() throws {
        let test = try TestWorkspace()
        let folder = try test.deliveries()
        let images = repositoryRoot.appendingPathComponent("fixtures/images")
        for (name, target) in [("page-rgb.jpg", "KS.2018.01.2018-03-01.01.jpg"), ("page-palette.png", "KS.2018.01.2018-03-02.02.png"),
                               ("page.tif", "KS.2018.01.2018-03-03.03.tif"), ("page-alpha.png", "KS.2018.01.2018-03-04.04.png")] {
            try FileManager.default.copyItem(at: images.appendingPathComponent(name), to: folder.appendingPathComponent(target))
        }
        let batch = try #require(try test.supervisor.receive(IntakeRequest(
            source: folder, book: KindSamples.book(.birth), policy: .review, acceptIssues: true)).batch)
        let sheet = try test.deliveries().appendingPathComponent("ks.csv")
        try Data(KindSamples.csv(.birth, (1...4).map { KindSamples.values(.birth, number: $0) }).utf8).write(to: sheet)
        _ = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: sheet))
        while let task = try test.verifier.nextReview(batch: batch.id) { _ = try test.verifier.completeReview(task, values: task.record.fields) }
        _ = try test.verifier.verify(batch: batch.id)
        for warning in try test.verifier.openWarnings(batch: batch.id) { try test.verifier.acknowledge(finding: try #require(warning.id), reason: "ok") }
        // Entries 1 and 4 name the same child: two children, as the images show.
        for flag in try test.supervisor.duplicateCandidates(batch: batch.id, undecidedOnly: true) {
            try test.supervisor.decideDuplicate(try #require(flag.flag.id), as: .distinct, reason: "hai trẻ khác nhau")
        }
        let verified = try test.verifier.verify(batch: batch.id)
        #expect(verified.state == .verified, "\(verified.progress)")
        let out = try test.deliveries()
        #expect {
            _ = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out, format: .ministry(template: nil, bundlePrefix: "x")))
        } throws: { error in
            (error as? HoTichError)?.message == .ministryScansRefused([
                RefusedScan(path: "KS.2018.01.2018-03-03.03.tif", reason: .tiff),
                RefusedScan(path: "KS.2018.01.2018-03-04.04.png", reason: .pngWithTransparency),
            ])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
        #expect(try test.batchState(batch.id) == .verified)
    }

    @Test func imagesBecomePDFsWhoseImageIsTheScansOwnBytes() throws {
        let test = try TestWorkspace()
        let folder = try test.deliveries()
        let images = repositoryRoot.appendingPathComponent("fixtures/images")
        try FileManager.default.copyItem(at: images.appendingPathComponent("page-rgb.jpg"), to: folder.appendingPathComponent("KS.2018.01.2018-03-01.01.jpg"))
        try FileManager.default.copyItem(at: images.appendingPathComponent("page-gray.png"), to: folder.appendingPathComponent("KS.2018.01.2018-03-02.02.png"))
        let batch = try #require(try test.supervisor.receive(IntakeRequest(source: folder, book: KindSamples.book(.birth), policy: .review)).batch)
        let sheet = try test.deliveries().appendingPathComponent("ks.csv")
        try Data(KindSamples.csv(.birth, (1...2).map { KindSamples.values(.birth, number: $0) }).utf8).write(to: sheet)
        _ = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: sheet))
        while let task = try test.verifier.nextReview(batch: batch.id) { _ = try test.verifier.completeReview(task, values: task.record.fields) }
        _ = try test.verifier.verify(batch: batch.id)
        for warning in try test.verifier.openWarnings(batch: batch.id) { try test.verifier.acknowledge(finding: try #require(warning.id), reason: "ok") }
        #expect(try test.verifier.verify(batch: batch.id).state == .verified)
        let (package, _) = try test.exportMinistry([batch.id], prefix: "x")
        let unpacked = try test.deliveries()
        _ = try ZipUnpacker.unpack(package.appendingPathComponent("x.KS.2018.01.zip"), into: unpacked, limits: .scans)
        let pdf = Array(try Data(contentsOf: unpacked.appendingPathComponent("KS.2018.01.2018-03-01.01.pdf")))
        let jpeg = Array(try Data(contentsOf: images.appendingPathComponent("page-rgb.jpg")))
        #expect(pdf.starts(with: Array("%PDF-1.5".utf8)))
        #expect(pdf.count > jpeg.count && pdf.count < jpeg.count + 2_000, "the JPEG's bytes and a small frame")
        let start = try #require(pdf.indices.first { pdf[$0] == 0xFF && pdf[$0 + 1] == 0xD8 && pdf[$0 + 2] == 0xFF })
        #expect(Array(pdf[start..<start + jpeg.count]) == jpeg)
    }
}

/// Spreadsheets from earlier rounds, as they really come: a title above the header, merged cells,
/// empty rows, dates as serial numbers, numbers typed as numbers, extra sheets, hidden columns.
@Suite struct AdoptMessyTests {
    static let main = #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#

    static func cell(_ reference: String, _ text: String) -> String {
        #"<c r="\#(reference)" t="inlineStr"><is><t>\#(text)</t></is></c>"#
    }

    static func number(_ reference: String, _ value: String) -> String {
        #"<c r="\#(reference)"><v>\#(value)</v></c>"#
    }

    /// Entries 1–3 of a birth book opened in 2018; entry 3's personal ID number typed as a number.
    static var messySheet: String {
        let header = ["so", "quyenSo", "ngayDangKy", "loaiDangKy", "noiDangKy", "nksHoTen", "nksGioiTinh", "nksNgaySinh", "nksNoiSinh", "nksSoDinhDanh"]
        let columns = "ABCDEFGHIJ".map(String.init)
        var rows = #"<row r="1">\#(cell("A1", "SỔ ĐĂNG KÝ KHAI SINH NĂM 2018"))</row>"#
        rows += #"<row r="3">"# + zip(columns, header).map { cell("\($0)3", $1) }.joined() + "</row>"
        // Entry 1: its number and registration type typed as numbers, the date as Excel's serial (01.03.2018).
        rows += #"<row r="4">\#(number("A4", "1"))\#(cell("B4", "01/2018"))\#(number("C4", "43160"))\#(number("D4", "1"))"#
            + #"\#(cell("E4", "UBND phường Phúc Xá"))\#(cell("F4", "Lê Hoàng Nam"))\#(number("G4", "1"))\#(cell("H4", "11.02.2018"))"#
            + #"\#(cell("I4", "Bệnh viện Bạch Mai"))</row>"#
        // An empty row between entries; entry 2's office comes from the merged E4:E7.
        rows += #"<row r="6">\#(cell("A6", "02"))\#(cell("B6", "01/2018"))\#(cell("C6", "02.03.2018"))\#(cell("D6", "Đăng ký đúng hạn"))"#
            + #"\#(cell("F6", "Đặng Quốc Việt"))\#(cell("G6", "Nam"))\#(cell("H6", "12.02.2018"))\#(cell("I6", "Bệnh viện Bạch Mai"))</row>"#
        rows += #"<row r="7">\#(cell("A7", "03"))\#(cell("B7", "01/2018"))\#(cell("C7", "03.03.2018"))\#(number("D7", "1"))"#
            + #"\#(cell("F7", "Nguyễn Thị Ánh Tuyết"))\#(number("G7", "2"))\#(cell("H7", "13.02.2018"))\#(cell("I7", "Bệnh viện Bạch Mai"))"#
            + #"\#(number("J7", "1218000001"))</row>"#
        return main + #"<cols><col min="10" max="10" hidden="1"/></cols><sheetData>\#(rows)</sheetData>"#
            + #"<mergeCells count="2"><mergeCell ref="A1:E1"/><mergeCell ref="E4:E7"/></mergeCells></worksheet>"#
    }

    @Test func aMessySheetIsReadAsItIsMeantAndWhatCannotBeTrustedIsSaid() throws {
        let test = try TestWorkspace()
        let folder = try test.deliveries()
        let url = folder.appendingPathComponent("xaphucxa_bd_hn.KS.2018.01.xlsx")
        let notes = Self.main + "<sheetData>" + #"<row r="1">\#(Self.cell("A1", "so"))\#(Self.cell("B1", "ghi chú"))</row>"# + "</sheetData></worksheet>"
        try writeWorkbook(sheets: [("DL Import", Self.messySheet), ("Ghi chú", notes)], to: url)

        // All or nothing: the row whose ID number lost its zero refuses the file, and nothing is made.
        let refused = try test.supervisor.adopt(AdoptRequest(sheet: url))
        #expect(refused.batch == nil && refused.rows.rejected == 1 && refused.rows.read == 3)
        #expect(refused.rows.problems.map(\.code) == ["number-lost-zeros"])
        #expect(refused.rows.problems.first?.message == .importRowNumberLostZeros(row: 7, column: "nksSoDinhDanh"))
        #expect(try test.supervisor.batches().isEmpty)

        let adopted = try test.supervisor.adopt(AdoptRequest(sheet: url, partial: true))
        let batch = try #require(adopted.batch)
        #expect(adopted.rows.imported == 2 && adopted.rows.rejected == 1 && adopted.rows.rowsAboveHeader == 1)
        let values = try test.valuesByNumber(batch.id)
        // A number typed as a number keeps its value; the serial is the date; the merged cell reaches every row.
        #expect(Set(values.keys) == ["1", "02"])
        #expect(values["1"]?["ngayDangKy"] == .filled("01.03.2018") && values["1"]?["loaiDangKy"] == .filled("Đăng ký đúng hạn"))
        #expect(values["1"]?["nksGioiTinh"] == .filled("Nam"))
        #expect(values["02"]?["noiDangKy"] == .filled("UBND phường Phúc Xá"))
        #expect(batch.fileCount == 0 && batch.policy == .review)
        #expect(try test.batchState(batch.id) == .keyed)
        // The same sheet again is the same book: refused, naming the batch.
        #expect {
            _ = try test.supervisor.adopt(AdoptRequest(sheet: url, partial: true))
        } throws: { ($0 as? HoTichError)?.message == .batchAlreadyReceived(batchID: batch.id) }
    }

    @Test func aBadNameOrADamagedZipSaysSoAndCreatesNothing() throws {
        let test = try TestWorkspace()
        let folder = try test.deliveries()
        let badName = folder.appendingPathComponent("so-khai-sinh.xlsx")
        try writeWorkbook(sheets: [("DL Import", Self.messySheet)], to: badName)
        #expect {
            _ = try test.supervisor.adopt(AdoptRequest(sheet: badName))
        } throws: { ($0 as? HoTichError)?.message == .adoptNameNotBundle(path: badName.path) }

        let url = folder.appendingPathComponent("x.KS.2018.01.xlsx")
        try writeWorkbook(sheets: [("DL Import", Self.messySheet)], to: url)
        let zip = folder.appendingPathComponent("x.KS.2018.01.zip")
        try Data("PK\u{3}\u{4} not a zip at all".utf8).write(to: zip)
        #expect {
            _ = try test.supervisor.adopt(AdoptRequest(sheet: url, scans: zip, partial: true))
        } throws: { ($0 as? HoTichError)?.message == .zipUnreadable(zip.path) }
        #expect(try test.supervisor.batches().isEmpty)
        #expect(try test.count("record") == 0 && test.count("keying") == 0)
        // Operators do not adopt books.
        #expect(throws: HoTichError.self) { _ = try test.operatorSession.adopt(AdoptRequest(sheet: url)) }
    }
}
