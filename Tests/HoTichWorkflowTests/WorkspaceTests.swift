import Foundation
import GRDB
import HoTichModel
import HoTichStore
import HoTichWorkflow
import Testing

@Suite struct WorkspaceTests {
    @Test func createdWithWALForeignKeysAndItsFirstAdministrator() throws {
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

    @Test func aWorkspaceFromANewerHotichIsRefused() throws {
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

    @Test func aLockedDatabaseGivesOneClearMessageAndChangesNothing() throws {
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
