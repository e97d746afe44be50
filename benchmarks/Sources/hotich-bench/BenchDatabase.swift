import ArgumentParser
import Foundation
import HoTichPostgres

/// Runs `body` with the connection string of a new database on the server `server` names (a
/// `postgresql://` URI whose role may create databases); the database is dropped after.
func withBenchDatabase<T>(on server: String, _ body: (String) throws -> T) throws -> T {
    guard var components = URLComponents(string: server), server.hasPrefix("postgres") else {
        throw ValidationError("--database must be a postgresql:// URI")
    }
    let admin = try PostgresConnection(connectionString: server)
    let name = "hotich_bench_\(UUID().uuidString.prefix(8).lowercased())"
    try admin.execute("CREATE DATABASE \(name)")
    defer { _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    components.path = "/" + name
    guard let connectionString = components.string else { throw ValidationError("--database must be a postgresql:// URI") }
    return try body(connectionString)
}
