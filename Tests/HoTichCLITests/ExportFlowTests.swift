import Foundation
import HoTichModel
import HoTichWorkflow
import Testing

/// `hotich export` and `hotich validate` through the command line.
@Suite struct ExportFlowTests {
    static let batch = "KS-00001-2017-01-1"
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schemas/hotich-export/1/examples")

    @Test func exportAVerifiedBatchThenValidateThePackage() throws {
        let ws = try VerificationFlowTests().keyed()
        let out = ws.root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let early = ws.run(["export", Self.batch, "--out", out.path], lang: "en")
        #expect(early.exitCode == 1)
        #expect(early.err.contains("only verified batches can be exported"))
        _ = ws.run(["verify", Self.batch], as: "kiemtra")
        _ = ws.run(["arbitrate", Self.batch], as: "kiemtra", input: ["1", "1", "1", "1990"])
        let byVerifier = ws.run(["export", Self.batch, "--out", out.path], as: "kiemtra", lang: "en")
        #expect(byVerifier.exitCode == 1 && byVerifier.err.contains("may not export records"))

        let export = ws.run(["export", Self.batch, "--out", out.path], lang: "en")
        #expect(export.exitCode == 0, "\(export.err)")
        #expect(export.out.contains("Exported 12 records in 1 file, validated against the schema and hashed"))
        let package = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first)
        let validate = ws.run(["validate", out.appendingPathComponent(package).path], lang: "en")
        #expect(validate.exitCode == 0, "\(validate.out)\(validate.err)")
        #expect(validate.out.contains("manifest.xml: valid (exportManifest, 1 items)."))
        #expect(validate.out.contains("\(Self.batch).xml: valid (exportBatch, 12 items)."))

        // The receipt comes back: the sample receipt's package id is replaced by this package's.
        let example = try String(contentsOf: Self.examples.appendingPathComponent("valid/receipt.xml"), encoding: .utf8)
        let receipt = ws.root.appendingPathComponent("receipt.xml")
        try Data(example.replacingOccurrences(of: "018a2b3c-4d5e-7f60-8123-456789abcdef", with: package).utf8).write(to: receipt)
        let applied = ws.run(["export", "receipts", receipt.path], lang: "en")
        #expect(applied.exitCode == 0, "\(applied.err)")
        #expect(applied.out.contains("0 records accepted, 0 rejected"), "the example's record ids are not this package's")
        #expect(applied.out.contains("3 results matching no record of the package"))
        let status = ws.run(["status"], lang: "en")
        #expect(status.out.contains("Exported records: 12 — accepted 0, rejected 0, awaiting a receipt 12."))

        let again = ws.run(["export", Self.batch, "--out", out.path], lang: "en")
        #expect(again.exitCode == 0)
        #expect(again.out.contains("is already exported; nothing new is written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 1)

        // A changed byte in a packaged file is caught through the manifest.
        let file = out.appendingPathComponent(package).appendingPathComponent("\(Self.batch).xml")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "Bệnh viện Bạch Mai", with: "Bệnh viện Bạch Mái")
        try Data(text.utf8).write(to: file)
        let tampered = ws.run(["validate", out.appendingPathComponent(package).path], lang: "en")
        #expect(tampered.exitCode == 1)
        #expect(tampered.out.contains("does not match its SHA-256 in the manifest") || tampered.out.contains("bytes, the manifest says"))
    }

    @Test func validatePrintsEveryProblemWithItsLine() throws {
        let run = CapturedRun.run(["validate", Self.examples.appendingPathComponent("invalid/unknown-field-state.xml").path, "--lang", "en"])
        #expect(run.exitCode == 1)
        #expect(run.out.components(separatedBy: "line ").count - 1 == 3, "one line per problem: \(run.out)")
        #expect(run.out.contains("NOT valid, 3 problems"))
        let missing = CapturedRun.run(["validate", "/nonexistent/file.xml", "--lang", "en"])
        #expect(missing.exitCode == 1)
        let valid = CapturedRun.run(["validate", Self.examples.appendingPathComponent("valid/receipt.xml").path])
        #expect(valid.exitCode == 0)
        #expect(valid.out.contains("hợp lệ (exportReceipt, 3 mục)"))
    }
}
