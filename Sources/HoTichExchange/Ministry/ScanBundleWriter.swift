public import Foundation
import ZIPFoundation

/// Writes the zip of a book's scans, one PDF per entry: a scan that is a PDF stored byte for byte,
/// scan images wrapped into a PDF as they are (``ImagePDF``). Entries are stored, not compressed
/// (PDFs and images do not shrink), and streamed from their files: memory stays flat.
public final class ScanBundleWriter {
    private let archive: Archive
    public let url: URL
    /// The names written so far.
    public private(set) var names: [String] = []

    /// Creates the zip at `url` (replaced if it exists).
    public init(url: URL) throws {
        self.url = url
        try? FileManager.default.removeItem(at: url)
        archive = try Archive(url: url, accessMode: .create)
    }

    /// How many entries the zip at `url` holds (reading its central directory).
    public static func entryCount(of url: URL) throws -> Int {
        try Archive(url: url, accessMode: .read).reduce(0) { count, _ in count + 1 }
    }

    /// Adds a PDF scan under `name`, byte for byte.
    public func addPDF(_ file: URL, as name: String) throws {
        try archive.addEntry(with: name, fileURL: file, compressionMethod: .none, bufferSize: 1 << 20)
        names.append(name)
    }

    /// Adds one PDF made of `pages` under `name`.
    public func addImages(_ pages: [ScanImage], as name: String) throws {
        let pdf = ImagePDF(pages: pages)
        try archive.addEntry(
            with: name, type: .file, uncompressedSize: pdf.length, compressionMethod: .none, bufferSize: 1 << 20
        ) { position, size in
            try pdf.read(position, count: size)
        }
        names.append(name)
    }
}
