import Foundation
public import HoTichPostgres

/// The database roles a province's workspace is used through.
///
/// - The **owner** role makes the schema and migrates it (`hotich init --database`, and the first
///   run of a newer hotich); a database administrator keeps its password.
/// - The **application** role is the one every hotich client connects as. It owns nothing, so it
///   cannot drop or change a table, a trigger or a function; it may read and write the workspace's
///   tables, but only read and append to the audit trail and the content seals: the server
///   refuses it UPDATE, DELETE and TRUNCATE there, whatever a client sends. (The append-only
///   triggers refuse them to the owner too; only the owner could drop them.)
public enum PostgresRoles {
    /// Gives `role` (an existing role) what the application needs on the workspace's tables in the
    /// current schema, and nothing more; run as the owner, after every migration.
    public static func grantApplication(role: String, on connection: PostgresConnection) throws(PostgresError) {
        let role = quoted(role)
        try connection.execute("GRANT USAGE ON SCHEMA \(quoted(try currentSchema(connection))) TO \(role)")
        let tables = try connection.execute(
            "SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' ORDER BY 1")
        for row in tables {
            guard let name = try? row.required("name", as: String.self) else { continue }
            let privileges = readOnly.contains(name) ? "SELECT"
                : PostgresMigrations.appendOnlyTables.contains(name) ? "SELECT, INSERT" : "SELECT, INSERT, UPDATE, DELETE"
            try connection.execute("REVOKE ALL ON \(quoted(name)) FROM \(role)")
            try connection.execute("GRANT \(privileges) ON \(quoted(name)) TO \(role)")
        }
        try connection.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA \(quoted(try currentSchema(connection))) TO \(role)")
    }

    /// Tables the application only reads: the schema's own bookkeeping.
    static let readOnly: Set<String> = ["hotich_migration"]

    private static func currentSchema(_ connection: PostgresConnection) throws(PostgresError) -> String {
        (try? connection.execute("SELECT current_schema() AS name").first?.required("name", as: String.self)) ?? "public"
    }

    /// `name` as a quoted SQL identifier.
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
