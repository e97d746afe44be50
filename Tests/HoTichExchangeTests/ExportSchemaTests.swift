import Foundation
import HoTichExchange
import HoTichModel
import HoTichWorkflow
import Testing

@Suite struct ExportSchemaTests {
    static let folder = repositoryRoot.appendingPathComponent("schemas/hotich-export/1")

    @Test(arguments: ExportSchema.Document.allCases)
    func theCommittedSchemaIsTheOneHotichValidatesAgainst(_ document: ExportSchema.Document) throws {
        let committed = try String(contentsOf: Self.folder.appendingPathComponent(document.fileName), encoding: .utf8)
        #expect(committed == document.text, "run `swift run hotich dev-schemas --out schemas`")
        _ = try ExportValidator.schema(for: document)
    }

    @Test func everyValidExampleIsValid() throws {
        for name in ["export-KS.xml", "manifest.xml", "receipt.xml"] {
            let url = Self.folder.appendingPathComponent("examples/valid/\(name)")
            let report = ExportValidator.validate(file: url, packageFolder: name == "manifest.xml" ? url.deletingLastPathComponent() : nil)
            #expect(report.isValid, "\(name): \(report.describe())")
        }
    }

    @Test(arguments: SchemaExamples.invalid.map(\.name))
    func everyInvalidExampleIsRejectedWithTheExpectedMessage(_ name: String) throws {
        let example = try #require(SchemaExamples.invalid.first { $0.name == name })
        let url = Self.folder.appendingPathComponent("examples/invalid/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("INVALID: \(example.rule)"), "the example says which rule it breaks")
        let report = ExportValidator.validate(file: url)
        #expect(!report.isValid)
        #expect(report.lines.contains { $0.message.contains(example.expect) && $0.line > 0 }, "\(report.describe())")
    }

    @Test func theExamplesAreWhatTheGeneratorWrites() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-schemas-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try SchemaExamples.write(into: root)
        let generated = root.appendingPathComponent("hotich-export/1/examples")
        for sub in ["valid", "invalid"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: generated.appendingPathComponent(sub).path) {
                let fresh = try String(contentsOf: generated.appendingPathComponent("\(sub)/\(name)"), encoding: .utf8)
                let committed = try String(contentsOf: Self.folder.appendingPathComponent("examples/\(sub)/\(name)"), encoding: .utf8)
                #expect(fresh == committed, "\(sub)/\(name): run `swift run hotich dev-schemas --out schemas`")
            }
        }
    }

    /// 1.1.0 to 1.4.0 only added optional content: a file written for 1.0.0 (no place codes, no pages
    /// that are not entries) and one written for 1.1.0 (a place coded by its province alone, in the
    /// list `dvhc.tinh`) are still valid.
    @Test func filesOfEarlierMinorVersionsAreStillValid() throws {
        let test = try TemporaryFolder()
        let text = try String(contentsOf: Self.folder.appendingPathComponent("examples/valid/export-KS.xml"), encoding: .utf8)
        let coded = #" province="01" district="001" commune="00001" list="dvhc.2004" listVersion="gso-2025-07-18" resolution="certain" successorProvince="01" successorCommune="00097" successorListVersion="gso-2025-07-01""#
        #expect(text.contains("<nksQueQuan\(coded)>"))
        let version = #"schemaVersion="\#(ExportLayout.schemaVersion)""#
        let lists = #"(?m)^      <list id="dvhc\.20(04|25)" version="[^"]*"/>\n"#
        let old = text.replacingOccurrences(of: coded, with: "")
            .replacingOccurrences(of: version, with: #"schemaVersion="1.0.0""#)
            .replacingOccurrences(of: lists, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"(?s)    <pagesNotEntries>.*</pagesNotEntries>\n"#, with: "", options: .regularExpression)
        #expect(!old.contains("dvhc") && !old.contains("pagesNotEntries") && old.contains(#"schemaVersion="1.0.0""#))
        let url = test.root.appendingPathComponent("export-1.0.0.xml")
        try Data(old.utf8).write(to: url)
        let report = ExportValidator.validate(file: url)
        #expect(report.isValid, "\(report.describe())")

        let v11 = text.replacingOccurrences(of: coded, with: #" province="01" list="dvhc.tinh" listVersion="QD124-2004""#)
            .replacingOccurrences(of: version, with: #"schemaVersion="1.1.0""#)
            .replacingOccurrences(of: lists, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"      <list id="gioiTinh""#, with: #"      <list id="dvhc.tinh" version="QD124-2004"/>\#n      <list id="gioiTinh""#)
            .replacingOccurrences(of: #"(?s)    <pagesNotEntries>.*</pagesNotEntries>\n"#, with: "", options: .regularExpression)
        #expect(v11.contains(#"list id="dvhc.tinh""#) && !v11.contains("dvhc.2004"))
        let url11 = test.root.appendingPathComponent("export-1.1.0.xml")
        try Data(v11.utf8).write(to: url11)
        #expect(ExportValidator.validate(file: url11).isValid)

        // The new attributes are checked: a district code of two digits is refused.
        let bad = text.replacingOccurrences(of: #"district="001""#, with: #"district="01""#)
        let badURL = test.root.appendingPathComponent("bad-district.xml")
        try Data(bad.utf8).write(to: badURL)
        #expect(!ExportValidator.validate(file: badURL).isValid)
    }

    @Test func aTruncatedExportIsNeverValid() throws {
        let test = try TemporaryFolder()
        let text = try String(contentsOf: Self.folder.appendingPathComponent("examples/valid/export-KS.xml"), encoding: .utf8)
        let url = test.root.appendingPathComponent("truncated.xml")
        try Data(text.utf8.prefix(text.utf8.count * 2 / 3)).write(to: url)
        let report = ExportValidator.validate(file: url)
        #expect(!report.isValid)
        // libxml2 names what is cut short ("Premature end of data in tag …", "Couldn't find end of …").
        #expect(report.lines.count == 1 && report.lines[0].line > 100, "\(report.describe())")
    }

    @Test func aFileThatIsNotHotichsIsNamedAsSuch() throws {
        let test = try TemporaryFolder()
        let url = test.root.appendingPathComponent("other.xml")
        try Data("<?xml version=\"1.0\"?><catalog xmlns=\"urn:other\"/>".utf8).write(to: url)
        let report = ExportValidator.validate(file: url)
        #expect(report.document == nil && !report.isValid)
        #expect(report.lines.first?.message.contains("not a hotich-export document") == true)
        let broken = test.root.appendingPathComponent("broken.xml")
        try Data("<exportBatch xmlns=\"urn:hotich:export:1\"><header>".utf8).write(to: broken)
        #expect(!ExportValidator.validate(file: broken).isValid)
    }
}
