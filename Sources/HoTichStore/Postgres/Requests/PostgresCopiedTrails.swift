import HoTichModel
import HoTichPostgres

extension PostgresTransaction {
    /// Checks each district trail copied in by `store copy`: it still chains from the genesis to
    /// the last hash the copy recorded, event for event, its first event is the one recorded; an
    /// event of the province's own trail (whose HMAC only the province's key makes) vouches for
    /// that last hash, the office and the number of events; and every such event still has its
    /// trail (a copied trail deleted whole is named by the event that vouched for it).
    func verifyCopiedTrails(into chain: inout AuditChainCheck) throws {
        var vouching: [String: (id: Int64, reason: String?)] = [:]
        for row in try execute(#"SELECT "id", "subject", "reason" FROM "auditEvent" WHERE "action" = $1 ORDER BY "id""#,
                               [AuditAction.storeCopy.rawValue]) {
            if let subject: String = try row.decode("subject") { vouching[subject] = (try row.required("id"), try row.decode("reason")) }
        }
        var copied: Set<String> = []
        for copy in try execute(#"SELECT "id", "officeCode", "firstHash", "headHash", "events" FROM "consolidation" ORDER BY "id""#) {
            let (id, office, head): (Int64, String, String) = (try copy.required("id"), try copy.required("officeCode"), try copy.required("headHash"))
            let (first, expected): (String, Int) = (try copy.required("firstHash"), try copy.required("events"))
            copied.insert(head)
            var (previous, last, count, broken) = (AuditTrail.genesis, Int64(0), 0, Int64?.none)
            while true {
                let page = try execute(#"""
                    SELECT \#(Self.eventColumns) FROM "consolidatedEvent" WHERE "consolidationId" = $1 AND "id" > $2 ORDER BY "id" LIMIT 10000
                    """#, [id, last])
                for row in page {
                    let event = try event(from: row)
                    let number = event.id ?? 0
                    if broken == nil,
                       event.previousHash != previous || event.hash != AuditTrail.chainHash(of: event, after: previous) || number != last + 1
                        || (number == 1 && event.hash != first) {
                        broken = number
                    }
                    (previous, last, count) = (event.hash, number, count + 1)
                }
                if page.count < 10_000 { break }
            }
            if broken == nil, previous != head || count != expected { broken = last + 1 }
            chain.countCopiedTrail(events: count)
            if let broken { chain.report(.copiedTrailBroken(office: office, eventID: broken)) }
            if vouching[head]?.reason != StoreCopyEvent.reason(office: office, events: expected) {
                chain.report(.copiedTrailUnvouched(office: office))
            }
        }
        for (head, event) in vouching.sorted(by: { $0.value.id < $1.value.id }) where !copied.contains(head) {
            chain.report(.copiedTrailMissing(eventID: event.id))
        }
    }
}

/// What the province's `store-copy` event says of the trail it vouches for (its subject is the
/// trail's last hash).
enum StoreCopyEvent {
    static func reason(office: String, events: Int) -> String { "office=\(office) events=\(events)" }
}
