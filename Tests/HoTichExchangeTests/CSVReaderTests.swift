import Foundation
import HoTichExchange
import Testing

/// The CSV reader alone: RFC 4180 quoting, Excel's habits, and rows that straddle its 256 KiB reads.
@Suite struct CSVReaderTests {
    /// Every row of `bytes` written to a temporary file and read back.
    func rows(_ bytes: [UInt8]) throws -> [[String]] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVReader(url: url)
        var rows: [[String]] = []
        while let row = try reader.nextRow() {
            #expect(row.number == rows.count + 1)
            rows.append(row.cells)
        }
        return rows
    }

    func rows(_ text: String) throws -> [[String]] { try rows(Array(text.utf8)) }

    @Test func cellsThatWouldBreakARowAreQuotedWhateverTheirCharacters() throws {
        // "\r\n" is one Swift character, and so is a separator or a quote with a combining mark.
        let cells = ["a\r\nb", ",\u{301}b", "\"\u{301}c", "plain"]
        let line = CSVDialect(separator: UInt8(ascii: ","), byteOrderMark: false).line(cells)
        #expect(line == "\"a\r\nb\",\",\u{301}b\",\"\"\"\u{301}c\",plain\r\n")
        #expect(try rows(line) == [cells])
    }

    @Test func quotingAsRFC4180AndExcelWriteIt() throws {
        let text = "so,nksHoTen,nksNoiSinh,ghiChu\r\n"
            + "01,NGUYỄN VĂN AN,\"Xã Phúc Xá, quận Ba Đình, Hà Nội\",\"Mẹ ghi \"\"Út\"\"\"\r\n"
            + "02,,\"Dòng một\nDòng hai\",\n"
            + "03,TRẦN \"BÉ\" NĂM,\"\",-"
        #expect(try rows(text) == [
            ["so", "nksHoTen", "nksNoiSinh", "ghiChu"],
            ["01", "NGUYỄN VĂN AN", "Xã Phúc Xá, quận Ba Đình, Hà Nội", "Mẹ ghi \"Út\""],
            ["02", "", "Dòng một\nDòng hai", ""],
            // A quote inside an unquoted field is a character; the last line needs no line break.
            ["03", "TRẦN \"BÉ\" NĂM", "", "-"],
        ])
    }

    @Test func aByteOrderMarkIsSkippedAndSemicolonsAreDetected() throws {
        let text = "so;nksHoTen;nksNoiSinh\n01;LÊ THỊ HOA;\"Huế; Thừa Thiên Huế\"\n"
        #expect(try rows([0xEF, 0xBB, 0xBF] + Array(text.utf8)) == [
            ["so", "nksHoTen", "nksNoiSinh"], ["01", "LÊ THỊ HOA", "Huế; Thừa Thiên Huế"],
        ])
        // Commas win when the first line has more of them.
        #expect(try rows("a,b;c\n1,2;3\n") == [["a", "b;c"], ["1", "2;3"]])
    }

    @Test func aByteThatIsNotUTF8IsReportedWithItsRow() throws {
        // "Nguy" then 0xEA as TCVN3 writes it: not UTF-8.
        let bytes = Array("a,b\n1,2\n3,Nguy".utf8) + [0xEA, 0x6E, 0x0A]
        #expect(throws: TabularError.notUTF8(row: 3)) { try rows(bytes) }
    }

    /// A row that straddles the reader's 256 KiB reads, cut at every byte: inside an unquoted cell,
    /// inside a quoted one, between the two quotes of an escaped quote, at a separator, at the line
    /// break, and inside a multi-byte letter.
    @Test func aRowCutByTheReadsAnywhereComesBackWhole() throws {
        let row = ["0042", "NGUYỄN THỊ ĐÀO", "Thôn \"Đông\", xã Yên Sở", "", "ghi chú"]
        let line = Array("0042,NGUYỄN THỊ ĐÀO,\"Thôn \"\"Đông\"\", xã Yên Sở\",,ghi chú\r\n".utf8)
        let chunk = 1 << 18
        for cut in 1..<line.count {
            // One long first row, so that the read ends `cut` bytes into the second.
            let padding = Array(repeating: UInt8(ascii: "x"), count: chunk - cut - 2) + Array("\r\n".utf8)
            let read = try rows(padding + line + line)
            #expect(read.count == 3, "cut at \(cut)")
            #expect(read.dropFirst().allSatisfy { $0 == row }, "cut at \(cut)")
            #expect(read.first?.first?.utf8.count == chunk - cut - 2)
        }
    }
}
