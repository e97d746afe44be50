public import Foundation
import ZIPFoundation

/// Unpacks a zip of scans into a folder of the workspace.
public enum ZipUnpacker {
    /// Why a zip could not be unpacked.
    public enum Failure: Error, Sendable {
        /// Not a readable ZIP archive.
        case unreadable
        /// An entry would land outside the destination (`../` or an absolute path).
        case unsafeEntry(String)
        /// Writing the unpacked files failed (disk full, permissions).
        case writeFailed
    }

    /// Unpacks every file entry of `zip` below `destination`, which must not exist yet.
    public static func unpack(_ zip: URL, into destination: URL) throws(Failure) {
        let archive: Archive
        do {
            archive = try Archive(url: zip, accessMode: .read)
        } catch {
            throw .unreadable
        }
        let root = destination.standardizedFileURL.path + "/"
        do {
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed
        }
        for entry in archive where entry.type == .file {
            let target = destination.appendingPathComponent(entry.path).standardizedFileURL
            guard target.path.hasPrefix(root), !entry.path.hasPrefix("/") else {
                throw .unsafeEntry(entry.path)
            }
            do {
                try FileManager.default.createDirectory(
                    at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                _ = try archive.extract(entry, to: target, skipCRC32: false)
            } catch let error as Archive.ArchiveError {
                _ = error
                throw .unreadable
            } catch {
                throw .writeFailed
            }
        }
    }
}
