import Foundation
import HoTichCLI
import Testing

/// A real workspace on the command line: `init` binds the administrator to the account running
/// it; anyone else is acted as with their passphrase, handed over on a file descriptor.
@Suite struct IdentityCommandTests {
    /// A pipe whose read end holds `text` and a newline; the caller closes it.
    static func descriptor(holding text: String) throws -> Int32 {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let bytes = Array((text + "\n").utf8)
        #expect(bytes.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) } == bytes.count)
        close(ends[1])
        return ends[0]
    }

    @Test func anAccountsWorkspaceActsAsTheAccountAndAsOthersOnlyByPassphrase() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-id-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("ws").path
        let account = try #require(GlobalOptions.accountName)
        let created = CapturedRun.run(["init", "--workspace", path, "--office", "00001", "--admin", "quantri", "--lang", "en"])
        #expect(created.exitCode == 0 && created.out.contains("quantri acts from account \(account)"), "\(created.err)")
        // The account's own user needs no name and no passphrase.
        let added = CapturedRun.run(["user", "add", "giamsat", "--role", "supervisor", "--login", "hoa-ws", "--workspace", path])
        #expect(added.exitCode == 0, "\(added.err)")
        #expect(added.out.contains("no account hoa-ws yet") || added.out.contains("chưa có tài khoản hoa-ws"), "an account this machine lacks is pointed out")
        // HOTICH_USER or --as naming another user is not believed without the passphrase.
        let noPassphrase = CapturedRun.run(["status", "--workspace", path, "--as", "giamsat", "--lang", "en"])
        #expect(noPassphrase.exitCode != 0 && noPassphrase.err.contains("giamsat has no passphrase"))
        let secret = "một mật khẩu đủ dài"
        let newFD = try Self.descriptor(holding: secret)
        defer { close(newFD) }
        let set = CapturedRun.run(["user", "passphrase", "giamsat", "--new-passphrase-fd", String(newFD), "--workspace", path, "--lang", "en"])
        #expect(set.exitCode == 0 && set.out.contains("Passphrase set for giamsat"), "\(set.err)")
        let wrongFD = try Self.descriptor(holding: "không phải mật khẩu")
        defer { close(wrongFD) }
        let wrong = CapturedRun.run(["status", "--workspace", path, "--as", "giamsat", "--passphrase-fd", String(wrongFD), "--lang", "en"])
        #expect(wrong.exitCode != 0 && wrong.err.contains("Wrong passphrase for giamsat"))
        #expect(!wrong.err.contains("không phải"), "the passphrase is never echoed")
        let rightFD = try Self.descriptor(holding: secret)
        defer { close(rightFD) }
        let right = CapturedRun.run(["user", "list", "--format", "csv", "--workspace", path, "--as", "giamsat", "--passphrase-fd", String(rightFD)])
        #expect(right.exitCode == 0, "\(right.err)")
        #expect(right.out.contains("giamsat,supervisor,hoa-ws,yes") && right.out.contains("quantri,admin,\(account),no"))
        let audit = CapturedRun.run(["audit", "--format", "csv", "--workspace", path])
        #expect(audit.out.contains("user-passphrase") && audit.out.contains("user-add"))
    }

    @Test func backupAndRestoreOnTheCommandLine() throws {
        let ws = try CLIWorkspace()
        let backup = ws.root.appendingPathComponent("sao-luu").path
        let made = ws.run(["backup", backup], as: "quantri", lang: "en")
        #expect(made.exitCode == 0 && made.out.contains("Backed up to") && made.out.contains("audit key was NOT copied"), "\(made.err)")
        let refused = ws.run(["backup", backup + "-2"], as: "giamsat", lang: "en")
        #expect(refused.exitCode != 0, "an administrator's task")
        let target = ws.root.appendingPathComponent("khoi-phuc").path
        let noKey = CapturedRun.run(["restore", backup, "--to", target, "--as", "quantri", "--lang", "en"])
        #expect(noKey.exitCode != 0 && noKey.err.contains("give the audit.key kept apart with --key"))
        let restored = CapturedRun.run([
            "restore", backup, "--to", target, "--key", ws.root.appendingPathComponent("ws/audit.key").path, "--as", "quantri", "--lang", "en",
        ])
        #expect(restored.exitCode == 0 && restored.out.contains("Restored to") && restored.out.contains("events match"), "\(restored.err)")
        let verify = CapturedRun.run(["audit", "verify", "--workspace", target, "--as", "giamsat", "--lang", "en"])
        #expect(verify.exitCode == 0 && verify.out.hasPrefix("Audit trail intact"), "\(verify.err)")
    }
}
