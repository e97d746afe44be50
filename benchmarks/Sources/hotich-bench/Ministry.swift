import ArgumentParser
import Foundation
import GRDB
import HoTichExchange
import HoTichModel
import HoTichStore
import HoTichWorkflow

/// JPEG scans of a realistic size: a real page image with comment segments of random bytes after
/// its start marker, so that each file is a valid JPEG of 300–800 KB (decoders skip comments; the
/// PDF takes the file's bytes as they are, whatever they hold).
enum SyntheticScans {
    static func jpeg(page: [UInt8], bytes target: Int, random: inout SeededGenerator) -> [UInt8] {
        var out: [UInt8] = [0xFF, 0xD8]
        var left = max(0, target - page.count)
        while left > 4 {
            let size = min(65_533, left - 4)
            out += [0xFF, 0xFE, UInt8((size + 2) >> 8), UInt8((size + 2) & 0xFF)]
            var chunk = [UInt8](repeating: 0, count: size)
            for index in stride(from: 0, to: size, by: 8) {
                var value = random.next()
                for offset in 0..<min(8, size - index) {
                    chunk[index + offset] = UInt8(truncatingIfNeeded: value)
                    value >>= 8
                }
            }
            out += chunk
            left -= size + 4
        }
        return out + page.dropFirst(2)
    }
}

/// `moj-setup`: a workspace holding one verified birth book of N entries, each with a JPEG scan of
/// 300–800 KB, ready for `export-moj` (built through intake and import, the state set directly).
struct MinistrySetup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "moj-setup", abstract: "Build a verified book with JPEG scans.")

    @Option(help: "Entries of the book.") var entries = 1_000
    @Option(help: "Folder of the new workspace.") var out: String
    @Option(help: "The page image the scans are made of.") var page = "fixtures/images/page-rgb.jpg"

    func run() throws {
        let root = URL(fileURLWithPath: out)
        let scans = root.appendingPathComponent("scans-in", isDirectory: true)
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        var random = SeededGenerator(seed: 11)
        let image = Array(try Data(contentsOf: URL(fileURLWithPath: page)))
        var total = 0
        for number in 1...entries {
            let size = 300_000 + Int(random.next() % 500_000)
            let bytes = SyntheticScans.jpeg(page: image, bytes: size, random: &random)
            total += bytes.count
            try Data(bytes).write(to: scans.appendingPathComponent("KS.2017.01.2017-01-05.\(number).jpg"))
        }
        let workspace = try Workspace.create(
            at: root.appendingPathComponent("ws"), office: OfficeCode(literal: "20999"), name: "UBND xã thử nghiệm", admin: "quantri")
        let admin = try workspace.session(as: "quantri")
        for (name, role) in [("giamsat", Role.supervisor), ("nhaplieu1", .operator)] { try admin.addUser(name: name, role: role) }
        let book = BookIdentity(office: OfficeCode(literal: "20999"), kind: .birth, year: 2017, volume: 1)
        guard let batch = try workspace.session(as: "giamsat").receive(IntakeRequest(source: scans, book: book, policy: .review)).batch
        else { throw ValidationError("the scans were refused") }
        let csv = root.appendingPathComponent("rows.csv")
        try ImportRows.writeRows(entries, to: csv)
        let report = try workspace.session(as: "nhaplieu1").importKeyings(ImportRequest(batchID: batch.id, file: csv))
        guard report.imported == entries else { throw ValidationError("imported \(report.imported) of \(entries)") }
        try workspace.sqlite.databaseWrite { db in
            try db.execute(sql: "UPDATE record SET status = 'verified', verifiedAt = updatedAt, verifiedBy = 'kiemtra' WHERE batchId = ?", arguments: [batch.id])
            try db.execute(sql: "UPDATE batch SET state = 'verified' WHERE id = ?", arguments: [batch.id])
        }
        print("BOOK\t\(batch.id)\t\(scans.path)\t\(total)")
    }
}

/// `export-moj`: the Ministry package of the verified book, timed, beside its floor measured in the
/// same run: `cp -r` of the same scans and `sync` (the export's files are on the disk when it
/// ends), plus writing the same sheet alone.
struct ExportMinistryBook: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export-moj", abstract: "Measure the Ministry export of one book.")

    @Option(help: "The folder moj-setup made.") var setup: String

    @Option(help: "Rounds, alternating which goes first.") var rounds = 3

    func run() throws {
        let root = URL(fileURLWithPath: setup)
        let workspace = try Workspace.open(at: root.appendingPathComponent("ws"))
        let scans = root.appendingPathComponent("scans-in")
        let session = try workspace.session(as: "giamsat")
        let batches = try session.batches().map(\.batch.id)
        var exports: [Double] = []
        var copies: [Double] = []
        var last: ExportReport?
        for round in 0..<rounds {
            let exportRun = {
                let out = root.appendingPathComponent("out-\(UUID().uuidString.prefix(6))")
                try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
                let (report, seconds) = try Measure.time {
                    try session.export(ExportRequest(
                        batchIDs: batches, folder: out, again: true, format: .ministry(template: nil, bundlePrefix: "bench")))
                }
                exports.append(seconds)
                last = report
                try? FileManager.default.removeItem(at: out)
            }
            let copyRun = {
                let copy = root.appendingPathComponent("cp-\(UUID().uuidString.prefix(6))")
                // Copied to the disk, as the export's files are: the copy is on the disk when `sync` returns.
                let ((status, _), seconds) = try Measure.time { () -> (Int32, String) in
                    let copied = try Shell.run("/bin/cp", ["-r", scans.path, copy.path])
                    let synced = try Shell.run("/bin/sync", ["-f", copy.path])
                    return (copied.0 == 0 ? synced.0 : copied.0, copied.1 + synced.1)
                }
                guard status == 0 else { throw ValidationError("cp or sync failed") }
                copies.append(seconds)
                try? FileManager.default.removeItem(at: copy)
            }
            if round % 2 == 0 { try exportRun(); try copyRun() } else { try copyRun(); try exportRun() }
        }
        let memory = Measure.peakMemoryMiB
        guard let report = last else { return }
        let seconds = Measure.percentile(exports, 0.5)
        let bytes = report.files.reduce(Int64(0)) { $0 + $1.bytes }
        Measure.report("export-moj", String(format: "%.0f", Double(report.records) / seconds), "entries/s",
                       "\(report.records) entries, \(bytes >> 20) MiB of PDFs and sheet, median \(String(format: "%.2f", seconds)) s of \(rounds)")
        let copySeconds = Measure.percentile(copies, 0.5)
        let sheetSeconds = try Self.sheetAlone(report.records, in: root)
        let floor = copySeconds + sheetSeconds
        Measure.report("floor-moj", String(format: "%.2f", floor), "s",
                       "cp -r of the scans and sync \(String(format: "%.2f", copySeconds)) s (median) + the sheet alone \(String(format: "%.2f", sheetSeconds)) s")
        Measure.report("moj-ratio", String(format: "%.2f", seconds / floor), "x", "export-moj over its floor (goal <= 1.5); peak \(Int(memory)) MiB")
    }

    /// Seconds to write a sheet of `rows` rows of the Ministry's KS columns.
    static func sheetAlone(_ rows: Int, in root: URL) throws -> Double {
        let scratch = root.appendingPathComponent("sheet-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let columns = MinistryLayout.columns(for: .birth)
        let (_, seconds) = try Measure.time {
            let book = try XLSXWriter(url: scratch.appendingPathComponent("x.xlsx"), temporaryFolder: scratch)
            let sheet = try book.addSheet("DL Import")
            try sheet.row(columns.map(XLSXCell.text))
            for number in 1...rows {
                try sheet.row(columns.map { $0 == "so" ? .text("\(number)") : .text("Giá trị \($0) của dòng \(number)") })
            }
            try book.finish()
        }
        return seconds
    }
}

/// `adopt`: a Ministry spreadsheet of N rows adopted, beside a `key import` of the same rows as CSV,
/// alternately, each into its own new batch of the same workspace.
struct AdoptRows: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "adopt", abstract: "Measure batch adopt against key import.")

    @Option(help: "Workspace folder.") var workspace: String
    @Option(help: "Rows.") var rows = 10_000
    @Option(help: "Rounds, alternating which goes first.") var rounds = 5

    func run() throws {
        let folder = URL(fileURLWithPath: workspace)
        let ws = try Workspace.open(at: folder)
        let csv = folder.appendingPathComponent("bench-adopt.csv")
        try ImportRows.writeRows(rows, to: csv)
        let scratch = folder.appendingPathComponent("bench-adopt-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var adoptTimes: [Double] = []
        var importTimes: [Double] = []
        for round in 0..<rounds {
            // A sheet of its own each round (the same sheet twice is the same book), in a book of its own.
            let volume = try ws.sqlite.databaseRead { db in
                try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(volume), 0) + 1 FROM book WHERE officeCode = '20999'") ?? 1
            }
            let sheet = scratch.appendingPathComponent("bench_\(round).KS.2017.\(volume).xlsx")
            try Self.workbook(from: csv, to: sheet, temporaryFolder: scratch)
            let batch = try addEmptyBatch(ws, files: 0, tag: "adopt-\(UUID().uuidString.prefix(6))")
            let importRun = {
                let (report, seconds) = try Measure.time { try ws.session(as: "nhaplieu1").importKeyings(ImportRequest(batchID: batch, file: csv)) }
                guard report.imported == rows else { throw ValidationError("imported \(report.imported) of \(rows)") }
                importTimes.append(seconds)
            }
            let adoptRun = {
                let (report, seconds) = try Measure.time {
                    try ws.session(as: "giamsat").adopt(AdoptRequest(sheet: sheet, office: OfficeCode(literal: "20999")))
                }
                guard report.rows.imported == rows else { throw ValidationError("adopted \(report.rows.imported) of \(rows)") }
                adoptTimes.append(seconds)
            }
            if round % 2 == 0 { try importRun(); try adoptRun() } else { try adoptRun(); try importRun() }
        }
        // What reading alone costs, workbook against CSV: the part of the difference the format makes.
        let sheet = scratch.appendingPathComponent("bench_read.KS.2017.1.xlsx")
        try Self.workbook(from: csv, to: sheet, temporaryFolder: scratch)
        let (_, readSheet) = try Measure.time {
            let reader = try XLSXReader(url: sheet, temporaryFolder: scratch)
            while try reader.nextRow() != nil {}
        }
        let (_, readCSV) = try Measure.time {
            let reader = try CSVReader(url: csv)
            while try reader.nextRow() != nil {}
        }
        Measure.report("adopt-read", String(format: "%.0f", Double(rows) / readSheet), "rows/s",
                       "reading the workbook alone; the CSV alone: \(String(format: "%.0f", Double(rows) / readCSV)) rows/s")
        let adopt = Double(rows) / Measure.percentile(adoptTimes, 0.5)
        let keyImport = Double(rows) / Measure.percentile(importTimes, 0.5)
        Measure.report("adopt", String(format: "%.0f", adopt), "rows/s", "\(rows)-row Ministry sheet, median of \(rounds)")
        Measure.report("adopt-import", String(format: "%.0f", keyImport), "rows/s", "the same rows as CSV by key import, median of \(rounds)")
        Measure.report("adopt-ratio", String(format: "%.2f", adopt / keyImport), "x", "adopt over key import (goal >= 0.8)")
    }

    /// The CSV's rows as a Ministry workbook (text cells).
    static func workbook(from csv: URL, to url: URL, temporaryFolder: URL) throws {
        let reader = try CSVReader(url: csv)
        let book = try XLSXWriter(url: url, temporaryFolder: temporaryFolder)
        let sheet = try book.addSheet("DL Import")
        while let row = try reader.nextRow() { try sheet.row(row.cells.map(XLSXCell.text)) }
        try book.finish()
    }
}
