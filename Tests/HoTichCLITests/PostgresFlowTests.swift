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

    /// A district's demo workspace (SQLite) copied into a province's database by `store copy`:
    /// said in Vietnamese by default, everything there, the province's trail sound; the same
    /// district again refused with the conflicts listed.
    @Test func aDistrictWorkspaceIsCopiedIntoTheProvinceOnceAndRefusedTheSecondTime() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-pgcopy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let district = root.appendingPathComponent("huyen")
        let demo = try binary.hotich(["demo", "--lang", "en", "--into", district.path], in: root)
        #expect(demo.status == 0, "\(demo.err.suffix(800))")
        try PostgresServer.withDatabase { database in
            let province = root.appendingPathComponent("tinh")
            let created = try binary.hotich(
                ["init", "--database", database, "--scans", province.path, "--office", "01", "--admin", "quantri", "--identity", "names"], in: root)
            #expect(created.status == 0, "\(created.err)")
            let copied = try binary.hotich(
                ["store", "copy", "--from", district.appendingPathComponent("workspace").path, "--workspace", province.path, "--as", "quantri"],
                in: root)
            #expect(copied.status == 0, "\(copied.err)")
            #expect(copied.out.contains("Đã chép không gian làm việc của đơn vị 00001"), "\(copied.out)")
            #expect(copied.out.contains("12 bản ghi"))
            let status = try binary.hotich(["status", "--workspace", province.path, "--as", "quantri", "--lang", "en"], in: root)
            #expect(status.out.contains("exported        1     12"), "\(status.out)")
            let audit = try binary.hotich(["audit", "verify", "--workspace", province.path, "--as", "quantri", "--lang", "en"], in: root)
            #expect(audit.status == 0, "\(audit.out)\(audit.err)")
            #expect(audit.out.contains("Trails copied from 1 district(s)"), "\(audit.out)")

            let copiedBefore = try binary.hotich(
                ["store", "copy", "--from", district.appendingPathComponent("workspace").path, "--workspace", province.path, "--as", "quantri",
                 "--lang", "en"], in: root)
            #expect(copiedBefore.status == 1)
            #expect(copiedBefore.err.contains("the district's trail says it was copied into"))
            let again = try binary.hotich(
                ["store", "copy", "--from", district.appendingPathComponent("workspace").path, "--again", "--workspace", province.path,
                 "--as", "quantri", "--lang", "en"], in: root)
            #expect(again.status == 1)
            #expect(!again.err.contains("\\u{A}"), "the list is lines, not escapes")
            #expect(again.err.contains("Nothing copied: the province's database already has"))
            #expect(again.err.contains("this workspace was copied here before"))
            #expect(again.err.contains("batch KS-00001-2017-01-1"))
            #expect(!again.err.contains("postgres"), "no connection string in the refusal")
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
            // A SQLite file copied into the folder by mistake switches nothing: the folder is refused.
            let stray = shared.appendingPathComponent("hotich.sqlite")
            #expect(FileManager.default.createFile(atPath: stray.path, contents: Data("SQLite format 3\0".utf8)))
            let both = try binary.hotich(["status", "--workspace", shared.path, "--as", "quantri", "--lang", "en"], in: root)
            #expect(both.status == 1)
            #expect(both.err.contains("also holds hotich.sqlite"))
            try FileManager.default.removeItem(at: stray)
            #expect(try binary.hotich(["status", "--workspace", shared.path, "--as", "quantri", "--lang", "en"], in: root).status == 0)
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

    /// Sixteen operator processes keying one batch through standard input, while another imports a
    /// sheet into a second batch and a verifier verifies a third: nothing lost or doubled, no file
    /// keyed twice, every process ends well, and no raw database text reaches anyone.
    @Test func sixteenKeyersAnImportAndAVerifyAtOnce() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-pg16-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try PostgresServer.withDatabase { database in
            let workspace = root.appendingPathComponent("ws").path
            let binary = self.binary
            @Sendable func run(_ arguments: [String], as user: String, input: [String]? = nil) throws -> BinaryTests.Outcome {
                try binary.hotich(arguments + ["--workspace", workspace, "--as", user, "--lang", "en"], in: root, input: input)
            }
            #expect(try binary.hotich(
                ["init", "--database", database, "--scans", workspace, "--office", "00001", "--admin", "quantri", "--identity", "names"],
                in: root).status == 0)
            let keyers = (1...16).map { "k\($0)" }
            for (name, role) in [("giamsat", "supervisor"), ("kiemtra", "verifier"), ("nhaplieu", "operator"), ("nhaplieu2", "operator")]
                + keyers.map({ ($0, "operator") }) {
                #expect(try run(["user", "add", name, "--role", role], as: "quantri").status == 0)
            }
            // Batch A: 32 scans for the keyers.
            let scans = root.appendingPathComponent("A")
            try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
            for number in 1...32 {
                try Data(SampleScans.pdf(text: "muc \(number)").utf8).write(
                    to: scans.appendingPathComponent(String(format: "KS.2017.11.2017-01-05.%02d.pdf", number)))
            }
            #expect(try run(["batch", "receive", scans.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "11",
                             "--policy", "review"], as: "giamsat").status == 0)
            // Batch C: the sample book keyed in both passes, ready to verify.
            let book = try SampleScans.writeGoodBook(into: root.appendingPathComponent("C"))
            #expect(try run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1"],
                            as: "giamsat").status == 0)
            let sheets = root.appendingPathComponent("sheets")
            try SampleKeyings.write(into: sheets)
            for (pass, keyer) in [(1, "nhaplieu"), (2, "nhaplieu2")] {
                let imported = try run(
                    ["key", "import", "KS-00001-2017-01-1", sheets.appendingPathComponent(SampleKeyings.fileName(pass: pass)).path, "--pass", "\(pass)"],
                    as: keyer)
                #expect(imported.status == 0, "\(imported.err)")
            }
            // Batch B: a book of the next year, its entries imported without scans.
            let cover = root.appendingPathComponent("B")
            try FileManager.default.createDirectory(at: cover, withIntermediateDirectories: true)
            try Data(SampleScans.pdf(text: "bia").utf8).write(to: cover.appendingPathComponent("00-bia.pdf"))
            #expect(try run(["batch", "receive", cover.path, "--kind", "KS", "--office", "00001", "--year", "2018", "--volume", "1",
                             "--policy", "review", "--accept-issues"], as: "giamsat").status == 0)
            let rows = SampleKeyings.rows(pass: 1).map { row in
                row.map { $0 == "01/2017" ? "01/2018" : $0.replacingOccurrences(of: ".2017", with: ".2018") }
            }
            let sheet = root.appendingPathComponent("B.csv")
            try Data(rows.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }.joined(separator: "\n").utf8).write(to: sheet)

            // Each keyer keys two entries and pauses.
            var entry = KeyingFlowTests.required
            entry["nksHoTen"] = "NGUYỄN VĂN AN"
            let answers = KeyingFlowTests.fields.map { entry[$0.key] ?? "" }
            let input = answers + [""] + answers + [""] + [":q"]
            let outcomes = Outcomes()
            let group = DispatchGroup()
            for keyer in keyers {
                group.enter()
                Thread {
                    defer { group.leave() }
                    outcomes.add(keyer, Result { try run(["key", "KS-00001-2017-11-1"], as: keyer, input: input) })
                }.start()
            }
            for (name, arguments, user) in [("import", ["key", "import", "KS-00001-2018-01-1", sheet.path], "nhaplieu"),
                                            ("verify", ["verify", "KS-00001-2017-01-1"], "kiemtra")] {
                group.enter()
                Thread {
                    defer { group.leave() }
                    outcomes.add(name, Result { try run(arguments, as: user) })
                }.start()
            }
            group.wait()
            for (name, result) in outcomes.all {
                let outcome = try result.get()
                #expect(outcome.status == 0, "\(name): \(outcome.err.suffix(400))")
                for raw in ["sqlstate", "SQLSTATE", "ERROR:", "duplicate key", "violates", "postgres@"] {
                    #expect(!outcome.err.contains(raw) && !outcome.out.contains(raw), "\(name) showed raw database text")
                }
            }
            let check = try PostgresConnection(connectionString: database)
            func count(_ sql: String) throws -> Int { try check.execute(sql).first?.required("n", as: Int.self) ?? -1 }
            #expect(try count(#"SELECT COUNT(*) AS n FROM "record" WHERE "batchId" = 'KS-00001-2017-11-1'"#) == 32, "every save kept")
            #expect(try count(#"SELECT COUNT(DISTINCT "scanFileId") AS n FROM "record" WHERE "batchId" = 'KS-00001-2017-11-1'"#) == 32,
                    "no file keyed twice")
            #expect(try count(#"SELECT COUNT(*) AS n FROM "keying" WHERE "batchId" = 'KS-00001-2017-11-1' AND "state" = 'complete'"#) == 32)
            #expect(try count(#"SELECT COUNT(*) AS n FROM "record" WHERE "batchId" = 'KS-00001-2018-01-1'"#) == rows.count - 1)
            #expect(try count(#"SELECT COUNT(*) AS n FROM "record" WHERE "batchId" = 'KS-00001-2017-01-1' AND "status" = 'verified'"#) > 0)
            let audit = try run(["audit", "verify"], as: "giamsat")
            #expect(audit.status == 0, "\(audit.out)")
        }
    }
}

/// What each of several processes ended with, gathered from their threads.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [(String, Result<BinaryTests.Outcome, any Error>)] = []

    func add(_ name: String, _ result: Result<BinaryTests.Outcome, any Error>) {
        lock.lock()
        defer { lock.unlock() }
        results.append((name, result))
    }

    var all: [(String, Result<BinaryTests.Outcome, any Error>)] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}
