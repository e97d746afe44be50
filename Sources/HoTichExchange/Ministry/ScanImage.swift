public import Foundation

/// A page image a PDF can carry as it is, without decoding: a JPEG (DCTDecode) or a PNG whose
/// compressed data PDF's Flate filter reads with the PNG predictor. Only the image's header is
/// read here; its bytes stay in the file until they are copied into the PDF.
public struct ScanImage: Sendable, Equatable {
    public enum Encoding: Sendable, Equatable {
        /// JPEG: the whole file is the stream. `adobeInverted` for CMYK written by Adobe's encoder.
        case jpeg(adobeInverted: Bool)
        /// PNG: the IDAT chunks' contents, in order, are the stream.
        case png(colors: Int, palette: [UInt8]?)
    }

    /// Why an image cannot go into a PDF without re-encoding it.
    public enum Refusal: Error, Sendable, Equatable {
        /// Not a JPEG or PNG this reader understands (damaged, or cut short).
        case unreadable
        /// A PNG with an alpha channel (transparency has no place in a scan).
        case pngWithTransparency
        /// An interlaced PNG (its rows are not in order).
        case pngInterlaced
        /// An image of more than 65 535 pixels a side, or of none.
        case badDimensions
    }

    public let url: URL
    public let width: Int
    public let height: Int
    public let bitsPerComponent: Int
    /// 1 gray (or palette), 3 RGB, 4 CMYK.
    public let components: Int
    /// Pixels per inch, when the file says.
    public let resolution: Double?
    public let encoding: Encoding
    /// The byte ranges of the file that make the image stream, in order.
    public let ranges: [Range<Int64>]

    /// The stream's length in bytes.
    public var streamLength: Int64 { ranges.reduce(0) { $0 + ($1.upperBound - $1.lowerBound) } }

    /// Reads the image's header.
    public static func inspect(_ url: URL) throws(Refusal) -> ScanImage {
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw .unreadable }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 8)).map(Array.init) ?? []
        if head.starts(with: [0xFF, 0xD8]) { return try jpeg(url, handle) }
        if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return try png(url, handle) }
        throw .unreadable
    }

    // MARK: - JPEG

    private static func jpeg(_ url: URL, _ handle: FileHandle) throws(Refusal) -> ScanImage {
        guard let size = try? handle.seekToEnd(), (try? handle.seek(toOffset: 2)) != nil else { throw .unreadable }
        var resolution: Double?
        var adobe = false
        // Markers up to the frame header: APP0 (JFIF density), APP14 (Adobe), then SOFn.
        while true {
            guard let marker = try? handle.read(upToCount: 4), marker.count == 4, marker[marker.startIndex] == 0xFF else { throw .unreadable }
            let bytes = Array(marker)
            let code = bytes[1]
            let length = Int(bytes[2]) << 8 | Int(bytes[3])
            guard length >= 2 else { throw .unreadable }
            let body = (try? handle.read(upToCount: length - 2)).map(Array.init) ?? []
            guard body.count == length - 2 else { throw .unreadable }
            switch code {
            case 0xE0 where body.starts(with: Array("JFIF\u{0}".utf8)) && body.count >= 12:
                let unit = body[7]
                let density = Double(Int(body[8]) << 8 | Int(body[9]))
                if density > 0 { resolution = unit == 1 ? density : unit == 2 ? density * 2.54 : nil }
            case 0xEE where body.starts(with: Array("Adobe".utf8)):
                adobe = true
            case 0xC0...0xCF where code != 0xC4 && code != 0xC8 && code != 0xCC:
                guard body.count >= 6 else { throw .unreadable }
                let bits = Int(body[0])
                let height = Int(body[1]) << 8 | Int(body[2])
                let width = Int(body[3]) << 8 | Int(body[4])
                let components = Int(body[5])
                guard width > 0, height > 0 else { throw .badDimensions }
                guard [1, 3, 4].contains(components), bits == 8 || bits == 12 else { throw .unreadable }
                return ScanImage(
                    url: url, width: width, height: height, bitsPerComponent: 8, components: components, resolution: resolution,
                    encoding: .jpeg(adobeInverted: adobe && components == 4), ranges: [0..<Int64(size)])
            case 0xD9, 0xDA:
                throw .unreadable  // image data before any frame header
            default:
                break
            }
        }
    }

    // MARK: - PNG

    private static func png(_ url: URL, _ handle: FileHandle) throws(Refusal) -> ScanImage {
        var offset: Int64 = 8
        var header: [UInt8] = []
        var palette: [UInt8]?
        var resolution: Double?
        var data: [Range<Int64>] = []
        while true {
            guard (try? handle.seek(toOffset: UInt64(offset))) != nil,
                  let prefix = try? handle.read(upToCount: 8), prefix.count == 8
            else { throw .unreadable }
            let bytes = Array(prefix)
            let length = Int64(bytes[0]) << 24 | Int64(bytes[1]) << 16 | Int64(bytes[2]) << 8 | Int64(bytes[3])
            let type = String(decoding: bytes[4..<8], as: UTF8.self)
            let start = offset + 8
            guard length >= 0, length < 1 << 31 else { throw .unreadable }
            switch type {
            case "IHDR":
                header = (try? handle.read(upToCount: Int(length))).map(Array.init) ?? []
                guard header.count == 13 else { throw .unreadable }
            case "PLTE":
                palette = (try? handle.read(upToCount: Int(length))).map(Array.init)
            case "pHYs":
                let body = (try? handle.read(upToCount: Int(length))).map(Array.init) ?? []
                if body.count == 9, body[8] == 1 {
                    let perMetre = Double(Int(body[0]) << 24 | Int(body[1]) << 16 | Int(body[2]) << 8 | Int(body[3]))
                    if perMetre > 0 { resolution = perMetre * 0.0254 }
                }
            case "IDAT":
                data.append(start..<start + length)
            case "IEND":
                guard header.count == 13, !data.isEmpty else { throw .unreadable }
                let width = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
                let height = Int(header[4]) << 24 | Int(header[5]) << 16 | Int(header[6]) << 8 | Int(header[7])
                let bits = Int(header[8])
                let colorType = header[9]
                guard width > 0, height > 0, width <= 65_535, height <= 65_535 else { throw .badDimensions }
                guard header[12] == 0 else { throw .pngInterlaced }
                let colors: Int
                switch colorType {
                case 0: colors = 1
                case 2: colors = 3
                case 3:
                    guard let palette, palette.count % 3 == 0, !palette.isEmpty else { throw .unreadable }
                    colors = 1
                case 4, 6: throw .pngWithTransparency
                default: throw .unreadable
                }
                guard [1, 2, 4, 8, 16].contains(bits) else { throw .unreadable }
                return ScanImage(
                    url: url, width: width, height: height, bitsPerComponent: bits, components: colorType == 2 ? 3 : 1,
                    resolution: resolution, encoding: .png(colors: colors, palette: colorType == 3 ? palette : nil), ranges: data)
            default:
                break
            }
            offset = start + length + 4  // the chunk's CRC follows its data
        }
    }
}
