package import Foundation
import HoTichXML

/// How a large export file is cut so that its parts can be validated side by side: its head (up to
/// the end of the `records` start tag), runs of whole entries, and its tail (from `</records>`).
/// Each part is validated as head + run + tail, a complete document of its own.
///
/// The file is valid exactly when every part is: `records` holds nothing but repeated `entry`
/// elements, each valid or not whatever its neighbours (the schema has no identity constraints and
/// no IDs), every byte of the file is in at least one part, and head and tail are the same in each.
///
/// The head is found by walking the markup of the file's start; the tail is the last `</records>`;
/// each cut is the first `<entry` that follows an `</entry>` and white space past a target offset,
/// found by byte search. Where the cuts fall cannot make an invalid file pass (each part's run must
/// be a sequence of valid entries), only a valid one fail, and that only if `<entry` text could sit
/// where it is not a tag: in a comment, a CDATA section or a processing instruction. A file holding
/// any of those (or a document type) among its entries, and a file without entries to share out, is
/// not cut (`plan` returns `nil`) and is validated whole.
package struct ExportFileParts: Sendable {
    struct Run: Sendable {
        let range: FileRange
        /// The file's line on which the run starts.
        let firstLine: Int
        /// Line breaks inside the run.
        let newlines: Int
    }

    let head: FileRange
    /// Line breaks inside the head.
    let headNewlines: Int
    let runs: [Run]
    let tail: FileRange
    /// The file's line on which the tail starts.
    let tailFirstLine: Int

    /// How many parts the file is cut into.
    package var count: Int { runs.count }

    /// The ranges making part `index`'s document.
    func ranges(of index: Int) -> [FileRange] { [head, runs[index].range, tail] }

    /// What validating every part reads: the file, plus its head and tail once more per extra part.
    package var bytesToRead: Int64 { runs.reduce(0) { $0 + $1.range.length + head.length + tail.length } }

    /// The file's line for `line` of part `index`'s document (0 stays 0: a problem without a line).
    func fileLine(_ line: Int, part index: Int) -> Int {
        guard line > 0 else { return 0 }
        let run = runs[index]
        if line <= headNewlines { return line }
        let inRun = line - headNewlines  // 1 on the line where the head ends and the run begins
        if inRun <= run.newlines { return run.firstLine + inRun - 1 }
        return tailFirstLine + (inRun - 1 - run.newlines)
    }

    /// Finds the cuts for `parts` parts of about the same size in the file at `url`, or `nil`
    /// when the file is not to be cut.
    package static func plan(_ url: URL, parts: Int) -> ExportFileParts? {
        guard parts > 1, let file = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? file.close() }
        guard let end = try? file.seekToEnd(), end > 0 else { return nil }
        let size = Int64(end)
        // The head: the markup up to the end of the `records` start tag, within the first MiB.
        guard let first = read(file, at: 0, count: min(size, 1 << 20)) else { return nil }
        var scanner = HeadScanner()
        guard let head = first.withUnsafeBytes({ scanner.headEnd(in: $0) }) else { return nil }
        // The tail: from the last `</records>`, within the last MiB.
        let windowStart = max(head.end, size - (1 << 20))
        guard let last = read(file, at: windowStart, count: size - windowStart),
              let closing = last.withUnsafeBytes({ lastOccurrence(of: Pattern.recordsEnd, in: $0) })
        else { return nil }
        let tailStart = windowStart + Int64(closing)
        // The cuts: where an entry starts, after the end of another, at or after each target.
        var cuts: [Int64] = []
        for part in 1..<parts {
            let target = head.end + (tailStart - head.end) * Int64(part) / Int64(parts)
            guard let cut = entryStart(in: file, from: max(target, (cuts.last ?? head.end) + 1), before: tailStart) else { break }
            cuts.append(cut)
        }
        guard !cuts.isEmpty else { return nil }
        // One pass over the entries: nothing that could hide markup, and the line of every cut.
        guard let lines = linesAndCheck(file, from: head.end, to: tailStart, marks: cuts + [tailStart], firstLine: head.newlines + 1)
        else { return nil }
        var runs: [Run] = []
        var start = (offset: head.end, line: head.newlines + 1)
        for (offset, line) in zip(cuts + [tailStart], lines) {
            runs.append(Run(range: FileRange(offset: start.offset, length: offset - start.offset), firstLine: start.line, newlines: line - start.line))
            start = (offset, line)
        }
        return ExportFileParts(
            head: FileRange(offset: 0, length: head.end), headNewlines: head.newlines, runs: runs,
            tail: FileRange(offset: tailStart, length: size - tailStart), tailFirstLine: lines[lines.count - 1])
    }

    private enum Pattern {
        static let recordsEnd = Array("</records>".utf8)
        static let entryEnd = Array("</entry>".utf8)
        static let entryStart = Array("<entry".utf8)
    }

    private static func read(_ file: FileHandle, at offset: Int64, count: Int64) -> Data? {
        guard count > 0, (try? file.seek(toOffset: UInt64(offset))) != nil,
              let data = try? file.read(upToCount: Int(count)), data.count == Int(count) else { return nil }
        return data
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// Where `pattern` occurs in `bytes` from `start`: `memchr` to each candidate first byte (the C
    /// library's vectorized search), then a comparison.
    private static func firstOccurrence(of pattern: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        guard let base = bytes.baseAddress, let first = pattern.first else { return nil }
        var from = start
        while from + pattern.count <= bytes.count {
            guard let hit = memchr(base + from, Int32(first), bytes.count - pattern.count + 1 - from) else { return nil }
            let index = UnsafeRawPointer(hit) - base
            if bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            from = index + 1
        }
        return nil
    }

    private static func lastOccurrence(of pattern: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
        var found: Int?
        var start = 0
        while let next = firstOccurrence(of: pattern, in: bytes, from: start) {
            found = next
            start = next + 1
        }
        return found
    }

    /// The offset of the first `<entry` start tag that follows an `</entry>` and white space, from
    /// `start`. Without comments, CDATA or processing instructions (checked later) every `<` in a
    /// well-formed file opens a tag, so that is an entry element; in a file where it is not a
    /// child of `records`, the file is invalid, and its parts are too.
    private static func entryStart(in file: FileHandle, from start: Int64, before end: Int64) -> Int64? {
        var position = start
        while position < end {
            guard let window = read(file, at: position, count: min(1 << 16, end - position)) else { return nil }
            let (found, resume) = window.withUnsafeBytes { bytes -> (Int?, Int) in
                var from = 0
                while let close = firstOccurrence(of: Pattern.entryEnd, in: bytes, from: from) {
                    var next = close + Pattern.entryEnd.count
                    while next < bytes.count && isSpace(bytes[next]) { next += 1 }
                    // Not enough of the window left to see the next tag: read again from here.
                    guard next + Pattern.entryStart.count < bytes.count else { return (nil, close) }
                    let name = bytes[next..<(next + Pattern.entryStart.count)]
                    let after = bytes[next + Pattern.entryStart.count]
                    if name.elementsEqual(Pattern.entryStart) && (isSpace(after) || after == UInt8(ascii: ">") || after == UInt8(ascii: "/")) {
                        return (next, 0)
                    }
                    from = close + 1
                }
                return (nil, max(1, bytes.count - Pattern.entryEnd.count))
            }
            if let found { return position + Int64(found) }
            // Always forward: a window that shows no whole boundary is read again only from a later point.
            guard resume > 0, window.count > Pattern.entryEnd.count else { return nil }
            position += Int64(resume)
        }
        return nil
    }

    /// Reads `start..<end` once: `nil` if it holds a comment, CDATA section, processing instruction
    /// or document type declaration (`<!`, `<?`); else the line of each of `marks` (ascending offsets
    /// in the range, the last one `end`).
    private static func linesAndCheck(_ file: FileHandle, from start: Int64, to end: Int64, marks: [Int64], firstLine: Int) -> [Int]? {
        guard (try? file.seek(toOffset: UInt64(start))) != nil else { return nil }
        var lines: [Int] = []
        var line = firstLine
        var position = start
        var previous: UInt8 = 0
        var mark = 0
        while position < end {
            guard let block = try? file.read(upToCount: Int(min(1 << 22, end - position))), !block.isEmpty else { return nil }
            let clean = block.withUnsafeBytes { bytes -> Bool in
                if opensDeclaration(bytes, after: previous, marker: UInt8(ascii: "!"))
                    || opensDeclaration(bytes, after: previous, marker: UInt8(ascii: "?")) {
                    return false
                }
                var counted = 0
                while mark < marks.count && marks[mark] <= position + Int64(bytes.count) {
                    let upTo = Int(marks[mark] - position)
                    line += newlines(in: UnsafeRawBufferPointer(rebasing: bytes[counted..<upTo]))
                    counted = upTo
                    lines.append(line)
                    mark += 1
                }
                line += newlines(in: UnsafeRawBufferPointer(rebasing: bytes[counted...]))
                previous = bytes[bytes.count - 1]
                return true
            }
            guard clean else { return nil }
            position += Int64(block.count)
        }
        return lines.count == marks.count ? lines : nil
    }

    /// Whether `<` then `marker` (`!` or `?`, rare in a record's text) occurs in `bytes`, whose
    /// first byte follows `previous`: searched by the marker, with `memchr`.
    private static func opensDeclaration(_ bytes: UnsafeRawBufferPointer, after previous: UInt8, marker: UInt8) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var from = 0
        while from < bytes.count, let hit = memchr(base + from, Int32(marker), bytes.count - from) {
            let index = UnsafeRawPointer(hit) - base
            if (index == 0 ? previous : bytes[index - 1]) == UInt8(ascii: "<") { return true }
            from = index + 1
        }
        return false
    }

    private static func newlines(in bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        for byte in bytes where byte == 0x0A { count &+= 1 }
        return count
    }
}

/// Walks the markup at the start of a document, element depth and quotes in attribute values
/// respected, to where the `records` start tag ends.
private struct HeadScanner {
    private enum State {
        case text
        /// Just after `<`.
        case open
        /// In an end tag, up to its `>`.
        case endTag
        /// Reading a start tag's name.
        case startName
        /// In a start tag after its name.
        case startTag
        /// In the XML declaration, up to `?>`.
        case declaration
    }

    private var state = State.text
    private var quote: UInt8 = 0
    private var depth = 0
    private var name: [UInt8] = []
    private var previous: UInt8 = 0
    private var newlines = 0

    private static let records = Array("records".utf8)

    /// The offset just after the `records` start tag and the line breaks before it; `nil` if the
    /// bytes end first, or hold markup this walk does not follow (comments, CDATA, instructions,
    /// a document type) or an empty `<records/>`.
    mutating func headEnd(in bytes: UnsafeRawBufferPointer) -> (end: Int64, newlines: Int)? {
        for (offset, byte) in bytes.enumerated() {
            defer { previous = byte }
            if byte == 0x0A { newlines += 1 }
            switch state {
            case .text:
                if byte == UInt8(ascii: "<") { state = .open }
            case .open:
                switch byte {
                case UInt8(ascii: "/"):
                    state = .endTag
                case UInt8(ascii: "?") where depth == 0 && offset <= 4:
                    state = .declaration
                case UInt8(ascii: "!"), UInt8(ascii: "?"):
                    return nil
                default:
                    state = .startName
                    name = [byte]
                }
            case .declaration:
                if previous == UInt8(ascii: "?") && byte == UInt8(ascii: ">") { state = .text }
            case .endTag:
                if byte == UInt8(ascii: ">") {
                    depth -= 1
                    state = .text
                }
            case .startName:
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/"):
                    state = .startTag
                    quote = 0
                case UInt8(ascii: ">"):
                    if let end = closeStartTag(at: offset, empty: false) { return end }
                default:
                    name.append(byte)
                }
            case .startTag:
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    let empty = previous == UInt8(ascii: "/")
                    if empty && depth == 1 && name == Self.records { return nil }
                    if let end = closeStartTag(at: offset, empty: empty) { return end }
                }
            }
        }
        return nil
    }

    /// At the `>` of a start tag: the head's end when it is the `records` element's.
    private mutating func closeStartTag(at offset: Int, empty: Bool) -> (end: Int64, newlines: Int)? {
        state = .text
        if depth == 1 && name == Self.records && !empty { return (Int64(offset) + 1, newlines) }
        if !empty { depth += 1 }
        return nil
    }
}
