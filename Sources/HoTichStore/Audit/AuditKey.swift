public import Crypto
public import Foundation
import HoTichModel

/// The workspace's secret for keying the audit chain: every event carries an HMAC-SHA256 of its
/// hash with it, and so does every anchor written outside the database. It is kept in a file of
/// its own, never in the database, so that a copy of the database (or someone who can edit it but
/// not read the key file) cannot forge or recompute the chain unseen.
///
/// The file says from which event on the chain is keyed: events before it were written by a
/// hotich that had no key (a workspace made before schema v12), and carry no HMAC.
public struct AuditKey: Sendable {
    /// The key file's name in a workspace folder.
    public static let fileName = "audit.key"

    let key: SymmetricKey
    /// The first event that carries an HMAC.
    public let keyedFrom: Int64

    /// A new random key, for a chain keyed from `keyedFrom`.
    public init(keyedFrom: Int64) {
        key = SymmetricKey(size: .bits256)
        self.keyedFrom = keyedFrom
    }

    init(key: SymmetricKey, keyedFrom: Int64) {
        self.key = key
        self.keyedFrom = keyedFrom
    }

    /// The HMAC of `text`, in lowercase hex.
    public func mac(_ text: String) -> String {
        Hex.string(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key))
    }

    /// Whether `mac` is the HMAC of `text` (compared in constant time).
    public func isValid(mac: String, for text: String) -> Bool {
        guard let bytes = Hex.bytes(mac) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(bytes, authenticating: Array(text.utf8), using: key)
    }

    /// The file's text: a header, the first keyed event, and the key in base64.
    var fileText: String {
        let bytes = key.withUnsafeBytes { Data($0) }
        return "hotich-audit-key 1\nkeyed-from \(keyedFrom)\nkey \(bytes.base64EncodedString())\n"
    }

    /// Reads a key file.
    /// - Throws: ``HoTichError`` `.integrity(.keyUnreadable)` when the file is not a key file.
    public static func read(from url: URL) throws -> AuditKey {
        let unreadable = HoTichError(.integrity(.auditKeyUnreadable(path: url.path)))
        guard let data = try? Data(contentsOf: url), data.count < 1024, let text = String(data: data, encoding: .utf8) else {
            throw unreadable
        }
        let lines = text.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 1).map(String.init) }
        guard lines.count == 3, lines[0] == ["hotich-audit-key", "1"], lines[1].first == "keyed-from", lines[2].first == "key",
              lines[1].count == 2, let from = Int64(lines[1][1]), from >= 1,
              lines[2].count == 2, let bytes = Data(base64Encoded: lines[2][1]), bytes.count == 32
        else { throw unreadable }
        return AuditKey(key: SymmetricKey(data: bytes), keyedFrom: from)
    }

    /// Writes the key to a new file, with `mode` (owner-only, or the workspace's group too) from
    /// the moment it exists, never over another file.
    /// - Throws: ``HoTichError`` `.integrity(.auditKeyUnwritable)`.
    public func write(to url: URL, mode: mode_t = 0o600) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw HoTichError(.integrity(.auditKeyUnwritable(path: url.path))) }
        defer { close(descriptor) }
        _ = fchmod(descriptor, mode)
        let bytes = Array(fileText.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            unlink(url.path)
            throw HoTichError(.integrity(.auditKeyUnwritable(path: url.path)))
        }
    }
}

/// Lowercase hexadecimal, both ways.
enum Hex {
    static let digits = Array("0123456789abcdef".utf8)

    static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in bytes {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    static func bytes(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
