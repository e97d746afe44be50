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

    /// 1.1.0 to 1.3.0 only added optional content: a file written for 1.0.0 (no place codes, no pages
    /// that are not entries) is still valid.
    @Test func aFileOfTheFirstMinorVersionIsStillValid() throws {
        let test = try TemporaryFolder()
        let text = try String(contentsOf: Self.folder.appendingPathComponent("examples/valid/export-KS.xml"), encoding: .utf8)
        #expect(text.contains(#"<nksQueQuan province="01" list="dvhc.tinh" listVersion="QD124-2004">"#))
        let old = text.replacingOccurrences(of: #" province="01" list="dvhc.tinh" listVersion="QD124-2004""#, with: "")
            .replacingOccurrences(of: #"schemaVersion="\#(ExportLayout.schemaVersion)""#, with: #"schemaVersion="1.0.0""#)
            .replacingOccurrences(of: #"      <list id="dvhc.tinh" version="QD124-2004"/>\#n"#, with: "")
            .replacingOccurrences(of: #"(?s)    <pagesNotEntries>.*</pagesNotEntries>\n"#, with: "", options: .regularExpression)
        #expect(!old.contains("dvhc.tinh") && !old.contains("pagesNotEntries") && old.contains(#"schemaVersion="1.0.0""#))
        let url = test.root.appendingPathComponent("export-1.0.0.xml")
        try Data(old.utf8).write(to: url)
        let report = ExportValidator.validate(file: url)
        #expect(report.isValid, "\(report.describe())")
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
