import Foundation
import Crypto
import GRDB
import HoTichModel

/// Content seals: the hash of every version of every record, keying, batch and scan file, written
/// by triggers into the append-only `contentSeal` table whenever such a row is inserted, changed or
/// deleted, and vouched for by the audit event of the same transaction (its `contentDigest`).
///
/// `audit verify` recomputes each current row's hash and compares it with the row's last seal: a
/// value edited in the database file (a verified name changed, a batch moved to `verified`, a
/// scan's hash swapped) is named, with its row. The hash is computed by an SQL function that
/// hotich registers on its own connections; another program that edits a sealed table without it
/// fails (a speed bump only: what catches the edit is the comparison).
enum ContentSeal {
    /// A sealed table: which rows, and which of their columns make their content.
    struct Table {
        let content: SealedContent
        let table: String
        let columns: [String]
        /// The column that identifies a row.
        var idColumn = "id"

        /// The type of ``idColumn``: seals keep subjects untyped, and a join compares them as this
        /// type (which lets SQLite index the seals it groups; untyped, it would scan them per row).
        var idType: String { ["record", "batch", "office"].contains(table) ? "TEXT" : "INTEGER" }

        /// The SQL expression of a row's content hash, the row named `alias`.
        func hashExpression(_ alias: String) -> String {
            "\(ContentSeal.functionName)(" + columns.map { "\(alias).\"\($0)\"" }.joined(separator: ", ") + ")"
        }
    }

    /// Every sealed table, in the order they were sealed.
    static var tables: [Table] { sealedInV12 + sealedInV13 }

    /// The tables migration v12 began sealing (migrations keep meaning what they meant).
    static let sealedInV12: [Table] = [
        Table(content: .record, table: "record", columns: [
            "id", "batchId", "scanFileId", "entryKey", "kind", "officeCode", "registrationYear", "number", "version", "fields",
            "subjectName", "subjectBirthYear", "subjectPersonalID", "status", "verifiedAt", "verifiedBy", "withdrawnAt",
            "createdAt", "updatedAt",
        ]),
        Table(content: .keying, table: "keying", columns: [
            "id", "batchId", "entryKey", "scanFileId", "recordId", "pass", "operator", "state", "fields", "position", "source",
            "startedAt", "savedAt",
        ]),
        Table(content: .batch, table: "batch", columns: [
            "id", "bookId", "sequence", "policy", "state", "heldFrom", "sourcePath", "sourceKind", "storedRoot", "fileCount",
            "totalBytes", "contentDigest", "receivedAt", "receivedBy", "updatedAt",
        ]),
        Table(content: .scanFile, table: "scanFile", columns: [
            "id", "batchId", "path", "bytes", "sha256", "format", "usable", "nameNumber", "nameDate",
        ]),
    ]

    /// The tables migration v13 began sealing: who may act and how they prove it, the workspace's
    /// own settings, and the verifiers' and supervisors' decisions about records.
    static let sealedInV13: [Table] = [
        Table(content: .user, table: "user", columns: ["id", "name", "role", "login", "createdAt", "createdBy"]),
        Table(content: .passphrase, table: "userPassphrase", columns: ["userId", "hash", "setAt", "setBy"], idColumn: "userId"),
        Table(content: .workspace, table: "workspace", columns: ["id", "officeCode", "name", "createdAt", "identity"]),
        Table(content: .office, table: "office", columns: ["code", "name", "province"], idColumn: "code"),
        Table(content: .decision, table: "fieldDecision", columns: [
            "id", "batchId", "recordId", "field", "origin", "pass1", "pass2", "decided", "pass1Wrong", "pass2Wrong",
            "pass1Operator", "pass2Operator", "decidedBy", "decidedAt", "createdAt", "supersededAt",
        ]),
        Table(content: .correction, table: "recordChange", columns: ["id", "recordId", "kind", "version", "field", "reason", "by", "at"]),
        Table(content: .nonEntry, table: "nonEntryFile", columns: [
            "id", "scanFileId", "batchId", "kind", "reason", "markedBy", "markedAt", "clearedBy", "clearedAt", "clearReason",
        ]),
        Table(content: .book, table: "book", columns: ["id", "officeCode", "kind", "year", "volume"]),
        Table(content: .duplicate, table: "duplicateFlag", columns: [
            "id", "batchId", "recordId", "otherRecordId", "basis", "reregistration", "decision", "decidedBy", "decidedAt", "reason",
            "foundAt",
        ]),
        Table(content: .sample, table: "sampleDraw", columns: [
            "id", "batchId", "aql", "seed", "lotSize", "codeLetter", "sampleSize", "acceptance", "drawnBy", "drawnAt", "outcome",
            "defective", "decidedAt",
        ]),
    ]

    static let functionName = "hotich_content"

    /// SHA-256 of its arguments, each written with its length, in lowercase hex.
    static let function = DatabaseFunction(functionName, argumentCount: nil, pure: true) { values in
        hash(values.map(text))
    }

    /// A database value as the text the hash covers (nil for NULL).
    static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let integer): String(integer)
        case .double(let double): String(double)
        case .string(let string): string
        case .blob(let data): Hex.string(data)
        }
    }

    /// SHA-256 of `fields`, each written with its length so that no two lists serialize alike.
    static func hash(_ fields: [String?]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(16) { $0 + ($1?.utf8.count ?? 0) + 8 })
        for field in fields { append(field, to: &bytes) }
        return Hex.string(SHA256.hash(data: bytes))
    }

    /// Writes one field as the chain and the seals hash it: its UTF-8 length, `:`, its bytes and
    /// `;`; `-;` for none.
    static func append(_ field: String?, to bytes: inout [UInt8]) {
        if let field {
            bytes.append(contentsOf: String(field.utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: field.utf8)
        } else {
            bytes.append(UInt8(ascii: "-"))
        }
        bytes.append(UInt8(ascii: ";"))
    }

    /// The seal table and its guards. It has no index but its key: seals are appended in key
    /// order, while an index by subject (record ids are random) would dirty pages all over it on
    /// every import; `audit verify`, which needs each subject's last seal, groups them itself.
    static var tableSQL: String {
        """
        CREATE TABLE contentSeal (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            subjectId NOT NULL,
            hash TEXT);

        """ + sealGuards.map { $0.sql + ";\n" }.joined()
    }

    /// The triggers that keep the seal table append-only.
    static let sealGuards: [(name: String, sql: String)] = [
        ("contentSeal_no_update", """
            CREATE TRIGGER contentSeal_no_update BEFORE UPDATE ON contentSeal
            BEGIN SELECT RAISE(ABORT, 'content seals are append-only'); END
            """),
        ("contentSeal_no_delete", """
            CREATE TRIGGER contentSeal_no_delete BEFORE DELETE ON contentSeal
            BEGIN SELECT RAISE(ABORT, 'content seals are append-only'); END
            """),
    ]

    /// The triggers migration v1 made to keep the audit trail append-only.
    static let trailGuards: [(name: String, sql: String)] = [
        ("auditEvent_no_update", """
            CREATE TRIGGER auditEvent_no_update BEFORE UPDATE ON auditEvent
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END
            """),
        ("auditEvent_no_delete", """
            CREATE TRIGGER auditEvent_no_delete BEFORE DELETE ON auditEvent
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END
            """),
    ]

    /// The triggers that seal `tables`' rows as they are inserted, changed and deleted.
    static func sealTriggers(_ tables: [Table]) -> [(name: String, sql: String)] {
        tables.flatMap { table -> [(name: String, sql: String)] in
            let kind = table.content.rawValue
            let insert = "INSERT INTO contentSeal (kind, subjectId, hash) VALUES ('\(kind)'"
            let columns = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
            return [
                ("\(table.table)_sealed_insert", """
                    CREATE TRIGGER \(table.table)_sealed_insert AFTER INSERT ON \(table.table)
                    BEGIN \(insert), NEW.\(table.idColumn), \(table.hashExpression("NEW"))); END
                    """),
                ("\(table.table)_sealed_update", """
                    CREATE TRIGGER \(table.table)_sealed_update AFTER UPDATE OF \(columns) ON \(table.table)
                    BEGIN \(insert), NEW.\(table.idColumn), \(table.hashExpression("NEW"))); END
                    """),
                ("\(table.table)_sealed_delete", """
                    CREATE TRIGGER \(table.table)_sealed_delete AFTER DELETE ON \(table.table)
                    BEGIN \(insert), OLD.\(table.idColumn), NULL); END
                    """),
            ]
        }
    }

    static func triggersSQL(_ tables: [Table]) -> String {
        sealTriggers(tables).map { $0.sql + ";\n" }.joined()
    }

    /// Every trigger a sound workspace has, by name, with the statement that made it.
    static var guards: [(name: String, sql: String)] { trailGuards + sealGuards + sealTriggers(tables) }

    /// The triggers and views a workspace of this version has (name → statement, normalized): those
    /// of a database made by every migration, read once.
    static let expectedSchema: [String: String] = {
        guard let queue = try? DatabaseQueue() else { return [:] }
        guard (try? Migrations.migrator.migrate(queue)) != nil else { return [:] }
        let rows = (try? queue.read { db in
            try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')")
        }) ?? []
        return Dictionary(rows.map { (($0["name"] as String?) ?? "", normalized(($0["sql"] as String?) ?? "")) }, uniquingKeysWith: { first, _ in first })
    }()

    /// A statement as compared: its words, one space apart.
    static func normalized(_ sql: String) -> String {
        sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
            .trimmingCharacters(in: CharacterSet(charactersIn: "; "))
    }

    /// Seals every row already in `tables` (a workspace made before they were sealed).
    static func sealExistingSQL(_ tables: [Table]) -> String {
        tables.map { table in
            "INSERT INTO contentSeal (kind, subjectId, hash) SELECT '\(table.content.rawValue)', t.\(table.idColumn), \(table.hashExpression("t")) FROM \(table.table) t ORDER BY t.rowid;"
        }.joined(separator: "\n")
    }

    /// The last seal's id (0 when there is none).
    static func lastSealID(_ db: Database) throws -> Int64 {
        // A bare MAX of the key, which SQLite reads from the end of the table; wrapped in IFNULL it
        // would scan every seal, once per event.
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM contentSeal")) ?? 0
    }

    /// The digest of the seals after `previous` up to `through`, nil when there are none.
    static func digest(_ db: Database, after previous: Int64, through: Int64) throws -> String? {
        guard through > previous else { return nil }
        var digest = SealDigest()
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT kind, subjectId, hash FROM contentSeal WHERE id > ? AND id <= ? ORDER BY id"),
            arguments: [previous, through])
        while let row = try rows.next() {
            digest.add(kind: row[0], subject: text(row[1] as DatabaseValue) ?? "", hash: row[2])
        }
        return digest.finish()
    }

    /// Checks every current row of every sealed table against its last seal, and every sealed row
    /// still being there.
    /// - Returns: how many rows were checked.
    static func verifyContent(_ db: Database, into result: inout AuditVerification) throws -> Int {
        var checked = 0
        for table in tables {
            let kind = table.content.rawValue
            // Each subject's last seal, grouped once for the whole table.
            let latest = """
                (SELECT CAST(subjectId AS \(table.idType)) AS subjectId, MAX(id) AS id FROM contentSeal
                 WHERE kind = '\(kind)' GROUP BY 1)
                """
            let rows = try Row.fetchCursor(db, sql: """
                SELECT t.\(table.idColumn) AS id, \(table.hashExpression("t")) AS actual, s.id AS sealId, s.hash AS sealed
                FROM \(table.table) t
                LEFT JOIN \(latest) latest ON latest.subjectId = t.\(table.idColumn)
                LEFT JOIN contentSeal s ON s.id = latest.id
                ORDER BY t.rowid
                """)
            while let row = try rows.next() {
                checked += 1
                let id = text(row["id"] as DatabaseValue) ?? ""
                let sealId: Int64? = row["sealId"]
                if sealId == nil {
                    result.report(.contentUnsealed(table.content, id: id))
                } else if (row["actual"] as String?) != (row["sealed"] as String?) {
                    result.report(.contentChanged(table.content, id: id))
                }
            }
            let missing = try Row.fetchCursor(db, sql: """
                SELECT latest.subjectId FROM \(latest) latest JOIN contentSeal s ON s.id = latest.id
                WHERE s.hash IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM \(table.table) t WHERE t.\(table.idColumn) = latest.subjectId)
                ORDER BY latest.id
                """)
            while let row = try missing.next() {
                result.report(.contentMissing(table.content, id: text(row[0] as DatabaseValue) ?? ""))
            }
        }
        return checked
    }
}

/// SHA-256 over a run of seals, each as its kind, subject and hash with their lengths.
struct SealDigest {
    private var hasher = SHA256()

    mutating func add(kind: String, subject: String, hash: String?) {
        var bytes: [UInt8] = []
        for field in [kind, subject, hash] { ContentSeal.append(field, to: &bytes) }
        hasher.update(data: bytes)
    }

    func finish() -> String { Hex.string(hasher.finalize()) }
}
