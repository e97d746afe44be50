public import Foundation
import ZIPFoundation

/// Writes the zip of a book's scans, one PDF per entry: a scan that is a PDF stored byte for byte,
/// scan images wrapped into a PDF as they are (``ImagePDF``). Entries are stored, not compressed
/// (PDFs and images do not shrink), and streamed from their files: memory stays flat, and the
/// zip's SHA-256 is taken as it is written.
public final class ScanBundleWriter {
    private let zip: StoredZipWriter
    public var url: URL { zip.url }
    /// The names written so far.
    public var names: [String] { zip.names }

    /// Creates the zip at `url` (owner-only; replaced if it exists).
    public init(url: URL) throws {
        zip = try StoredZipWriter(url: url)
    }

    /// How many entries the zip at `url` holds, read by ZIPFoundation from its central directory:
    /// a reader other than the writer finds the zip whole.
    public static func entryCount(of url: URL) throws -> Int {
        try Archive(url: url, accessMode: .read).reduce(0) { count, _ in count + 1 }
    }

    /// Adds a PDF scan under `name`, byte for byte.
    public func addPDF(_ file: URL, as name: String) throws {
        try zip.add(name, file: file)
    }

    /// Adds one PDF made of `pages` under `name`.
    public func addImages(_ pages: [ScanImage], as name: String) throws {
        let pdf = ImagePDF(pages: pages)
        try zip.add(name, size: pdf.length) { offset, count in try pdf.read(offset, count: count) }
    }

    /// Ends the zip: its size and SHA-256.
    public func finish() throws -> (bytes: Int64, sha256: String) {
        try zip.finish()
    }
}
