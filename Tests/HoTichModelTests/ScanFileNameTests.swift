import HoTichModel
import Testing

@Suite struct ScanFileNameTests {
    @Test func parsesTheMinistryConvention() throws {
        let name = try #require(ScanFileName("KS.2017.01.2017-02-03.05.pdf"))
        #expect(name.kind == .birth)
        #expect(name.yearOpened == 2017)
        #expect(name.volume == 1)
        #expect(name.registrationDateText == "2017-02-03")
        #expect(name.ngayDangKy == "03.02.2017")
        #expect(name.number == "05")
        #expect(name.registrationDateExists)
    }

    @Test func keepsLeadingZerosAndReadsEveryKind() throws {
        let marriage = try #require(ScanFileName("KH.2007.01.2013-07-24.004.pdf"))
        #expect(marriage.kind == .marriage)
        #expect(marriage.number == "004")
        #expect(ScanFileName("CMC.2010.02.2010-05-01.7.pdf")?.kind == .parentChild)
        #expect(ScanFileName("HN.2010.02.2010-05-01.7.pdf")?.kind == .maritalStatus)
        #expect(ScanFileName("KT.2010.02.2010-05-01.7.pdf")?.kind == .death)
    }

    @Test func aBookCarriedIntoTheNextYearKeepsBothYears() throws {
        let name = try #require(ScanFileName("KS.2007.01.2008-01-07.18.pdf"))
        #expect(name.yearOpened == 2007)
        #expect(name.registrationYear == 2008)
    }

    @Test func aMissingNumberIsWrittenNull() throws {
        let name = try #require(ScanFileName("KS.2017.01.2017-02-03.null.pdf"))
        #expect(name.number == nil)
    }

    @Test func readsTheLastPathComponent() {
        #expect(ScanFileName("sub/folder/KS.2017.01.2017-02-03.05.pdf")?.number == "05")
    }

    @Test(arguments: [
        "scan001.pdf", "KS.2017.01.2017-02-03.pdf", "XX.2017.01.2017-02-03.05.pdf",
        "KS.17.01.2017-02-03.05.pdf", "KS.2017.01.2017-13-03.05.pdf", "KS.2017.01.03-02-2017.05.pdf",
        "KS.2017.01.2017-02-03.5a.pdf", "KS.2017.01.2017-02-03.05.extra.pdf",
    ])
    func rejectsNamesOutsideTheConvention(_ text: String) {
        #expect(ScanFileName(text) == nil)
    }

    @Test(arguments: [
        ("scan001.pdf", ScanFileName.Defect.pattern), ("KS.2017.01.2017-02-03.pdf", .pattern),
        ("KS.2017.01.2017-02-03.05.extra.pdf", .pattern), ("KS_2017_01_2017-02-03_05.pdf", .separators),
        ("KS 2017 01 2017-02-03 05.pdf", .separators), ("XX.2017.01.2017-02-03.05.pdf", .kind("XX")),
        ("KS.17.01.2017-02-03.05.pdf", .year("17")), ("KS.2017.0001.2017-02-03.05.pdf", .volume("0001")),
        ("KS.2017.01.2017-13-03.05.pdf", .month("2017-13-03")), ("KS.2017.01.03-02-2017.05.pdf", .dateOrder("03-02-2017")),
        ("KS.2017.01.2017-02-00.05.pdf", .day("2017-02-00")), ("KS.2017.01.2017/02/03.05.pdf", .pattern),
        ("KS.2017.01.17-2-3.05.pdf", .dateShape("17-2-3")), ("KS.2017.01.2017-02-03.5a.pdf", .number("5a")),
        ("KS.2017.01.2017-02-03..pdf", .number("")),
    ])
    func saysWhichPartOfANameIsWrong(_ text: String, _ defect: ScanFileName.Defect) {
        #expect(ScanFileName.parse(text) == .failure(defect))
    }

    @Test func flagsAnImpossibleDateWithoutMovingIt() throws {
        let name = try #require(ScanFileName("KS.2017.01.2017-02-30.15.pdf"))
        #expect(!name.registrationDateExists)
        #expect(name.registrationDateText == "2017-02-30")
        #expect(try #require(ScanFileName("KS.2016.01.2016-02-29.1.pdf")).registrationDateExists)
        #expect(try !#require(ScanFileName("KS.1900.01.1900-02-29.1.pdf")).registrationDateExists)
        #expect(try #require(ScanFileName("KS.2000.01.2000-02-29.1.pdf")).registrationDateExists)
        #expect(try !#require(ScanFileName("KS.2019.01.2019-04-31.1.pdf")).registrationDateExists)
    }
}
