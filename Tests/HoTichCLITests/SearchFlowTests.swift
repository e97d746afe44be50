import Foundation
import HoTichModel
import Testing

@Suite struct SearchFlowTests {
    @Test func searchFromTheCommandLine() throws {
        let ws = try DemoWorkspace()
        let plain = ws.run(["search", "hoang", "duc", "minh"])
        #expect(plain.exitCode == 0, "\(plain.err)")
        #expect(plain.out.contains("HOÀNG ĐỨC MINH") && plain.out.contains("đúng (không dấu)"), "\(plain.out)")
        let quoted = ws.run(["search", "Hoàng Đức Minh", "--lang", "en"])
        #expect(quoted.out.contains("exact") && quoted.out.contains("Registered"))
        let csv = ws.run(["search", "so:05", "quyen:01/2017", "--format", "csv"])
        #expect(csv.out.hasPrefix("kind,number,book,office,registrationDate,subject,birthDate,batch,state,match,role,recordId\r\n"))
        #expect(csv.out.contains("KS,05,01/2017,00001,20.02.2017,HOÀNG ĐỨC MINH,"))
        let json = ws.run(["search", "2017", "--limit", "3", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(rows.count == 3 && rows.allSatisfy { $0["state"] as? String == "verified" })
        let none = ws.run(["search", "khong co ai"])
        #expect(none.exitCode == 0 && none.out == "Không có gì để hiển thị.\n")

        let bad = ws.run(["search", "so:x"], lang: "en")
        #expect(bad.exitCode == 64 && bad.err.contains("\"so:x\" does not read"))
        #expect(ws.run(["search"]).exitCode == 64)
        #expect(ws.run(["search", "an", "--limit", "0"]).exitCode == 64)
        #expect(ws.run(["search", "an", "--year", "2017-2016"]).exitCode == 64)
        #expect(ws.run(["search", "an", "--office", "x1"]).exitCode == 64)
        let hostile = ws.run(["search", "an\u{1B}[2J", "so:\u{1B}x"], lang: "en")
        #expect(hostile.exitCode == 64 && !hostile.err.contains("\u{1B}"))

        #expect(ws.run(["search", "hoang duc minh", "--format", "csv"], as: "nhaplieu1").out.contains("HOÀNG ĐỨC MINH"))
        #expect(ws.run(["search", "--rebuild-index"], as: "nhaplieu1").exitCode == 1)
        let rebuilt = ws.run(["search", "--rebuild-index"], lang: "en")
        #expect(rebuilt.exitCode == 0 && rebuilt.out.contains("it matched the data"))
    }

    @Test func aRecordsStoryFromTheCommandLine() throws {
        let ws = try DemoWorkspace()
        let shown = ws.run(["record", "show", "KS-00001-2017-01-1", "05"])
        #expect(shown.exitCode == 0, "\(shown.err)")
        for section in ["▸ Bản ghi", "▸ Giá trị hiện tại", "▸ Tệp quét", "▸ Các lần nhập", "▸ Giao nộp và biên nhận"] {
            #expect(shown.out.contains(section), "\(section)")
        }
        #expect(shown.out.contains("HOÀNG ĐỨC MINH") && shown.out.contains("nhaplieu2"))
        let json = ws.run(["record", "show", "KS-00001-2017-01-1", "5", "--format", "json"])
        let story = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(Set(story.keys) == ["record", "values", "scanFile", "keyings", "decisions", "changes", "findings", "duplicates", "deliveries"])
        #expect((story["keyings"] as? [[String: Any]])?.count == 2)
        let id = try #require((story["record"] as? [[String: Any]])?.first { $0["key"] as? String == "recordId" }?["value"] as? String)
        #expect(ws.run(["record", "show", id, "--lang", "en"]).out.contains("▸ Deliveries and receipts"))
        let missing = ws.run(["record", "show", "nope"], lang: "en")
        #expect(missing.exitCode == 1 && missing.err.contains("There is no record nope"))
        #expect(ws.run(["record", "show"]).exitCode == 64)
        #expect(ws.run(["record", "show", "KS-00001-2017-01-1", "99"]).exitCode == 1)
    }
}
