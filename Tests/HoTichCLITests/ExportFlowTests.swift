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

/// `hotich export moj` and `hotich batch adopt` through the command line: a book leaves in the
/// Ministry's form and comes back into another workspace as the same entries.
@Suite struct MinistryFlowTests {
    static let batch = ExportFlowTests.batch

    @Test func aBookGoesOutInTheMinistrysFormAndIsAdoptedElsewhere() throws {
        let ws = try VerificationFlowTests().keyed()
        _ = ws.run(["verify", Self.batch], as: "kiemtra")
        _ = ws.run(["arbitrate", Self.batch], as: "kiemtra", input: ["1", "1", "1", "1990"])
        let out = ws.root.appendingPathComponent("moj")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)

        // A template with a column that names no field is refused by name, and nothing is written.
        let template = ws.root.appendingPathComponent("mau.csv")
        try Data("STT,nksHoTen,Cột lạ\n".utf8).write(to: template)
        let refused = ws.run(["export", "moj", Self.batch, "--out", out.path, "--template", template.path], lang: "en")
        #expect(refused.exitCode == 1)
        #expect(refused.err.contains("has columns that are no field of birth records: Cột lạ"), "\(refused.err)")
        let leftBehind = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        #expect(leftBehind.isEmpty, "nothing written: \(leftBehind)")

        let exported = ws.run(["export", "moj", Self.batch, "--out", out.path, "--prefix", "xalocthuan_hbd_tbt"], lang: "en")
        #expect(exported.exitCode == 0, "\(exported.err)")
        #expect(exported.out.contains("Exported 1 book in the Ministry's form — 12 entries in spreadsheets"), "\(exported.out)")
        let package = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first)
        let folder = out.appendingPathComponent(package)
        let sheet = folder.appendingPathComponent("xalocthuan_hbd_tbt.KS.2017.01.xlsx")
        let zip = folder.appendingPathComponent("xalocthuan_hbd_tbt.KS.2017.01.zip")
        #expect(FileManager.default.fileExists(atPath: sheet.path))
        #expect(FileManager.default.fileExists(atPath: zip.path))
        let validate = ws.run(["validate", folder.path], lang: "en")
        #expect(validate.exitCode == 0, "\(validate.out)\(validate.err)")

        // Another workspace takes the book in: a wrong name first, then the Ministry's own.
        let other = try CLIWorkspace()
        let renamed = other.root.appendingPathComponent("so-khai-sinh.xlsx")
        try FileManager.default.copyItem(at: sheet, to: renamed)
        let badName = other.run(["batch", "adopt", renamed.path, "--scans", zip.path], lang: "en")
        #expect(badName.exitCode == 1)
        #expect(badName.err.contains("does not say which book it holds"))
        #expect(other.run(["batch", "list", "--format", "csv"]).out.split(separator: "\n").count <= 1, "nothing created")

        let adopted = other.run(["batch", "adopt", sheet.path, "--scans", zip.path], lang: "en")
        #expect(adopted.exitCode == 0, "\(adopted.err)")
        #expect(adopted.out.contains("Adopted as batch \(Self.batch): 12 entries (pass 1), 12 scans; 0 without a scan, 0 scans without a row"), "\(adopted.out)")
        let again = other.run(["batch", "adopt", sheet.path, "--scans", zip.path], lang: "en")
        #expect(again.exitCode == 1, "the same book is not taken in twice")
        let audit = other.run(["audit", "--format", "csv"])
        #expect(audit.out.contains("adopt"), "\(audit.out)")
    }
}
