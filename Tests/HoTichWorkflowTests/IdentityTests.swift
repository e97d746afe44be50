import Foundation
import GRDB
import HoTichModel
@testable import HoTichStore
@testable import HoTichWorkflow
import Testing

/// Who is acting, in a real (accounts) workspace: the operating-system account's own user, or
/// someone else by their passphrase; in a throw-away (names) workspace, whoever is named.
/// A temporary folder removed with its last reference.
final class ScratchFolder {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-identity-\(UUID().uuidString)")
    deinit { try? FileManager.default.removeItem(at: root) }
}

@Suite struct IdentityTests {
    static let passphrase = "mật khẩu đủ dài 2026"

    /// An accounts workspace made from account `lan`, with a supervisor working from account `hoa`.
    static func workspace() throws -> (ScratchFolder, Workspace) {
        let folder = ScratchFolder()
        let workspace = try Workspace.create(
            at: folder.root.appendingPathComponent("ws"), office: OfficeCode(literal: "00001"), name: nil, admin: "quantri",
            identity: .accounts, adminLogin: "lan")
        try workspace.session(claim: claim(account: "lan")).addUser(name: "giamsat", role: .supervisor, login: "hoa")
        return (folder, workspace)
    }

    static func claim(account: String?, as requested: String? = nil, passphrase: String? = nil) -> IdentityClaim {
        IdentityClaim(account: account, requested: requested) { _ in passphrase }
    }

    static func refusal(_ body: () throws -> Session) -> Message? {
        do {
            _ = try body()
            return nil
        } catch {
            return (error as? HoTichError)?.message
        }
    }

    @Test func eachAccountActsAsItsOwnUserAndAnUnboundAccountAsNobody() throws {
        let (scratch, workspace) = try Self.workspace()
        defer { withExtendedLifetime(scratch) {} }
        #expect(try workspace.session(claim: Self.claim(account: "lan")).user.name == "quantri")
        #expect(try workspace.session(claim: Self.claim(account: "hoa")).user.name == "giamsat")
        #expect(try workspace.session(claim: Self.claim(account: "hoa", as: "giamsat")).user.name == "giamsat", "naming oneself needs nothing")
        #expect(Self.refusal { try workspace.session(claim: Self.claim(account: "khach")) } == .identity(.accountNotBound(login: "khach")))
    }

    @Test func actingAsSomeoneElseNeedsTheirPassphrase() throws {
        let (scratch, workspace) = try Self.workspace()
        defer { withExtendedLifetime(scratch) {} }
        // No passphrase set: giamsat acts only from their own account.
        #expect(Self.refusal { try workspace.session(claim: Self.claim(account: "lan", as: "giamsat", passphrase: Self.passphrase)) }
                == .identity(.noPassphrase(user: "giamsat", login: "hoa")))
        try workspace.session(claim: Self.claim(account: "hoa")).setPassphrase(for: "giamsat", Self.passphrase)
        #expect(Self.refusal { try workspace.session(claim: Self.claim(account: "lan", as: "giamsat")) }
                == .identity(.passphraseNeeded(user: "giamsat")))
        #expect(Self.refusal { try workspace.session(claim: Self.claim(account: "lan", as: "giamsat", passphrase: "mật khẩu sai 12345")) }
                == .identity(.passphraseWrong(user: "giamsat")))
        // The passphrase is compared as NFC: typed decomposed, it is the same passphrase.
        let decomposed = Self.passphrase.decomposedStringWithCanonicalMapping
        #expect(try workspace.session(claim: Self.claim(account: "lan", as: "giamsat", passphrase: decomposed)).user.name == "giamsat")
        #expect(try workspace.session(claim: Self.claim(account: "khach", as: "giamsat", passphrase: Self.passphrase)).user.name == "giamsat")
        #expect(Self.refusal { try workspace.session(claim: Self.claim(account: "lan", as: "ai-do", passphrase: Self.passphrase)) }
                == .unknownUser("ai-do"))
    }

    @Test func thePassphraseIsStoredAsASlowSaltedHashAndOnlyItsOwnerOrAnAdminSetsIt() throws {
        let (scratch, workspace) = try Self.workspace()
        defer { withExtendedLifetime(scratch) {} }
        let admin = try workspace.session(claim: Self.claim(account: "lan"))
        try admin.addUser(name: "nhaplieu", role: .operator, login: "tuan")
        let operatorSession = try workspace.session(claim: Self.claim(account: "tuan"))
        #expect(throws: HoTichError.self) { try operatorSession.setPassphrase(for: "giamsat", Self.passphrase) }
        for weak in ["ngắn", "aaaaaaaaaaaa", String(repeating: " ", count: 12), "abab abab abab", String(repeating: "dài quá ", count: 200)] {
            #expect(Self.refusal { try operatorSession.setPassphrase(for: "nhaplieu", weak); return operatorSession }
                    == .identity(.passphraseTooShort(minimum: PassphraseHash.minimumLength)))
        }
        try operatorSession.setPassphrase(for: "nhaplieu", Self.passphrase)
        try admin.setPassphrase(for: "giamsat", Self.passphrase)
        let stored = try workspace.sqlite.databaseRead { db in try String.fetchAll(db, sql: "SELECT hash FROM userPassphrase") }
        #expect(stored.count == 2 && stored[0] != stored[1], "each hash has its own salt")
        for hash in stored {
            #expect(hash.hasPrefix("scrypt$32768$8$1$") && !hash.contains("mật"))
            #expect(PassphraseHash.matches(Self.passphrase, hash) && !PassphraseHash.matches(Self.passphrase + " ", hash))
        }
        // A hash edited to demand gigabytes of memory is refused, not obeyed.
        let greedy = stored[0].replacingOccurrences(of: "scrypt$32768$", with: "scrypt$1073741824$")
        #expect(!PassphraseHash.matches(Self.passphrase, greedy))
        let actions = try admin.auditEvents(batch: nil).map(\.action)
        #expect(actions.filter { $0 == .userPassphrase }.count == 2)
        let trail = try admin.verifyAuditTrail()
        #expect(trail.isSound, "\(trail.problems)")
    }

    @Test func aLoginIsBoundOnceAndRebindingIsAudited() throws {
        let (scratch, workspace) = try Self.workspace()
        defer { withExtendedLifetime(scratch) {} }
        let admin = try workspace.session(claim: Self.claim(account: "lan"))
        #expect(throws: HoTichError.self) { try admin.addUser(name: "khac", role: .operator, login: "hoa") }
        #expect(throws: HoTichError.self) { try admin.addUser(name: "khac", role: .operator, login: "có dấu cách") }
        try admin.bindLogin(user: "giamsat", login: "hoa2")
        #expect(try workspace.session(claim: Self.claim(account: "hoa2")).user.name == "giamsat")
        #expect(Self.refusal { try workspace.session(claim: Self.claim(account: "hoa")) } == .identity(.accountNotBound(login: "hoa")))
        let event = try #require(try admin.auditEvents(batch: nil).last)
        #expect(event.action == .userLogin && event.fromState == "hoa" && event.toState == "hoa2")
    }

    @Test func aThrowAwayWorkspaceBelievesTheNameAndARealOneDoesNot() throws {
        let folder = ScratchFolder()
        let throwaway = try Workspace.create(
            at: folder.root.appendingPathComponent("thu"), office: OfficeCode(literal: "00001"), name: nil, admin: "quantri",
            identity: .names)
        #expect(try throwaway.info().identity == .names)
        #expect(try throwaway.session(claim: Self.claim(account: "bat-ky", as: "quantri")).user.name == "quantri")
        let (scratch, real) = try Self.workspace()
        defer { withExtendedLifetime(scratch) {} }
        #expect(try real.info().identity == .accounts)
        #expect(Self.refusal { try real.session(claim: Self.claim(account: "bat-ky", as: "quantri")) }
                == .identity(.noPassphrase(user: "quantri", login: "lan")))
    }

    @Test func aRoleRaisedInTheDatabaseFileIsNamed() throws {
        let (folder, workspace) = try Self.workspace()
        _ = folder
        let id = try #require(try workspace.session(claim: Self.claim(account: "hoa")).user.id)
        let queue = try DatabaseQueue(path: workspace.folder.appendingPathComponent(SQLiteStore.databaseFileName).path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER user_sealed_update; UPDATE user SET role = 'admin' WHERE id = ?", arguments: [id])
        }
        let problems = try Workspace.open(at: workspace.folder).session(claim: Self.claim(account: "lan")).verifyAuditTrail().problems
        #expect(problems.contains(.contentChanged(.user, id: String(id))))
    }
}
