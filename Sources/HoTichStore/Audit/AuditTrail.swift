import Crypto
public import GRDB

/// Appends to and checks the workspace's audit trail.
///
/// Appending happens inside the caller's write transaction, so a change and its audit event
/// are committed together or not at all.
public enum AuditTrail {
    /// The hash that stands before the first event.
    static let genesis = String(repeating: "0", count: 64)

    /// Appends `entry` to the trail inside the current transaction.
    @discardableResult
    public static func append(_ entry: AuditEntry, at time: String, in db: Database) throws -> AuditEventRow {
        let previous = try String.fetchOne(db.cachedStatement(sql: "SELECT hash FROM auditEvent ORDER BY id DESC LIMIT 1")) ?? genesis
        var row = AuditEventRow(
            id: nil, at: time, actor: entry.actor, action: entry.action, batchId: entry.batchId,
            subject: entry.subject, fromState: entry.fromState, toState: entry.toState,
            reason: entry.reason, previousHash: previous, hash: "")
        row.hash = chainHash(of: row, after: previous)
        try row.insert(db)
        return row
    }

    /// Recomputes the chain from the first event.
    /// - Returns: the number of events checked and the id of the first event that does not match, if any.
    public static func verify(_ db: Database) throws -> (events: Int, firstBroken: Int64?) {
        var previous = genesis
        var count = 0
        let cursor = try AuditEventRow.order(AuditEventRow.Columns.id).fetchCursor(db)
        while let row = try cursor.next() {
            count += 1
            if row.previousHash != previous || row.hash != chainHash(of: row, after: previous) {
                return (count, row.id)
            }
            previous = row.hash
        }
        return (count, nil)
    }

    /// SHA-256 of the previous hash and every field, each written with its length so that
    /// no two different events serialize alike.
    static func chainHash(of row: AuditEventRow, after previous: String) -> String {
        let fields: [String?] = [
            previous, row.at, row.actor, row.action, row.batchId, row.subject,
            row.fromState, row.toState, row.reason,
        ]
        var text = ""
        for field in fields {
            if let field {
                text += "\(field.utf8.count):\(field);"
            } else {
                text += "-;"
            }
        }
        return SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
