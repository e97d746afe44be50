import Crypto
public import Foundation
import HoTichChecksum

/// Writes a zip of stored (uncompressed) entries in one pass, hashing the file with SHA-256 as it
/// goes: for the Ministry's zip of PDFs, which do not compress, at the speed of copying them.
///
/// Each entry's CRC-32 is taken first (zlib's, reading its source once), so that its local header
/// carries its true checksum and sizes: readers that stream a zip without its central directory
/// (Java's `ZipInputStream`) read stored entries only that way. Entries or offsets past 4 GiB are
/// written in ZIP64 form. Names are UTF-8 (flag bit 11).
public final class StoredZipWriter {
    /// Gives an entry's bytes: `count` from `offset`.
    public typealias Source = (_ offset: Int64, _ count: Int) throws -> Data

    private struct Written {
        let name: [UInt8]
        let crc: UInt32
        let size: Int64
        let offset: Int64
    }

    private let handle: FileHandle
    public let url: URL
    private var hasher = SHA256()
    private var position: Int64 = 0
    private var entries: [Written] = []
    private let time: (date: UInt16, time: UInt16)
    private var finished = false
    /// Sizes and offsets from which ZIP64 fields are written (lower in tests, to exercise them).
    let zip64From: Int64
    static let chunk = 1 << 20

    /// Creates the zip at `url` (owner-only; replaced if it exists).
    public convenience init(url: URL, modified: Date = Date()) throws {
        try self.init(url: url, modified: modified, zip64From: 0xFFFF_FFFF)
    }

    init(url: URL, modified: Date, zip64From: Int64) throws {
        self.url = url
        self.zip64From = zip64From
        try? FileManager.default.removeItem(at: url)
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        time = Self.dosTime(modified)
    }

    deinit {
        try? handle.close()
    }

    /// The names written so far.
    public var names: [String] { entries.map { String(decoding: $0.name, as: UTF8.self) } }

    /// Adds an entry of `size` bytes that `source` gives, under `name`.
    public func add(_ name: String, size: Int64, source: Source) throws {
        var crc: UInt32 = 0
        var offset: Int64 = 0
        while offset < size {
            let data = try source(offset, Int(min(Int64(Self.chunk), size - offset)))
            guard !data.isEmpty else { throw CocoaError(.fileReadCorruptFile) }
            crc = data.withUnsafeBytes { CRC32.update(crc, $0) }
            offset += Int64(data.count)
        }
        let nameBytes = Array(name.utf8)
        let entryOffset = position
        let large = size >= zip64From
        var header = Bytes()
        header.u32(0x0403_4B50)
        header.u16(large ? 45 : 20)
        header.u16(1 << 11)
        header.u16(0)
        header.u16(time.time)
        header.u16(time.date)
        header.u32(crc)
        header.u32(large ? 0xFFFF_FFFF : UInt32(size))
        header.u32(large ? 0xFFFF_FFFF : UInt32(size))
        header.u16(UInt16(nameBytes.count))
        header.u16(large ? 20 : 0)
        header.bytes += nameBytes
        if large {
            header.u16(0x0001)
            header.u16(16)
            header.u64(UInt64(size))
            header.u64(UInt64(size))
        }
        try write(header.bytes)
        offset = 0
        var check: UInt32 = 0
        while offset < size {
            let data = try source(offset, Int(min(Int64(Self.chunk), size - offset)))
            check = data.withUnsafeBytes { CRC32.update(check, $0) }
            try write(data)
            offset += Int64(data.count)
        }
        // The source changed between the two reads: what was written does not match its header.
        guard check == crc else { throw CocoaError(.fileReadCorruptFile) }
        entries.append(Written(name: nameBytes, crc: crc, size: size, offset: entryOffset))
    }

    /// Adds the file at `file` under `name`, byte for byte.
    public func add(_ name: String, file: URL) throws {
        let reader = try FileHandle(forReadingFrom: file)
        defer { try? reader.close() }
        let size = Int64(try reader.seekToEnd())
        try add(name, size: size) { offset, count in
            try reader.seek(toOffset: UInt64(offset))
            return try reader.read(upToCount: count) ?? Data()
        }
    }

    /// Writes the central directory and the end records, flushes the file to disk.
    /// - Returns: the zip's size and SHA-256.
    @discardableResult
    public func finish() throws -> (bytes: Int64, sha256: String) {
        guard !finished else { throw CocoaError(.fileWriteUnknown) }
        finished = true
        let directoryOffset = position
        var directory = Bytes()
        for entry in entries {
            let largeSize = entry.size >= zip64From
            let largeOffset = entry.offset >= zip64From
            var extra = Bytes()
            if largeSize || largeOffset {
                extra.u16(0x0001)
                extra.u16(UInt16((largeSize ? 16 : 0) + (largeOffset ? 8 : 0)))
                if largeSize {
                    extra.u64(UInt64(entry.size))
                    extra.u64(UInt64(entry.size))
                }
                if largeOffset { extra.u64(UInt64(entry.offset)) }
            }
            directory.u32(0x0201_4B50)
            directory.u16(0x0300 | 45)  // made by Unix, spec 4.5
            directory.u16(largeSize || largeOffset ? 45 : 20)
            directory.u16(1 << 11)
            directory.u16(0)
            directory.u16(time.time)
            directory.u16(time.date)
            directory.u32(entry.crc)
            directory.u32(largeSize ? 0xFFFF_FFFF : UInt32(entry.size))
            directory.u32(largeSize ? 0xFFFF_FFFF : UInt32(entry.size))
            directory.u16(UInt16(entry.name.count))
            directory.u16(UInt16(extra.bytes.count))
            directory.u16(0)  // comment
            directory.u16(0)  // disk
            directory.u16(0)  // internal attributes
            directory.u32(0o100600 << 16)  // a regular file, owner read and write
            directory.u32(largeOffset ? 0xFFFF_FFFF : UInt32(entry.offset))
            directory.bytes += entry.name + extra.bytes
        }
        try write(directory.bytes)
        let directorySize = Int64(directory.bytes.count)
        let endOffset = position
        var end = Bytes()
        let count = entries.count
        let large = count >= 0xFFFF || directoryOffset >= zip64From || directorySize >= zip64From
        if large {
            end.u32(0x0606_4B50)
            end.u64(44)
            end.u16(0x0300 | 45)
            end.u16(45)
            end.u32(0)
            end.u32(0)
            end.u64(UInt64(count))
            end.u64(UInt64(count))
            end.u64(UInt64(directorySize))
            end.u64(UInt64(directoryOffset))
            end.u32(0x0706_4B50)
            end.u32(0)
            end.u64(UInt64(endOffset))
            end.u32(1)
        }
        end.u32(0x0605_4B50)
        end.u16(0)
        end.u16(0)
        end.u16(large ? 0xFFFF : UInt16(count))
        end.u16(large ? 0xFFFF : UInt16(count))
        end.u32(large ? 0xFFFF_FFFF : UInt32(directorySize))
        end.u32(large ? 0xFFFF_FFFF : UInt32(directoryOffset))
        end.u16(0)
        try write(end.bytes)
        try handle.synchronize()
        try handle.close()
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return (position, digest)
    }

    private func write(_ bytes: [UInt8]) throws {
        try write(Data(bytes))
    }

    private func write(_ data: Data) throws {
        try handle.write(contentsOf: data)
        hasher.update(data: data)
        position += Int64(data.count)
    }

    /// MS-DOS date and time fields of `date` (local calendar in UTC; 1980 at the earliest).
    static func dosTime(_ date: Date) -> (date: UInt16, time: UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = max(0, (parts.year ?? 1980) - 1980)
        let day = UInt16(year << 9 | (parts.month ?? 1) << 5 | (parts.day ?? 1))
        let time = UInt16((parts.hour ?? 0) << 11 | (parts.minute ?? 0) << 5 | (parts.second ?? 0) / 2)
        return (day, time)
    }

    /// Little-endian fields.
    private struct Bytes {
        var bytes: [UInt8] = []
        mutating func u16(_ value: UInt16) { bytes += [UInt8(value & 0xFF), UInt8(value >> 8)] }
        mutating func u32(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) } }
        mutating func u64(_ value: UInt64) { for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((value >> UInt64(shift)) & 0xFF)) } }
    }
}
