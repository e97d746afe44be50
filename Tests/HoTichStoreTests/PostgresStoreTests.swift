import Foundation
import HoTichModel
import HoTichPostgres
@testable import HoTichStore
import HoTichTestSupport
import Testing

/// The PostgreSQL store: its schema, its transactions, the concerns it answers so far (the
/// workspace, users and identities, the audit trail), each compared with the SQLite store's
/// answers to the same commands.
@Suite(.postgresAvailable)
struct PostgresStoreTests {
    static let time = "2026-12-02T08:00:00.000Z"
    static let office = OfficeCode("79")!

    /// The same commands, whichever store carries them out.
    static func initialize(_ tx: some WorkspaceWriting & UserWriting & IdentityWriting & AuditWriting) throws {
        try tx.initializeWorkspace(
            WorkspaceInfo(officeCode: office, name: "Sở Tư pháp Thành phố Hồ Chí Minh", createdAt: time, identity: .accounts),
            office: Office(code: office, name: "Sở Tư pháp Thành phố Hồ Chí Minh", province: nil))
        for (name, role, login) in [("quantri", Role.admin, "lan"), ("nhaplieu", .operator, nil), ("Đặng.Thùy", .verifier, "thuy")] {
            let user = try tx.insertUser(User(id: nil, name: name, role: role, createdAt: time, createdBy: "quantri", login: login))
            #expect(user.id != nil)
            try tx.appendAudit(AuditEntry(actor: "quantri", action: .userAdd, subject: name, toState: role.rawValue), at: time)
        }
        try tx.setPassphraseHash(user: 2, "scrypt$1", by: "quantri", at: time)
        try tx.setPassphraseHash(user: 2, "scrypt$2", by: "nhaplieu", at: time)
        try tx.setLogin(user: 2, "an")
        // Its own event, at a set time (the store would otherwise seal them by one of its own, at the time it commits).
        try tx.appendAudit(AuditEntry(actor: "nhaplieu", action: .userPassphrase, subject: "nhaplieu"), at: time)
    }

    /// What a store answers after ``initialize(_:)``.
    struct Answers: Equatable {
        var info: WorkspaceInfo?
        var office: Office?
        var users: [User]
        var byLogin: User?
        var passphrase: String?
        var events: [String]
    }

    static func answers(_ tx: some WorkspaceReading & UserReading & IdentityReading & AuditReading) throws -> Answers {
        Answers(
            info: try tx.workspaceInfo(), office: try tx.office(office), users: try tx.users(), byLogin: try tx.user(login: "thuy"),
            passphrase: try tx.passphraseHash(user: 2),
            events: describe(try tx.auditEvents(batch: nil)))
    }

    /// The whole of each event: its hash covers the digest of the seals its transaction wrote, and
    /// the HMAC is made with the same key in both stores, so equal events mean equal seals.
    static func describe(_ events: [AuditEvent]) -> [String] {
        events.map {
            "\($0.id ?? 0) \($0.actor) \($0.action.rawValue) \($0.subject ?? "") \($0.sealsFrom ?? -1)-\($0.sealsThrough ?? -1) \($0.hash) \($0.mac ?? "")"
        }
    }

    /// A SQLite store in a temporary folder with a key of its own (kept for the process).
    static func sqliteStore() throws -> (SQLiteStore, AuditKey) {
        let key = AuditKey(keyedFrom: 1)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-parity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore.create(
            at: folder.appendingPathComponent("hotich.sqlite"), protection: AuditProtection(key: key, anchorLog: nil))
        return (store, key)
    }

    @Test func theWorkspaceUsersAndTrailReadBackAsFromSQLiteSealedAlike() throws {
        let (sqlite, key) = try Self.sqliteStore()
        try sqlite.write { tx in try Self.initialize(tx) }
        let expected = try sqlite.read { tx in try Self.answers(tx) }
        #expect(expected.events.count == 4)
        try PostgresServer.withDatabase { database in
            let store = try PostgresStore.create(connectionString: database, protection: AuditProtection(key: key, anchorLog: nil))
            try store.databaseWrite { tx in try Self.initialize(tx) }
            let answers = try store.databaseRead { tx in try Self.answers(tx) }
            #expect(answers.events == expected.events)
            #expect(answers == expected)
            #expect(answers.users.map(\.name) == ["nhaplieu", "quantri", "Đặng.Thùy"])
            let verification = try store.databaseRead { tx in try tx.verifyAudit() }
            #expect(verification.problems.isEmpty)
            #expect(verification.events == 4)
            #expect(verification.rowsChecked == 6)
            #expect(verification.key == .checked(fromEvent: 1))
        }
    }

    @Test func theTrailRefusesEveryChangeEvenToTheOwnerAndVerifyNamesAForgedEvent() throws {
        try PostgresServer.withDatabase { database in
            let store = try PostgresStore.create(connectionString: database, protection: AuditProtection(key: AuditKey(keyedFrom: 1), anchorLog: nil))
            try store.databaseWrite { tx in try Self.initialize(tx) }
            let owner = try PostgresConnection(connectionString: database)
            for statement in [#"UPDATE "auditEvent" SET "actor" = 'x'"#, #"DELETE FROM "auditEvent" WHERE "id" = 3"#, #"TRUNCATE "auditEvent""#,
                              #"DELETE FROM "contentSeal""#] {
                let error = try #require(throws: PostgresError.self) { try owner.execute(statement) }
                #expect(error.isPermissionDenied)
            }
            // Appended behind hotich's back without the key: named by verify.
            try owner.execute(#"""
                INSERT INTO "auditEvent" ("id", "at", "actor", "action", "previousHash", "hash")
                SELECT "id" + 1, "at", 'quantri', 'user-add', "hash", repeat('a', 64) FROM "auditEvent" WHERE "id" = 4
                """#)
            let verification = try store.databaseRead { tx in try tx.verifyAudit() }
            #expect(verification.problems == [.eventBroken(eventID: 5)])
        }
    }

    @Test func theApplicationRoleMayAppendToTheTrailAndNeverChangeIt() throws {
        try PostgresServer.withDatabase { database in
            let owner = try PostgresConnection(connectionString: database)
            let role = "hotich_app_\(UUID().uuidString.prefix(8).lowercased())"
            try owner.execute("CREATE ROLE \(role) LOGIN")
            defer {
                _ = try? owner.execute("DROP OWNED BY \(role)")
                _ = try? owner.execute("DROP ROLE \(role)")
            }
            let key = AuditKey(keyedFrom: 1)
            _ = try PostgresStore.create(connectionString: database, protection: AuditProtection(key: key, anchorLog: nil))
            try PostgresRoles.grantApplication(role: role, on: owner)
            let asApplication = PostgresServer.replacingUser(in: database, with: role)
            let store = try PostgresStore.open(connectionString: asApplication, protection: AuditProtection(key: key, anchorLog: nil))
            try store.databaseWrite { tx in try Self.initialize(tx) }
            let application = try PostgresConnection(connectionString: asApplication)
            for statement in [#"UPDATE "auditEvent" SET "actor" = 'x'"#, #"DELETE FROM "auditEvent""#, #"TRUNCATE "auditEvent""#,
                              #"DROP TRIGGER "auditEvent_append_only" ON "auditEvent""#, #"ALTER TABLE "auditEvent" DISABLE TRIGGER ALL"#,
                              #"DROP TABLE "user""#, #"INSERT INTO "hotich_migration" ("identifier") VALUES ('p9')"#] {
                let error = try #require(throws: PostgresError.self) { try application.execute(statement) }
                #expect(error.sqlState == "42501" || error.sqlState == "42P01", "\(statement): \(error)")
            }
            // What a clerk sees when the server refuses: no SQL, no values.
            let refused = try #require(throws: HoTichError.self) {
                try store.databaseWrite { tx in try tx.execute(#"DELETE FROM "auditEvent""#) }
            }
            #expect(refused.message == .database(.permissionDenied(location: store.location)))
            #expect(try store.databaseRead { tx in try tx.verifyAudit() }.problems.isEmpty)
        }
    }

    @Test func sixteenWritersAtOnceLeaveOneUnbrokenChain() throws {
        try PostgresServer.withDatabase { database in
            let key = AuditKey(keyedFrom: 1)
            let store = try PostgresStore.create(connectionString: database, protection: AuditProtection(key: key, anchorLog: nil))
            try store.databaseWrite { tx in try Self.initialize(tx) }
            // Sixteen stores, as sixteen processes would have: each its own connections.
            let stores = try (0..<16).map { _ in
                try PostgresStore.open(connectionString: database, protection: AuditProtection(key: key, anchorLog: nil))
            }
            DispatchQueue.concurrentPerform(iterations: 16) { worker in
                for step in 0..<15 {
                    try! stores[worker].databaseWrite { tx in
                        try tx.appendAudit(AuditEntry(actor: "nhaplieu", action: .key, subject: "\(worker)-\(step)"), at: Self.time)
                    }
                }
            }
            let verification = try store.databaseRead { tx in try tx.verifyAudit() }
            #expect(verification.problems.isEmpty)
            #expect(verification.events == 4 + 16 * 15)
            let subjects = try store.databaseRead { tx in try tx.auditEvents(batch: nil).compactMap(\.subject) }
            #expect(Set(subjects).count == 3 + 16 * 15)
        }
    }

    @Test func aWriterThatCannotGetItsTurnFailsAsBusyHavingChangedNothing() throws {
        try PostgresServer.withDatabase { database in
            let key = AuditKey(keyedFrom: 1)
            let store = try PostgresStore.create(
                connectionString: database, protection: AuditProtection(key: key, anchorLog: nil), busyTimeout: 0.3)
            try store.databaseWrite { tx in try Self.initialize(tx) }
            // Another client holds the writer lock past the store's patience.
            let other = try PostgresConnection(connectionString: database)
            try other.execute("BEGIN")
            try other.execute("SELECT pg_advisory_xact_lock($1)", [PostgresStore.writerLock])
            let busy = try #require(throws: HoTichError.self) {
                try store.databaseWrite { tx in
                    try tx.appendAudit(AuditEntry(actor: "quantri", action: .userAdd, subject: "khong"), at: Self.time)
                }
            }
            #expect(busy.message == .workspaceBusy)
            try other.execute("ROLLBACK")
            #expect(try store.databaseRead { tx in try tx.auditEvents(batch: nil) }.count == 4, "nothing written")
            try store.databaseWrite { tx in try tx.appendAudit(AuditEntry(actor: "quantri", action: .userAdd, subject: "sau"), at: Self.time) }
            #expect(try store.databaseRead { tx in try tx.verifyAudit() }.problems.isEmpty)
        }
    }

    @Test func aDatabaseIsMadeAWorkspaceOnceAndOpenedOnlyWhenItIsOne() throws {
        try PostgresServer.withDatabase { database in
            let protection = AuditProtection(key: AuditKey(keyedFrom: 1), anchorLog: nil)
            let empty = try #require(throws: HoTichError.self) { try PostgresStore.open(connectionString: database, protection: protection) }
            guard case .database(.noWorkspace(let location)) = empty.message else {
                Issue.record("expected noWorkspace, got \(empty.message)")
                return
            }
            #expect(location.hasPrefix("postgres@"))
            let store = try PostgresStore.create(connectionString: database, protection: protection)
            #expect(store.location == location)
            let again = try #require(throws: HoTichError.self) { try PostgresStore.create(connectionString: database, protection: protection) }
            #expect(again.message == .database(.workspaceAlreadyThere(location: location)))
            _ = try PostgresStore.open(connectionString: database, protection: protection)
            // A migration this build does not know: made by a newer hotich.
            try PostgresConnection(connectionString: database).execute(#"INSERT INTO "hotich_migration" ("identifier") VALUES ('p99-future')"#)
            let newer = try #require(throws: HoTichError.self) { try PostgresStore.open(connectionString: database, protection: protection) }
            #expect(newer.message == .database(.workspaceTooNew(location: location)))
        }
        let unreachable = try #require(throws: HoTichError.self) {
            try PostgresStore.open(
                connectionString: "postgresql://clerk:s3cret@/province?host=/nonexistent-\(UUID().uuidString)",
                protection: AuditProtection(key: nil, anchorLog: nil))
        }
        let text = unreachable.message.text(in: .english)
        #expect(text.contains("Cannot reach the PostgreSQL server clerk@"))
        #expect(!text.contains("s3cret"))
        let bad = try #require(throws: HoTichError.self) {
            try PostgresStore.open(connectionString: "postgresql://[", protection: AuditProtection(key: nil, anchorLog: nil))
        }
        #expect(bad.message == .database(.connectionStringInvalid))
    }
}
