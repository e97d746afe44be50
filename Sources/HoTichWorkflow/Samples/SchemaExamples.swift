public import Foundation
import HoTichExchange
import HoTichModel

/// The documents published under `schemas/hotich-export/1/`: the three schemas, valid examples
/// written by the real writer from the sample book, and invalid ones, each made from a valid one by
/// breaking one rule and saying in a comment which rule and what a validator answers.
///
/// `hotich dev-schemas --out schemas` writes them; a test keeps the committed copies equal.
public enum SchemaExamples {
    /// One invalid example: the file name, the rule it breaks, a fragment of the expected problem,
    /// and how it is made from a valid document.
    public struct Invalid: Sendable {
        public let name: String
        public let rule: String
        public let expect: String
        let base: ExportSchema.Document
        let replace: (String, String)
    }

    static let fixedTime = "2017-08-01T09:00:00+07:00"
    static let packageID = "018a2b3c-4d5e-7f60-8123-456789abcdef"

    /// Writes schemas, examples and their README into `root` (`schemas/` of the repository).
    public static func write(into root: URL) throws {
        let folder = root.appendingPathComponent("hotich-export/1", isDirectory: true)
        let examples = folder.appendingPathComponent("examples", isDirectory: true)
        for sub in ["valid", "invalid"] {
            try FileManager.default.createDirectory(at: examples.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for document in ExportSchema.Document.allCases {
            try Data(document.text.utf8).write(to: folder.appendingPathComponent(document.fileName))
        }
        let valid = try validDocuments()
        for (name, text) in valid {
            try Data(text.utf8).write(to: examples.appendingPathComponent("valid/\(name)"))
        }
        for example in invalid {
            guard let base = valid.first(where: { $0.0 == baseName(example.base) })?.1 else { continue }
            try Data(breaking(base, example).utf8).write(to: examples.appendingPathComponent("invalid/\(example.name)"))
        }
    }

    static func baseName(_ document: ExportSchema.Document) -> String {
        switch document {
        case .export: "export-KS.xml"
        case .manifest: "manifest.xml"
        case .receipt: "receipt.xml"
        }
    }

    /// An invalid example's text: the valid one with one rule broken and a comment saying so.
    static func breaking(_ text: String, _ example: Invalid) -> String {
        // A replacement that finds nothing would leave a valid document labelled invalid.
        precondition(text.contains(example.replace.0), "\(example.name): nothing to replace")
        let broken = text.replacingOccurrences(of: example.replace.0, with: example.replace.1)
        let comment = "<!-- INVALID: \(example.rule)\n     expect: \(example.expect) -->\n"
        guard let end = broken.range(of: "?>\n") else { return comment + broken }
        return String(broken[..<end.upperBound]) + comment + String(broken[end.upperBound...])
    }

    /// The invalid examples.
    public static let invalid: [Invalid] = [
        Invalid(name: "missing-required-name.xml", rule: "a required field (nksHoTen) is missing from a birth record",
                expect: "nksGioiTinh", base: .export,
                replace: ("<nksHoTen>NGUYỄN MINH ANH</nksHoTen>\n", "")),
        Invalid(name: "unknown-field-state.xml", rule: "a field state outside filled | uncertain | blank | illegible",
                expect: "state", base: .export, replace: ("<ghiChu state=\"blank\"/>", "<ghiChu state=\"empty\"/>")),
        Invalid(name: "impossible-full-date.xml", rule: "a full date that does not exist must not be given as ymd",
                expect: "ymd", base: .export, replace: ("<ymd>2016-12-28</ymd>", "<ymd>2016-02-30</ymd>")),
        Invalid(name: "bad-record-id.xml", rule: "recordId must be a lower-case UUID",
                expect: "recordId", base: .export, replace: ("<recordId>0189", "<recordId>X189")),
        Invalid(name: "wrong-schema-version.xml", rule: "@schemaVersion must be 1.x.y in this namespace",
                expect: "schemaVersion", base: .export, replace: ("schemaVersion=\"\(ExportLayout.schemaVersion)\"", "schemaVersion=\"2.0\"")),
        Invalid(name: "summary-count-wrong.xml", rule: "the summary must count the entries the file holds (checked outside XSD)",
                expect: "summary says 4 entries, the file holds 3", base: .export,
                replace: ("<entries>3</entries>", "<entries>4</entries>")),
        Invalid(name: "duplicate-record.xml", rule: "a record version appears once per file (checked outside XSD)",
                expect: "appears twice", base: .export,
                replace: ("0189a000-0000-7000-8000-000000000002", "0189a000-0000-7000-8000-000000000001")),
        Invalid(name: "timestamp-without-zone.xml", rule: "createdAt needs its time zone",
                expect: "createdAt", base: .manifest, replace: ("<createdAt>2017-08-01T09:00:00+07:00</createdAt>", "<createdAt>2017-08-01T09:00:00</createdAt>")),
        Invalid(name: "receipt-unknown-status.xml", rule: "a receipt result is accepted or rejected",
                expect: "status", base: .receipt, replace: ("status=\"rejected\"", "status=\"refused\"")),
    ]

    /// The valid examples: three sample births, their manifest and a receipt.
    static func validDocuments() throws -> [(String, String)] {
        let records = try sampleRecords(count: 3)
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let exportURL = temporary.appendingPathComponent("export-KS.xml")
        let writer = try ExportFileWriter(url: exportURL, header: ExportHeader(
            messageId: "018a2b3c-4d5e-7f60-8123-000000000001", createdAt: fixedTime, producerVersion: "example",
            office: SampleScans.office, officeName: "UBND phường Phúc Xá", packageId: packageID,
            batchID: "KS-00001-2017-01-1", test: true,
            pagesNotEntries: [.init(
                scan: .init(path: "KS.2017.01.bia.pdf", bytes: 602, sha256: String(repeating: "ab", count: 32)),
                kind: .cover, reason: "Bìa sổ", by: "nhaplieu1", at: "2017-08-01T08:30:00+07:00")]), kinds: [.birth])
        for record in records { try writer.write(record) }
        let written = try writer.finish()
        try PackageManifest.write(
            entries: [.init(path: "export-KS.xml", bytes: written.bytes, sha256: written.sha256, records: written.entries, kind: .birth)],
            packageID: packageID, createdAt: fixedTime, producerVersion: "example",
            office: (SampleScans.office, "UBND phường Phúc Xá"),
            auditHead: AuditHead(events: 1_204, hash: String(repeating: "5e", count: 32)), to: temporary)
        let receipt = """
            <?xml version="1.0" encoding="UTF-8"?>
            <exportReceipt xmlns="\(ExportLayout.namespace)" schemaVersion="\(ExportLayout.schemaVersion)">
              <packageId>\(packageID)</packageId>
              <receivedAt>2017-08-02T10:15:00+07:00</receivedAt>
              <result recordId="\(records[0].id)" recordVersion="1" status="accepted"/>
              <result recordId="\(records[1].id)" recordVersion="1" status="accepted"/>
              <result recordId="\(records[2].id)" recordVersion="1" status="rejected">
                <code>E-PIN-MISMATCH</code>
                <message>Số định danh không khớp cơ sở dữ liệu quốc gia về dân cư</message>
              </result>
            </exportReceipt>

            """
        return [
            ("export-KS.xml", try String(contentsOf: exportURL, encoding: .utf8)),
            ("manifest.xml", try String(contentsOf: temporary.appendingPathComponent(PackageManifest.fileName), encoding: .utf8)),
            ("receipt.xml", receipt),
        ]
    }

    /// The first `count` entries of the sample book as verified, double-keyed records.
    static func sampleRecords(count: Int) throws -> [ExportRecord] {
        let rows = SampleKeyings.rows(pass: 1)
        let header = rows[0]
        return rows.dropFirst().prefix(count).enumerated().map { index, row in
            var fields: [String: FieldValue] = [:]
            for (column, cell) in zip(header, row) {
                guard let field = FieldCatalog.field(column, in: .birth), let value = FieldRules.check(cell: cell, for: field)?.value else { continue }
                fields[field.key] = value
            }
            let number = index + 1
            let date = SampleScans.registrationDates[index]
            let path = "KS.2017.01.\(date).0\(number).pdf"
            let content = SampleScans.pdf(text: "So ho tich khai sinh 2017 quyen 01 - so \(number) - ngay \(date)")
            let sha = FileFingerprint.sha256(of: content)
            let provenance = ExportProvenance(
                book: SampleScans.book, page: fields["trangSo"]?.text, number: fields["so"]?.text,
                scan: .init(path: path, bytes: Int64(content.utf8.count), sha256: sha),
                keyings: [.init(pass: 1, by: "nhaplieu1", at: "2017-07-20T08:30:00+07:00"), .init(pass: 2, by: "nhaplieu2", at: "2017-07-21T14:10:00+07:00")],
                policy: .double, verifiedBy: "kiemtra", verifiedAt: "2017-07-25T16:45:00+07:00")
            return ExportRecord(id: "0189a000-0000-7000-8000-00000000000\(number)", version: 1, kind: .birth, fields: fields, provenance: provenance)
        }
    }
}
