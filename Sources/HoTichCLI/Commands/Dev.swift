import ArgumentParser
import Foundation
import HoTichExchange
import HoTichModel
import HoTichWorkflow

/// `hotich dev-schemas --out schemas`: writes the published schemas and their examples.
struct DevSchemas: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-schemas", abstract: "Write schemas/hotich-export/1 (XSDs and examples).", shouldDisplay: false)
    @Option(help: "The repository's schemas/ folder.")
    var out: String
    func run() throws {
        try SchemaExamples.write(into: URL(fileURLWithPath: out))
    }
}

/// `hotich dev-fixtures --out DIR`: writes the sample scans that are committed under `fixtures/`.
struct DevFixtures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-fixtures", abstract: "Write the sample scans and keying sheets committed under fixtures/.",
        shouldDisplay: false)

    @Option(help: "Folder that receives scans/.")
    var out: String

    func run() throws {
        let root = URL(fileURLWithPath: out)
        let scans = root.appendingPathComponent("scans", isDirectory: true)
        try SampleScans.writeGoodBook(into: scans)
        try SampleScans.writeFlawedBook(into: scans)
        try SampleKeyings.write(into: root.appendingPathComponent("keying", isDirectory: true))
    }
}
