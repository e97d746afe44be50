public import Foundation

/// Writes the rows an import rejected, as they were, so that a person corrects them in a
/// spreadsheet and imports the file as it is.
///
/// The file has the source's own header and cells, in the same order and CSV spelling, followed by
/// columns hotich adds (the row's number in the source, the reasons), whose headers end in
/// ``annotationMarker`` so that an import recognises and ignores them. Rows are written as they come
/// (memory stays flat) to a hidden file beside the target, readable by its owner only since it holds
/// personal data, and given its name by ``commit()``; ``discard()`` (or a crash) leaves no reject
/// file that looks finished.
public final class RejectFileWriter {
    /// What ends the header of every column hotich adds to a reject file.
    public static let annotationMarker = "(hotich)"

    /// Whether a header cell names a column hotich added (ignored on import).
    public static func isAnnotation(_ header: String) -> Bool {
        header.trimmingCharacters(in: .whitespaces).hasSuffix(annotationMarker)
    }

    /// Whether the file at `url` may be replaced by a reject file: it does not exist, or it is a
    /// reject file hotich wrote (its header names hotich's columns). Any other file is someone's work.
    public static func mayReplace(_ url: URL) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return !FileManager.default.fileExists(atPath: url.path) }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 16)) ?? Data()
        let firstLine = head.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first ?? head
        return String(decoding: firstLine, as: UTF8.self).contains(annotationMarker)
    }

    public let url: URL
    private let partial: URL
    private let handle: FileHandle
    private let dialect: CSVDialect
    /// The source's columns that are copied (hotich's own columns of an earlier reject file are not).
    private let kept: [Int]
    /// The column of an earlier reject file that holds the row's number in the first source.
    public let originalRowColumn: Int?
    private var finished = false

    /// Creates the hidden file and writes the header: the source's `header` (without the columns an
    /// earlier reject file added), then `annotations` (each already ending in ``annotationMarker``).
    public init(url: URL, header: [String], annotations: [String], dialect: CSVDialect) throws {
        self.url = url
        self.dialect = dialect
        kept = header.indices.filter { !Self.isAnnotation(header[$0]) }
        originalRowColumn = header.indices.first { Self.isAnnotation(header[$0]) }
        partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: partial.path)
        else { throw CocoaError(.fileWriteNoPermission) }
        self.handle = handle
        do {
            if dialect.byteOrderMark { try handle.write(contentsOf: [0xEF, 0xBB, 0xBF]) }
            try write(header, annotations)
        } catch {
            discard()
            throw error
        }
    }

    deinit { discard() }

    /// One rejected row: its cells as read (padded to the header's width, so the added columns line
    /// up; an earlier reject file's own columns left out), then its annotations.
    public func write(row cells: [String], annotations: [String]) throws {
        try write(cells, annotations)
    }

    private func write(_ cells: [String], _ annotations: [String]) throws {
        let copied = kept.map { $0 < cells.count ? cells[$0] : "" }
        try handle.write(contentsOf: Data(dialect.line(copied + annotations).utf8))
    }

    /// Flushes the file to disk and gives it its name (replacing an older reject file).
    public func commit() throws {
        guard !finished else { return }
        try handle.synchronize()
        try handle.close()
        finished = true
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        try FileManager.default.moveItem(at: partial, to: url)
    }

    /// Removes the unfinished file.
    public func discard() {
        guard !finished else { return }
        finished = true
        try? handle.close()
        try? FileManager.default.removeItem(at: partial)
    }
}
