#if canImport(Glibc)
import Glibc
#endif
import HoTichXML
import Testing

@Suite struct XMLLibraryTests {
    @Test func linksLibxml2() {
        #expect(XMLLibrary.runtimeVersion >= 20900)
        #expect(XMLLibrary.versionText.hasPrefix("2."))
    }
}

@Suite struct WellFormednessTests {
    /// Writes `text` to a temporary file with the C library (this target imports no Foundation).
    func temporaryFile(_ text: String) throws -> String {
        let path = "/tmp/hotich-xml-\(UInt64.random(in: 0...UInt64.max)).xml"
        let handle = try #require(fopen(path, "w"))
        fputs(text, handle)
        fclose(handle)
        return path
    }

    @Test func aWellFormedDocumentHasNoProblems() throws {
        let path = try temporaryFile("<?xml version=\"1.0\"?>\n<lo ma=\"KS\"><ten>Nguyễn Thị Đào</ten></lo>\n")
        defer { remove(path) }
        #expect(WellFormedness.check(path: path).isEmpty)
    }

    @Test func aBrokenDocumentIsReportedWithItsLine() throws {
        let path = try temporaryFile("<?xml version=\"1.0\"?>\n<lo>\n  <ten>An</ho>\n</lo>\n")
        defer { remove(path) }
        let problems = WellFormedness.check(path: path)
        let first = try #require(problems.first)
        #expect(first.line == 3)
        #expect(first.message.contains("mismatch"))
    }

    @Test func aMissingFileIsAProblem() {
        #expect(!WellFormedness.check(path: "/nonexistent/hotich.xml").isEmpty)
    }
}
