public import Foundation
import HoTichPostgres
public import Testing

/// The PostgreSQL server the store's PostgreSQL tests use, and a fresh database on it per test.
///
/// `HOTICH_TEST_DATABASE` names a server to use (a connection string whose role may create
/// databases and roles: `.ci/run` starts one). Without it, the tests start a throw-away cluster of
/// their own with `tools/postgres/throwaway-cluster` when PostgreSQL's server programs are
/// installed, and stop it when the test process ends. `HOTICH_TEST_DATABASE=off` turns the
/// PostgreSQL tests off; so does a machine without PostgreSQL (the tests say they were skipped).
public enum PostgresServer {
    /// The server's connection string, or nil when there is none to test against.
    public static let connectionString: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["HOTICH_TEST_DATABASE"], !given.isEmpty {
            return given == "off" ? nil : given
        }
        return startThrowawayCluster()
    }()

    public static var isAvailable: Bool { connectionString != nil }

    private static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Starts a cluster in a temporary folder; stopped (and removed) when the process exits.
    private static func startThrowawayCluster() -> String? {
        let script = packageRoot.appendingPathComponent("tools/postgres/throwaway-cluster").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-pg-\(getpid())").path
        guard let output = run(script, ["start", folder]), let line = output.split(separator: "\n").last else { return nil }
        clusterFolder = folder
        clusterScript = script
        atexit {
            if let folder = PostgresServer.clusterFolder, let script = PostgresServer.clusterScript {
                _ = PostgresServer.run(script, ["stop", folder])
            }
        }
        return String(line)
    }

    nonisolated(unsafe) private static var clusterFolder: String?
    nonisolated(unsafe) private static var clusterScript: String?

    /// Runs a program and returns its standard output, nil when it fails. The output goes through
    /// a file, not a pipe (the server the program starts would keep an inherited pipe open), and the
    /// program is spawned and waited for directly: this runs inside a static initializer, where
    /// Foundation's `Process` never hears of its child's end.
    private static func run(_ path: String, _ arguments: [String]) -> String? {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-pg-output-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // Exited normally with status 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0, let data = FileManager.default.contents(atPath: outputPath) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// A new, empty database, and what drops it (for a fixture that outlives one closure).
    public static func makeDatabase() throws -> (connectionString: String, drop: @Sendable () -> Void) {
        let server = try #require(connectionString)
        let name = "hotich_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        try PostgresConnection(connectionString: server).execute("CREATE DATABASE \(name)")
        return (replacingDatabase(in: server, with: name), {
            _ = try? PostgresConnection(connectionString: server).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        })
    }

    /// Whether the workflow tests run on PostgreSQL (`HOTICH_TEST_STORE=postgres`, on demand; the
    /// store's own tests compare both stores every time).
    public static var workflowOnPostgres: Bool {
        ProcessInfo.processInfo.environment["HOTICH_TEST_STORE"] == "postgres"
    }

    /// A new, empty database for one test; dropped when `body` returns.
    public static func withDatabase<T>(_ body: (_ connectionString: String) throws -> T) throws -> T {
        let server = try #require(connectionString)
        let name = "hotich_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        let admin = try PostgresConnection(connectionString: server)
        try admin.execute("CREATE DATABASE \(name)")
        defer {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
        return try body(replacingDatabase(in: server, with: name))
    }

    /// `connectionString` naming database `name` instead (a URI's path, or a `dbname=` option).
    public static func replacingDatabase(in connectionString: String, with name: String) -> String {
        if connectionString.hasPrefix("postgres://") || connectionString.hasPrefix("postgresql://") {
            var components = URLComponents(string: connectionString)!
            components.path = "/" + name
            return components.string!
        }
        return connectionString + " dbname=\(name)"
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when a PostgreSQL server is there to test against.
    public static var postgresAvailable: Self {
        .enabled(if: PostgresServer.isAvailable, "no PostgreSQL server (set HOTICH_TEST_DATABASE, or install PostgreSQL's server)")
    }
}

extension PostgresServer {
    /// `connectionString` connecting as role `role` instead (a URI's user, or a `user=` option).
    public static func replacingUser(in connectionString: String, with role: String) -> String {
        if connectionString.hasPrefix("postgres://") || connectionString.hasPrefix("postgresql://") {
            var components = URLComponents(string: connectionString)!
            components.user = role
            return components.string!
        }
        return connectionString + " user=\(role)"
    }
}
