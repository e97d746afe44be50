import HoTichModel

/// The part of verifying an audit trail that is the same in every store: the hash chain, each
/// event's HMAC, and the anchors (the anchor log's, signed, and those quoted in manifests and
/// reports) against the events. A store walks its events in order through ``check(_:)`` and
/// ``pass(_:)``, checking in between the seals each event vouches for, which it reads its own way.
struct AuditChainCheck {
    private(set) var result: AuditVerification
    private let key: AuditKey?
    private var anchored: [Int64: [AuditAnchorLog.Line]] = [:]
    /// The last event passed (the genesis before the first).
    private(set) var previous = AuditTrail.Head(hash: AuditTrail.genesis, sealsThrough: 0, eventID: 0)

    init(key: AuditKey?) {
        self.key = key
        result = AuditVerification(
            events: 0, lastEventID: 0, lastHash: AuditTrail.genesis, key: key.map { .checked(fromEvent: $0.keyedFrom) } ?? .noKey,
            rowsChecked: 0, anchorsChecked: 0, problems: [])
    }

    /// Takes the anchors the events will be compared with: a log line whose HMAC is wrong is named
    /// now; `external` ones (quoted in manifests and reports) carry none and are compared as they are.
    mutating func take(anchors: [AuditAnchorLog.Line], external: [AuditAnchor]) {
        for line in anchors {
            if let key, !key.isValid(mac: line.mac, for: AuditAnchorLog.signedText(line.anchor, at: line.at)) {
                result.report(.anchorForged(line: line.number))
                continue
            }
            anchored[line.anchor.eventID, default: []].append(line)
        }
        for anchor in external {
            anchored[anchor.eventID, default: []].append(AuditAnchorLog.Line(number: 0, anchor: anchor, at: "", mac: ""))
        }
        result.anchorsChecked = anchored.values.reduce(0) { $0 + $1.count }
    }

    mutating func report(_ problem: AuditProblem) {
        result.report(problem)
    }

    /// Counts a district's trail copied in and checked, of `events` events.
    mutating func countCopiedTrail(events: Int) {
        result.copiedTrails += 1
        result.copiedEvents += events
    }

    /// Checks `event`'s link to the event before, its number and its HMAC.
    mutating func check(_ event: AuditEvent) {
        result.events += 1
        let id = event.id ?? 0
        if event.previousHash != previous.hash || event.hash != AuditTrail.chainHash(of: event, after: previous.hash)
            || id != previous.eventID + 1 {
            result.report(.eventBroken(eventID: id))
        } else if let key, id >= key.keyedFrom {
            if let mac = event.mac {
                if !key.isValid(mac: mac, for: event.hash) { result.report(.eventForged(eventID: id)) }
            } else {
                result.report(.eventUnkeyed(eventID: id))
            }
        }
    }

    /// Compares the anchors of `event` with it, and makes it the event the next one chains to.
    mutating func pass(_ event: AuditEvent) {
        let id = event.id ?? 0
        for line in anchored.removeValue(forKey: id) ?? [] where line.anchor.hash != event.hash {
            result.report(.anchorMismatch(eventID: id))
        }
        if let through = event.sealsThrough { previous.sealsThrough = max(previous.sealsThrough, through) }
        previous.hash = event.hash
        previous.eventID = id
    }

    /// The verification once every event has been passed: anchors of events that are not there
    /// are named, and a key no event has been signed with yet proves nothing.
    mutating func finish() -> AuditVerification {
        result.lastEventID = previous.eventID
        result.lastHash = previous.hash
        if let key, previous.eventID < key.keyedFrom { result.key = .noKey }
        for id in anchored.keys.sorted() { result.report(.anchorEventMissing(eventID: id)) }
        anchored = [:]
        return result
    }

    /// Whether the seals an event vouches for are as they were: its range starts where the chain
    /// left off (or later) and does not run backwards, and their digest is the one it carries.
    func sealsHold(_ event: AuditEvent, from: Int64, through: Int64, digest: String?) -> Bool {
        !(from < previous.sealsThrough || through < from || digest != event.contentDigest)
    }
}
