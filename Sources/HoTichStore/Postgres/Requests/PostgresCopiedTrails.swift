import HoTichModel
import HoTichPostgres

extension PostgresTransaction {
    /// Checks each district trail copied in by `store copy`: it still chains from the genesis to
    /// the last hash the copy recorded, event for event, and an event of the province's own trail
    /// (whose HMAC only the province's key makes) vouches for that last hash.
    func verifyCopiedTrails(into chain: inout AuditChainCheck) throws {
        let vouched = Set(try execute(#"SELECT "subject" FROM "auditEvent" WHERE "action" = $1"#, [AuditAction.storeCopy.rawValue])
            .compactMap { try $0.decode("subject", as: String.self) })
        for copy in try execute(#"SELECT "id", "officeCode", "headHash", "events" FROM "consolidation" ORDER BY "id""#) {
            let (id, office, head): (Int64, String, String) = (try copy.required("id"), try copy.required("officeCode"), try copy.required("headHash"))
            let expected: Int = try copy.required("events")
            var (previous, last, count, broken) = (AuditTrail.genesis, Int64(0), 0, Int64?.none)
            while true {
                let page = try execute(#"""
                    SELECT \#(Self.eventColumns) FROM "consolidatedEvent" WHERE "consolidationId" = $1 AND "id" > $2 ORDER BY "id" LIMIT 10000
                    """#, [id, last])
                for row in page {
                    let event = try event(from: row)
                    let number = event.id ?? 0
                    if broken == nil,
                       event.previousHash != previous || event.hash != AuditTrail.chainHash(of: event, after: previous) || number != last + 1 {
                        broken = number
                    }
                    (previous, last, count) = (event.hash, number, count + 1)
                }
                if page.count < 10_000 { break }
            }
            if broken == nil, previous != head || count != expected { broken = last + 1 }
            if let broken { chain.report(.copiedTrailBroken(office: office, eventID: broken)) }
            if !vouched.contains(head) { chain.report(.copiedTrailUnvouched(office: office)) }
        }
    }
}
