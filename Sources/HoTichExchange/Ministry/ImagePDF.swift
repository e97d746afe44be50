public import Foundation

/// A PDF of one page per scan image, laid out before a byte is written: its small parts (objects,
/// cross-reference table) as bytes, and each image's stream as ranges of its file, copied as they
/// are (a JPEG with DCTDecode, a PNG's data with FlateDecode and the PNG predictor). The whole
/// file's length is known up front, and ``read(_:count:)`` gives any stretch of it, so it can be
/// streamed into a zip entry without ever being held in memory or written twice.
///
/// Each page is the image at its resolution (300 pixels per inch when the file does not say), so
/// an A4 scan is an A4 page.
public final class ImagePDF {
    private enum Segment {
        case bytes([UInt8])
        case file(URL, Range<Int64>)

        var count: Int64 {
            switch self {
            case .bytes(let bytes): Int64(bytes.count)
            case .file(_, let range): range.upperBound - range.lowerBound
            }
        }
    }

    private let segments: [Segment]
    /// Where each segment starts in the file.
    private let starts: [Int64]
    /// The PDF's length in bytes.
    public let length: Int64
    private var open: (url: URL, handle: FileHandle)?

    /// Pixels per inch assumed for an image whose file states none.
    public static let defaultResolution = 300.0

    public init(pages: [ScanImage]) {
        var segments: [Segment] = []
        var offsets: [Int64] = []
        var position: Int64 = 0
        func add(_ text: String) {
            let bytes = Array(text.utf8)
            segments.append(.bytes(bytes))
            position += Int64(bytes.count)
        }
        // A binary comment after the header tells transfer programs the file is binary.
        segments.append(.bytes(Array("%PDF-1.5\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]))
        position = segments[0].count
        let pageCount = pages.count
        // Objects: 1 catalog, 2 pages, then per page: page, content stream, image.
        func object(_ number: Int, _ body: String) {
            offsets.append(position)
            add("\(number) 0 obj\n\(body)\nendobj\n")
        }
        object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        let kids = (0..<pageCount).map { "\(3 + $0 * 3) 0 R" }.joined(separator: " ")
        object(2, "<< /Type /Pages /Kids [\(kids)] /Count \(pageCount) >>")
        for (index, image) in pages.enumerated() {
            let pageNumber = 3 + index * 3
            let resolution = image.resolution.flatMap { $0 >= 50 && $0 <= 2400 ? $0 : nil } ?? Self.defaultResolution
            let width = Self.points(image.width, resolution)
            let height = Self.points(image.height, resolution)
            object(pageNumber, """
                << /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] \
                /Resources << /XObject << /Im0 \(pageNumber + 2) 0 R >> >> /Contents \(pageNumber + 1) 0 R >>
                """)
            let drawing = "q \(width) 0 0 \(height) 0 0 cm /Im0 Do Q"
            object(pageNumber + 1, "<< /Length \(drawing.utf8.count) >>\nstream\n\(drawing)\nendstream")
            offsets.append(position)
            add("\(pageNumber + 2) 0 obj\n<< /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) "
                + Self.imageDictionary(image) + " /Length \(image.streamLength) >>\nstream\n")
            for range in image.ranges {
                segments.append(.file(image.url, range))
                position += range.upperBound - range.lowerBound
            }
            add("\nendstream\nendobj\n")
        }
        let table = position
        var xref = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            xref += String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n \n"
        }
        add(xref + "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(table)\n%%EOF\n")
        self.segments = segments
        var starts: [Int64] = []
        var at: Int64 = 0
        for segment in segments {
            starts.append(at)
            at += segment.count
        }
        self.starts = starts
        length = at
    }

    deinit {
        try? open?.handle.close()
    }

    /// `count` bytes from `offset` (fewer only at the end).
    public func read(_ offset: Int64, count: Int) throws -> Data {
        var out = Data()
        out.reserveCapacity(count)
        var position = offset
        let end = min(length, offset + Int64(count))
        var index = segmentIndex(containing: position)
        while position < end, index < segments.count {
            let start = starts[index]
            let within = position - start
            let take = min(end - position, segments[index].count - within)
            switch segments[index] {
            case .bytes(let bytes):
                out.append(contentsOf: bytes[Int(within)..<Int(within + take)])
            case .file(let url, let range):
                let handle = try handle(for: url)
                try handle.seek(toOffset: UInt64(range.lowerBound + within))
                guard let data = try handle.read(upToCount: Int(take)), data.count == Int(take) else {
                    throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
                }
                out.append(data)
            }
            position += take
            index += 1
        }
        return out
    }

    /// Writes the whole PDF to `url`.
    public func write(to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let out = try FileHandle(forWritingTo: url)
        defer { try? out.close() }
        var offset: Int64 = 0
        while offset < length {
            let chunk = try read(offset, count: 1 << 20)
            try out.write(contentsOf: chunk)
            offset += Int64(chunk.count)
        }
    }

    private func segmentIndex(containing position: Int64) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= position { low = middle } else { high = middle - 1 }
        }
        return low
    }

    private func handle(for url: URL) throws -> FileHandle {
        if let open, open.url == url { return open.handle }
        try? open?.handle.close()
        let handle = try FileHandle(forReadingFrom: url)
        open = (url, handle)
        return handle
    }

    /// Points (1/72 inch) for `pixels` at `resolution` pixels per inch, to two decimals.
    static func points(_ pixels: Int, _ resolution: Double) -> String {
        String(format: "%.2f", Double(pixels) * 72 / resolution)
    }

    /// The image dictionary's colour space, depth and filter.
    static func imageDictionary(_ image: ScanImage) -> String {
        switch image.encoding {
        case .jpeg(let inverted):
            let space = image.components == 1 ? "/DeviceGray" : image.components == 4 ? "/DeviceCMYK" : "/DeviceRGB"
            return "/ColorSpace \(space) /BitsPerComponent 8 /Filter /DCTDecode" + (inverted ? " /Decode [1 0 1 0 1 0 1 0]" : "")
        case .png(let colors, let palette):
            let space: String
            if let palette {
                let hex = palette.map { String(format: "%02X", $0) }.joined()
                space = "[/Indexed /DeviceRGB \(palette.count / 3 - 1) <\(hex)>]"
            } else {
                space = colors == 1 ? "/DeviceGray" : "/DeviceRGB"
            }
            return "/ColorSpace \(space) /BitsPerComponent \(image.bitsPerComponent) /Filter /FlateDecode "
                + "/DecodeParms << /Predictor 15 /Colors \(colors) /BitsPerComponent \(image.bitsPerComponent) /Columns \(image.width) >>"
        }
    }
}
