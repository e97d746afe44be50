import GRDB
import HoTichModel

/// The versioned schema of a workspace database.
///
/// Migrations are named, applied in order, and never edited once released: a change to the
/// schema is a new migration appended here. They are written in SQL terms, without app types,
/// so that old migrations keep meaning what they meant.
enum Migrations {
    /// The migration from which a workspace's trail is keyed and its content sealed.
    static let keyedChain = "v12-content-seals-keyed-chain"

    /// The migrator of a store without a key (reading which migrations a file has).
    static var migrator: DatabaseMigrator { migrator(auditKey: nil) }

    /// The migrator; the events a migration appends are signed with `auditKey`.
    static func migrator(auditKey: AuditKey?) -> DatabaseMigrator {
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
        migrator.registerMigration("v3-verification") { db in
            // A record's values are settled (`verified`) by agreement of two passes, arbitration,
            // review or an accepted sample; until then it is `keyed`.
            try db.alter(table: "record") { t in
                t.add(column: "status", .text).notNull().defaults(to: "keyed")
                t.add(column: "subjectPersonalID", .text)
                t.add(column: "verifiedAt", .text)
                t.add(column: "verifiedBy", .text)
            }
            try db.execute(sql: """
                UPDATE record SET subjectPersonalID = substr(json_extract(fields, '$.nksSoDinhDanh'), 2)
                WHERE kind = 'KS' AND json_extract(fields, '$.nksSoDinhDanh') LIKE '=%'
                """)
            try db.create(index: "record_on_personalID", on: "record", columns: ["subjectPersonalID"], condition: Column("subjectPersonalID") != nil)
            try db.create(index: "record_on_batch_status", on: "record", columns: ["batchId", "status"])
            // Reconciliation (files without records) and "who keyed this record" are per-row lookups.
            try db.create(index: "record_on_scanFile", on: "record", columns: ["scanFileId"])
            try db.create(index: "keying_on_record", on: "keying", columns: ["recordId"])
            try db.alter(table: "office") { t in
                t.add(column: "province", .text)
            }
            // A field whose value a verifier settled: a conflict between passes, a correction made
            // in review or in a sample check, or a field with an error corrected against the image.
            try db.create(table: "fieldDecision") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("batchId", .text).notNull().references("batch")
                t.column("recordId", .text).notNull().references("record")
                t.column("field", .text).notNull()
                t.column("origin", .text).notNull().check(sql: "origin IN ('conflict','review','sample','error')")
                t.column("pass1", .text)
                t.column("pass2", .text)
                t.column("decided", .text)
                t.column("pass1Wrong", .boolean)
                t.column("pass2Wrong", .boolean)
                t.column("pass1Operator", .text)
                t.column("pass2Operator", .text)
                t.column("decidedBy", .text)
                t.column("decidedAt", .text)
                t.column("createdAt", .text).notNull()
                // Set when the record is returned to keying: the decision stays as history.
                t.column("supersededAt", .text)
            }
            try db.create(index: "fieldDecision_on_record", on: "fieldDecision", columns: ["recordId", "field"])
            try db.create(index: "fieldDecision_on_batch", on: "fieldDecision", columns: ["batchId", "decidedAt"])
            // What the record and sequence checks found; recomputed by each verify run, while a
            // warning's acknowledgement stays with the finding it acknowledged.
            try db.create(table: "finding") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("batchId", .text).notNull().references("batch")
                t.column("recordId", .text).references("record")
                t.column("field", .text)
                t.column("code", .text).notNull()
                t.column("severity", .text).notNull().check(sql: "severity IN ('error','warning')")
                t.column("detail", .text).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("acknowledgedBy", .text)
                t.column("acknowledgedAt", .text)
                t.column("reason", .text)
                t.column("foundAt", .text).notNull()
                t.uniqueKey(["batchId", "fingerprint"])
            }
            try db.create(table: "duplicateFlag") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("batchId", .text).notNull().references("batch")
                t.column("recordId", .text).notNull().references("record")
                t.column("otherRecordId", .text).notNull().references("record")
                t.column("basis", .text).notNull()
                t.column("reregistration", .boolean).notNull()
                t.column("decision", .text).check(sql: "decision IS NULL OR decision IN ('duplicate','distinct')")
                t.column("decidedBy", .text)
                t.column("decidedAt", .text)
                t.column("reason", .text)
                t.column("foundAt", .text).notNull()
                t.uniqueKey(["recordId", "otherRecordId"])
            }
            try db.create(index: "duplicateFlag_on_batch", on: "duplicateFlag", columns: ["batchId", "decision"])
            // An acceptance sample: the plan and the seed, so that the draw can be repeated.
            try db.create(table: "sampleDraw") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("batchId", .text).notNull().references("batch")
                t.column("aql", .text).notNull()
                t.column("seed", .integer).notNull()
                t.column("lotSize", .integer).notNull()
                t.column("codeLetter", .text).notNull()
                t.column("sampleSize", .integer).notNull()
                t.column("acceptance", .integer).notNull()
                t.column("drawnBy", .text).notNull()
                t.column("drawnAt", .text).notNull()
                t.column("outcome", .text).check(sql: "outcome IS NULL OR outcome IN ('accepted','rejected')")
                t.column("defective", .integer)
                t.column("decidedAt", .text)
            }
            try db.create(table: "sampleItem") { t in
                t.column("drawId", .integer).notNull().references("sampleDraw")
                t.column("recordId", .text).notNull().references("record")
                t.column("position", .integer).notNull()
                t.column("checkedBy", .text)
                t.column("checkedAt", .text)
                t.column("defects", .integer)
                t.primaryKey(["drawId", "recordId"])
            }
        }
        migrator.registerMigration("v4-export") { db in
            // One export package: written under a temporary name, renamed into place when every file
            // is valid; `complete` only once its bookkeeping is committed.
            try db.create(table: "exportPackage") { t in
                t.primaryKey("id", .text)
                t.column("state", .text).notNull().check(sql: "state IN ('writing','complete','failed')")
                t.column("folder", .text).notNull()
                t.column("createdAt", .text).notNull()
                t.column("createdBy", .text).notNull()
                t.column("finishedAt", .text)
                t.column("records", .integer)
                t.column("failure", .text)
            }
            try db.create(table: "exportPackageBatch") { t in
                t.column("packageId", .text).notNull().references("exportPackage")
                t.column("batchId", .text).notNull().references("batch")
                t.column("file", .text).notNull()
                t.column("bytes", .integer)
                t.column("sha256", .text)
                t.column("records", .integer)
                t.primaryKey(["packageId", "batchId"])
            }
            try db.create(index: "exportPackageBatch_on_batch", on: "exportPackageBatch", columns: ["batchId"])
            // Each record version sent, in which package and file; receipts fill in the outcome.
            try db.create(table: "exportedRecord") { t in
                t.column("recordId", .text).notNull().references("record")
                t.column("version", .integer).notNull()
                t.column("packageId", .text).notNull().references("exportPackage")
                t.column("file", .text).notNull()
                t.column("exportedAt", .text).notNull()
                t.column("receipt", .text).check(sql: "receipt IS NULL OR receipt IN ('accepted','rejected')")
                t.column("receiptCode", .text)
                t.column("receiptAt", .text)
                t.primaryKey(["recordId", "version", "packageId"])
            }
            try db.create(index: "exportedRecord_on_package", on: "exportedRecord", columns: ["packageId"])
        }
        migrator.registerMigration("v5-corrections") { db in
            // A change to a record after it was exported: a correction (a new version) or a withdrawal.
            try db.create(table: "recordChange") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("recordId", .text).notNull().references("record")
                t.column("kind", .text).notNull().check(sql: "kind IN ('correction','withdrawal')")
                t.column("version", .integer).notNull()
                t.column("field", .text)
                t.column("reason", .text).notNull()
                t.column("by", .text).notNull()
                t.column("at", .text).notNull()
            }
            try db.create(index: "recordChange_on_record", on: "recordChange", columns: ["recordId", "version"])
            try db.alter(table: "record") { t in t.add(column: "withdrawnAt", .text) }
            try db.alter(table: "exportedRecord") { t in t.add(column: "withdrawal", .boolean).notNull().defaults(to: false) }
        }
        migrator.registerMigration("v6-keying-values-once") { db in
            // A keying's values are stored only where they differ from its record's: a keying whose
            // `fields` is NULL has exactly its record's values. The keying that creates a record
            // stores NULL (an import wrote every field set twice before), and a record's values never
            // change without its keyings' values being written out first (the trigger below), so a
            // keying always reads as it was keyed. SQLite cannot drop a NOT NULL in place: the table
            // is rebuilt, and keyings already equal to their record are stored once on the way.
            try db.create(table: "keyingNew") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("batchId", .text).notNull().references("batch")
                t.column("entryKey", .text).notNull()
                t.column("scanFileId", .integer).references("scanFile")
                t.column("recordId", .text).references("record")
                t.column("pass", .integer).notNull().check { $0 == 1 || $0 == 2 }
                t.column("operator", .text).notNull()
                t.column("state", .text).notNull().check(sql: "state IN ('draft','complete')")
                t.column("fields", .jsonText)
                t.column("position", .integer).notNull().defaults(to: 0)
                t.column("source", .text).notNull()
                t.column("startedAt", .text).notNull()
                t.column("savedAt", .text).notNull()
                t.uniqueKey(["batchId", "entryKey", "pass"])
                t.check(sql: "fields IS NOT NULL OR (recordId IS NOT NULL AND state = 'complete')")
            }
            try db.execute(sql: """
                INSERT INTO keyingNew (id, batchId, entryKey, scanFileId, recordId, pass, operator, state, fields,
                                       position, source, startedAt, savedAt)
                SELECT k.id, k.batchId, k.entryKey, k.scanFileId, k.recordId, k.pass, k.operator, k.state,
                       CASE WHEN k.state = 'complete' AND k.fields = r.fields THEN NULL ELSE k.fields END,
                       k.position, k.source, k.startedAt, k.savedAt
                FROM keying k LEFT JOIN record r ON r.id = k.recordId
                ORDER BY k.id
                """)
            try db.drop(table: "keying")
            try db.rename(table: "keyingNew", to: "keying")
            try db.create(index: "keying_on_operator", on: "keying", columns: ["batchId", "pass", "operator", "state"])
            try db.create(index: "keying_on_record", on: "keying", columns: ["recordId"])
            try db.execute(sql: """
                CREATE TRIGGER record_keeps_keyed_values BEFORE UPDATE OF fields ON record
                WHEN NEW.fields IS NOT OLD.fields
                BEGIN UPDATE keying SET fields = OLD.fields WHERE recordId = OLD.id AND fields IS NULL; END
                """)
        }
        migrator.registerMigration("v7-subject-index-by-kind-and-year") { db in
            // The duplicate search looks a person up by kind, birth year and folded name, all three by
            // equality. Ordered that way, the entries of one register book (one kind, births of one or
            // two years) go into one small region of the index instead of pages all over it, which
            // made this index the costliest part of a bulk import in a large workspace.
            try db.drop(index: "record_on_subject")
            try db.create(index: "record_on_subject", on: "record", columns: ["kind", "subjectBirthYear", "subjectName"])
        }
        migrator.registerMigration("v8-field-decision-doubt") { db in
            // A doubtful value that both passes agree on is confirmed by a verifier as a decision of
            // its own origin, `doubt`, rather than arbitrated as a disagreement. SQLite cannot change
            // a CHECK constraint in place: the table is rebuilt with its rows, ids and indexes.
            try db.create(table: "fieldDecisionNew") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("batchId", .text).notNull().references("batch")
                t.column("recordId", .text).notNull().references("record")
                t.column("field", .text).notNull()
                t.column("origin", .text).notNull().check(sql: "origin IN ('conflict','doubt','review','sample','error')")
                t.column("pass1", .text)
                t.column("pass2", .text)
                t.column("decided", .text)
                t.column("pass1Wrong", .boolean)
                t.column("pass2Wrong", .boolean)
                t.column("pass1Operator", .text)
                t.column("pass2Operator", .text)
                t.column("decidedBy", .text)
                t.column("decidedAt", .text)
                t.column("createdAt", .text).notNull()
                t.column("supersededAt", .text)
            }
            try db.execute(sql: """
                INSERT INTO fieldDecisionNew (id, batchId, recordId, field, origin, pass1, pass2, decided, pass1Wrong, pass2Wrong,
                                              pass1Operator, pass2Operator, decidedBy, decidedAt, createdAt, supersededAt)
                SELECT id, batchId, recordId, field, origin, pass1, pass2, decided, pass1Wrong, pass2Wrong,
                       pass1Operator, pass2Operator, decidedBy, decidedAt, createdAt, supersededAt
                FROM fieldDecision ORDER BY id
                """)
            try db.drop(table: "fieldDecision")
            try db.rename(table: "fieldDecisionNew", to: "fieldDecision")
            try db.create(index: "fieldDecision_on_record", on: "fieldDecision", columns: ["recordId", "field"])
            try db.create(index: "fieldDecision_on_batch", on: "fieldDecision", columns: ["batchId", "decidedAt"])
        }
        migrator.registerMigration("v9-files-not-entries") { db in
            // A scan file that holds no register entry (cover, blank page, index, cancelled entry):
            // marked with a reason instead of being keyed. A mark is cleared, never deleted, so that
            // the batch keeps its history; at most one mark of a file is in force.
            try db.create(table: "nonEntryFile") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("scanFileId", .integer).notNull().references("scanFile")
                t.column("batchId", .text).notNull().references("batch")
                t.column("kind", .text).notNull().check(sql: "kind IN ('cover','blank','index','cancelled','other')")
                t.column("reason", .text).notNull()
                t.column("markedBy", .text).notNull()
                t.column("markedAt", .text).notNull()
                t.column("clearedBy", .text)
                t.column("clearedAt", .text)
                t.column("clearReason", .text)
            }
            try db.create(
                index: "nonEntryFile_in_force", on: "nonEntryFile", columns: ["scanFileId"], unique: true,
                condition: Column("clearedAt") == nil)
            try db.create(index: "nonEntryFile_on_batch", on: "nonEntryFile", columns: ["batchId"])
        }
        migrator.registerMigration("v10-progress-plans-calendar") { db in
            // A supervisor's targets: an office's records (of one kind, or all) verified by a due
            // date. A revision supersedes the plan in force, which stays as history.
            try db.execute(sql: """
                CREATE TABLE progressPlan (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    officeCode TEXT NOT NULL,
                    kind TEXT CHECK (kind IS NULL OR kind IN ('KS','KT','KH','HN','CMC')),
                    records INTEGER NOT NULL CHECK (records > 0),
                    start TEXT,
                    due TEXT NOT NULL,
                    setBy TEXT NOT NULL,
                    setAt TEXT NOT NULL,
                    revision INTEGER NOT NULL,
                    supersededAt TEXT);
                CREATE UNIQUE INDEX progressPlan_in_force ON progressPlan (officeCode, IFNULL(kind, ''))
                    WHERE supersededAt IS NULL;
                -- A day the workspace counts differently from the public-holiday calendar.
                CREATE TABLE calendarDay (
                    day TEXT PRIMARY KEY,
                    working BOOLEAN NOT NULL,
                    reason TEXT NOT NULL,
                    setBy TEXT NOT NULL,
                    setAt TEXT NOT NULL);
                """)
            try db.execute(sql: ProgressSummary.schemaSQL)
            try db.execute(sql: "INSERT INTO progressDay \(ProgressSummary.rebuildSelect)")
        }
        migrator.registerMigration("v11-name-search") { db in
            // Records found by any person's name, folded (`SearchIndex`), kept by triggers.
            try db.execute(sql: SearchIndex.schemaSQL)
            try db.execute(sql: SearchIndex.fill("recordName"))
        }
        migrator.registerMigration(keyedChain) { db in
            // Every version of a record, keying, batch and scan file is hashed into the trail
            // (`ContentSeal`), and events carry an HMAC with a key kept outside the database.
            // Events before this one have neither: their hash covers what it always did.
            db.add(function: ContentSeal.function)
            try db.execute(sql: """
                ALTER TABLE auditEvent ADD COLUMN sealsFrom INTEGER;
                ALTER TABLE auditEvent ADD COLUMN sealsThrough INTEGER;
                ALTER TABLE auditEvent ADD COLUMN contentDigest TEXT;
                ALTER TABLE auditEvent ADD COLUMN mac TEXT;
                """)
            try db.execute(sql: ContentSeal.tableSQL)
            try db.execute(sql: ContentSeal.triggersSQL(ContentSeal.sealedInV12))
            // What is already there is sealed as it stands, by one event of the program's own.
            try db.execute(sql: ContentSeal.sealExistingSQL(ContentSeal.sealedInV12))
            try Self.sealByTheProgram(reason: "v12", floor: 0, key: auditKey, db)
        }
        migrator.registerMigration("v13-accounts-and-passphrases") { db in
            // Who acts is known from the operating-system account bound to a user (`login`), or,
            // from another account, by the user's passphrase (a slow salted hash, its parameters
            // in the text). A workspace made before knows its users by their names and keeps them;
            // a throw-away workspace (`names`) believes the name it is given.
            db.add(function: ContentSeal.function)
            try db.execute(sql: """
                ALTER TABLE workspace ADD COLUMN identity TEXT NOT NULL DEFAULT 'accounts' CHECK (identity IN ('accounts', 'names'));
                ALTER TABLE user ADD COLUMN login TEXT;
                CREATE UNIQUE INDEX user_on_login ON user (login) WHERE login IS NOT NULL;
                CREATE TABLE userPassphrase (
                    userId INTEGER PRIMARY KEY REFERENCES user(id),
                    hash TEXT NOT NULL,
                    setAt TEXT NOT NULL,
                    setBy TEXT NOT NULL);
                """)
            let floor = try ContentSeal.lastSealID(db)
            try db.execute(sql: ContentSeal.triggersSQL(ContentSeal.sealedInV13))
            try db.execute(sql: ContentSeal.sealExistingSQL(ContentSeal.sealedInV13))
            try Self.sealByTheProgram(reason: "v13", floor: floor, key: auditKey, db)
        }
        return migrator
    }

    /// Seals what a migration sealed (the seals after `floor`) by an event of the program's own,
    /// when it sealed anything.
    private static func sealByTheProgram(reason: String, floor: Int64, key: AuditKey?, _ db: Database) throws {
        let head = try AuditTrail.head(db)
        guard try ContentSeal.lastSealID(db) > max(floor, head.sealsThrough) else { return }
        try AuditTrail.insert(
            AuditEntry(actor: "hotich", action: .contentSealed, reason: reason), at: Timestamp.now(), after: head, sealFloor: floor,
            key: key, in: db)
    }
}
