internal import CZlibChecksum

/// CRC-32 (the zip format's checksum), computed by zlib.
///
/// Its own target, without Foundation, for the reason `HoTichXML` is one: a C module imported next
/// to Foundation can meet Foundation's own copy of system headers on a clean build; imported
/// internally here, it stays out of every module that uses this one.
public enum CRC32 {
    /// The CRC-32 of `bytes`, continuing from `crc` (0 to start).
    public static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.bindMemory(to: UInt8.self).baseAddress, !bytes.isEmpty else { return crc }
        return UInt32(truncatingIfNeeded: hotich_crc32(UInt(crc), base, UInt(bytes.count)))
    }
}
