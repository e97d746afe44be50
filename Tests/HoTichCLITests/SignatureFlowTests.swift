import Foundation
import HoTichExchange
import HoTichModel
import HoTichWorkflow
import Testing

/// Signed packages: a key pair, a signed export, its signature checked by hotich and by OpenSSL,
/// and every change to the package caught.
@Suite struct SignatureFlowTests {
    @Test func aSignedPackageIsCheckedAndAnyChangeIsCaught() throws {
        let ws = try VerificationFlowTests().keyed()
        _ = ws.run(["verify", ExportFlowTests.batch], as: "kiemtra")
        _ = ws.run(["arbitrate", ExportFlowTests.batch], as: "kiemtra", input: ["1", "1", "1", "1990"])
        let keys = ws.root.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        let prefix = keys.appendingPathComponent("so-tu-phap").path
        let made = CapturedRun.run(["keys", "generate", "--out", prefix, "--lang", "en"])
        #expect(made.exitCode == 0 && made.out.contains("Fingerprint: sha256:"), "\(made.err)")
        #expect(try FileManager.default.attributesOfItem(atPath: prefix + ".key")[.posixPermissions] as? Int == 0o600)
        #expect(CapturedRun.run(["keys", "generate", "--out", prefix]).exitCode == 1, "a key is never overwritten")

        let out = ws.root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        #expect(ws.run(["export", ExportFlowTests.batch, "--out", out.path, "--sign", prefix + ".pub"]).exitCode == 1, "a public key signs nothing")
        let export = ws.run(["export", ExportFlowTests.batch, "--out", out.path, "--sign", prefix + ".key"], lang: "en")
        #expect(export.exitCode == 0, "\(export.err)")
        #expect(export.out.contains("Manifest signed (manifest.xml.sig) with key sha256:"), "\(export.out)")
        let package = out.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first))
        let manifest = try String(contentsOf: package.appendingPathComponent("manifest.xml"), encoding: .utf8)
        #expect(manifest.contains("<algorithm>Ed25519</algorithm>") && manifest.contains("<keyFingerprint>sha256:"))
        #expect(try Data(contentsOf: package.appendingPathComponent("manifest.xml.sig")).count == 64)

        let checked = ws.run(["validate", package.path, "--key", prefix + ".pub"], lang: "en")
        #expect(checked.exitCode == 0 && checked.out.contains("Signature valid"), "\(checked.out)\(checked.err)")

        // OpenSSL 3 checks the same signature without hotich, where it is installed.
        if let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first(where: FileManager.default.isExecutableFile) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: openssl)
            process.arguments = ["pkeyutl", "-verify", "-pubin", "-inkey", prefix + ".pub", "-rawin",
                                 "-in", package.appendingPathComponent("manifest.xml").path,
                                 "-sigfile", package.appendingPathComponent("manifest.xml.sig").path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "openssl pkeyutl -verify")
        }

        // A key behind a link is read; a file added beside the signed ones is caught.
        let link = keys.appendingPathComponent("lien-ket.pub").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: prefix + ".pub")
        #expect(ws.run(["validate", package.path, "--key", link]).exitCode == 0)
        let added = package.appendingPathComponent("them.xml")
        try FileManager.default.copyItem(at: package.appendingPathComponent("\(ExportFlowTests.batch).xml"), to: added)
        let withExtra = ws.run(["validate", package.path, "--key", prefix + ".pub"], lang: "en")
        #expect(withExtra.exitCode == 1 && withExtra.out.contains("the signed manifest does not list"), "\(withExtra.out)")
        try FileManager.default.removeItem(at: added)
        #expect(CapturedRun.run(["keys", "generate", "--out", ""]).exitCode == 64)
        #expect(CapturedRun.run(["keys", "generate", "--out", keys.path]).exitCode == 64, "a folder is not a key's name")

        // Another key: named as not the manifest's.
        let other = keys.appendingPathComponent("khac").path
        _ = CapturedRun.run(["keys", "generate", "--out", other])
        let wrongKey = ws.run(["validate", package.path, "--key", other + ".pub"], lang: "en")
        #expect(wrongKey.exitCode == 1 && wrongKey.out.contains("not the key given"))

        // The XML edited and the manifest's hash recomputed to match: the hashes agree, the signature does not.
        let file = package.appendingPathComponent("\(ExportFlowTests.batch).xml")
        let original = try Data(contentsOf: file)
        let edited = Data(String(decoding: original, as: UTF8.self).replacingOccurrences(of: "HOÀNG ĐỨC MINH", with: "HOÀNG ĐỨC MẠNH").utf8)
        #expect(edited != original)
        try edited.write(to: file)
        let oldHash = FileFingerprint.sha256(of: String(decoding: original, as: UTF8.self))
        let newHash = FileFingerprint.sha256(of: String(decoding: edited, as: UTF8.self))
        let forged = manifest.replacingOccurrences(of: oldHash, with: newHash)
            .replacingOccurrences(of: "<bytes>\(original.count)</bytes>", with: "<bytes>\(edited.count)</bytes>")
        try Data(forged.utf8).write(to: package.appendingPathComponent("manifest.xml"))
        let hashesOnly = ws.run(["validate", package.path], lang: "en")
        #expect(hashesOnly.exitCode == 0, "without the key, the forged manifest's hashes agree: \(hashesOnly.out)")
        let caught = ws.run(["validate", package.path, "--key", prefix + ".pub"], lang: "en")
        #expect(caught.exitCode == 1 && caught.out.contains("Signature INVALID"), "\(caught.out)")

        // No signature at all.
        try FileManager.default.removeItem(at: package.appendingPathComponent("manifest.xml.sig"))
        #expect(ws.run(["validate", package.path, "--key", prefix + ".pub"]).exitCode == 1)
    }
}
