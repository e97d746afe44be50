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

        /// The SQL expression of a row's content hash, the row named `alias`.
        func hashExpression(_ alias: String) -> String {
            "\(ContentSeal.functionName)(" + columns.map { "\(alias).\($0)" }.joined(separator: ", ") + ")"
        }
    }

    /// Every sealed table, in the order they were sealed.
    static var tables: [Table] { sealedInV12 + sealedInV13 }

    /// The tables migration v12 began sealing (migrations keep meaning what they meant).
    static let sealedInV12: [Table] = [
        Table(content: .record, table: "record", columns: [
            "id", "batchId", "scanFileId", "entryKey", "kind", "officeCode", "registrationYear", "number", "version", "fields",
            "status", "verifiedAt", "verifiedBy", "withdrawnAt",
        ]),
        Table(content: .keying, table: "keying", columns: [
            "id", "batchId", "entryKey", "scanFileId", "recordId", "pass", "operator", "state", "fields",
        ]),
        Table(content: .batch, table: "batch", columns: [
            "id", "bookId", "sequence", "policy", "state", "heldFrom", "storedRoot", "fileCount", "totalBytes", "contentDigest",
        ]),
        Table(content: .scanFile, table: "scanFile", columns: ["id", "batchId", "path", "bytes", "sha256", "usable"]),
    ]

    /// The tables migration v13 began sealing: who may act, and how they prove it.
    static let sealedInV13: [Table] = [
        Table(content: .user, table: "user", columns: ["id", "name", "role", "login"]),
        Table(content: .passphrase, table: "userPassphrase", columns: ["userId", "hash"], idColumn: "userId"),
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
        for field in fields {
            if let field {
                bytes.append(contentsOf: String(field.utf8.count).utf8)
                bytes.append(UInt8(ascii: ":"))
                bytes.append(contentsOf: field.utf8)
            } else {
                bytes.append(UInt8(ascii: "-"))
            }
            bytes.append(UInt8(ascii: ";"))
        }
        return Hex.string(SHA256.hash(data: bytes))
    }

    /// The seal table and its guards.
    static let tableSQL = """
        CREATE TABLE contentSeal (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            subjectId NOT NULL,
            hash TEXT);
        CREATE INDEX contentSeal_on_subject ON contentSeal (kind, subjectId, id);
        CREATE TRIGGER contentSeal_no_update BEFORE UPDATE ON contentSeal
        BEGIN SELECT RAISE(ABORT, 'content seals are append-only'); END;
        CREATE TRIGGER contentSeal_no_delete BEFORE DELETE ON contentSeal
        BEGIN SELECT RAISE(ABORT, 'content seals are append-only'); END;
        """

    /// The triggers that seal `tables`' rows as they are inserted, changed and deleted.
    static func triggersSQL(_ tables: [Table]) -> String {
        tables.map { table in
            let kind = table.content.rawValue
            return """
                CREATE TRIGGER \(table.table)_sealed_insert AFTER INSERT ON \(table.table)
                BEGIN INSERT INTO contentSeal (kind, subjectId, hash) VALUES ('\(kind)', NEW.\(table.idColumn), \(table.hashExpression("NEW"))); END;
                CREATE TRIGGER \(table.table)_sealed_update AFTER UPDATE OF \(table.columns.joined(separator: ", ")) ON \(table.table)
                BEGIN INSERT INTO contentSeal (kind, subjectId, hash) VALUES ('\(kind)', NEW.\(table.idColumn), \(table.hashExpression("NEW"))); END;
                CREATE TRIGGER \(table.table)_sealed_delete AFTER DELETE ON \(table.table)
                BEGIN INSERT INTO contentSeal (kind, subjectId, hash) VALUES ('\(kind)', OLD.\(table.idColumn), NULL); END;
                """
        }.joined(separator: "\n")
    }

    /// Seals every row already in `tables` (a workspace made before they were sealed).
    static func sealExistingSQL(_ tables: [Table]) -> String {
        tables.map { table in
            "INSERT INTO contentSeal (kind, subjectId, hash) SELECT '\(table.content.rawValue)', t.\(table.idColumn), \(table.hashExpression("t")) FROM \(table.table) t ORDER BY t.rowid;"
        }.joined(separator: "\n")
    }

    /// The triggers a sound workspace has; one missing means its schema was edited.
    static var guardNames: [String] {
        ["auditEvent_no_update", "auditEvent_no_delete", "contentSeal_no_update", "contentSeal_no_delete"]
            + tables.flatMap { table in ["insert", "update", "delete"].map { "\(table.table)_sealed_\($0)" } }
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
            let rows = try Row.fetchCursor(db, sql: """
                SELECT t.\(table.idColumn) AS id, \(table.hashExpression("t")) AS actual,
                       s.id AS sealId, s.hash AS sealed
                FROM \(table.table) t
                LEFT JOIN contentSeal s ON s.id = (
                    SELECT MAX(id) FROM contentSeal WHERE kind = '\(kind)' AND subjectId = t.\(table.idColumn))
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
                SELECT s.subjectId FROM contentSeal s
                WHERE s.kind = '\(kind)' AND s.hash IS NOT NULL
                  AND s.id = (SELECT MAX(id) FROM contentSeal WHERE kind = s.kind AND subjectId = s.subjectId)
                  AND NOT EXISTS (SELECT 1 FROM \(table.table) t WHERE t.\(table.idColumn) = s.subjectId)
                ORDER BY s.id
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
        for field in [kind, subject, hash] {
            if let field {
                hasher.update(data: Array("\(field.utf8.count):\(field);".utf8))
            } else {
                hasher.update(data: Array("-;".utf8))
            }
        }
    }

    func finish() -> String { Hex.string(hasher.finalize()) }
}
