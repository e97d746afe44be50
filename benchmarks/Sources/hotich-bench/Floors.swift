import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

// Floors: what the machine does, in the same run, with tools that do only the bare work — the
// figures hotich's are divided by, so that a ratio stays comparable when the machine's speed
// moves from one hour to the next.

/// `floor-import`: the rows an import writes, written by the `sqlite3` shell set-based
/// (`.import` into a temporary table, then `INSERT … SELECT` of the records, their keyings, a
/// content seal of each (a SHA-3 of its values, as the shell has no SHA-256) and an audit event
/// each with its HMAC stand-in, in one transaction with `synchronous = FULL`), into a copy of the
/// workspace. The seal triggers call hotich's own hash function, which the shell lacks: the copy
/// loses them, and the script writes the seals itself.
struct FloorImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "floor-import", abstract: "Measure the sqlite3 shell writing the import's rows set-based.")

    @Option(help: "A copy of the workspace folder (it is written to).") var workspace: String
    @Option(help: "Rows to write.") var rows = 100_000

    func run() throws {
        let folder = URL(fileURLWithPath: workspace)
        let batch: String
        do {
            let ws = try Workspace.open(at: folder)
            batch = try addEmptyBatch(ws, files: 0, tag: "floor-\(UUID().uuidString.prefix(6))")
        }
        let csv = folder.appendingPathComponent("bench-floor.csv")
        try ImportRows.writeRows(rows, to: csv)
        let script = folder.appendingPathComponent("bench-floor.sql")
        try Data(Self.script(csv: csv, batch: batch).utf8).write(to: script)
        let database = folder.appendingPathComponent("hotich.sqlite").path
        let ((status, output), seconds) = try Measure.time { try Shell.run("/usr/bin/env", ["sqlite3", "-bail", database, ".read \(script.path)"]) }
        guard status == 0 else { throw ValidationError("sqlite3 failed (\(status)): \(output.prefix(400))") }
        Measure.report("floor-import", String(format: "%.0f", Double(rows) / seconds), "rows/s",
                       "sqlite3 shell, INSERT … SELECT of \(rows) rows, \(String(format: "%.1f", seconds)) s")
    }

    /// The shell script: the sheet into a temporary table, then records, keyings and audit events.
    static func script(csv: URL, batch: String) -> String {
        let columns = SampleKeyings.header
        let fields = columns.filter { $0 != "STT" }.sorted()
        let json = fields.map { "'\($0)', '=' || \"\($0)\"" }.joined(separator: ", ")
        let now = Timestamp.now()
        return """
            PRAGMA synchronous = FULL;
            PRAGMA foreign_keys = ON;
            CREATE TEMP TABLE sheet (\(columns.map { "\"\($0)\" TEXT" }.joined(separator: ", ")));
            .import --csv --skip 1 '\(csv.path)' sheet
            BEGIN IMMEDIATE;
            DROP TRIGGER record_sealed_insert;
            DROP TRIGGER keying_sealed_insert;
            INSERT INTO record (id, batchId, scanFileId, entryKey, kind, officeCode, registrationYear, number, version, fields,
                                subjectName, subjectBirthYear, subjectPersonalID, status, createdAt, updatedAt)
            SELECT lower(hex(randomblob(16))), '\(batch)', NULL, 'so:' || "so" || '/2017', 'KS', '20999', 2017, "so", 1,
                   json_object(\(json)), lower("nksHoTen"), CAST(substr("nksNgaySinh", 7, 4) AS INTEGER), NULL, 'keyed', '\(now)', '\(now)'
            FROM temp.sheet;
            INSERT INTO keying (batchId, entryKey, scanFileId, recordId, pass, operator, state, fields, position, source, startedAt, savedAt)
            SELECT batchId, entryKey, NULL, id, 1, 'nhaplieu1', 'complete', NULL, \(fields.count), 'floor', createdAt, createdAt
            FROM record WHERE batchId = '\(batch)';
            INSERT INTO contentSeal (kind, subjectId, hash)
            SELECT 'record', id, lower(hex(sha3(id || batchId || entryKey || fields, 256))) FROM record WHERE batchId = '\(batch)';
            INSERT INTO contentSeal (kind, subjectId, hash)
            SELECT 'keying', id, lower(hex(sha3(id || batchId || entryKey || recordId, 256))) FROM keying WHERE batchId = '\(batch)';
            INSERT INTO auditEvent (at, actor, action, batchId, subject, reason, previousHash, hash, sealsThrough, contentDigest, mac)
            SELECT createdAt, 'nhaplieu1', 'key', batchId, id, 'pass 1 import', '', lower(hex(sha3(id, 256))), 0,
                   lower(hex(sha3(fields, 256))), lower(hex(sha3(id || fields, 256)))
            FROM record WHERE batchId = '\(batch)';
            COMMIT;

            """
    }
}

/// `floor-validate`: `xmllint --noout --stream --schema` of a file (Debian's libxml2-utils).
struct FloorValidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "floor-validate", abstract: "Measure xmllint's streaming validation of an export file.")

    @Option(help: "The file.") var file: String
    @Option(help: "The schema (schemas/hotich-export/1/hotich-export.xsd).") var schema: String

    func run() throws {
        let bytes = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.doubleValue ?? 0
        let ((status, output), seconds) = try Measure.time {
            try Shell.run("/usr/bin/env", ["xmllint", "--noout", "--stream", "--schema", schema, file])
        }
        guard status == 0 else { throw ValidationError("xmllint failed (\(status)): \(output.suffix(400))") }
        Measure.report("floor-validate", String(format: "%.1f", bytes / 1_048_576 / seconds), "MiB/s",
                       "xmllint --stream --schema, \(Int(bytes / 1_048_576)) MiB in \(String(format: "%.2f", seconds)) s")
    }
}

/// Runs a program and waits for it.
enum Shell {
    /// The exit status and what it wrote (standard output and error together).
    static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
