import Crypto
public import Foundation
public import HoTichModel

/// What intake learns about one file by reading it once: size, SHA-256 and format.
public struct FileFingerprint: Sendable, Equatable {
    public let bytes: Int64
    /// Lower-case hexadecimal SHA-256 of the content.
    public let sha256: String
    /// The format recognised from the leading bytes, `nil` when it is none of PDF/JPEG/PNG/TIFF.
    public let format: ScanFormat?

    public init(bytes: Int64, sha256: String, format: ScanFormat?) {
        self.bytes = bytes
        self.sha256 = sha256
        self.format = format
    }

    /// Why a file could not be fingerprinted.
    public enum Failure: Error, Sendable, Equatable {
        /// The file is not there (any more).
        case missing
        /// The file is there but cannot be opened or read.
        case unreadable
    }

    /// Reads the file at `url` in 1 MiB chunks, hashing as it goes; memory stays flat.
    public static func read(_ url: URL) throws(Failure) -> FileFingerprint {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missing }
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw .unreadable }
        defer { try? handle.close() }
        var hasher = SHA256()
        var total: Int64 = 0
        var head: [UInt8] = []
        while true {
            let chunk: Data
            do {
                guard let next = try handle.read(upToCount: 1 << 20), !next.isEmpty else { break }
                chunk = next
            } catch {
                throw .unreadable
            }
            if head.count < ScanFormat.magicLength {
                head.append(contentsOf: chunk.prefix(ScanFormat.magicLength - head.count))
            }
            hasher.update(data: chunk)
            total += Int64(chunk.count)
        }
        return FileFingerprint(bytes: total, sha256: hex(hasher.finalize()), format: ScanFormat(magic: head))
    }

    /// SHA-256 of `text`'s UTF-8 bytes, as lower-case hexadecimal.
    public static func sha256(of text: String) -> String {
        hex(SHA256.hash(data: Array(text.utf8)))
    }

    static func hex<Digest: Sequence<UInt8>>(_ digest: Digest) -> String {
        let digits: [Character] = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
    }
}
