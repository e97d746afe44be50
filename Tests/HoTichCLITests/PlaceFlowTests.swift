import Foundation
import HoTichModel
import HoTichWorkflow
import Testing

/// `hotich ref` and `hotich text` from the command line: no workspace needed.
@Suite struct PlaceFlowTests {
    @Test func aUnitAndItsSuccessorFromTheCommandLine() throws {
        let shown = CapturedRun.run(["ref", "show", "20359"])
        #expect(shown.exitCode == 0, "\(shown.err)")
        #expect(shown.out.contains("Xã Tam Thanh") && shown.out.contains("502 Thành phố Tam Kỳ") && shown.out.contains("49 Tỉnh Quảng Nam"))
        #expect(shown.out.contains("Đơn vị kế thừa (từ 1/7/2025)") && shown.out.contains("20356  Phường Quảng Phú  48 Thành phố Đà Nẵng"))
        let english = CapturedRun.run(["ref", "show", "20356", "--lang", "en"])
        #expect(english.out.contains("Predecessors (before 1 July 2025)") && english.out.contains("20359"), "\(english.out)")
        let json = CapturedRun.run(["ref", "show", "28", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(object["0/unit"] != nil && (object["0/successors"] as? [[String: Any]])?.first?["code"] as? String == "01")
        // At a date: Hà Tây's Ba Vì belongs to Hà Tây in 2005, to Hà Nội in 2010.
        #expect(CapturedRun.run(["ref", "show", "271", "--at", "2005-01-01"]).out.contains("28 Tỉnh Hà Tây"))
        #expect(CapturedRun.run(["ref", "show", "271", "--at", "2010-01-01"]).out.contains("01 Thành phố Hà Nội"))

        let unknown = CapturedRun.run(["ref", "show", "99999\u{1B}[2J", "--lang", "en"])
        #expect(unknown.exitCode == 1 && unknown.err.contains("No administrative unit") && !unknown.err.contains("\u{1B}"))
        #expect(CapturedRun.run(["ref", "show", "01", "--at", "2025-02-30"]).exitCode == 64)
    }

    @Test func searchAndResolveFromTheCommandLine() {
        let csv = CapturedRun.run(["ref", "search", "tam", "thanh", "--level", "commune", "--at", "2010-01-01", "--format", "csv"])
        #expect(csv.exitCode == 0 && csv.out.hasPrefix("code,level,name,parent,validFrom,validTo,list\r\n"))
        #expect(csv.out.contains("20359,commune,Xã Tam Thanh,502,,2025-06-30,2004"), "\(csv.out)")
        #expect(CapturedRun.run(["ref", "search", "tam", "--level", "hamlet"]).exitCode == 64)
        #expect(CapturedRun.run(["ref", "search", "khong co dau ca"]).out == "Không có gì để hiển thị.\n")

        let resolved = CapturedRun.run(["ref", "resolve", "Tam Thanh - Tam Kỳ - QN-ĐN", "--at", "1995-03-12", "--lang", "en"])
        #expect(resolved.exitCode == 0 && resolved.out.hasPrefix("certain (1 candidate)"), "\(resolved.out)")
        #expect(resolved.out.contains("20359 Xã Tam Thanh") && resolved.out.contains("20356 Phường Quảng Phú"))
        let ambiguous = CapturedRun.run(["ref", "resolve", "xã", "Tam", "Thanh", "--at", "2010-01-01"])
        #expect(ambiguous.out.hasPrefix("chưa rõ: nhiều đơn vị cùng khớp"))
    }

    @Test func aLegacyFileIsConvertedWithItsReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("so-cu.csv")
        // TCVN3 read as Windows-1252 and saved as UTF-8, names in capitals typed in an uppercase font.
        try Data("so,nksHoTen,nksNoiSinh\n01,NGUYÔN V¡N AN,\"x· Tam Thanh, Tam Kú, Qu¶ng Nam\"\n02,TRÇN THÞ BÝCH NGäC,Hµ Néi\n03,Lª ¸nh,§µ N½ng\n".utf8)
            .write(to: source)
        let out = folder.appendingPathComponent("so-moi.csv")
        let run = CapturedRun.run(["text", "convert", source.path, "--out", out.path])
        #expect(run.exitCode == 0, "\(run.err)")
        #expect(run.out.contains("Đã chuyển sang Unicode") && run.out.contains("Cột B: TCVN3 (ABC)") && run.out.contains("đã khôi phục"))
        #expect(run.out.contains("«NGUYÔN V¡N AN» → «NGUYỄN VĂN AN»"), "\(run.out)")
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text.contains("NGUYỄN VĂN AN") && text.contains("\"xã Tam Thanh, Tam Kỳ, Quảng Nam\"") && text.contains("Lê Ánh"))
        #expect(text.contains("TRẦN THỊ BÍCH NGỌC") && text.contains("Đà Nẵng"), "\(text)")
        #expect(CapturedRun.run(["text", "convert", source.path, "--from", "utf8", "--out", out.path]).exitCode == 64)
        #expect(CapturedRun.run(["text", "convert", source.path, "--out", folder.appendingPathComponent("x.txt").path]).exitCode == 64)
        let again = CapturedRun.run(["text", "convert", out.path, "--out", folder.appendingPathComponent("lai.csv").path, "--lang", "en"])
        #expect(again.exitCode == 0 && again.out.contains("is already Unicode"))
    }
}
