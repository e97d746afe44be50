import Foundation
import HoTichWorkflow
import Testing

@Suite struct CommandTests {
    @Test func outsideAWorkspaceEveryCommandSaysHowToCreateOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-empty-\(UUID().uuidString)").path
        let run = CapturedRun.run(["batch", "list", "--workspace", folder, "--as", "x"])
        #expect(run.exitCode == 1)
        #expect(run.err == "Lỗi: Không có không gian làm việc hotich ở \(folder). Tạo bằng `hotich init --office MÃ_CƠ_QUAN`, hoặc chỉ ra thư mục bằng --workspace THƯ_MỤC hay biến HOTICH_WORKSPACE.\n")
        #expect(run.err.split(separator: "\n").count == 1)
        let english = CapturedRun.run(["status", "--workspace", folder, "--as", "x", "--lang", "en"])
        #expect(english.exitCode == 1)
        #expect(english.err.hasPrefix("Error: No hotich workspace at \(folder). Create one with `hotich init --office CODE`"))
    }

    @Test func badOptionValuesAreUsageErrors() throws {
        let ws = try CLIWorkspace()
        let badOffice = CapturedRun.run(["init", "--workspace", ws.root.appendingPathComponent("x").path, "--office", "12a"])
        #expect(badOffice.exitCode == 64)
        #expect(badOffice.err.contains("Mã cơ quan \"12a\" không hợp lệ"))
        let badKind = ws.run(["batch", "receive", ws.root.path, "--kind", "KX", "--office", "00001", "--year", "2017", "--volume", "1"])
        #expect(badKind.exitCode == 64)
        #expect(badKind.err.contains("'KS', 'KT', 'KH', 'HN' or 'CMC'"))
        let badYear = ws.run(["batch", "receive", ws.root.path, "--kind", "KS", "--office", "00001", "--year", "17", "--volume", "1"], lang: "en")
        #expect(badYear.exitCode == 64)
        #expect(badYear.err.contains("Year \"17\" is not valid"))
        let missing = ws.run(["batch", "receive", ws.root.path, "--kind", "KS", "--office", "00001", "--year", "2017"])
        #expect(missing.exitCode == 64)
        #expect(missing.err.contains("--volume"))
        let noReason = ws.run(["batch", "return", "KS-00001-2017-01-1"])
        #expect(noReason.exitCode == 64)
    }

    @Test func receiveListShowCheckHoldRelease() throws {
        let ws = try CLIWorkspace()
        let book = try SampleScans.writeGoodBook(into: ws.root)
        let receive = ws.run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1"])
        #expect(receive.exitCode == 0, "\(receive.err)")
        #expect(receive.out.contains("Đã nhận lô KS-00001-2017-01-1: 12 tệp"))

        let list = ws.run(["batch", "list", "--format", "json"])
        #expect(list.exitCode == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["batch"] as? String == "KS-00001-2017-01-1")
        #expect(rows.first?["state"] as? String == "received")
        #expect(rows.first?["files"] as? Int == 12)

        let csv = ws.run(["batch", "list", "--format", "csv"])
        #expect(csv.out.hasPrefix("batch,kind,office,year,volume,policy,state,files,bytes,issues,receivedAt\r\n"))

        let table = ws.run(["batch", "list"])
        let lines = table.out.split(separator: "\n")
        #expect(lines.first?.hasPrefix("Lô") == true)
        #expect(lines.count == 3)
        #expect(lines[2].contains("2017") && lines[2].contains("đã nhận"))

        let show = ws.run(["batch", "show", "KS-00001-2017-01-1"], lang: "en")
        #expect(show.exitCode == 0)
        #expect(show.out.contains("KS.2017.01.2017-01-05.01.pdf"))
        #expect(show.out.contains("Payload-Oxum"))
        #expect(show.out.contains("01/2017"))

        let check = ws.run(["batch", "check-files", "KS-00001-2017-01-1"])
        #expect(check.exitCode == 0)
        #expect(check.out.contains("đủ và đúng"))

        let hold = ws.run(["batch", "hold", "KS-00001-2017-01-1", "--reason", "Chờ bìa sổ"])
        #expect(hold.out == "Lô KS-00001-2017-01-1: đã nhận → tạm dừng.\n")
        let holdAgain = ws.run(["batch", "hold", "KS-00001-2017-01-1"], lang: "en")
        #expect(holdAgain.exitCode == 1)
        #expect(holdAgain.err == "Error: Cannot put the batch on hold while the batch is on-hold.\n")
        let release = ws.run(["batch", "release", "KS-00001-2017-01-1"])
        #expect(release.exitCode == 0)

        let status = ws.run(["status", "--format", "csv"])
        #expect(status.out == "office,state,batches,files,bytes\r\n00001,received,1,12,\(try batchBytes(ws))\r\n")

        let audit = ws.run(["audit", "--batch", "KS-00001-2017-01-1", "--format", "csv"])
        let actions = audit.out.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[2] }
        #expect(actions == ["receive", "check-files", "hold", "release"])
        let verify = ws.run(["audit", "verify"], lang: "en")
        #expect(verify.exitCode == 0)
        #expect(verify.out.hasPrefix("Audit trail intact") && verify.out.contains("HMACs match the key") && verify.out.contains("anchors match"))
        // Compacting is the administrator's: the supervisor is refused, in Vietnamese by default.
        let refused = ws.run(["compact"])
        #expect(refused.exitCode != 0 && refused.err.contains("bảo trì cơ sở dữ liệu"))
        let compact = ws.run(["compact"], as: "quantri")
        #expect(compact.exitCode == 0 && compact.out.hasPrefix("Đã thu gọn cơ sở dữ liệu: "), "\(compact.err)")
    }

    @Test func aRefusedIntakeListsEachFileAndExitsOne() throws {
        let ws = try CLIWorkspace()
        let flawed = try SampleScans.writeFlawedBook(into: ws.root)
        let run = ws.run(["batch", "receive", flawed.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1"], lang: "en")
        #expect(run.exitCode == 1)
        let lines = run.out.split(separator: "\n")
        #expect(lines.count == 7)  // six issues and the ignored system file
        #expect(lines.contains("ghi-chu.txt: the content is not PDF, JPEG, PNG or TIFF"))
        #expect(run.err.hasPrefix("Error: The batch was not received: 6 file problems"))
        #expect(ws.run(["batch", "list", "--format", "json"]).out == "[]\n")
    }

    @Test func aFailedFixityCheckExitsOne() throws {
        let ws = try CLIWorkspace()
        let book = try SampleScans.writeGoodBook(into: ws.root)
        ws.run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1"])
        try FileManager.default.removeItem(at: book.appendingPathComponent("KS.2017.01.2017-01-12.03.pdf"))
        let run = ws.run(["batch", "check-files", "KS-00001-2017-01-1"], lang: "en")
        #expect(run.exitCode == 1)
        #expect(run.out == "missing: KS.2017.01.2017-01-12.03.pdf\n")
        #expect(run.err.contains("FAILED the fixity check: 1 missing, 0 changed, 0 unlisted"))
    }

    @Test func aRoleRefusalNamesTheRoleNeeded() throws {
        let ws = try CLIWorkspace()
        let run = ws.run(["user", "add", "moi", "--role", "operator"], as: "nhaplieu")
        #expect(run.exitCode == 1)
        #expect(run.err == "Lỗi: nhaplieu (vai trò nhập liệu) không được phép quản lý người dùng; cần vai trò quản trị.\n")
        let list = ws.run(["user", "list", "--format", "csv"], as: "nhaplieu")
        #expect(list.out == "name,role,login,passphrase,createdAt\r\n" + list.out.split(separator: "\r\n").dropFirst().map { $0 + "\r\n" }.joined())
        #expect(list.out.contains("giamsat,supervisor,,no,"))
    }

    @Test func theDemoRunsEveryStage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-demo-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = CapturedRun.run(["demo", "--into", folder.path, "--lang", "en"])
        #expect(run.exitCode == 0, "\(run.err)")
        #expect(run.out.contains("Received batch KS-00001-2017-01-1: 12 files"))
        #expect(run.out.contains("The batch was not received: 6 file problems"))
        #expect(run.out.contains("already received as batch KS-00001-2017-01-1"))
        #expect(run.out.contains("complete and valid"))
        #expect(run.out.contains("Audit trail intact"))
        #expect(run.out.contains("HOÀNG ĐỨC MINH") && run.out.contains("same without diacritics"), "the demo finds a record by name")
        let workspace = try Workspace.open(at: folder.appendingPathComponent("workspace"))
        #expect(try workspace.session(as: "giamsat").batches().count == 1)
    }

    private func batchBytes(_ ws: CLIWorkspace) throws -> Int {
        let list = ws.run(["batch", "list", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
        return try #require(rows.first?["bytes"] as? Int)
    }
}
