import HoTichPostgres
import HoTichModel

/// Content seals on PostgreSQL: the tables and columns of ``ContentSeal``, sealed by one PL/pgSQL
/// trigger function (`hotich_seal`) that hashes a row exactly as SQLite's `hotich_content` does.
///
/// Unlike SQLite's, these triggers fire for every client: a role that does not own the tables
/// cannot disable them, so a row changed through any connection is sealed, and only the seal
/// range its transaction's audit event vouches for tells hotich's changes from others'.
enum PostgresSeals {
    /// The sealed columns that are booleans: hashed as 1 or 0, as SQLite stores them.
    static let booleanColumns: Set<String> = ["usable", "pass1Wrong", "pass2Wrong", "reregistration"]

    /// One column of the row `NEW` as the seal serializes it: its UTF-8 length, `:`, its text and
    /// `;`, or `-;` for NULL (``ContentSeal/append(_:to:)``).
    static func piece(_ column: String) -> String {
        let text = booleanColumns.contains(column) ? #"(NEW."\#(column)")::int::text"# : #"(NEW."\#(column)")::text"#
        return #"CASE WHEN NEW."\#(column)" IS NULL THEN '-;' ELSE octet_length(\#(text))::text || ':' || \#(text) || ';' END"#
    }

    /// The body of the seal function of `table`: its columns named one by one (a generic function
    /// reading the row as JSON cost a millisecond a row, most of an import's time).
    static func functionBody(_ table: ContentSeal.Table) -> String {
        let kind = table.content.rawValue
        let id = table.idColumn
        return """

            BEGIN
                IF TG_OP = 'DELETE' THEN
                    INSERT INTO "contentSeal" ("kind", "subjectId", "hash") VALUES ('\(kind)', (OLD."\(id)")::text, NULL);
                    RETURN OLD;
                END IF;
                INSERT INTO "contentSeal" ("kind", "subjectId", "hash") VALUES ('\(kind)', (NEW."\(id)")::text,
                    encode(sha256(convert_to(\(table.columns.map(piece).joined(separator: "\n                        || ")), 'UTF8')), 'hex'));
                RETURN NEW;
            END
            """
    }

    static func functionName(_ table: ContentSeal.Table) -> String { "hotich_seal_\(table.table)" }

    /// The seal function and trigger of each table.
    static func triggers(_ tables: [ContentSeal.Table]) -> [(name: String, sql: String)] {
        tables.map { table in
            let name = "\(table.table)_sealed"
            return (name, """
                CREATE FUNCTION "\(functionName(table))"() RETURNS trigger LANGUAGE plpgsql AS $$\(functionBody(table))$$;
                CREATE TRIGGER "\(name)" AFTER INSERT OR UPDATE OR DELETE ON "\(table.table)"
                    FOR EACH ROW EXECUTE FUNCTION "\(functionName(table))"();
                """)
        }
    }

    static func triggersSQL(_ tables: [ContentSeal.Table]) -> String {
        triggers(tables).map(\.sql).joined(separator: "\n")
    }

    /// The triggers a sound workspace has on its tables, by name: the guards and the seals.
    static var expectedTriggers: Set<String> {
        Set(triggers(ContentSeal.tables).map(\.name) + PostgresMigrations.appendOnlyTables.map { "\($0)_append_only" }
            + ["record_keeps_keyed_values", "record_names_indexed"] + PostgresProgressSummary.expectedTriggers)
    }

    /// The functions v1 made, with the bodies PostgreSQL keeps.
    static var expectedFunctions: [String: String] {
        Dictionary(uniqueKeysWithValues: ContentSeal.tables.map { (functionName($0), functionBody($0)) }).merging([
            "hotich_append_only": PostgresMigrations.appendOnlyBody,
            "hotich_row_content": PostgresMigrations.rowContentBody,
            "hotich_keep_keyed_values": PostgresMigrations.keepKeyedValuesBody,
            "hotich_day": PostgresMigrations.dayBody,
            "hotich_field_count": PostgresMigrations.fieldCountBody,
            "hotich_fold": PostgresSearchIndex.foldBody,
            "hotich_index_names": PostgresSearchIndex.indexBody,
        ]) { first, _ in first }.merging(PostgresProgressSummary.expectedFunctions) { first, _ in first }
    }

    /// Names every guard or seal trigger that is missing or disabled, every function of hotich's
    /// whose body was changed, and every trigger on the workspace's tables that hotich never made.
    static func verifySchema(_ tx: PostgresTransaction, into chain: inout AuditChainCheck) throws {
        let present = try tx.execute(#"""
            SELECT t.tgname AS "name", t.tgenabled AS "enabled"
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal
            """#)
        var enabled: [String: Bool] = [:]
        for row in present {
            enabled[try row.required("name")] = (try row.decode("enabled", as: String.self)) != "D"
        }
        let expected = expectedTriggers
        for name in expected.sorted() where enabled[name] != true { chain.report(.guardMissing(name: name)) }
        for name in enabled.keys.sorted() where !expected.contains(name) { chain.report(.foreignSchema(name: name)) }
        let functions = try tx.execute(#"""
            SELECT p.proname AS "name", p.prosrc AS "body" FROM pg_proc p
            WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'hotich\_%'
            """#)
        var bodies: [String: String] = [:]
        for row in functions { bodies[try row.required("name")] = try row.decode("body") }
        for (name, body) in expectedFunctions.sorted(by: { $0.key < $1.key }) where bodies[name] != body {
            chain.report(.guardMissing(name: name))
        }
    }

    /// Checks every current row of every sealed table against its last seal, and every sealed row
    /// still being there; returns how many rows were checked.
    static func verifyContent(_ tx: PostgresTransaction, into result: inout AuditVerification) throws -> Int {
        var checked = 0
        for table in ContentSeal.tables {
            let columns = "ARRAY[" + table.columns.map { "'\($0)'" }.joined(separator: ", ") + "]::text[]"
            let latest = #"""
                (SELECT DISTINCT ON ("subjectId") "subjectId", "id", "hash" FROM "contentSeal"
                 WHERE "kind" = $1 ORDER BY "subjectId", "id" DESC)
                """#
            let rows = try tx.execute(#"""
                SELECT t."\#(table.idColumn)"::text AS "subject", "hotich_row_content"(to_jsonb(t), \#(columns)) AS "actual",
                       latest."id" AS "sealId", latest."hash" AS "sealed"
                FROM "\#(table.table)" t LEFT JOIN \#(latest) latest ON latest."subjectId" = t."\#(table.idColumn)"::text
                ORDER BY t."\#(table.idColumn)"
                """#, [table.content.rawValue])
            for row in rows {
                checked += 1
                let id: String = try row.required("subject")
                if try row.decode("sealId", as: Int64.self) == nil {
                    result.report(.contentUnsealed(table.content, id: id))
                } else if try row.decode("actual", as: String.self) != row.decode("sealed", as: String.self) {
                    result.report(.contentChanged(table.content, id: id))
                }
            }
            let missing = try tx.execute(#"""
                SELECT latest."subjectId" FROM \#(latest) latest
                WHERE latest."hash" IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM "\#(table.table)" t WHERE t."\#(table.idColumn)"::text = latest."subjectId")
                ORDER BY latest."id"
                """#, [table.content.rawValue])
            for row in missing {
                result.report(.contentMissing(table.content, id: try row.required("subjectId")))
            }
        }
        return checked
    }
}
