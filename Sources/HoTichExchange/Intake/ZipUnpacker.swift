public import Foundation
public import HoTichModel
import HoTichChecksum
import ZIPFoundation

/// The sizes a zip of scans may declare and unpack to. The defaults suit scans — one PDF or image
/// per entry, already compressed — and refuse what only a hostile archive holds (a "zip bomb").
public struct ZipLimits: Sendable, Equatable {
    /// Entries in the archive.
    public var maxEntries: Int
    /// One file, unpacked.
    public var maxFileBytes: Int64
    /// Every file together, unpacked.
    public var maxTotalBytes: Int64
    /// How many times larger than its compressed size a file of more than 1 MiB may unpack to
    /// (scans are compressed already; a PDF of text pages reaches 10 to 20).
    public var maxRatio: Int64

    public init(maxEntries: Int = 100_000, maxFileBytes: Int64 = 1 << 30, maxTotalBytes: Int64 = 200 << 30, maxRatio: Int64 = 100) {
        self.maxEntries = maxEntries
        self.maxFileBytes = maxFileBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxRatio = maxRatio
    }

    public static let scans = ZipLimits()
}

/// Unpacks a zip of scans into a folder of the workspace, within ``ZipLimits``.
public enum ZipUnpacker {
    /// Why a zip could not be unpacked.
    public enum Failure: Error, Sendable, Equatable {
        /// Not a readable ZIP archive.
        case unreadable
        /// The archive breaks a limit or holds an entry that could escape its folder.
        case refused(ZipRefusal)
        /// Writing the unpacked files failed (disk full, permissions).
        case writeFailed
    }

    /// What unpacking found besides the files.
    public struct Report: Sendable, Equatable {
        /// Entries that are symbolic links: never followed nor unpacked, listed for the supervisor.
        public var symbolicLinks: [String] = []
    }

    /// Unpacks every file entry of `zip` below `destination`, which must exist and be empty.
    ///
    /// Every declared size is checked before a byte is written (entry count, each file, the total,
    /// each file's ratio), and each file stops as soon as it unpacks to more than it declared.
    public static func unpack(
        _ zip: URL, into destination: URL, limits: ZipLimits = .scans, modes: FileModes = .ownerOnly
    ) throws(Failure) -> Report {
        let archive: Archive
        do {
            archive = try Archive(url: zip, accessMode: .read)
        } catch {
            throw .unreadable
        }
        let root = destination.standardizedFileURL.path + "/"
        var report = Report()
        var files: [(Entry, URL)] = []
        var total: Int64 = 0
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maxEntries else { throw .refused(.tooManyEntries(limit: limits.maxEntries)) }
            switch entry.type {
            case .symlink:
                report.symbolicLinks.append(entry.path)
                continue
            case .directory:
                continue
            case .file:
                break
            }
            let target = destination.appendingPathComponent(entry.path).standardizedFileURL
            guard target.path.hasPrefix(root), !entry.path.hasPrefix("/"), !entry.path.contains("\0") else {
                throw .refused(.unsafeEntry(entry.path))
            }
            let size = Int64(entry.uncompressedSize)
            guard size <= limits.maxFileBytes else {
                throw .refused(.fileTooLarge(entry.path, limitMiB: Int(limits.maxFileBytes >> 20)))
            }
            let compressed = max(Int64(entry.compressedSize), 1)
            if size > 1 << 20 && size / compressed > limits.maxRatio {
                throw .refused(.ratioTooHigh(entry.path, ratio: Int(size / compressed), limit: Int(limits.maxRatio)))
            }
            total += size
            guard total <= limits.maxTotalBytes else { throw .refused(.totalTooLarge(limitGiB: Int(limits.maxTotalBytes >> 30))) }
            files.append((entry, target))
        }
        for (entry, target) in files {
            try extract(entry, of: archive, to: target, modes: modes)
        }
        return report
    }

    /// Unpacks one file (with the workspace's modes), stopping as soon as it grows past its declared size.
    private static func extract(_ entry: Entry, of archive: Archive, to target: URL, modes: FileModes) throws(Failure) {
        let declared = Int64(entry.uncompressedSize)
        do {
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: Int(modes.directory)])
        } catch {
            throw .writeFailed
        }
        guard FileManager.default.createFile(atPath: target.path, contents: nil, attributes: [.posixPermissions: Int(modes.file)]),
              let handle = FileHandle(forWritingAtPath: target.path)
        else { throw .writeFailed }
        defer { try? handle.close() }
        var written: Int64 = 0
        var grew = false
        var wrote = true
        var crc: UInt32 = 0
        do {
            // The checksum is taken here, by zlib, rather than by ZIPFoundation byte by byte.
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: true) { data in
                written += Int64(data.count)
                guard written <= declared else {
                    grew = true
                    throw CocoaError(.fileReadTooLarge)
                }
                crc = data.withUnsafeBytes { CRC32.update(crc, $0) }
                do {
                    try handle.write(contentsOf: data)
                } catch {
                    wrote = false
                    throw error
                }
            }
        } catch {
            if grew { throw .refused(.grewPastDeclared(entry.path)) }
            throw wrote ? .unreadable : .writeFailed
        }
        // A file that unpacks to other bytes than were packed is damaged.
        guard crc == entry.checksum else { throw .unreadable }
    }
}
