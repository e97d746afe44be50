import Foundation
import Testing

/// The repository's root folder (the schemas and fixtures are read from it).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A temporary folder of its own, removed afterwards.
final class TemporaryFolder {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-exchange-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }
}

/// The sample batch's export as the workflow tests' golden file keeps it (`fixtures/export`), with
/// what they mask (identifiers, times, the producer's version) given back real values: a valid file
/// of 12 entries.
enum GoldenExport {
    static let url = repositoryRoot.appendingPathComponent("fixtures/export/KS-00001-2017-01-1.xml")

    static func text() throws -> String {
        var text = try String(contentsOf: url, encoding: .utf8)
        var serial = 0
        while let range = text.range(of: "UUID") {
            serial += 1
            text.replaceSubrange(range, with: String(format: "00000000-0000-7000-8000-%012d", serial))
        }
        return text.replacingOccurrences(of: "TIME", with: "2026-12-02T08:00:00.000Z")
            .replacingOccurrences(of: "<version>VERSION</version>", with: "<version>0.4.0</version>")
    }
}
