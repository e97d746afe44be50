public import Foundation

/// Record identifiers: UUIDs in the version 7 layout (RFC 9562), a millisecond timestamp first.
///
/// They are as unique and stable as random UUIDs, but new ones sort after old ones, so a bulk
/// import appends to the end of the primary-key index instead of touching random pages of it:
/// that keeps saving fast in a workspace of millions of records.
public enum RecordIdentifier {
    /// A new identifier, lower-case hexadecimal with hyphens.
    public static func make(at date: Date = Date()) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        for index in 0..<6 { bytes[index] = UInt8((millis >> (8 * (5 - UInt64(index)))) & 0xFF) }
        // Two draws from the system generator (each is a system call), not one per byte.
        var random = SystemRandomNumberGenerator()
        let high = random.next(), low = random.next()
        for index in 6..<8 { bytes[index] = UInt8(truncatingIfNeeded: high >> (8 * UInt64(index - 6))) }
        for index in 8..<16 { bytes[index] = UInt8(truncatingIfNeeded: low >> (8 * UInt64(index - 8))) }
        bytes[6] = (bytes[6] & 0x0F) | 0x70  // version 7
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { out.append(UInt8(ascii: "-")) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
