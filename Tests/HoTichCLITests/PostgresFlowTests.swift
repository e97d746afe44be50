import Foundation
import HoTichModel
import HoTichPostgres
import HoTichTestSupport
import HoTichWorkflow
import Testing

/// The built binary on a workspace kept in PostgreSQL: the whole line (the demo), then commands
/// run against the workspace's shared folder, with the database's password never written down.
@Suite(.postgresAvailable)
struct PostgresFlowTests {
    let binary = BinaryTests()

    @Test func theWholeLineRunsOnPostgreSQLAndEveryCommandFindsTheDatabaseFromTheFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-pgflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try PostgresServer.withDatabase { database in
            // The whole line: receive, key, import, verify, arbitrate, export, report, search, audit.
            let demo = try binary.hotich(["demo", "--lang", "en", "--into", root.path, "--database", database], in: root)
            #expect(demo.status == 0, "\(demo.err.suffix(800))")
            #expect(demo.out.contains("Audit trail intact"))
            #expect(demo.out.contains("HOÀNG ĐỨC MINH"), "search without diacritics found the entry")
            #expect(demo.out.contains("valid (exportBatch, 12 items)"))
            let workspace = root.appendingPathComponent("workspace")
            let pointer = try String(contentsOf: workspace.appendingPathComponent("hotich-database.conf"), encoding: .utf8)
            #expect(pointer.contains("postgres"))
            #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("hotich.sqlite").path))

            let status = try binary.hotich(["status", "--workspace", workspace.path, "--as", "giamsat", "--lang", "en"], in: root)
            #expect(status.status == 0)
            #expect(status.out.contains("exported        1     12"))
            let audit = try binary.hotich(["audit", "verify", "--workspace", workspace.path, "--as", "giamsat", "--lang", "en"], in: root)
            #expect(audit.status == 0, "\(audit.out)\(audit.err)")
            let backup = try binary.hotich(
                ["backup", root.appendingPathComponent("bk").path, "--workspace", workspace.path, "--as", "quantri", "--lang", "en"], in: root)
            #expect(backup.status == 1)
            #expect(backup.err.contains("pg_dump"))
        }
    }

    @Test func initWritesNoPasswordAndAClientWithoutTheServerIsToldWhere() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-pginit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try PostgresServer.withDatabase { database in
            // A password in the connection string (trust authentication ignores it): used, never kept.
            var components = try #require(URLComponents(string: database))
            components.password = "mat-khau-bi-mat"
            let shared = root.appendingPathComponent("chung")
            let created = try binary.hotich(
                ["init", "--database", try #require(components.string), "--scans", shared.path, "--office", "79", "--admin", "quantri",
                 "--identity", "names", "--lang", "en"], in: root)
            #expect(created.status == 0, "\(created.err)")
            for name in try FileManager.default.contentsOfDirectory(atPath: shared.path) {
                let text = (try? String(contentsOf: shared.appendingPathComponent(name), encoding: .utf8)) ?? ""
                #expect(!text.contains("mat-khau-bi-mat"), "\(name) holds the password")
            }
            #expect(!created.out.contains("mat-khau-bi-mat") && !created.err.contains("mat-khau-bi-mat"))
            let again = try binary.hotich(
                ["init", "--database", database, "--scans", root.appendingPathComponent("other").path, "--office", "79", "--admin", "quantri",
                 "--identity", "names", "--lang", "en"], in: root)
            #expect(again.status == 1)
            #expect(again.err.contains("already holds a hotich workspace"))
            // HOTICH_DATABASE overrides the folder's pointer: here a server that is not there.
            let away = try binary.hotich(
                ["status", "--workspace", shared.path, "--as", "quantri", "--lang", "en"], in: root,
                environment: ["HOTICH_DATABASE": "postgresql://clerk:s3cret@/province?host=/nonexistent-\(UUID().uuidString)"])
            #expect(away.status == 1)
            #expect(away.err.contains("Cannot reach the PostgreSQL server clerk@"))
            #expect(!away.err.contains("s3cret"))
        }
    }

    @Test func theOwnerGrantsTheApplicationRoleWhichWorksAndCannotTouchTheTrail() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-pggrant-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try PostgresServer.withDatabase { database in
            let owner = try PostgresConnection(connectionString: database)
            let role = "hotich_app_\(UUID().uuidString.prefix(8).lowercased())"
            try owner.execute("CREATE ROLE \(role) LOGIN")
            defer {
                _ = try? owner.execute("DROP OWNED BY \(role)")
                _ = try? owner.execute("DROP ROLE \(role)")
            }
            let shared = root.appendingPathComponent("chung")
            let created = try binary.hotich(
                ["init", "--database", database, "--scans", shared.path, "--office", "79", "--admin", "quantri", "--identity", "names"], in: root)
            #expect(created.status == 0, "\(created.err)")
            let args = ["--workspace", shared.path, "--as", "quantri", "--lang", "en"]
            let bad = try binary.hotich(["store", "grant", "app; DROP TABLE user"] + args, in: root)
            #expect(bad.status == 1)
            #expect(bad.err.contains("is not valid"))
            let granted = try binary.hotich(["store", "grant", role] + args, in: root)
            #expect(granted.status == 0, "\(granted.err)")
            #expect(granted.out.contains("may only read and append to"))
            // A client connecting as the application role works as usual…
            let asApplication = ["HOTICH_DATABASE": PostgresServer.replacingUser(in: database, with: role)]
            let added = try binary.hotich(["user", "add", "giamsat", "--role", "supervisor"] + args, in: root, environment: asApplication)
            #expect(added.status == 0, "\(added.err)")
            let verified = try binary.hotich(["audit", "verify"] + args, in: root, environment: asApplication)
            #expect(verified.status == 0, "\(verified.out)\(verified.err)")
            #expect(verified.out.contains("intact"))
            // …and the server refuses it any change to the trail, whatever the client sends.
            let application = try PostgresConnection(connectionString: PostgresServer.replacingUser(in: database, with: role))
            let error = try #require(throws: PostgresError.self) { try application.execute(#"DELETE FROM "auditEvent""#) }
            #expect(error.isPermissionDenied)
            let events = try owner.execute(#"SELECT "action", "subject" FROM "auditEvent" WHERE "action" = 'store-grant'"#)
            #expect(events.count == 1)
        }
        // On a SQLite workspace the command says what it is for.
        let local = root.appendingPathComponent("local")
        _ = try binary.hotich(["init", "--workspace", local.path, "--office", "00001", "--admin", "quantri", "--identity", "names"], in: root)
        let sqlite = try binary.hotich(["store", "grant", "hotich_app", "--workspace", local.path, "--as", "quantri", "--lang", "en"], in: root)
        #expect(sqlite.status == 1)
        #expect(sqlite.err.contains("kept in PostgreSQL"))
    }
}
