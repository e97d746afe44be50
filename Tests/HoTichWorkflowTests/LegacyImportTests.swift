import Foundation
import HoTichExchange
import HoTichModel
import HoTichWorkflow
import Testing

/// Text into legacy bytes through the letters fixture (tools/legacy-encodings/make-vectors.py,
/// from the UniKey tables), for writing the files an earlier round of digitization left.
enum LegacyFixture {
    static let table: [String: (tcvn3: [UInt8], vni: [UInt8])] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("HoTichModelTests/Fixtures/legacy-letters.tsv")
        var table: [String: (tcvn3: [UInt8], vni: [UInt8])] = [:]
        for line in ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t").map(String.init)
            table[fields[0]] = (hex(fields[1]), hex(fields[2]))
        }
        return table
    }()

    static func hex(_ text: String) -> [UInt8] {
        stride(from: 0, to: text.count, by: 2).map { offset in
            let start = text.index(text.startIndex, offsetBy: offset)
            return UInt8(text[start..<text.index(start, offsetBy: 2)], radix: 16)!
        }
    }

    static func bytes(_ text: String, _ encoding: LegacyEncoding) -> [UInt8] {
        text.flatMap { character -> [UInt8] in
            if character.isASCII { return Array(String(character).utf8) }
            guard let entry = table[String(character)] else { return Array(String(character).utf8) }
            return encoding == .tcvn3 ? entry.tcvn3 : entry.vni
        }
    }

    /// The bytes as Windows-1252 shows them, saved as UTF-8: the mojibake form.
    static func mojibake(_ text: String, _ encoding: LegacyEncoding) -> String {
        LegacyEncoding.windows1252Text(of: bytes(text, encoding))
    }

    /// The sample sheet of pass 1 as CSV lines, each cell through `transform`.
    static func sampleCSV(_ transform: (String) -> String) -> String {
        SampleKeyings.rows(pass: 1).map { row in
            row.map(transform).map { $0.contains(",") || $0.contains("\"") ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
                .joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }
}

/// The fields that differ between two imports, by registration number: what a failure names.
func differences(_ got: [String: [String: FieldValue]], _ expected: [String: [String: FieldValue]]) -> [String] {
    Set(got.keys).union(expected.keys).sorted().flatMap { number in
        let (a, b) = (got[number] ?? [:], expected[number] ?? [:])
        return Set(a.keys).union(b.keys).sorted().compactMap { key in
            a[key] == b[key] ? nil : "\(number)/\(key): \(String(describing: a[key])) ≠ \(String(describing: b[key]))"
        }
    }
}

@Suite struct LegacyImportTests {
    /// The values of the sample sheet imported as UTF-8, by registration number.
    static func reference() throws -> [String: [String: FieldValue]] {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let folder = try test.deliveries()
        let report = try test.operatorSession.importKeyings(
            ImportRequest(batchID: batch.id, file: try writeCSV(LegacyFixture.sampleCSV { $0 }, "utf8.csv", in: folder)))
        #expect(report.imported == 12 && report.textConversion == nil, "clean UTF-8 is read as it is")
        return Dictionary(uniqueKeysWithValues: try test.records(batch.id).map { ($0.number ?? "", $0.fields) })
    }

    @Test(arguments: [LegacyEncoding.tcvn3, .vni])
    func rawLegacyBytesImportAsTheSameRecords(_ encoding: LegacyEncoding) throws {
        let expected = try Self.reference()
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let url = try test.deliveries().appendingPathComponent("\(encoding.rawValue).csv")
        let csv = LegacyFixture.sampleCSV { $0 }
        try Data(csv.split(separator: "\n", omittingEmptySubsequences: false).map { LegacyFixture.bytes(String($0), encoding) }
            .joined(separator: [0x0A])).write(to: url)
        #expect(String(data: try Data(contentsOf: url), encoding: .utf8) == nil, "the file is not UTF-8")
        let report = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: url))
        #expect(report.imported == 12 && report.rejected == 0)
        let conversion = try #require(report.textConversion)
        #expect(conversion.form == .bytes && conversion.columns.allSatisfy { $0.encoding == encoding } && conversion.cellsConverted > 50)
        let records = Dictionary(uniqueKeysWithValues: try test.records(batch.id).map { ($0.number ?? "", $0.fields) })
        #expect(records == expected, "\(differences(records, expected))")
    }

    @Test(arguments: [LegacyEncoding.tcvn3, .vni])
    func mojibakeImportsAsTheSameRecordsAndTheAuditSaysSo(_ encoding: LegacyEncoding) throws {
        let expected = try Self.reference()
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let folder = try test.deliveries()
        let csv = LegacyFixture.sampleCSV { LegacyFixture.mojibake($0, encoding) }
        let report = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: try writeCSV(csv, "mojibake.csv", in: folder)))
        #expect(report.imported == 12)
        let conversion = try #require(report.textConversion)
        #expect(conversion.form == .unicode && conversion.columns.allSatisfy { $0.encoding == encoding && $0.confidence >= 70 })
        // The column of the child's name (K) is among those converted, with examples of it.
        let names = try #require(conversion.columns.first { $0.index == 10 })
        #expect(names.cellsConverted == 12 && names.examples.count == 2)
        let records = Dictionary(uniqueKeysWithValues: try test.records(batch.id).map { ($0.number ?? "", $0.fields) })
        #expect(records == expected, "\(differences(records, expected))")
        let audit = try test.supervisor.auditEvents(batch: batch.id).first { $0.action == .importFile }
        #expect(audit?.reason?.contains("text converted (unicode): ") == true && audit?.reason?.contains("K \(encoding.rawValue) 12 cells") == true)
        #expect(audit?.reason?.contains("Nguy") == false, "no name in the audit trail")
    }

    @Test func aColumnThatMixesUnicodeAndLegacyTextIsRefusedAndNothingImported() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let folder = try test.deliveries()
        var rows = SampleKeyings.rows(pass: 1)
        for index in 7..<rows.count { rows[index][10] = LegacyFixture.mojibake(rows[index][10], .tcvn3) }
        let csv = rows.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }.joined(separator: "\n")
        let url = try writeCSV(csv, "tron.csv", in: folder)
        #expect(throws: HoTichError(.place(.encodingUnclear(path: url.path, columns: ["K"])))) {
            try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: url))
        }
        #expect(try test.records(batch.id).isEmpty)
        // Told which encoding, the operator gets the file in.
        let report = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: url, encoding: .tcvn3))
        // Cells with letters Windows-1252 cannot give are kept as they are; the others are converted as told.
        #expect(report.imported == 12 && (report.textConversion?.columns.first { $0.index == 10 }?.cellsKept ?? 0) >= 5)
        #expect(try test.records(batch.id).first { $0.number == "01" }?.fields["nksHoTen"] == .filled("NGUYỄN MINH ANH"))
    }

    @Test func utf8MeansNoLookingAndLegacyBytesAreRefusedWithTheOldHint() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let url = try test.deliveries().appendingPathComponent("tcvn3.csv")
        try Data(LegacyFixture.bytes(LegacyFixture.sampleCSV { $0 }, .tcvn3)).write(to: url)
        #expect(throws: HoTichError(.importNotUTF8(path: url.path))) {
            try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: url, encoding: .utf8))
        }
    }

    @Test func textConvertWritesAUnicodeCSVOrWorkbookThatImports() throws {
        let expected = try Self.reference()
        let test = try TestWorkspace()
        let folder = try test.deliveries()
        let source = try writeCSV(LegacyFixture.sampleCSV { LegacyFixture.mojibake($0, .vni) }, "vni.csv", in: folder)
        let csv = folder.appendingPathComponent("unicode.csv")
        let report = try #require(try TextFileConversion.convert(source, from: .auto, to: csv))
        #expect(report.columns.allSatisfy { $0.encoding == .vni })
        let text = try String(contentsOf: csv, encoding: .utf8)
        #expect(text.contains("Nguyễn Văn Dũng") && text.contains("NGUYỄN MINH ANH") && !text.contains("Nguyeãn"))
        #expect(try FileManager.default.attributesOfItem(atPath: csv.path)[.posixPermissions] as? Int == 0o600)
        // Unicode already: nothing to do, nothing written.
        #expect(try TextFileConversion.convert(csv, from: .auto, to: folder.appendingPathComponent("again.csv")) == nil)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("again.csv").path))
        // Never over the file being converted.
        #expect(throws: HoTichError(.place(.textOutputInvalid(path: source.path)))) {
            try TextFileConversion.convert(source, from: .auto, to: source)
        }
        let workbook = folder.appendingPathComponent("unicode.xlsx")
        _ = try TextFileConversion.convert(source, from: .vni, to: workbook)
        let batch = try test.receiveGoodBook()
        let imported = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: workbook))
        #expect(imported.imported == 12 && imported.textConversion == nil)
        let records = Dictionary(uniqueKeysWithValues: try test.records(batch.id).map { ($0.number ?? "", $0.fields) })
        #expect(records == expected, "\(differences(records, expected))")
    }
}
