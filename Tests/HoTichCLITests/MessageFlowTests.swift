import Foundation
import HoTichModel
import HoTichWorkflow
import Testing

/// What people read: each family of messages rendered through the command line, in both languages.
@Suite struct MessageFlowTests {
    static let batch = "KS-00001-2017-01-1"

    /// The sample book received under `policy` and imported (both passes when double), with a
    /// verifier and a second operator.
    func keyed(policy: String = "double", pass1: [[String]]? = nil) throws -> CLIWorkspace {
        let ws = try CLIWorkspace()
        ws.run(["user", "add", "nhaplieu2", "--role", "operator"], as: "quantri")
        ws.run(["user", "add", "kiemtra", "--role", "verifier"], as: "quantri")
        let book = try SampleScans.writeGoodBook(into: ws.root)
        #expect(ws.run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1",
                        "--policy", policy]).exitCode == 0)
        let sheets = ws.root.appendingPathComponent("sheets")
        try SampleKeyings.write(into: sheets)
        let first = sheets.appendingPathComponent(SampleKeyings.fileName(pass: 1))
        if let pass1 { try Data(csvLines(pass1).utf8).write(to: first) }
        #expect(ws.run(["key", "import", Self.batch, first.path], as: "nhaplieu").exitCode == 0)
        if policy == "double" {
            #expect(ws.run(["key", "import", Self.batch, sheets.appendingPathComponent(SampleKeyings.fileName(pass: 2)).path, "--pass", "2"],
                           as: "nhaplieu2").exitCode == 0)
        }
        return ws
    }

    func csvLines(_ rows: [[String]]) -> String {
        rows.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    @Test func keyingAHeldBatchNamesBatchRelease() throws {
        let ws = try CLIWorkspace()
        let book = try SampleScans.writeGoodBook(into: ws.root)
        ws.run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1"])
        #expect(ws.run(["batch", "hold", Self.batch, "--reason", "Chờ bìa"]).exitCode == 0)
        let en = ws.run(["key", Self.batch], as: "nhaplieu", lang: "en")
        #expect(en.exitCode == 1)
        #expect(en.err.contains("is on hold and cannot be keyed. A supervisor resumes it with `hotich batch release \(Self.batch)`."))
        #expect(!en.err.contains("return it to keying"))
        #expect(en.out.isEmpty, "nothing is shown before the refusal: \(en.out)")
        let vi = ws.run(["key", Self.batch], as: "nhaplieu")
        #expect(vi.err.contains("đang tạm dừng, không nhập liệu được. Giám sát cho tiếp tục bằng `hotich batch release \(Self.batch)`."))
    }

    /// "(type ?? to see it)" means something only at a keying prompt.
    @Test func theCodeListHintIsShownOnlyWhereItCanBeUsed() throws {
        let ws = try CLIWorkspace()
        let book = try SampleScans.writeGoodBook(into: ws.root)
        ws.run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1"])
        var rows = SampleKeyings.rows(pass: 1)
        rows[2][11] = "7"
        let sheet = ws.root.appendingPathComponent("ma-sai.csv")
        try Data(csvLines(rows).utf8).write(to: sheet)
        for lang in ["en", "vi"] {
            let run = ws.run(["key", "import", Self.batch, sheet.path], as: "nhaplieu", lang: lang)
            #expect(run.exitCode == 1)
            #expect(!run.out.contains("??") && !run.err.contains("??"), "\(run.out)")
        }
        let en = ws.run(["key", "import", Self.batch, sheet.path], as: "nhaplieu", lang: "en")
        #expect(en.out.contains("row 3, column nksGioiTinh: Sex: not in its code list (1 Nam, 2 Nữ, 3 Không xác định)"), "\(en.out)")
        // At a keying prompt the hint is given, in both languages.
        let field = try #require(FieldCatalog.field("nksGioiTinh", in: .birth))
        guard case .rejected(let message) = KeyingInput.interpret("7", field: field, kind: .birth, proposal: nil) else {
            Issue.record("an unknown code was taken")
            return
        }
        #expect(message.text(in: .vietnamese) == "Giới tính: không có trong danh mục (1 Nam, 2 Nữ, 3 Không xác định) (gõ ?? để xem danh sách)")
        #expect(message.text(in: .english) == "Sex: not in its code list (1 Nam, 2 Nữ, 3 Không xác định) (type ?? to see the list)")
        guard case .rejected(let noList) = KeyingInput.interpret("??", field: try #require(FieldCatalog.field("nksHoTen", in: .birth)),
                                                                 kind: .birth, proposal: nil) else { return }
        #expect(noList.text(in: .english) == "Full name has no code list; type the value as the book has it")
    }

    @Test func verifyAsJSONPrintsTheSummaryAndTheFindingsOnStandardOutput() throws {
        let ws = try keyed()
        let run = ws.run(["verify", Self.batch, "--format", "json"], as: "kiemtra")
        #expect(run.exitCode == 0, "\(run.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(object["batch"] as? String == Self.batch)
        #expect(object["conflictsOpen"] as? Int == 3 && object["doubtsOpen"] as? Int == 1 && object["records"] as? Int == 12)
        #expect(object["state"] as? String == "verifying")
        #expect(object["findings"] is [Any])
        let csv = ws.run(["verify", Self.batch, "--format", "csv"], as: "kiemtra")
        #expect(csv.out.hasPrefix("id,record,field,code,severity,acknowledgedBy,message\r\n"))
    }

    @Test func oneVersionFromOnePlace() throws {
        let run = CapturedRun.run(["--version"])
        #expect(run.out.trimmingCharacters(in: .whitespacesAndNewlines) == HotichVersion.current)
        #expect(Session.producerVersion == HotichVersion.current)
    }

    /// Codes, ids and English number formats do not show in Vietnamese tables; a gap of one number
    /// is that number; counts say what their label says.
    @Test func vietnameseTablesSpeakVietnamese() throws {
        var rows = SampleKeyings.rows(pass: 1)
        // No. 12 repeats no. 3's child (a possible duplicate); no. 8 was cancelled in the book (a gap
        // of one number), its scan marked as not an entry.
        for column in [10, 11, 12, 17, 18, 21, 22] { rows[12][column] = rows[3][column] }
        rows.remove(at: 8)
        let ws = try keyed(policy: "review", pass1: rows)
        #expect(ws.run(["batch", "mark-file", Self.batch, "KS.2017.01.2017-04-11.08.pdf", "--not-an-entry", "cancelled",
                        "--reason", "Bị gạch bỏ"]).exitCode == 0)
        let shown = ws.run(["batch", "show", Self.batch])
        #expect(shown.out.contains("12 tệp · 7.611 byte · Payload-Oxum 7611.12"))
        #expect(ws.run(["batch", "show", Self.batch], lang: "en").out.contains("12 files · 7,611 bytes · Payload-Oxum 7611.12"))
        _ = ws.run(["review", Self.batch], as: "kiemtra", input: Array(repeating: "", count: 20))
        let verify = ws.run(["verify", Self.batch], as: "kiemtra")
        #expect(verify.out.contains("thiếu số đăng ký"), "\(verify.out) \(verify.err)")
        #expect(!verify.out.contains("sequence-gap"))
        let findings = ws.run(["batch", "show", Self.batch]).out
        #expect(findings.contains("Thiếu số đăng ký 8 của năm 2017"), "\(findings)")
        #expect(!findings.contains("8–8"))
        let duplicates = ws.run(["duplicates", Self.batch])
        #expect(duplicates.out.contains("cùng họ tên, ngày sinh, cha mẹ"), "\(duplicates.out)")
        #expect(!duplicates.out.contains("name-dates"))
        #expect(ws.run(["duplicates", Self.batch, "--format", "csv"]).out.contains(",name-dates,"))
        let rates = ws.run(["report", "operators"])
        #expect(rates.out.contains("0,00") && !rates.out.contains("0.00"), "\(rates.out)")
    }

    /// Refusals come before anything is shown, and name the action asked and the role it needs.
    @Test func everyRefusalNamesTheActionAndTheRoleBeforeShowingAnything() throws {
        let ws = try keyed()
        let cases: [(arguments: [String], user: String, english: String, vietnamese: String)] = [
            (["arbitrate", Self.batch], "nhaplieu", "may not arbitrate conflicts against the image; this needs the verifier role",
             "không được phép đối chiếu với ảnh, phân xử chênh lệch; cần vai trò kiểm tra"),
            (["review", Self.batch], "nhaplieu", "may not review records against the image; this needs the verifier role",
             "không được phép soát bản ghi với ảnh; cần vai trò kiểm tra"),
            (["record", "withdraw", Self.batch, "07", "--reason", "x"], "nhaplieu",
             "may not correct or withdraw exported records; this needs the verifier role", "không được phép sửa hay rút bản ghi đã xuất"),
            (["qa", "sample", Self.batch, "--aql", "1.0"], "nhaplieu", "may not draw acceptance samples; this needs the verifier role",
             "không được phép rút mẫu kiểm tra"),
            (["key", Self.batch], "kiemtra", "may not key records; this needs the operator role", "không được phép nhập liệu; cần vai trò nhập liệu"),
            (["batch", "policy", Self.batch, "review"], "kiemtra", "may not change how a batch is verified; this needs the supervisor role",
             "không được phép đổi cách kiểm tra của lô"),
            (["key", "release", Self.batch, "KS.2017.01.2017-01-05.01.pdf"], "nhaplieu",
             "may not free files held by operators; this needs the supervisor role", "không được phép giải phóng tệp đang bị giữ"),
            (["export", Self.batch, "--out", ws.root.path], "kiemtra", "may not export records; this needs the supervisor role",
             "không được phép xuất dữ liệu"),
            (["duplicates", "decide", "1", "--distinct"], "kiemtra", "may not decide on possible duplicates; this needs the supervisor role",
             "không được phép kết luận về bản ghi nghi trùng"),
        ]
        for entry in cases {
            let en = ws.run(entry.arguments, as: entry.user, lang: "en")
            #expect(en.exitCode == 1, "\(entry.arguments)")
            #expect(en.err.contains(entry.english), "\(entry.arguments): \(en.err)")
            #expect(en.out.isEmpty, "\(entry.arguments) printed before refusing: \(en.out)")
            let vi = ws.run(entry.arguments, as: entry.user)
            #expect(vi.err.contains(entry.vietnamese), "\(entry.arguments): \(vi.err)")
        }
    }

    /// Arbitration is for a batch being verified: before `verify`, it says to run it, and shows nothing else.
    @Test func arbitratingABatchNotYetVerifiedSaysToVerifyFirst() throws {
        let ws = try keyed()
        let run = ws.run(["arbitrate", Self.batch], as: "kiemtra", lang: "en")
        #expect(run.exitCode == 1 && run.out.isEmpty)
        #expect(run.err.contains("has not been verified yet; run `hotich verify \(Self.batch)` first."))
    }

    /// Pass 2 by the operator who keyed pass 1: told why nothing is left for them, not just "nothing".
    @Test func thePassOneKeyerIsToldWhyPassTwoHasNothingForThem() throws {
        let other = try CLIWorkspace()
        let book = try SampleScans.writeGoodBook(into: other.root)
        other.run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1"])
        let sheets = other.root.appendingPathComponent("sheets")
        try SampleKeyings.write(into: sheets)
        #expect(other.run(["key", "import", Self.batch, sheets.appendingPathComponent(SampleKeyings.fileName(pass: 1)).path], as: "nhaplieu").exitCode == 0)
        let mine = other.run(["key", Self.batch, "--pass", "2"], as: "nhaplieu", lang: "en")
        #expect(mine.exitCode == 0)
        #expect(mine.out.contains("has 12 files waiting for pass 2, none of them for you: pass 2 must be keyed by someone other than the pass-1 keyer"), "\(mine.out)")
    }

    /// "errors to correct" counts the error findings, not each twice.
    @Test func errorsToCorrectCountsWhatItSays() throws {
        var rows = SampleKeyings.rows(pass: 1).enumerated().map { index, row in row + [index == 0 ? "nksSoDinhDanh" : "-"] }
        rows[2][rows[2].count - 1] = "001217000002"
        rows[3][rows[3].count - 1] = "001217000002"
        let ws = try keyed(policy: "review", pass1: rows)
        let run = ws.run(["verify", Self.batch], as: "kiemtra", lang: "en")
        #expect(run.out.contains("errors to correct: 2;"), "\(run.out)")
        let shown = ws.run(["batch", "show", Self.batch], lang: "en").out
        #expect(shown.contains("This personal ID number is already on record no. 03 of batch \(Self.batch), another person's"), "\(shown)")
        #expect(!shown.contains("(01"), "no raw record id")
    }
}
