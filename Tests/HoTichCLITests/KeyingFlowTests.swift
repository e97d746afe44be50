import Foundation
import GRDB
import HoTichModel
import HoTichStore
import HoTichWorkflow
import Testing

/// Interactive keying driven through standard input, end to end.
@Suite struct KeyingFlowTests {
    static let fields = FieldCatalog.fields(for: .birth)

    /// One answer per field in register order, from `values` (Enter where nothing is given),
    /// for the fields from index `start` up to (not including) `end`.
    func answers(_ values: [String: String], from start: Int = 0, to end: Int? = nil) -> [String] {
        Self.fields[start..<(end ?? Self.fields.count)].map { values[$0.key] ?? "" }
    }

    func index(of key: String) -> Int { Self.fields.firstIndex { $0.key == key } ?? -1 }

    static let required = [
        "loaiDangKy": "1", "nksGioiTinh": "nu", "nksNgaySinh": "28.12.2016",
        "nksNoiSinh": "Bệnh viện Phụ sản Hà Nội", "noiDangKy": "UBND phường Phúc Xá",
    ]

    func prepare() throws -> CLIWorkspace {
        let ws = try CLIWorkspace()
        let book = try SampleScans.writeGoodBook(into: ws.root)
        let received = ws.run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1"])
        #expect(received.exitCode == 0)
        return ws
    }

    @Test func keyTwoRecordsGoBackMarkIllegiblePauseAndResume() throws {
        let ws = try prepare()
        var first = Self.required
        first["nksHoTen"] = "NGUYỄN MINH ANH"
        first["nksQueQuan"] = "."
        first["nksDanToc"] = "ede"
        // Record 1: up to the name, a wrong name, back, the right name, then the rest, then save.
        let name = index(of: "nksHoTen")
        var input = answers(first, to: name) + ["NGUYỄN VĂN SAI", "<"] + answers(first, from: name) + [""]
        // Record 2: stop halfway with :q.
        var second = Self.required
        second["nksHoTen"] = "LÊ HOÀNG NAM?"
        second["nksGioiTinh"] = "1"
        second["nksNgaySinh"] = "01.01.2017"
        let half = index(of: "meHoTen")
        input += answers(second, to: half) + [":q"]
        let run1 = ws.run(["key", "KS-00001-2017-01-1"], as: "nhaplieu", lang: "en", input: input)
        #expect(run1.exitCode == 0, "\(run1.err)")
        #expect(run1.unreadInput == 0)
        #expect(run1.out.contains("→ 12 Ê-đê"))
        #expect(run1.out.contains("Full name [NGUYỄN VĂN SAI]: "), "going back shows the answer given")
        #expect(run1.out.contains("Saved record number 01 (KS.2017.01.2017-01-05.01.pdf)."))
        #expect(run1.out.contains("Paused; the record in progress is kept."))
        #expect(run1.out.contains("Keyed 1 records"))

        // Run 2 resumes record 2 at the mother's name, finishes it, then pauses at once on record 3.
        let run2 = ws.run(["key", "KS-00001-2017-01-1"], as: "nhaplieu", lang: "en", input: answers(second, from: half) + ["", ":q"])
        #expect(run2.exitCode == 0, "\(run2.err)")
        #expect(run2.out.contains("Mother's full name: "))
        #expect(!run2.out.contains("Full name:"), "resuming does not ask the fields already answered")
        #expect(run2.out.contains("Saved record number 02"))

        let workspace = try Workspace.open(at: URL(fileURLWithPath: ws.path))
        let records = try workspace.sqlite.databaseRead { db in try RegisterRecord.order(Column("number")).fetchAll(db) }
        #expect(records.count == 2)
        #expect(records[0].fields["nksHoTen"] == .filled("NGUYỄN MINH ANH"))
        #expect(records[0].fields["nksGioiTinh"] == .filled("Nữ"))
        #expect(records[0].fields["nksQueQuan"] == .illegible)
        #expect(records[0].fields["nksDanToc"] == .filled("Ê-đê"))
        #expect(records[0].fields["meHoTen"] == .blank)
        #expect(records[0].fields["ngayDangKy"] == .filled("05.01.2017"))
        #expect(records[1].fields["nksHoTen"] == .uncertain("LÊ HOÀNG NAM"))
        #expect(records[1].fields["so"] == .filled("02"))
        let drafts = try workspace.sqlite.databaseRead { db in try Keying.filter(Column("state") == "draft").fetchAll(db) }
        #expect(drafts.count == 1 && drafts.first?.position == 0)
    }

    @Test func aRejectedAnswerIsAskedAgainWithTheReason() throws {
        let ws = try prepare()
        var values = Self.required
        values["nksHoTen"] = "TRẦN GIA BẢO"
        let birth = index(of: "nksNgaySinh")
        let input = answers(values, to: birth) + ["31.13.2016"] + answers(values, from: birth) + [""] + [":q"]
        let run = ws.run(["key", "KS-00001-2017-01-1"], as: "nhaplieu", input: input)
        #expect(run.exitCode == 0, "\(run.err)")
        #expect(run.out.contains("Không nhận: Ngày, tháng, năm sinh: không phải ngày (dd.mm.yyyy, mm.yyyy hoặc yyyy). Nhập lại."))
        #expect(run.out.contains("Đã lưu bản ghi số 01"))
    }

    @Test func endOfInputPausesLikeQuit() throws {
        let ws = try prepare()
        let run = ws.run(["key", "KS-00001-2017-01-1"], as: "nhaplieu", lang: "en", input: ["01", ""])
        #expect(run.exitCode == 0)
        #expect(run.out.contains("Paused"))
        let resumed = ws.run(["key", "KS-00001-2017-01-1"], as: "nhaplieu", lang: "en", input: [":q"])
        #expect(resumed.out.contains("Page: "), "resumes at the third field, trangSo")
    }

    @Test func theSecondPassMustBeAnotherOperatorAndNeverSeesPassOne() throws {
        let ws = try prepare()
        var values = Self.required
        values["nksHoTen"] = "ĐẶNG QUANG HUY"
        let first = ws.run(["key", "KS-00001-2017-01-1"], as: "nhaplieu", lang: "en", input: answers(values) + ["", ":q"])
        #expect(first.exitCode == 0)
        ws.run(["user", "add", "nhaplieu2", "--role", "operator"], as: "quantri")
        let second = ws.run(["key", "KS-00001-2017-01-1", "--pass", "2"], as: "nhaplieu2", lang: "en", input: [":q"])
        #expect(second.out.contains("KS.2017.01.2017-01-05.01.pdf"))
        #expect(!second.out.contains("ĐẶNG QUANG HUY"))
        let same = ws.run(["key", "KS-00001-2017-01-1", "--pass", "2"], as: "nhaplieu", lang: "en", input: [":q"])
        #expect(!same.out.contains("KS.2017.01.2017-01-05.01.pdf ("), "pass 1's operator gets another file")
        let bad = ws.run(["key", "KS-00001-2017-01-1", "--pass", "3"], as: "nhaplieu")
        #expect(bad.exitCode == 64)
    }

    @Test func importFromTheCommandLine() throws {
        let ws = try prepare()
        try SampleKeyings.write(into: ws.root)
        let file = ws.root.appendingPathComponent(SampleKeyings.fileName(pass: 1)).path
        let run = ws.run(["key", "import", "KS-00001-2017-01-1", file], as: "nhaplieu", lang: "en")
        #expect(run.exitCode == 0, "\(run.err)")
        #expect(run.out == "Read 12 rows: 12 imported, 0 rejected, 0 already present.\n")
        let again = ws.run(["key", "import", "KS-00001-2017-01-1", file], as: "nhaplieu", lang: "en")
        #expect(again.out.hasSuffix("Read 12 rows: 0 imported, 0 rejected, 12 already present.\n"))
        let broken = ws.root.appendingPathComponent("loi.csv")
        try Data((SampleKeyings.header.joined(separator: ",") + "\n13,13,01/2017,,05.08.2017,1,x,,,,,2,1.1.2017,y\n").utf8).write(to: broken)
        let refused = ws.run(["key", "import", "KS-00001-2017-01-1", broken.path], as: "nhaplieu", lang: "en")
        #expect(refused.exitCode == 1)
        #expect(refused.out.contains("row 2, column nksHoTen: Full name: required but missing"))
        #expect(refused.err.contains("Nothing was imported: 1 of 1 rows have problems"))
    }
}
