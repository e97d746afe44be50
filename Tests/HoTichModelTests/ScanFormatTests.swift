import HoTichModel
import Testing

@Suite struct ScanFormatTests {
    @Test func recognisesScansByTheirFirstBytes() {
        #expect(ScanFormat(magic: Array("%PDF-1.4\n".utf8)) == .pdf)
        #expect(ScanFormat(magic: [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]) == .jpeg)
        #expect(ScanFormat(magic: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) == .png)
        #expect(ScanFormat(magic: [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0]) == .tiff)
        #expect(ScanFormat(magic: [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8]) == .tiff)
    }

    @Test func refusesEverythingElse() {
        #expect(ScanFormat(magic: Array("hello world".utf8)) == nil)
        #expect(ScanFormat(magic: Array("PK\u{3}\u{4}".utf8)) == nil)
        #expect(ScanFormat(magic: [UInt8]()) == nil)
        #expect(ScanFormat(magic: Array("%PD".utf8)) == nil)
        #expect(ScanFormat(magic: [0x89, 0x50, 0x4E, 0x47]) == nil)
    }
}
