import ArgumentParser
import Foundation
import GRDB
import HoTichExchange
import HoTichModel
import HoTichStore
import HoTichWorkflow

/// `hotich-bench`: builds synthetic workspaces and measures hotich's hot paths.
/// Each benchmark runs in its own process so that peak memory is its own.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotich-bench",
        abstract: "Synthetic data and benchmarks for hotich.",
        subcommands: [
            Generate.self, ImportRows.self, SaveRecord.self, VerifyBatch.self, ExportAll.self, ValidateFile.self,
            FloorImport.self, FloorValidate.self, MinistrySetup.self, ExportMinistryBook.self, AdoptRows.self,
            Contention.self, Keyer.self, Reporter.self, Reports.self, SearchBench.self, PlacesBench.self, AuditVerifyBench.self, PostgresImportBench.self, PostgresSaveBench.self, PostgresReportBench.self,
        ])
}

/// `generate`: a synthetic workspace of N records.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build a synthetic workspace.")

    @Option(help: "Number of records.") var records = 100_000
    @Option(help: "Folder of the new workspace.") var out: String
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Records per batch.") var batchSize = 500
    @Flag(help: "Write tiny placeholder scan files.") var withFiles = false
    @Option(help: "Only this record kind (KS, KT, KH, HN, CMC).") var kind: String?
    @Option(help: "Only batches in this state, double-keyed (for example verified).") var state: String?
    @Option(help: "Spread the work over this many days before today (0: all now).") var historyDays = 0

    func run() throws {
        let folder = URL(fileURLWithPath: out)
        var generator = SyntheticWorkspace(records: records, seed: seed, batchSize: batchSize, withFiles: withFiles)
        generator.onlyKind = kind.flatMap { RecordKind(code: $0) }
        generator.onlyState = state.flatMap { BatchState(rawValue: $0) }
        generator.historyDays = historyDays
        let (_, seconds) = try Measure.time { try generator.build(in: folder) }
        Measure.report("generate", String(format: "%.0f", Double(records) / seconds), "records/s",
                       "\(records) records in \(String(format: "%.1f", seconds)) s")
    }
}

/// A new received batch with `files` scan-file rows (no keyings), for import and keying benchmarks.
func addEmptyBatch(_ workspace: Workspace, files: Int, tag: String) throws -> String {
    try workspace.sqlite.databaseWrite { db in
        let now = Timestamp.now()
        try db.execute(sql: "INSERT OR IGNORE INTO office (code, name) VALUES ('20999', 'UBND xã thử nghiệm')")
        try db.execute(sql: "INSERT INTO book (officeCode, kind, year, volume) VALUES ('20999', 'KS', 2017, (SELECT COALESCE(MAX(volume), 0) + 1 FROM book WHERE officeCode = '20999'))")
        let bookId = db.lastInsertedRowID
        let id = "KS-20999-2017-\(tag)"
        try db.execute(sql: """
            INSERT INTO batch (id, bookId, sequence, policy, state, sourcePath, sourceKind, storedRoot, fileCount, totalBytes,
                               contentDigest, receivedAt, receivedBy, updatedAt)
            VALUES (?, ?, 1, 'double', 'received', '/tmp', 'folder', '/tmp', ?, 0, ?, ?, 'giamsat', ?)
            """, arguments: [id, bookId, files, "bench-\(tag)-\(UUID().uuidString)", now, now])
        let statement = try db.makeStatement(sql: """
            INSERT INTO scanFile (batchId, path, bytes, sha256, format, usable, nameNumber, nameDate)
            VALUES (?, ?, 1000, ?, 'pdf', 1, ?, '05.01.2017')
            """)
        for number in 1...max(1, files) where files > 0 {
            try statement.execute(arguments: [id, "KS.2017.01.2017-01-05.\(number).pdf", "bench-\(tag)-\(number)", "\(number)"])
        }
        return id
    }
}

/// `import`: bulk import of N KS rows from CSV into an existing workspace.
struct ImportRows: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Measure CSV import.")

    @Option(help: "Workspace folder.") var workspace: String
    @Option(help: "Rows to import.") var rows = 100_000
    @Option(help: "How the file's text is read: auto (surveyed first, the default) or utf8.") var encoding: String = "auto"

    func run() throws {
        guard let choice = TextEncodingChoice(rawValue: encoding) else { throw ValidationError("--encoding auto|utf8|tcvn3|vni") }
        let ws = try Workspace.open(at: URL(fileURLWithPath: workspace))
        let existing = try ws.sqlite.databaseRead { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record") ?? 0 }
        let batch = try addEmptyBatch(ws, files: 0, tag: "import-\(UUID().uuidString.prefix(6))")
        let csv = URL(fileURLWithPath: workspace).appendingPathComponent("bench-import.csv")
        try Self.writeRows(rows, to: csv)
        let (report, seconds) = try Measure.time {
            try ws.session(as: "nhaplieu1").importKeyings(ImportRequest(batchID: batch, file: csv, encoding: choice))
        }
        guard report.imported == rows else { throw ValidationError("imported \(report.imported) of \(rows)") }
        Measure.report("import", String(format: "%.0f", Double(rows) / seconds), "rows/s",
                       "\(rows) KS rows into \(existing) records, --encoding \(encoding), \(String(format: "%.1f", seconds)) s")
    }

    /// KS rows in the sample sheet's columns, numbered 1…N (the same rows on every call).
    static func writeRows(_ count: Int, to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var people = SyntheticPeople(random: SeededGenerator(seed: 7))
        var text = SampleKeyings.header.joined(separator: ",") + "\n"
        for number in 1...count {
            let male = people.random.chance(0.5)
            let family = people.surname()
            let row = [
                "\(number)", "\(number)", "01/2017", "\(number / 2 + 1)", "05.01.2017", "1", "UBND xã thử nghiệm", "Trần Văn Thành",
                "Chủ tịch UBND xã", "Lê Thị Minh", people.name(male: male, surname: family).uppercased(), male ? "1" : "2",
                "02.01.2017", "Trạm y tế xã", "\"\(people.place())\"", "Kinh", "Việt Nam", people.name(male: false), "1990", "Kinh",
                "\"\(people.place())\"", people.name(male: true, surname: family), "1988", "Kinh", "\"\(people.place())\"",
                people.name(male: true, surname: family), "Cha", "-",
            ]
            text += row.joined(separator: ",") + "\n"
            if text.utf8.count > 1 << 20 {
                handle.write(Data(text.utf8))
                text = ""
            }
        }
        handle.write(Data(text.utf8))
    }
}

/// `save`: the time to save one keyed record, median and p99.
struct SaveRecord: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "save", abstract: "Measure saving one keyed record.")

    @Option(help: "Workspace folder.") var workspace: String
    @Option(help: "Records to key.") var records = 300

    func run() throws {
        let ws = try Workspace.open(at: URL(fileURLWithPath: workspace))
        let existing = try ws.sqlite.databaseRead { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record") ?? 0 }
        let batch = try addEmptyBatch(ws, files: records, tag: "save-\(UUID().uuidString.prefix(6))")
        let session = try ws.session(as: "nhaplieu1")
        var times: [Double] = []
        var number = 0
        while var task = try session.startKeying(batch: batch, pass: 1) {
            number += 1
            task.values = [
                "so": .filled("\(number)"), "quyenSo": .filled("01/2017"), "ngayDangKy": .filled("05.01.2017"),
                "loaiDangKy": .filled("Đăng ký đúng hạn"), "noiDangKy": .filled("UBND xã thử nghiệm"),
                "nksHoTen": .filled("NGUYỄN VĂN AN"), "nksGioiTinh": .filled("Nam"), "nksNgaySinh": .filled("02.01.2017"),
                "nksNoiSinh": .filled("Trạm y tế xã"),
            ]
            let (_, seconds) = try Measure.time { try session.completeKeying(task) }
            times.append(seconds * 1000)
        }
        Measure.report("save-median", String(format: "%.2f", Measure.percentile(times, 0.5)), "ms",
                       "\(times.count) saves into \(existing) records")
        Measure.report("save-p99", String(format: "%.2f", Measure.percentile(times, 0.99)), "ms",
                       "\(times.count) saves into \(existing) records")
    }
}

/// `verify`: verification of one new double-keyed batch (compare, checks, duplicates) in a large workspace.
struct VerifyBatch: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Measure verify and duplicate detection of one batch.")

    @Option(help: "Workspace folder.") var workspace: String
    @Option(help: "Records in the new batch.") var records = 5_000

    func run() throws {
        let ws = try Workspace.open(at: URL(fileURLWithPath: workspace))
        let existing = try ws.sqlite.databaseRead { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record") ?? 0 }
        let batch = try SyntheticWorkspace(records: records, seed: UInt64(existing)).appendBatch(
            to: ws, count: records, kind: .birth, office: OfficeCode(literal: "20201"), year: 2019, state: .keyed, policy: .double)
        let session = try ws.session(as: "kiemtra")
        let (report, seconds) = try Measure.time { try session.verify(batch: batch) }
        let context = "\(records) records into \(existing); \(report.progress.conflictsOpen) conflicts, \(report.progress.duplicatesUndecided) possible duplicates"
        Measure.report("verify", String(format: "%.2f", seconds), "s", context)
        let (flags, again) = try Measure.time { try session.searchDuplicates(batch: batch) }
        Measure.report("duplicates", String(format: "%.2f", again), "s", "\(records) records against \(existing); \(flags) flags")
    }
}

/// `export`: every verified batch of a workspace exported, written, validated and hashed.
struct ExportAll: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Measure exporting every verified batch.")

    @Option(help: "Workspace folder.") var workspace: String
    @Option(help: "Folder for the package.") var out: String

    func run() throws {
        let ws = try Workspace.open(at: URL(fileURLWithPath: workspace))
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let session = try ws.session(as: "giamsat")
        let (report, seconds) = try Measure.time { try session.export(ExportRequest(batchIDs: [], allVerified: true, folder: folder)) }
        let bytes = report.files.reduce(Int64(0)) { $0 + $1.bytes }
        Measure.report("export", String(format: "%.0f", Double(report.records) / seconds), "records/s",
                       "\(report.records) records, \(report.files.count) files, \(bytes / 1_048_576) MiB in \(String(format: "%.1f", seconds)) s")
        if let largest = report.files.max(by: { $0.bytes < $1.bytes }), let package = report.folder {
            print("FILE\t" + package.appendingPathComponent(largest.name).path)
        }
    }
}

/// `validate`: streaming validation of one file against the bundled schema.
struct ValidateFile: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Measure validating one export file.")

    @Option(help: "The file.") var file: String

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let (report, seconds) = Measure.time { ExportValidator.validate(file: url) }
        let megabytes = Double(report.bytes) / 1_048_576
        Measure.report("validate", String(format: "%.1f", megabytes / seconds), "MiB/s",
                       "\(report.items) entries, \(Int(megabytes)) MiB in \(String(format: "%.1f", seconds)) s, valid: \(report.isValid)")
    }
}

Bench.main()
