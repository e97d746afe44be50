import Foundation
import GRDB
import HoTichExchange
import HoTichModel
import HoTichStore
import HoTichWorkflow
import Testing

@Suite struct WorkspaceTests {
    @Test(.sqliteFile) func createdWithWALForeignKeysAndItsFirstAdministrator() throws {
        let test = try TestWorkspace()
        let (journal, foreignKeys) = try test.workspace.sqlite.databaseRead { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
        let info = try test.workspace.info()
        #expect(info.officeCode.value == "00001")
        #expect(info.name == "UBND phường Phúc Xá")
        let users = try test.admin.users()
        #expect(users.first { $0.name == "quantri" }?.role == .admin)
        let events = try test.admin.auditEvents()
        #expect(events.prefix(2).map(\.action.rawValue) == ["init", "user-add"])
    }

    @Test func refusesToCreateOverAnExistingWorkspace() throws {
        let test = try TestWorkspace()
        #expect(throws: HoTichError(.workspaceAlreadyExists(path: test.workspace.folder.path))) {
            try Workspace.create(at: test.workspace.folder, office: SampleScans.office, name: nil, admin: "khac")
        }
    }

    @Test func openingAFolderWithoutAWorkspaceSaysHowToCreateOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-none-\(UUID().uuidString)")
        #expect(throws: HoTichError(.workspaceNotFound(path: folder.path))) { try Workspace.open(at: folder) }
        #expect(Message.workspaceNotFound(path: folder.path).text(in: .vietnamese).contains("hotich init --office"))
    }

    @Test(.sqliteFile) func aWorkspaceFromANewerHotichIsRefused() throws {
        let test = try TestWorkspace()
        try test.workspace.sqlite.writer.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        #expect(throws: HoTichError(.workspaceTooNew(path: test.workspace.folder.path))) {
            try Workspace.open(at: test.workspace.folder)
        }
    }

    @Test func aFileThatIsNotADatabaseIsRefusedClearly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("this is not sqlite, just text that is long enough to be a header", SQLiteStore.databaseFileName, in: folder)
        #expect(throws: HoTichError(.workspaceUnreadable(path: folder.path))) { try Workspace.open(at: folder) }
    }

    @Test func discoveryPrefersTheOptionThenTheEnvironmentThenTheCurrentFolder() {
        let env = ["HOTICH_WORKSPACE": "/srv/hotich/env"]
        #expect(Workspace.locate(explicit: "/srv/opt", environment: env, currentDirectory: "/home/lan").path == "/srv/opt")
        #expect(Workspace.locate(explicit: nil, environment: env, currentDirectory: "/home/lan").path == "/srv/hotich/env")
        #expect(Workspace.locate(explicit: nil, environment: [:], currentDirectory: "/home/lan").path == "/home/lan")
        #expect(Workspace.locate(explicit: "ws", environment: env, currentDirectory: "/home/lan").path == "/home/lan/ws")
        #expect(Workspace.locate(explicit: "", environment: ["HOTICH_WORKSPACE": ""], currentDirectory: "/x").path == "/x")
    }

    @Test func anUnknownActingUserIsRefused() throws {
        let test = try TestWorkspace()
        #expect(throws: HoTichError(.unknownUser("ai-do"))) { try test.workspace.session(as: "ai-do") }
        #expect(throws: HoTichError(.noActingUser)) { try test.workspace.session(as: nil) }
    }

    @Test(.sqliteFile) func aLockedDatabaseGivesOneClearMessageAndChangesNothing() throws {
        let test = try TestWorkspace(busyTimeout: 0.2)
        let before = try test.snapshot()
        let book = try test.goodBook()
        // Another process holds the write lock for longer than the busy timeout.
        let other = try DatabaseQueue(path: test.workspace.folder.appendingPathComponent(SQLiteStore.databaseFileName).path)
        try other.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            #expect(throws: HoTichError(.workspaceBusy)) {
                try test.supervisor.receive(IntakeRequest(source: book, book: SampleScans.book))
            }
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try test.snapshot() == before)
        #expect(try test.supervisor.receive(IntakeRequest(source: book, book: SampleScans.book)).batch != nil)
    }
}

/// A workspace's files are its owner's alone, and a workspace is never started over its own data.
@Suite struct WorkspaceSafetyTests {
    static func folder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) & 0o777
    }

    @Test func aNewWorkspaceIsReadableByItsOwnerOnly() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("ws")
        let workspace = try Workspace.create(at: folder, office: OfficeCode(literal: "00001"), name: nil, admin: "quantri")
        _ = try workspace.info()
        // Whatever the umask (the test process's is 022), the folder, the database and its journals.
        #expect(try Self.mode(folder.path) == 0o700)
        let database = folder.appendingPathComponent("hotich.sqlite").path
        for path in [database, database + "-wal", database + "-shm"] where FileManager.default.fileExists(atPath: path) {
            #expect(try Self.mode(path) == 0o600, "\(path)")
        }
        #expect(FileManager.default.fileExists(atPath: database + "-wal"))
    }

    @Test func aFolderAnyoneMayWriteToIsRefused() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let open = root.appendingPathComponent("chung")
        try FileManager.default.createDirectory(at: open, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: open.path)
        #expect(throws: HoTichError(.workspaceFolderOpenToOthers(path: open.path))) {
            try Workspace.create(at: open, office: OfficeCode(literal: "00001"), name: nil, admin: "quantri")
        }
        #expect(!FileManager.default.fileExists(atPath: open.appendingPathComponent("hotich.sqlite").path))
    }

    @Test func aDatabaseCopiedWithoutItsDataIsNeverOpenedAsANewWorkspace() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        // The database file alone, empty (its data left in the -wal of another folder), beside the scans.
        let copied = root.appendingPathComponent("copied")
        try FileManager.default.createDirectory(at: copied.appendingPathComponent("scans"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: copied.appendingPathComponent("hotich.sqlite").path, contents: Data())
        #expect(throws: HoTichError(.workspaceDatabaseMissing(path: copied.path))) { try Workspace.open(at: copied) }
        #expect(try Data(contentsOf: copied.appendingPathComponent("hotich.sqlite")).isEmpty, "nothing was written into it")

        // The journal without its database: refused to open, and refused to be made anew.
        let journal = root.appendingPathComponent("journal")
        try FileManager.default.createDirectory(at: journal, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: journal.appendingPathComponent("hotich.sqlite-wal").path, contents: Data([1, 2, 3]))
        #expect(throws: HoTichError(.workspaceDatabaseMissing(path: journal.path))) { try Workspace.open(at: journal) }
        #expect(throws: HoTichError(.workspaceDatabaseMissing(path: journal.path))) {
            try Workspace.create(at: journal, office: OfficeCode(literal: "00001"), name: nil, admin: "quantri")
        }

        // Scans without a database: hotich init does not start an empty workspace over them.
        let scans = root.appendingPathComponent("scans-only")
        try FileManager.default.createDirectory(at: scans.appendingPathComponent("scans"), withIntermediateDirectories: true)
        #expect(throws: HoTichError(.workspaceDatabaseMissing(path: scans.path))) {
            try Workspace.create(at: scans, office: OfficeCode(literal: "00001"), name: nil, admin: "quantri")
        }

        // Another program's SQLite database is not migrated into a workspace by being opened.
        let other = root.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: other.appendingPathComponent("hotich.sqlite").path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        try queue.close()
        #expect(throws: HoTichError(.workspaceDatabaseMissing(path: other.path))) { try Workspace.open(at: other) }
        let tables = try DatabaseQueue(path: other.appendingPathComponent("hotich.sqlite").path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables == ["t"])
    }
}

extension WorkspaceSafetyTests {
    /// Every file and folder under `root` that group or others may read, write or enter.
    static func openToOthers(under root: URL) throws -> [String] {
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if attributes[.type] as? FileAttributeType == .typeSymbolicLink { continue }
            if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
                found.append("\(url.path.dropFirst(root.path.count)) \(String(mode, radix: 8))")
            }
        }
        return found
    }

    @Test func scansRejectsAndExportsAreTheOwnersAlone() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = test.root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        _ = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out))
        #expect(try Self.openToOthers(under: test.workspace.folder) == [])
        #expect(try Self.openToOthers(under: out) == [])
        // A partial import's reject file, beside the file imported.
        let other = try TestWorkspace()
        let second = try other.receiveGoodBook()
        let folder = try other.deliveries()
        var rows = SampleKeyings.rows(pass: 1)
        rows[2][11] = "9"  // not a sex code
        let csv = try writeCSV(rows.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }.joined(separator: "\n"), "mot-dong-loi.csv", in: folder)
        let report = try other.operatorSession.importKeyings(ImportRequest(batchID: second.id, file: csv, partial: true))
        let rejects = try #require(report.rejectsFile)
        #expect(try Self.mode(rejects.path) == 0o600)
        #expect(try Self.openToOthers(under: other.workspace.folder) == [])
    }

    @Test func aWorkspaceSharedWithAGroupIsTheGroupsAndNobodyElses() throws {
        let test = try TestWorkspace()
        let group = try #require(getgrgid(getgid())).pointee.gr_name.map { String(cString: $0) }
        let name = try #require(group)
        let folder = test.root.appendingPathComponent("chung")
        let workspace = try Workspace.create(
            at: folder, office: SampleScans.office, name: nil, admin: "quantri", identity: .names, group: name)
        #expect(workspace.modes == .group)
        let admin = try workspace.session(as: "quantri")
        try admin.addUser(name: "giamsat", role: .supervisor)
        let zip = try ConcurrencyTests.zippedBook(test)
        let received = try workspace.session(as: "giamsat").receive(IntakeRequest(source: zip, book: SampleScans.book, policy: .double))
        #expect(received.batch != nil)
        // Reopened, the workspace knows it is shared from its folder.
        #expect(try Workspace.open(at: folder).modes == .group)
        let all = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
        #expect(all == 0o2770)
        var files = 0
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let mode = try #require(attributes[.posixPermissions] as? Int)
            let isFolder = attributes[.type] as? FileAttributeType == .typeDirectory
            #expect(mode & 0o007 == 0, "\(url.lastPathComponent) is open to others")
            #expect(mode & 0o060 == 0o060, "\(url.lastPathComponent) is not the group's")
            if isFolder { #expect(mode & 0o2070 == 0o2070, "\(url.lastPathComponent)") } else { files += 1 }
        }
        #expect(files > 12, "the database, key, anchor log and the twelve scans were looked at")
        #expect(throws: HoTichError(.identity(.unknownGroup("khong-co-nhom-nay")))) {
            try Workspace.create(at: test.root.appendingPathComponent("x"), office: SampleScans.office, name: nil, admin: "quantri",
                                 group: "khong-co-nhom-nay")
        }
    }
}
