import GRDB
import Foundation
import HoTichModel
import HoTichPostgres
import HoTichStore
import HoTichTestSupport
import HoTichWorkflow
import Testing

/// A real workspace in its own temporary folder, with one user of each role, removed afterwards.
final class TestWorkspace {
    let root: URL
    let workspace: Workspace
    /// Drops the PostgreSQL database of a workspace made there (`HOTICH_TEST_STORE=postgres`).
    private var dropDatabase: (@Sendable () -> Void)?
    /// The database of a workspace kept on PostgreSQL, for the tests' own look into it.
    private(set) var connectionString: String?

    /// - Parameter onPostgres: whether the workspace is kept on the test PostgreSQL server (by
    ///   default when `HOTICH_TEST_STORE=postgres`); a district's workspace is always SQLite.
    init(
        busyTimeout: TimeInterval = SQLiteStore.defaultBusyTimeout, province: OfficeCode? = nil,
        onPostgres: Bool = PostgresServer.workflowOnPostgres
    ) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-test-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("workspace")
        if onPostgres {
            let database = try PostgresServer.makeDatabase()
            dropDatabase = database.drop
            connectionString = database.connectionString
            _ = try Workspace.create(
                at: folder, database: database.connectionString, office: SampleScans.office, name: "UBND phường Phúc Xá", admin: "quantri",
                province: province)
        } else {
            _ = try Workspace.create(at: folder, office: SampleScans.office, name: "UBND phường Phúc Xá", admin: "quantri", province: province)
        }
        workspace = try Workspace.open(at: folder, busyTimeout: busyTimeout)
        let admin = try workspace.session(as: "quantri")
        try admin.addUser(name: "giamsat", role: .supervisor)
        try admin.addUser(name: "nhaplieu", role: .operator)
        try admin.addUser(name: "kiemtra", role: .verifier)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
        dropDatabase?()
    }

    var admin: Session { get throws { try workspace.session(as: "quantri") } }
    var supervisor: Session { get throws { try workspace.session(as: "giamsat") } }
    var operatorSession: Session { get throws { try workspace.session(as: "nhaplieu") } }
    var verifier: Session { get throws { try workspace.session(as: "kiemtra") } }

    /// A new empty folder for deliveries.
    func deliveries() throws -> URL {
        let folder = root.appendingPathComponent("deliveries-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The clean sample book, written into a fresh deliveries folder.
    func goodBook() throws -> URL {
        try SampleScans.writeGoodBook(into: deliveries())
    }

    /// Receives the clean sample book as the supervisor and returns the batch.
    func receiveGoodBook(policy: VerificationPolicy = .double) throws -> Batch {
        let report = try supervisor.receive(IntakeRequest(source: goodBook(), book: SampleScans.book, policy: policy))
        return try #require(report.batch)
    }

    func count(_ table: String) throws -> Int {
        if let store = workspace.store as? PostgresStore {
            return try store.databaseRead { tx in try tx.connection.execute("SELECT COUNT(*) AS n FROM \"\(table)\"").first?.required("n", as: Int.self) ?? 0 }
        }
        return try workspace.sqlite.databaseRead { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    /// The rows `sql` selects, each value as text, on whichever store keeps the workspace: the
    /// tests' own look into the data, and their tampering behind hotich's back. Written in
    /// SQLite's words with `?` parameters; for PostgreSQL every identifier with a capital letter
    /// (as hotich's schema spells its columns and tables) and the table `user` are quoted, and the
    /// parameters numbered.
    @discardableResult
    func rows(_ sql: String, _ arguments: [String] = []) throws -> [[String?]] {
        if let connectionString {
            return try PostgresConnection(connectionString: connectionString)
                .execute(Self.postgres(sql), arguments.map { $0 as any PostgresBindable }).map(\.values)
        }
        return try workspace.sqlite.writer.write { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                row.databaseValues.map { value in
                    switch value.storage {
                    case .null: nil
                    case .int64(let number): String(number)
                    case .double(let number): String(number)
                    case .string(let text): text
                    case .blob(let data): data.base64EncodedString()
                    }
                }
            }
        }
    }

    /// The first column of every row `sql` selects.
    func column(_ sql: String, _ arguments: [String] = []) throws -> [String] {
        try rows(sql, arguments).map { $0.first.flatMap { $0 } ?? "" }
    }

    /// The one number `sql` selects.
    func number(_ sql: String, _ arguments: [String] = []) throws -> Int {
        Int(try column(sql, arguments).first ?? "") ?? 0
    }

    /// `sql` in PostgreSQL's words (see ``rows(_:_:)``).
    static func postgres(_ sql: String) -> String {
        var text = sql.replacingOccurrences(of: #"(?<!["'\w])([a-z]+[A-Z][A-Za-z0-9]*)(?!["\w])"#, with: "\"$1\"", options: .regularExpression)
        text = text.replacingOccurrences(of: #"\b(FROM|UPDATE|INTO|JOIN) user\b"#, with: "$1 \"user\"", options: .regularExpression)
        var number = 0
        var result = ""
        var quoted = false
        for character in text {
            if character == "'" { quoted.toggle() }
            if character == "?" && !quoted {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// Row counts of every table that intake writes, to show nothing changed.
    func snapshot() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["batch", "book", "scanFile", "batchIssue", "auditEvent", "office", "user"] {
            counts[table] = try count(table)
        }
        return counts
    }
}

extension Trait where Self == ConditionTrait {
    /// A test of the SQLite file itself (its triggers, pragmas, free pages, backup): skipped when
    /// the workflow suite runs on PostgreSQL, where `PostgresWorkflowTests` and the store's
    /// `Postgres*Tests` test the same guarantees the server's way.
    static var sqliteFile: Self {
        .enabled(if: !PostgresServer.workflowOnPostgres, "tests the SQLite file itself")
    }
}

/// Writes `content` at `name` inside `folder`.
func write(_ content: String, _ name: String, in folder: URL) throws {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(content.utf8).write(to: url)
}
