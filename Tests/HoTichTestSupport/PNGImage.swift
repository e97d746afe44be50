import CZlibChecksum
public import Foundation

/// A PNG read into 8-bit RGBA pixels: enough of the format (8-bit greyscale, RGB and RGBA,
/// not interlaced, the five row filters) to look at what a browser drew.
public struct PNGImage {
    public let width: Int
    public let height: Int
    /// RGBA, row by row.
    public let pixels: [UInt8]

    public enum Failure: Error { case notPNG, unsupported(String), damaged }

    public init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, bytes[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw Failure.notPNG }
        func be32(_ at: Int) -> Int { Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]) }
        var offset = 8
        var width = 0, height = 0, channels = 0
        var compressed: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = be32(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            let body = offset + 8
            guard length >= 0, body + length + 4 <= bytes.count else { throw Failure.damaged }
            switch type {
            case "IHDR":
                width = be32(body)
                height = be32(body + 4)
                guard bytes[body + 8] == 8, bytes[body + 12] == 0 else { throw Failure.unsupported("bit depth or interlace") }
                switch bytes[body + 9] {
                case 0: channels = 1
                case 2: channels = 3
                case 6: channels = 4
                default: throw Failure.unsupported("colour type \(bytes[body + 9])")
                }
            case "IDAT":
                compressed += bytes[body..<body + length]
            default:
                break
            }
            offset = body + length + 4
        }
        guard width > 0, height > 0, width < 20_000, height < 50_000, channels > 0 else { throw Failure.damaged }
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &rawLength, input.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else { throw Failure.damaged }
        var rows = [UInt8](repeating: 0, count: height * stride)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            let source = y * (stride + 1) + 1
            let target = y * stride
            for x in 0..<stride {
                let value = raw[source + x]
                let left = x >= channels ? Int(rows[target + x - channels]) : 0
                let up = y > 0 ? Int(rows[target - stride + x]) : 0
                let upLeft = (x >= channels && y > 0) ? Int(rows[target - stride + x - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = left
                case 2: predicted = up
                case 3: predicted = (left + up) / 2
                case 4:
                    let p = left + up - upLeft
                    let (pa, pb, pc) = (abs(p - left), abs(p - up), abs(p - upLeft))
                    predicted = pa <= pb && pa <= pc ? left : (pb <= pc ? up : upLeft)
                default: throw Failure.damaged
                }
                rows[target + x] = UInt8(truncatingIfNeeded: Int(value) + predicted)
            }
        }
        var rgba = [UInt8](repeating: 255, count: width * height * 4)
        for index in 0..<(width * height) {
            for channel in 0..<3 { rgba[index * 4 + channel] = rows[index * channels + (channels == 1 ? 0 : channel)] }
            if channels == 4 { rgba[index * 4 + 3] = rows[index * 4 + 3] }
        }
        self.width = width
        self.height = height
        pixels = rgba
    }

    /// The pixel at `x`, `y` as red, green, blue.
    public func colour(x: Int, y: Int) -> (Int, Int, Int) {
        let index = (y * width + x) * 4
        return (Int(pixels[index]), Int(pixels[index + 1]), Int(pixels[index + 2]))
    }

    /// The rows (top to bottom) where a pixel within `tolerance` of `colour` appears.
    public func rows(containing colour: (Int, Int, Int), tolerance: Int = 12) -> [Int] {
        (0..<height).filter { y in
            (0..<width).contains { x in
                let (r, g, b) = self.colour(x: x, y: y)
                return abs(r - colour.0) <= tolerance && abs(g - colour.1) <= tolerance && abs(b - colour.2) <= tolerance
            }
        }
    }

    /// The share (0…1) of pixels that are not white.
    public var inkedShare: Double {
        var inked = 0
        for index in 0..<(width * height) where pixels[index * 4] < 240 || pixels[index * 4 + 1] < 240 || pixels[index * 4 + 2] < 240 {
            inked += 1
        }
        return Double(inked) / Double(width * height)
    }
}
