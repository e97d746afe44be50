import ArgumentParser
import Foundation
import HoTichModel
import HoTichPostgres
import HoTichStore

/// `pg-import`: the bulk import on PostgreSQL against its floor, measured in the same run on the
/// same server: `COPY` of the same record and keying rows into the same tables (their seal
/// triggers firing), and the same `COPY` with every trigger off (the raw floor).
///
/// Each measurement gets a database of its own, made on the server `--database` names (a role
/// that may create databases), and dropped after.
struct PostgresImportBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pg-import", abstract: "Bulk import on PostgreSQL vs COPY.")

    @Option(help: "Connection string of the server (a role that may create databases).") var database: String
    @Option(help: "Rows to import.") var rows = 100_000

    static let time = "2026-12-02T08:00:00.000Z"
    static let batchID = "KS-26734-2017-01-1"

    func run() throws {
        let names = ["NGUYỄN VĂN AN", "TRẦN THỊ BÌNH", "LÊ HOÀNG CƯỜNG", "PHẠM THỊ DUNG", "ĐẶNG THÙY DƯƠNG"]
        let fields = (0..<rows).map { index in
            PackedFieldSet([
                "so": .filled(String(index + 1)), "ngayDangKy": .filled("02.01.2017"), "nksHoTen": .filled(names[index % names.count]),
                "nksNgaySinh": .filled("01.01.2017"), "nksGioiTinh": .filled("Nam"), "meHoTen": .filled(names[(index + 1) % names.count]),
                "chaHoTen": .filled(names[(index + 2) % names.count]), "trangSo": .filled(String(index / 4 + 1)),
            ])
        }
        // hotich's own import: records, keyings, an audit event each, seals.
        let hotichSeconds = try withBenchDatabase(on: database) { connectionString in
            let (store, fileIDs) = try setUp(connectionString)
            let (_, seconds) = try Measure.time {
                try store.databaseWrite { tx in
                    let writer = try tx.bulkKeyingWriter(
                        batch: Self.batchID, kind: .birth, office: OfficeCode("26734")!, pass: 1, operator: "nhaplieu", source: "bench.csv",
                        at: Self.time)
                    for index in 0..<rows {
                        try writer.insertCreating(
                            id: "R\(index)", scanFileId: fileIDs[index], entryKey: "file:\(fileIDs[index])", registrationYear: 2017,
                            number: String(index + 1), subjectName: "nguyen van an", subjectBirthYear: 2017, subjectPersonalID: nil,
                            fields: fields[index])
                        try writer.appendAudit(action: .importFile, subject: "R\(index)", reason: nil)
                    }
                    try writer.finish()
                }
            }
            return seconds
        }
        Measure.report("pg-import", String(format: "%.0f", Double(rows) / hotichSeconds), "rows/s", "\(rows) rows, hotich bulk writer")
        // The same COPY with every trigger of hotich's firing, with the name index's off (seals
        // only), and with none of hotich's (the foreign keys still checked): the floor and what
        // each part of it costs.
        for (name, disabled, context) in [
            ("pg-copy-floor", [String](), "seal and name-index triggers firing"),
            ("pg-copy-seals-only", [#"DISABLE TRIGGER "record_names_indexed""#], "seal triggers only"),
            ("pg-copy-raw", ["DISABLE TRIGGER USER"], "none of hotich's triggers, foreign keys checked"),
        ] {
            let seconds = try withBenchDatabase(on: database) { connectionString in
                let (store, fileIDs) = try setUp(connectionString)
                return try store.databaseWrite { tx in
                    let connection = tx.connection
                    for change in disabled {
                        try connection.execute(#"ALTER TABLE "record" \#(change)"#)
                        if change.hasSuffix("USER") { try connection.execute(#"ALTER TABLE "keying" \#(change)"#) }
                    }
                    let (_, seconds) = try Measure.time {
                        try connection.copy(#"""
                            COPY "record" ("id", "batchId", "scanFileId", "entryKey", "kind", "officeCode", "registrationYear", "number",
                                           "version", "fields", "subjectName", "subjectBirthYear", "status", "createdAt", "updatedAt") FROM STDIN
                            """#, rows: (0..<rows).lazy.map { index -> [String?] in
                                ["R\(index)", Self.batchID, String(fileIDs[index]), "file:\(fileIDs[index])", "KS", "26734", "2017",
                                 String(index + 1), "1", fields[index].text, "nguyen van an", "2017", "keyed", Self.time, Self.time]
                            })
                        try connection.copy(#"""
                            COPY "keying" ("batchId", "entryKey", "scanFileId", "recordId", "pass", "operator", "state", "fields",
                                           "position", "source", "startedAt", "savedAt") FROM STDIN
                            """#, rows: (0..<rows).lazy.map { index -> [String?] in
                                [Self.batchID, "file:\(fileIDs[index])", String(fileIDs[index]), "R\(index)", "1", "nhaplieu", "complete",
                                 nil, "8", "bench.csv", Self.time, Self.time]
                            })
                    }
                    return seconds
                }
            }
            Measure.report(name, String(format: "%.0f", Double(rows) / seconds), "rows/s", "\(rows) rows, COPY of records and keyings, \(context)")
        }
    }

    /// A workspace with one batch of `rows` files, loaded with COPY (set-up, not measured).
    private func setUp(_ connectionString: String) throws -> (PostgresStore, [Int64]) {
        let store = try PostgresStore.create(
            connectionString: connectionString, protection: AuditProtection(key: AuditKey(keyedFrom: 1), anchorLog: nil))
        let fileIDs = try store.databaseWrite { tx -> [Int64] in
            let office = OfficeCode("26734")!
            try tx.initializeWorkspace(WorkspaceInfo(officeCode: office, name: nil, createdAt: Self.time), office: Office(code: office, name: nil))
            _ = try tx.insertUser(User(id: nil, name: "nhaplieu", role: .operator, createdAt: Self.time, createdBy: nil))
            let bookId = try tx.bookId(for: BookIdentity(office: office, kind: .birth, year: 2017, volume: 1))
            try tx.insertBatch(
                Batch(id: Self.batchID, bookId: bookId, sequence: 1, policy: .double, state: .keying, heldFrom: nil, sourcePath: "/b",
                      sourceKind: .folder, storedRoot: "/b", fileCount: rows, totalBytes: Int64(rows), contentDigest: "d",
                      receivedAt: Self.time, receivedBy: "nhaplieu", updatedAt: Self.time),
                files: [], issues: [])
            try tx.connection.copy(
                #"COPY "scanFile" ("batchId", "path", "bytes", "sha256", "format", "usable") FROM STDIN"#,
                rows: (0..<rows).lazy.map { [Self.batchID, String(format: "p%07d.pdf", $0), "1", String(repeating: "0", count: 64), "pdf", "t"] })
            try tx.appendAudit(AuditEntry(actor: "nhaplieu", action: .receive, batchId: Self.batchID), at: Self.time)
            return try tx.connection.execute(#"SELECT "id" FROM "scanFile" ORDER BY "path""#).map { try $0.required("id", as: Int64.self) }
        }
        return (store, fileIDs)
    }
}
