import Foundation
import HoTichExchange
import HoTichModel
import HoTichStore

/// The Ministry's delivery of one register book: a spreadsheet with one row per entry in the
/// Ministry's columns (`{prefix}.{KIND}.{year}.{QQ}.xlsx`) and a zip of one PDF per entry
/// (`….zip`), as the national civil-status database takes historical registers.
///
/// The workbook's sheets: `DL Import` (the entries, one per row, in the Ministry's order or a
/// template's), `Mã` (what each code means), `Nguồn gốc` (the book, each entry's scan, keyers and
/// verification, and the pages that are not entries) and `Trạng thái ô` (the cells read with doubt
/// or not readable, whose state the cell alone does not say).
struct MinistryBundle {
    /// The header row and the field of each column.
    struct Columns: Sendable {
        let headers: [String]
        /// The field key of each column; `nil` for a row counter.
        let keys: [String?]

        /// The Ministry's own columns for `kind`.
        static func standard(_ kind: RecordKind) -> Columns {
            let keys = MinistryLayout.columns(for: kind)
            return Columns(headers: keys, keys: keys)
        }
    }

    static let dataSheet = "DL Import"
    static let codesSheet = "Mã"
    static let provenanceSheet = "Nguồn gốc"
    static let statesSheet = "Trạng thái ô"

    let batch: Batch
    let book: BookIdentity
    let name: MinistryBundleName
    let columns: Columns
    let officeName: String?

    var sheetName: String { name.fileName("xlsx") }
    var zipName: String { name.fileName("zip") }

    // MARK: - Scans

    /// The scans of the batches that cannot be delivered as PDFs (TIFF, PNG with transparency or
    /// interlaced, damaged images), checked before anything is written.
    static func refusedScans(_ files: [ScanFile], root: URL) -> [RefusedScan] {
        files.compactMap { file -> RefusedScan? in
            guard file.usable else { return nil }
            switch file.format {
            case .pdf?, nil:
                return nil
            case .tiff?:
                return RefusedScan(path: file.path, reason: .tiff)
            case .jpeg?, .png?:
                do throws(ScanImage.Refusal) {
                    _ = try ScanImage.inspect(root.appendingPathComponent(file.path))
                    return nil
                } catch {
                    return RefusedScan(path: file.path, reason: reason(error))
                }
            }
        }
    }

    /// The PDF's name in the zip: the scan's own name where it follows the Ministry's convention
    /// (with `.pdf`), else made from the entry: `{KIND}.{year opened}.{QQ}.{yyyy-mm-dd}.{number}.pdf`,
    /// `null` for a date or number the entry does not state whole.
    static func pdfName(_ record: DeliverableRecord, book: BookIdentity) -> String {
        if let path = record.scan?.path, let scan = ScanFileName(path) {
            return "\(scan.kind.code).\(scan.yearOpened).\(book.volumeText).\(scan.registrationDateText).\(scan.number ?? "null").pdf"
        }
        let date = record.fields["ngayDangKy"]?.text.flatMap { PartialDate($0) }
        let dateText = date.flatMap { $0.precision == .full ? $0.iso : nil } ?? "null"
        let number = record.number.map { String($0.prefix { $0 != "/" }) }.flatMap { $0.isEmpty ? nil : $0 } ?? "null"
        return "\(book.kind.code).\(book.year).\(book.volumeText).\(dateText).\(number).pdf"
    }

    /// The cover's name: `Cover.{commune}.{KIND}.{A4|A3}.{year opened}.{QQ}.pdf`.
    func coverName(paper: String) -> String {
        let commune = name.prefix.split(separator: "_").first.map(String.init) ?? name.prefix
        return "Cover.\(commune).\(book.kind.code).\(paper).\(book.year).\(book.volumeText).pdf"
    }

    // MARK: - Writing

    /// What was written, file by file (the spreadsheet first).
    struct Written {
        let sheet: (bytes: Int64, sha256: String, records: Int)
        let zip: (bytes: Int64, sha256: String, files: Int)
    }

    /// Writes the spreadsheet and the zip into `folder`, reading the batch's records in one snapshot.
    func write(
        into folder: URL, temporaryFolder: URL, scansRoot: URL, pagesNotEntries: [NonEntryFile], files: [ScanFile],
        time: String, in tx: any StoreReading, progress: ((Int) -> Void)?
    ) throws -> Written {
        let workbook = try XLSXWriter(url: folder.appendingPathComponent(sheetName), temporaryFolder: temporaryFolder)
        let data = try workbook.addSheet(Self.dataSheet, columnWidths: columns.headers.map { max(8, min(40, $0.count + 2)) })
        let codes = try workbook.addSheet(Self.codesSheet, columnWidths: [24, 8, 60, 20, 20])
        let provenance = try workbook.addSheet(Self.provenanceSheet, columnWidths: [10, 6, 8, 38, 8, 36, 36, 12, 66, 34, 34, 34, 60])
        let states = try workbook.addSheet(Self.statesSheet, columnWidths: [8, 28, 10, 40])
        let scans = try ScanBundleWriter(url: folder.appendingPathComponent(zipName))
        let fields = FieldCatalog.fields(for: book.kind)
        let byKey = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0) })
        let filesByPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })

        try data.row(columns.headers.map(XLSXCell.text))
        try writeCodes(codes, byKey: byKey)
        try provenance.row(Self.provenanceHeader.map(XLSXCell.text))
        try provenance.row([
            .text("sổ"), .empty, .empty, .text(batch.id), .empty, .text(sheetName), .empty, .empty, .empty, .empty, .empty,
            .text(batch.policy.rawValue),
            .text("quyển \(book.quyenSo), cơ quan \(book.office.value)\(officeName.map { " (\($0))" } ?? ""), xuất lúc \(time)"),
        ])
        try states.row([.text("Dòng"), .text("Cột"), .text("Trạng thái"), .text("Nghĩa")])

        var usedNames: Set<String> = []
        var count = 0
        try tx.forEachDeliverableRecord(batch: batch.id) { record in
            count += 1
            let row = count + 1
            var cells: [XLSXCell] = []
            cells.reserveCapacity(columns.keys.count)
            for (column, key) in columns.keys.enumerated() {
                guard let key, let field = byKey[key] else {
                    cells.append(key == nil ? .number(count) : .empty)
                    continue
                }
                let value = record.fields[key]
                let text = MinistryLayout.cell(value, field: field)
                if case .code(let list) = field.type, !MinistryLayout.namedLists.contains(list.id), let code = Int(text) {
                    cells.append(.number(code))
                } else {
                    cells.append(text.isEmpty ? .empty : .text(text))
                }
                if let state = MinistryLayout.CellState(value) {
                    try states.row([
                        .number(row), .text(columns.headers[column]), .text(state.rawValue),
                        .text(state == .uncertain ? "đọc không chắc chắn" : "không đọc được"),
                    ])
                }
            }
            try data.row(cells)
            var pdf = ""
            if let scan = record.scan, let file = filesByPath[scan.path] {
                pdf = Self.unique(Self.pdfName(record, book: book), &usedNames)
                try add(file, root: scansRoot, as: pdf, to: scans)
            }
            let passes = record.passes.map { "lần \($0.pass): \($0.by), \($0.at)" }
            try provenance.row([
                .text("bản ghi"), .number(row), record.number.map(XLSXCell.text) ?? .empty, .text(record.id), .number(record.version),
                pdf.isEmpty ? .text("(không có ảnh quét)") : .text(pdf), record.scan.map { .text($0.path) } ?? .empty,
                record.scan.map { .text(String($0.bytes)) } ?? .empty, record.scan.map { .text($0.sha256) } ?? .empty,
                passes.first.map(XLSXCell.text) ?? .empty, passes.dropFirst().first.map(XLSXCell.text) ?? .empty,
                .text("\(record.verifiedBy ?? "?"), \(record.verifiedAt ?? "?")"), .empty,
            ])
            if count % 1_000 == 0 { progress?(count) }
        }
        for page in pagesNotEntries {
            guard let file = files.first(where: { $0.id == page.mark.scanFileId }) else { continue }
            var pdf = ""
            if page.mark.kind == .cover {
                pdf = Self.unique(coverName(paper: Self.paperSize(file, root: scansRoot)), &usedNames)
                try add(file, root: scansRoot, as: pdf, to: scans)
            }
            try provenance.row([
                .text("trang"), .empty, .empty, .empty, .empty, pdf.isEmpty ? .empty : .text(pdf), .text(file.path),
                .text(String(file.bytes)), .text(file.sha256), .empty, .empty, .empty,
                .text("\(page.mark.kind.rawValue): \(page.mark.reason) (\(page.mark.markedBy), \(page.mark.markedAt))"),
            ])
        }
        try workbook.finish()
        let sheetPrint = try FileFingerprint.read(folder.appendingPathComponent(sheetName))
        let zipPrint = try scans.finish()
        return Written(
            sheet: (sheetPrint.bytes, sheetPrint.sha256, count), zip: (zipPrint.bytes, zipPrint.sha256, scans.names.count))
    }

    static let provenanceHeader = [
        "Mục", "Dòng", "Số", "Mã bản ghi", "Phiên bản", "Tệp PDF", "Ảnh quét", "Số byte", "SHA-256", "Nhập lần 1", "Nhập lần 2",
        "Kiểm tra", "Ghi chú",
    ]

    /// Each code the sheet's code columns may hold, with its meaning; lists written by name say so.
    private func writeCodes(_ sheet: XLSXWriter.Sheet, byKey: [String: FieldDefinition]) throws {
        try sheet.row([.text("Cột"), .text("Mã"), .text("Nội dung"), .text("Danh mục"), .text("Phiên bản")])
        for key in columns.keys.compactMap({ $0 }) {
            guard let field = byKey[key], case .code(let list) = field.type else { continue }
            if MinistryLayout.namedLists.contains(list.id) {
                try sheet.row([.text(key), .empty, .text("ghi bằng tên (\(field.label))"), .text(list.id), .text(list.version)])
                continue
            }
            for entry in list.entries {
                try sheet.row([.text(key), .number(Int(entry.code) ?? 0), .text(entry.label), .text(list.id), .text(list.version)])
            }
        }
        try sheet.row([.text("(mọi cột)"), .empty, .text("ô trống: sổ để trống; \"-\" ở cột bắt buộc: sổ để trống; xem thêm trang \(Self.statesSheet)"),
                       .empty, .empty])
    }

    /// Adds one scan file to the zip under `name`.
    private func add(_ file: ScanFile, root: URL, as name: String, to zip: ScanBundleWriter) throws {
        let url = root.appendingPathComponent(file.path)
        switch file.format {
        case .jpeg?, .png?:
            do {
                try zip.addImages([try ScanImage.inspect(url)], as: name)
            } catch let refusal as ScanImage.Refusal {
                throw HoTichError(.ministryScansRefused([RefusedScan(path: file.path, reason: Self.reason(refusal))]))
            }
        case .tiff?:
            throw HoTichError(.ministryScansRefused([RefusedScan(path: file.path, reason: .tiff)]))
        case .pdf?, nil:
            try zip.addPDF(url, as: name)
        }
    }

    static func reason(_ refusal: ScanImage.Refusal) -> ScanRefusal {
        switch refusal {
        case .pngWithTransparency: .pngWithTransparency
        case .pngInterlaced: .pngInterlaced
        case .unreadable, .badDimensions: .damagedImage
        }
    }

    /// `A3` for an image whose longer side is over 13 inches at its resolution, `A4` otherwise (and
    /// for PDFs, whose page size is not read).
    static func paperSize(_ file: ScanFile, root: URL) -> String {
        guard file.format == .jpeg || file.format == .png,
              let image = try? ScanImage.inspect(root.appendingPathComponent(file.path))
        else { return "A4" }
        let resolution = image.resolution ?? ImagePDF.defaultResolution
        return Double(max(image.width, image.height)) / resolution > 13 ? "A3" : "A4"
    }

    /// `name`, or `name` with `-2`, `-3`… before its extension when taken.
    static func unique(_ name: String, _ used: inout Set<String>) -> String {
        var candidate = name
        var number = 2
        while used.contains(candidate) {
            candidate = name.hasSuffix(".pdf") ? "\(name.dropLast(4))-\(number).pdf" : "\(name)-\(number)"
            number += 1
        }
        used.insert(candidate)
        return candidate
    }
}
