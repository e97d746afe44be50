import Foundation
import HoTichWorkflow
import Testing

/// The committed `fixtures/scans/` is exactly what `SampleScans` writes, so the demo and the
/// tests work on the same files (regenerate with `swift run hotich dev-fixtures --out fixtures`).
@Suite struct FixtureTests {
    static let committed = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/scans")

    func files(under root: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            result[relative] = try Data(contentsOf: url)
        }
        return result
    }

    @Test func committedFixturesMatchTheGenerator() throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-fixtures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try SampleScans.writeGoodBook(into: temporary)
        try SampleScans.writeFlawedBook(into: temporary)
        let generated = try files(under: temporary)
        let committed = try files(under: Self.committed)
        #expect(generated.count == 19)
        #expect(committed.keys.sorted() == generated.keys.sorted())
        for (path, data) in generated {
            #expect(committed[path] == data, "\(path) differs from the generator")
        }
    }

    @Test func committedKeyingSheetsMatchTheGenerator() throws {
        let folder = Self.committed.deletingLastPathComponent().appendingPathComponent("keying")
        for pass in [1, 2] {
            let committed = try Data(contentsOf: folder.appendingPathComponent(SampleKeyings.fileName(pass: pass)))
            #expect(committed == Data(SampleKeyings.csv(pass: pass).utf8), "pass \(pass) sheet differs from the generator")
        }
    }

    @Test func theSamplePDFsAreWellFormed() throws {
        let pdf = SampleScans.pdf(text: "So (1)")
        #expect(pdf.hasPrefix("%PDF-1.4\n"))
        #expect(pdf.hasSuffix("%%EOF\n"))
        // The cross-reference offsets point at the objects they name.
        let bytes = Array(pdf.utf8)
        let xrefStart = try #require(pdf.range(of: "xref\n")).lowerBound.utf16Offset(in: pdf)
        let entries = pdf[pdf.index(pdf.startIndex, offsetBy: xrefStart)...].split(separator: "\n").dropFirst(3).prefix(5)
        for (index, entry) in entries.enumerated() {
            let offset = try #require(Int(entry.prefix(10)))
            let head = String(decoding: bytes[offset..<offset + 8], as: UTF8.self)
            #expect(head.hasPrefix("\(index + 1) 0 obj"))
        }
    }
}
