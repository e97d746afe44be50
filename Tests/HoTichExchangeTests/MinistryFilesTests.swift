import Foundation
@testable import HoTichExchange
import Testing

/// The files of the Ministry's package: scan images wrapped into PDFs without re-encoding, and
/// workbooks that spreadsheet programs open as they are.
@Suite struct ImagePDFTests {
    static let images = repositoryRoot.appendingPathComponent("fixtures/images")

    static func image(_ name: String) -> URL { images.appendingPathComponent(name) }

    /// The stream of the `index`-th image object of a PDF written by ``ImagePDF``, found by bytes
    /// (the streams before it are binary).
    static func imageStream(_ pdf: [UInt8], _ index: Int) throws -> [UInt8] {
        func find(_ needle: String, from start: Int) throws -> Int {
            let pattern = Array(needle.utf8)
            var position = start
            while position + pattern.count <= pdf.count {
                if pdf[position] == pattern[0] && Array(pdf[position..<position + pattern.count]) == pattern { return position }
                position += 1
            }
            throw CocoaError(.fileReadCorruptFile)
        }
        var at = 0
        for _ in 0...index { at = try find("/Subtype /Image", from: at) + 1 }
        let lengthStart = try find("/Length ", from: at) + 8
        let digits = pdf[lengthStart...].prefix { $0 >= 0x30 && $0 <= 0x39 }
        let length = try #require(Int(String(decoding: digits, as: UTF8.self)))
        let streamStart = try find("stream\n", from: lengthStart) + 7
        return Array(pdf[streamStart..<streamStart + length])
    }

    /// Runs a program of poppler-utils when it is installed; `nil` when it is not.
    static func poppler(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String)? {
        guard let path = ["/usr/bin/\(tool)", "/usr/local/bin/\(tool)"].first(where: FileManager.default.isExecutableFile) else {
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func headersAreReadAndWhatCannotBeCopiedIsRefusedByName() throws {
        let jpeg = try ScanImage.inspect(Self.image("page-rgb.jpg"))
        #expect(jpeg.width == 620 && jpeg.height == 877 && jpeg.components == 3 && jpeg.resolution == 75)
        #expect(jpeg.encoding == .jpeg(adobeInverted: false) && jpeg.streamLength == 6_939)
        #expect(try ScanImage.inspect(Self.image("page-gray.jpg")).components == 1)
        let png = try ScanImage.inspect(Self.image("page-rgb.png"))
        #expect(png.width == 620 && png.components == 3 && png.bitsPerComponent == 8 && png.encoding == .png(colors: 3, palette: nil))
        #expect(try ScanImage.inspect(Self.image("page-gray.png")).encoding == .png(colors: 1, palette: nil))
        guard case .png(1, let palette?) = try ScanImage.inspect(Self.image("page-palette.png")).encoding else {
            Issue.record("a palette PNG keeps its palette")
            return
        }
        #expect(palette.count % 3 == 0 && palette.count <= 48)
        #expect(throws: ScanImage.Refusal.pngWithTransparency) { try ScanImage.inspect(Self.image("page-alpha.png")) }
        #expect(throws: ScanImage.Refusal.pngInterlaced) { try ScanImage.inspect(Self.image("page-interlaced.png")) }
        #expect(throws: ScanImage.Refusal.unreadable) { try ScanImage.inspect(Self.image("page.tif")) }
    }

    @Test func aPageOfEachImageKeepsTheScansBytesAndAReaderAcceptsIt() throws {
        let folder = try TemporaryFolder()
        let names = ["page-rgb.jpg", "page-gray.jpg", "page-rgb.png", "page-gray.png", "page-palette.png"]
        let pages = try names.map { try ScanImage.inspect(Self.image($0)) }
        let pdf = ImagePDF(pages: pages)
        let url = folder.root.appendingPathComponent("entry.pdf")
        try pdf.write(to: url)
        let bytes = Array(try Data(contentsOf: url))
        #expect(Int64(bytes.count) == pdf.length)
        #expect(bytes.starts(with: Array("%PDF-1.5".utf8)) && String(decoding: bytes.suffix(6), as: UTF8.self) == "%%EOF\n")
        for (index, page) in pages.enumerated() {
            let file = Array(try Data(contentsOf: page.url))
            let expected = page.ranges.flatMap { file[Int($0.lowerBound)..<Int($0.upperBound)] }
            #expect(try Self.imageStream(bytes, index) == expected, "\(names[index]): the stream is the scan's own bytes")
        }
        // Any stretch read on its own is the file's.
        #expect(try Array(pdf.read(1_000, count: 5_000)) == Array(bytes[1_000..<6_000]))
        #expect(try pdf.read(pdf.length - 3, count: 100).count == 3)
        guard let info = try Self.poppler("pdfinfo", [url.path]) else {
            print("pdfinfo is not installed (apt-get install poppler-utils): the PDF was checked by its own structure only")
            return
        }
        #expect(info.status == 0 && info.output.contains("Pages:           5"), "\(info.output)")
        #expect(info.output.contains("Page size:       595.2 x 841.92 pts"), "75 dpi: 620 × 877 pixels is A4. \(info.output)")
        // Every page renders without a complaint from the reader.
        let rendered = try #require(try Self.poppler("pdftoppm", ["-r", "10", "-png", url.path, folder.root.appendingPathComponent("p").path]))
        #expect(rendered.status == 0 && rendered.output.isEmpty, "\(rendered.output)")
        // The JPEG comes back out byte for byte.
        let extracted = try #require(try Self.poppler("pdfimages", ["-j", "-f", "1", "-l", "1", url.path, folder.root.appendingPathComponent("x").path]))
        #expect(extracted.status == 0)
        #expect(try Data(contentsOf: folder.root.appendingPathComponent("x-000.jpg")) == Data(contentsOf: Self.image("page-rgb.jpg")))
    }
}

@Suite struct XLSXWriterTests {
    @Test func whatIsWrittenIsReadBackAsTextWithItsZerosAndLetters() throws {
        let folder = try TemporaryFolder()
        let url = folder.root.appendingPathComponent("book.xlsx")
        let book = try XLSXWriter(url: url, temporaryFolder: folder.root)
        let data = try book.addSheet("DL Import", columnWidths: [8, 30])
        // A second sheet written beside the first.
        let second = try book.addSheet("Ghi chú: mã [1]")
        try second.row([.text("second sheet")])
        let letters = "ĂÂĐÊÔƠƯăâđêôơư àảãáạ ằẳẵắặ ầẩẫấậ èẻẽéẹ ềểễếệ ìỉĩíị òỏõóọ ồổỗốộ ờởỡớợ ùủũúụ ừửữứự ỳỷỹýỵ"
        let rows: [[XLSXCell]] = [
            [.text("so"), .text("nksHoTen"), .text("nksSoDinhDanh"), .text("nksGioiTinh")],
            [.text("05"), .text(letters), .text("001217000001"), .number(1)],
            [.text("06"), .text("A & B <c> \"d\""), .empty, .number(2)],
        ]
        for row in rows { try data.row(row) }
        try book.finish()
        let scratch = folder.root.appendingPathComponent("read")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let reader = try XLSXReader(url: url, temporaryFolder: scratch)
        var read: [[String]] = []
        while let row = try reader.nextRow() { read.append(row.cells) }
        #expect(read == [
            ["so", "nksHoTen", "nksSoDinhDanh", "nksGioiTinh"],
            ["05", letters, "001217000001", "1"],
            ["06", "A & B <c> \"d\"", "", "2"],
        ])
        // Nothing of the sheets is left behind in the caller's folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.root.path).sorted() == ["book.xlsx", "read"])
    }

    @Test func libreOfficeOpensTheWorkbookWithoutARepair() throws {
        guard let office = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first(where: FileManager.default.isExecutableFile) else {
            print("LibreOffice is not installed (apt-get install libreoffice-calc-nogui): the workbook was checked with hotich's reader only")
            return
        }
        let folder = try TemporaryFolder()
        let url = folder.root.appendingPathComponent("book.xlsx")
        let book = try XLSXWriter(url: url, temporaryFolder: folder.root)
        let sheet = try book.addSheet("DL Import")
        try sheet.row([.text("so"), .text("nksHoTen"), .text("nksGioiTinh")])
        try sheet.row([.text("05"), .text("Nguyễn Thị Ánh Tuyết"), .number(2)])
        try book.finish()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: office)
        process.arguments = [
            "-env:UserInstallation=file://\(folder.root.path)/profile", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir", folder.root.path, url.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let csv = try String(contentsOf: folder.root.appendingPathComponent("book.csv"), encoding: .utf8)
        #expect(csv == "so,nksHoTen,nksGioiTinh\n05,Nguyễn Thị Ánh Tuyết,2\n", "\(csv)")
    }
}

@Suite struct StoredZipWriterTests {
    /// Writes three entries (one empty) and reads them back with ZIPFoundation, and with `unzip -t`
    /// where installed; `zip64From` low makes every entry, offset and the directory ZIP64.
    func roundTrip(zip64From: Int64) throws {
        let folder = try TemporaryFolder()
        let url = folder.root.appendingPathComponent("scans.zip")
        let contents: [(String, Data)] = [
            ("KS.2018.01.2018-03-01.01.pdf", Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })),
            ("Cover.phúcxá.KS.A4.2018.01.pdf", Data()),
            ("KS.2018.01.2018-03-02.02.pdf", try Data(contentsOf: ImagePDFTests.image("page-rgb.jpg"))),
        ]
        let zip = try StoredZipWriter(url: url, modified: Date(timeIntervalSince1970: 1_765_000_000), zip64From: zip64From)
        for (name, data) in contents {
            try zip.add(name, size: Int64(data.count)) { offset, count in data.subdata(in: Int(offset)..<Int(offset) + count) }
        }
        let (bytes, sha256) = try zip.finish()
        let fingerprint = try FileFingerprint.read(url)
        #expect(fingerprint.bytes == bytes && fingerprint.sha256 == sha256, "the hash taken while writing is the file's")
        #expect(try ScanBundleWriter.entryCount(of: url) == 3)
        let out = folder.root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        _ = try ZipUnpacker.unpack(url, into: out, limits: .scans)
        for (name, data) in contents {
            #expect(try Data(contentsOf: out.appendingPathComponent(name)) == data, "\(name)")
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") else {
            print("unzip is not installed: the zip was read back with ZIPFoundation only")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-t", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && output.contains("No errors detected"), "\(output)")
    }

    @Test func entriesComeBackWholeAndTheHashIsTheFiles() throws {
        try roundTrip(zip64From: 0xFFFF_FFFF)
    }

    @Test func largeEntriesAndOffsetsAreWrittenInZIP64Form() throws {
        try roundTrip(zip64From: 1_000)
    }

    @Test func aSourceThatChangesBetweenItsTwoReadsIsRefused() throws {
        let folder = try TemporaryFolder()
        let zip = try StoredZipWriter(url: folder.root.appendingPathComponent("x.zip"))
        var reads = 0
        #expect(throws: CocoaError.self) {
            try zip.add("a.pdf", size: 4) { _, _ in
                reads += 1
                return Data(reads == 1 ? [1, 2, 3, 4] : [1, 2, 3, 5])
            }
        }
    }
}

@Suite struct ZipChecksumTests {
    /// A zip of one stored entry, and the offset of its first data byte.
    static func zip(_ name: String, _ text: String, in folder: URL) throws -> (URL, Int) {
        let url = folder.appendingPathComponent(UUID().uuidString + ".zip")
        let zip = try StoredZipWriter(url: url)
        let data = Data(text.utf8)
        try zip.add(name, size: Int64(data.count)) { offset, count in data.subdata(in: Int(offset)..<Int(offset) + count) }
        try zip.finish()
        return (url, 30 + name.utf8.count)
    }

    static func corrupt(_ url: URL, at offset: Int) throws {
        var bytes = Array(try Data(contentsOf: url))
        bytes[offset] ^= 0x01
        try Data(bytes).write(to: url)
    }

    @Test func aScanThatUnpacksToOtherBytesThanWerePackedIsRefused() throws {
        let folder = try TemporaryFolder()
        let (url, offset) = try Self.zip("KS.2017.01.2017-01-05.01.pdf", "%PDF-1.4 the scan's bytes", in: folder.root)
        try Self.corrupt(url, at: offset + 10)
        let out = folder.root.appendingPathComponent("out")
        #expect(throws: ZipUnpacker.Failure.unreadable) { _ = try ZipUnpacker.unpack(url, into: out, limits: .scans) }
    }

    @Test func aWorkbookPartThatUnpacksToOtherBytesIsUnreadable() throws {
        let folder = try TemporaryFolder()
        let sheet = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>12345</v></c></row></sheetData></worksheet>"#
        let (url, offset) = try Self.zip("xl/worksheets/sheet1.xml", sheet, in: folder.root)
        let good = try XLSXReader(url: url, temporaryFolder: folder.root)
        #expect(try good.nextRow()?.cells == ["12345"])
        // One digit of the value changed: still well-formed XML, caught only by the checksum.
        try Self.corrupt(url, at: offset + sheet.utf8.count - 41)
        #expect(throws: TabularError.unreadable) { _ = try XLSXReader(url: url, temporaryFolder: folder.root) }
    }
}
