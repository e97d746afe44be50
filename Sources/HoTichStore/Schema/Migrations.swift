import GRDB

/// The versioned schema of a workspace database.
///
/// Migrations are named, applied in order, and never edited once released: a change to the
/// schema is a new migration appended here. They are written in SQL terms, without app types,
/// so that old migrations keep meaning what they meant.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-workspace-users-batches-audit") { db in
            try db.create(table: "workspace") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("officeCode", .text).notNull()
                t.column("name", .text)
                t.column("createdAt", .text).notNull()
            }
            try db.create(table: "office") { t in
                t.primaryKey("code", .text)
                t.column("name", .text)
            }
            try db.create(table: "user") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("role", .text).notNull()
                    .check(sql: "role IN ('operator','verifier','supervisor','admin')")
                t.column("createdAt", .text).notNull()
                t.column("createdBy", .text)
            }
            try db.create(table: "book") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("officeCode", .text).notNull().references("office")
                t.column("kind", .text).notNull()
                    .check(sql: "kind IN ('KS','KT','KH','HN','CMC')")
                t.column("year", .integer).notNull()
                t.column("volume", .integer).notNull()
                t.uniqueKey(["officeCode", "kind", "year", "volume"])
            }
            try db.create(table: "batch") { t in
                t.primaryKey("id", .text)
                t.column("bookId", .integer).notNull().references("book")
                t.column("sequence", .integer).notNull()
                t.column("policy", .text).notNull()
                    .check(sql: "policy IN ('double','review','sample')")
                t.column("state", .text).notNull()
                    .check(sql: "state IN ('received','keying','keyed','verifying','verified','exporting','exported','on-hold')")
                t.column("heldFrom", .text)
                t.column("sourcePath", .text).notNull()
                t.column("sourceKind", .text).notNull().check(sql: "sourceKind IN ('folder','zip')")
                t.column("storedRoot", .text).notNull()
                t.column("fileCount", .integer).notNull()
                t.column("totalBytes", .integer).notNull()
                t.column("contentDigest", .text).notNull().unique()
                t.column("receivedAt", .text).notNull()
                t.column("receivedBy", .text).notNull()
                t.column("updatedAt", .text).notNull()
                t.uniqueKey(["bookId", "sequence"])
            }
            try db.create(index: "batch_on_state", on: "batch", columns: ["state"])
            try db.create(table: "scanFile") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("batchId", .text).notNull().references("batch", onDelete: .cascade)
                t.column("path", .text).notNull()
                t.column("bytes", .integer).notNull()
                t.column("sha256", .text).notNull()
                t.column("format", .text)
                t.column("usable", .boolean).notNull()
                t.column("nameNumber", .text)
                t.column("nameDate", .text)
                t.uniqueKey(["batchId", "path"])
            }
            try db.create(index: "scanFile_on_sha256", on: "scanFile", columns: ["sha256"])
            try db.create(table: "batchIssue") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("batchId", .text).notNull().references("batch", onDelete: .cascade)
                t.column("path", .text).notNull()
                t.column("code", .text).notNull()
                t.column("detail", .jsonText).notNull()
            }
            try db.create(index: "batchIssue_on_batchId", on: "batchIssue", columns: ["batchId"])
            try db.create(table: "auditEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("batchId", .text)
                t.column("subject", .text)
                t.column("fromState", .text)
                t.column("toState", .text)
                t.column("reason", .text)
                t.column("previousHash", .text).notNull()
                t.column("hash", .text).notNull()
            }
            try db.create(index: "auditEvent_on_batchId", on: "auditEvent", columns: ["batchId"])
            // The audit trail is append-only: the database itself refuses edits and deletions.
            try db.execute(sql: """
                CREATE TRIGGER auditEvent_no_update BEFORE UPDATE ON auditEvent
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                CREATE TRIGGER auditEvent_no_delete BEFORE DELETE ON auditEvent
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                """)
        }
        return migrator
    }
}
