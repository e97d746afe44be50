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
        migrator.registerMigration("v2-records-keyings-claims") { db in
            try db.create(table: "record") { t in
                t.primaryKey("id", .text)
                t.column("batchId", .text).notNull().references("batch")
                t.column("scanFileId", .integer).references("scanFile")
                t.column("entryKey", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("officeCode", .text).notNull()
                t.column("registrationYear", .integer)
                t.column("number", .text)
                t.column("version", .integer).notNull().defaults(to: 1)
                t.column("fields", .jsonText).notNull()
                t.column("subjectName", .text)
                t.column("subjectBirthYear", .integer)
                t.column("createdAt", .text).notNull()
                t.column("updatedAt", .text).notNull()
                t.uniqueKey(["batchId", "entryKey"])
            }
            try db.create(index: "record_on_naturalKey", on: "record", columns: ["officeCode", "kind", "registrationYear", "number"])
            try db.create(index: "record_on_subject", on: "record", columns: ["subjectName", "subjectBirthYear"])
            try db.create(table: "keying") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("batchId", .text).notNull().references("batch")
                t.column("entryKey", .text).notNull()
                t.column("scanFileId", .integer).references("scanFile")
                t.column("recordId", .text).references("record")
                t.column("pass", .integer).notNull().check { $0 == 1 || $0 == 2 }
                t.column("operator", .text).notNull()
                t.column("state", .text).notNull().check(sql: "state IN ('draft','complete')")
                t.column("fields", .jsonText).notNull()
                t.column("position", .integer).notNull().defaults(to: 0)
                t.column("source", .text).notNull()
                t.column("startedAt", .text).notNull()
                t.column("savedAt", .text).notNull()
                t.uniqueKey(["batchId", "entryKey", "pass"])
            }
            try db.create(index: "keying_on_operator", on: "keying", columns: ["batchId", "pass", "operator", "state"])
            try db.create(table: "claim") { t in
                t.column("scanFileId", .integer).notNull().references("scanFile")
                t.column("pass", .integer).notNull()
                t.column("batchId", .text).notNull().references("batch")
                t.column("operator", .text).notNull()
                t.column("claimedAt", .text).notNull()
                t.column("expiresAt", .text).notNull()
                t.primaryKey(["scanFileId", "pass"])
            }
            try db.create(table: "importFile") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("batchId", .text).notNull().references("batch")
                t.column("pass", .integer).notNull()
                t.column("sha256", .text).notNull()
                t.column("fileName", .text).notNull()
                t.column("rowsRead", .integer).notNull()
                t.column("imported", .integer).notNull()
                t.column("rejected", .integer).notNull()
                t.column("alreadyPresent", .integer).notNull()
                t.column("at", .text).notNull()
                t.column("by", .text).notNull()
            }
            try db.create(index: "importFile_on_hash", on: "importFile", columns: ["batchId", "pass", "sha256"])
        }
        return migrator
    }
}
