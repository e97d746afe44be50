import Crypto
import GRDB
import HoTichModel

/// The workspace's audit trail: append-only (triggers refuse updates and deletes), each event
/// chained to the one before by a SHA-256 over the previous hash and every field.
///
/// Appending happens inside the caller's write transaction, so a change and its audit event are
/// committed together or not at all.
enum AuditTrail {
    /// The hash that stands before the first event.
    static let genesis = String(repeating: "0", count: 64)

    /// The hash of the last event, which the next one chains to.
    static func lastHash(_ db: Database) throws -> String {
        try String.fetchOne(db.cachedStatement(sql: "SELECT hash FROM auditEvent ORDER BY id DESC LIMIT 1")) ?? genesis
    }

    static func insert(_ entry: AuditEntry, at time: String, after previous: String, in db: Database) throws -> AuditEvent {
        var row = AuditEvent(
            id: nil, at: time, actor: entry.actor, action: entry.action, batchId: entry.batchId,
            subject: entry.subject, fromState: entry.fromState, toState: entry.toState,
            reason: entry.reason, previousHash: previous, hash: "")
        row.hash = chainHash(of: row, after: previous)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO auditEvent (at, actor, action, batchId, subject, fromState, toState, reason, previousHash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.execute(arguments: [
            row.at, row.actor, row.action.rawValue, row.batchId, row.subject, row.fromState, row.toState, row.reason,
            row.previousHash, row.hash,
        ])
        row.id = db.lastInsertedRowID
        return row
    }

    /// Recomputes the chain from the first event.
    /// - Returns: the number of events checked and the id of the first event that does not match, if any.
    static func verify(_ db: Database) throws -> (events: Int, firstBroken: Int64?) {
        var previous = genesis
        var count = 0
        let cursor = try AuditEvent.order(AuditEvent.Columns.id).fetchCursor(db)
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
    static func chainHash(of row: AuditEvent, after previous: String) -> String {
        let fields: [String?] = [
            previous, row.at, row.actor, row.action.rawValue, row.batchId, row.subject,
            row.fromState, row.toState, row.reason,
        ]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
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
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
