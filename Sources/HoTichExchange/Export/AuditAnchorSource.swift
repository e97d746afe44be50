public import Foundation
public import HoTichModel

/// Reads the audit head a file outside the workspace quotes: an export package's `manifest.xml`
/// (`auditHead`, since schema 1.6.0) or a weekly report in JSON (`auditHead`). `audit verify
/// --anchor FILE` checks the workspace against it.
public enum AuditAnchorSource {
    /// The largest file read (a manifest or a report is far smaller).
    static let maximumBytes = 32 << 20

    /// The anchor `url` quotes.
    /// - Throws: ``HoTichError`` `.integrity(.anchorSourceUnreadable)` when it quotes none.
    public static func read(_ url: URL) throws -> AuditAnchor {
        let unreadable = HoTichError(.integrity(.anchorSourceUnreadable(path: url.path)))
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size <= maximumBytes,
              let data = try? Data(contentsOf: url)
        else { throw unreadable }
        if data.first == UInt8(ascii: "{") {
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let head = object["auditHead"] as? [String: Any],
                  let events = (head["events"] as? NSNumber)?.int64Value, let hash = head["hash"] as? String
            else { throw unreadable }
            return try anchor(events, hash, unreadable)
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let head = text.range(of: "<auditHead>"),
              let events = element("events", in: text, from: head.upperBound).flatMap({ Int64($0) }),
              let hash = element("hash", in: text, from: head.upperBound)
        else { throw unreadable }
        return try anchor(events, hash, unreadable)
    }

    private static func anchor(_ events: Int64, _ hash: String, _ unreadable: HoTichError) throws -> AuditAnchor {
        guard events > 0, hash.utf8.count == 64, hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw unreadable
        }
        return AuditAnchor(eventID: events, hash: hash)
    }

    private static func element(_ name: String, in text: String, from start: String.Index) -> String? {
        guard let open = text.range(of: "<\(name)>", range: start..<text.endIndex),
              let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex)
        else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }
}
