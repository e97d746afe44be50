import Foundation
import HoTichModel
import Testing

@Suite struct FieldCatalogTests {
    static let required: [RecordKind: Set<String>] = [
        .birth: ["so", "quyenSo", "ngayDangKy", "loaiDangKy", "noiDangKy", "nksHoTen", "nksGioiTinh", "nksNgaySinh", "nksNoiSinh"],
        .death: ["so", "quyenSo", "ngayDangKy", "loaiDangKy", "noiDangKy", "nktHoTen", "nktGioiTinh", "nktNgayChet", "nktNoiChet"],
        .marriage: ["so", "quyenSo", "ngayDangKy", "loaiDangKy", "noiDangKy", "chongHoTen", "chongNgaySinh", "voHoTen", "voNgaySinh"],
        .maritalStatus: ["so", "quyenSo", "ngayDangKy", "noiCap", "nxnHoTen", "nxnNgaySinh", "nxnTinhTrangHonNhan"],
        .parentChild: ["so", "quyenSo", "ngayDangKy", "loaiDangKy", "noiDangKy", "loaiXacNhan", "cmHoTen", "cmNgaySinh", "ncHoTen", "ncNgaySinh"],
    ]

    @Test(arguments: RecordKind.allCases)
    func everyKindHasItsRequiredFields(_ kind: RecordKind) throws {
        let fields = FieldCatalog.fields(for: kind)
        #expect(Set(fields.filter(\.required).map(\.key)) == Self.required[kind])
        #expect(Set(fields.map(\.key)).count == fields.count, "keys are unique")
        #expect(fields.allSatisfy { !$0.label.isEmpty && !$0.englishLabel.isEmpty })
        #expect(fields.first?.key == "so")
    }

    @Test(arguments: RecordKind.allCases)
    func codeFieldsResolveToKnownLists(_ kind: RecordKind) throws {
        for field in FieldCatalog.fields(for: kind) {
            guard let list = field.codeList else { continue }
            #expect(CodeLists.all[list.id] == list, "\(field.key) uses an unregistered list")
            #expect(Set(list.entries.map(\.code)).count == list.entries.count)
            if let value = field.defaultValue?.text { #expect(list.entry(matching: value) != nil) }
        }
    }

    @Test func kindSpecificShapes() {
        #expect(FieldCatalog.field("loaiDangKy", in: .maritalStatus) == nil)
        #expect(FieldCatalog.field("noiCap", in: .maritalStatus) != nil)
        #expect(FieldCatalog.field("nycHoTen", in: .marriage) == nil)
        #expect(FieldCatalog.field("soDangKyNuocNgoai", in: .maritalStatus) == nil)
        #expect(FieldCatalog.field("nksHanCheNangLucHanhViNgayCanCuHuyTuyenBo", in: .birth) != nil)
        #expect(FieldCatalog.field("nktGioPhutChet", in: .death)?.type == .time)
        #expect(FieldCatalog.field("nksHoTen", in: .birth)?.label == "Họ, chữ đệm, tên")
    }

    @Test func codeListsMatchCodesLabelsAndFoldedWords() {
        #expect(CodeLists.gioiTinh.entry(matching: "1")?.label == "Nam")
        #expect(CodeLists.gioiTinh.entry(matching: "nữ")?.code == "2")
        #expect(CodeLists.danToc.entry(matching: "1")?.label == "Kinh")
        #expect(CodeLists.danToc.entry(matching: "EDE") == nil)
        #expect(CodeLists.danToc.search("ede").map(\.label) == ["Ê-đê"])
        #expect(CodeLists.danToc.search("kinh").map(\.label) == ["Kinh"])
        #expect(CodeLists.danToc.search("la").count > 1)
        #expect(CodeLists.quocTich.entry(matching: "viet nam")?.code == "VN")
        // What a cell is checked against: exact label, exact code, a code written with a leading
        // zero, and folded words, each to the same entry.
        let kinh = CodeLists.danToc.entry(matching: "Kinh")
        #expect(kinh?.code == "1" || kinh?.code == "01")
        for cell in ["Kinh", "kinh", " KINH ", kinh?.code ?? "", "0\(kinh?.code ?? "")"] {
            #expect(FieldRules.check(cell: cell, for: FieldCatalog.field("nksDanToc", in: .birth)!)?.value == .filled("Kinh"), "\(cell)")
        }
    }
}

@Suite struct PartialDateTests {
    @Test func parsesTheWrittenForms() throws {
        let full = try #require(PartialDate("1.2.1990"))
        #expect(full.precision == .full && full.day == 1 && full.month == 2 && full.year == 1990)
        #expect(full.canonical == "01.02.1990")
        #expect(PartialDate("01/02/1990")?.canonical == full.canonical)
        #expect(PartialDate("1-2-1990")?.iso == "1990-02-01")
        #expect(PartialDate("03.1975")?.precision == .yearMonth)
        #expect(PartialDate("03.1975")?.canonical == "03.1975")
        #expect(PartialDate("1962")?.precision == .year)
        #expect(PartialDate(" 1962 ")?.written == "1962")
    }

    @Test func keepsAnImpossibleDayAndFlagsIt() throws {
        let date = try #require(PartialDate("30.02.1960"))
        #expect(date.isImpossible)
        #expect(date.written == "30.02.1960")
        #expect(date.day == 30 && date.month == 2)
        #expect(try #require(PartialDate("29.02.1960")).isImpossible == false)
        #expect(try #require(PartialDate("29.02.1961")).isImpossible)
        #expect(try #require(PartialDate("31.04.1980")).isImpossible)
    }

    @Test(arguments: ["", "abc", "32.01.1990", "01.13.1990", "1.2.90", "1.2/1990", "12345", "0.1.1990", "1..1990"])
    func refusesWhatIsNotADate(_ text: String) {
        #expect(PartialDate(text) == nil)
    }

    @Test func comparesOnlyWhatBothState() throws {
        let year = try #require(PartialDate("1990"))
        let day = try #require(PartialDate("05.03.1990"))
        #expect(year.isCertainlyBefore(day) == nil)
        #expect(try #require(PartialDate("1989")).isCertainlyBefore(day) == true)
        #expect(day.isCertainlyBefore(try #require(PartialDate("04.03.1990"))) == false)
        #expect(try #require(PartialDate("10.06.2000")).years(until: try #require(PartialDate("09.06.2020"))) == 19)
        #expect(try #require(PartialDate("2000")).years(until: try #require(PartialDate("09.06.2020"))) == 20)
    }

    @Test func readsTimesOfDeath() {
        #expect(TimeOfDay("7:05")?.canonical == "07:05")
        #expect(TimeOfDay("14 giờ 30")?.canonical == "14:30")
        #expect(TimeOfDay("22h")?.canonical == "22:00")
        #expect(TimeOfDay("25:00") == nil)
        #expect(TimeOfDay("10:75") == nil)
    }
}

@Suite struct PersonalIDNumberTests {
    @Test func decodesProvinceCenturySexAndYear() throws {
        let number = try #require(PersonalIDNumber("049178000123"))
        #expect(number.provinceCode == "049")
        #expect(number.sex == .female)
        #expect(number.birthYear == 1978)
        let boy = try #require(PersonalIDNumber("001 2 17 000456"))
        #expect(boy.sex == .male && boy.birthYear == 2017 && boy.century == 2000)
        #expect(PersonalIDNumber("001317000456")?.sex == .female)
    }

    @Test(arguments: ["12345678901", "1234567890123", "04917800012a", "", "٠٤٩١٧٨٠٠٠١٢٣"])
    func refusesOtherShapes(_ text: String) {
        #expect(PersonalIDNumber(text) == nil)
    }
}

@Suite struct FieldValueTests {
    @Test func readsTheFourStatesAsTyped() {
        #expect(FieldValue(typed: "-") == .blank)
        #expect(FieldValue(typed: " . ") == .illegible)
        #expect(FieldValue(typed: "Nguyễn Văn An?") == .uncertain("Nguyễn Văn An"))
        #expect(FieldValue(typed: "Nguye\u{0302}\u{0303}n") == .filled("Nguyễn"))
        #expect(FieldValue(typed: "  ") == nil)
        #expect(FieldValue.uncertain("1990").typed == "1990?")
    }

    @Test func statesSurviveStorage() throws {
        let values: [String: FieldValue] = ["a": .filled("Đào"), "b": .blank, "c": .illegible, "d": .uncertain("1990")]
        let data = try JSONEncoder().encode(values)
        #expect(try JSONDecoder().decode([String: FieldValue].self, from: data) == values)
        #expect(String(decoding: data, as: UTF8.self).contains("\"c\":\".\""))
        #expect(FieldValue(stored: "=Đào") == .filled("Đào"))
        #expect(FieldValue(stored: "-x") == nil)
        #expect(FieldValue.uncertain("1990").stored == "?1990")
    }
}

@Suite struct FieldRulesTests {
    func field(_ key: String, _ kind: RecordKind = .birth) throws -> FieldDefinition {
        try #require(FieldCatalog.field(key, in: kind))
    }

    @Test func codesAreStoredByTheirRegisterLabel() throws {
        #expect(FieldRules.check(.filled("1"), for: try field("nksGioiTinh")).value == .filled("Nam"))
        #expect(FieldRules.check(.uncertain("kinh"), for: try field("nksDanToc")).value == .uncertain("Kinh"))
        let unknown = FieldRules.check(.filled("7"), for: try field("nksGioiTinh"))
        #expect(!unknown.isAcceptable)
        #expect(unknown.diagnostics.first?.problem == .unknownCode(list: "gioiTinh"))
        // Ethnic subgroups written in old books are kept as written.
        #expect(FieldRules.check(.filled("Ba Na (Bơ-nâm)"), for: try field("nksDanToc")).value == .filled("Ba Na (Bơ-nâm)"))
    }

    @Test func datesTimesNumbersAndIDs() throws {
        #expect(FieldRules.check(.filled("31.02.1990"), for: try field("nksNgaySinh")).diagnostics.map(\.problem) == [.impossibleDate])
        #expect(FieldRules.check(.filled("31.02.1990"), for: try field("nksNgaySinh")).isAcceptable)
        #expect(!FieldRules.check(.filled("ngày 3"), for: try field("nksNgaySinh")).isAcceptable)
        #expect(FieldRules.check(.filled("7:5"), for: try field("nktGioPhutChet", .death)).value == .filled("07:05"))
        #expect(!FieldRules.check(.filled("12a"), for: try field("so")).isAcceptable)
        #expect(FieldRules.check(.filled("005/2017"), for: try field("so")).isAcceptable)
        #expect(!FieldRules.check(.filled("1/17"), for: try field("quyenSo")).isAcceptable)
        #expect(FieldRules.check(.filled("0491 7800 0123"), for: try field("nksSoDinhDanh")).value == .filled("049178000123"))
        #expect(FieldRules.check(.filled("04917800012"), for: try field("nksSoDinhDanh")).diagnostics.first?.problem == .notAPersonalID)
    }

    @Test func lengthAndControlCharacters() throws {
        let name = try field("nksHoTen")
        #expect(FieldRules.check(.filled(String(repeating: "A", count: 101)), for: name).diagnostics.first?.problem == .tooLong(max: 100))
        #expect(FieldRules.check(.filled("Nguyễn\u{7}"), for: name).diagnostics.first?.problem == .forbiddenCharacters)
        #expect(FieldRules.check(.blank, for: name).isAcceptable)
        #expect(FieldRules.check(.illegible, for: name).value == .illegible)
    }
}

@Suite struct RecordRulesTests {
    func birth(_ overrides: [String: FieldValue] = [:]) -> [String: FieldValue] {
        var fields: [String: FieldValue] = [
            "so": .filled("01"), "quyenSo": .filled("01/2017"), "ngayDangKy": .filled("05.01.2017"),
            "loaiDangKy": .filled("Đăng ký đúng hạn"), "noiDangKy": .filled("UBND phường Phúc Xá"),
            "nksHoTen": .filled("NGUYỄN MINH ANH"), "nksGioiTinh": .filled("Nữ"), "nksNgaySinh": .filled("28.12.2016"),
            "nksNoiSinh": .filled("Bệnh viện Phụ sản Hà Nội"), "meNgaySinh": .filled("1990"),
        ]
        fields.merge(overrides) { _, new in new }
        return fields
    }

    @Test func aGoodRecordHasNoDiagnostics() {
        #expect(RecordRules.check(birth(), kind: .birth, bookYear: 2017).isEmpty)
    }

    @Test func aMissingRequiredFieldIsAnErrorButABlankOneIsNot() {
        var fields = birth()
        fields["nksNoiSinh"] = nil
        #expect(RecordRules.check(fields, kind: .birth).contains(Diagnostic(.error, field: "nksNoiSinh", .missingRequired)))
        #expect(RecordRules.check(birth(["nksNoiSinh": .blank]), kind: .birth).isEmpty)
        #expect(RecordRules.check(birth(["nksNoiSinh": .illegible]), kind: .birth).isEmpty)
    }

    @Test func crossFieldWarnings() {
        #expect(RecordRules.check(birth(["nksNgaySinh": .filled("06.01.2017")]), kind: .birth)
            == [Diagnostic(.warning, field: "ngayDangKy", .registeredBeforeEvent(event: "nksNgaySinh"))])
        #expect(RecordRules.check(birth(["meNgaySinh": .filled("2017")]), kind: .birth)
            == [Diagnostic(.warning, field: "meNgaySinh", .parentNotBornBeforeChild)])
        #expect(RecordRules.check(birth(["ngayDangKy": .filled("05.01.2019")]), kind: .birth, bookYear: 2017)
            == [Diagnostic(.warning, field: "ngayDangKy", .registrationYearOutsideBook(bookYear: 2017))])
        let marriage: [String: FieldValue] = [
            "ngayDangKy": .filled("10.10.2010"), "chongNgaySinh": .filled("15.03.1991"), "voNgaySinh": .filled("1990"),
        ]
        #expect(RecordRules.crossFieldChecks(marriage, kind: .marriage)
            == [Diagnostic(.warning, field: "chongNgaySinh", .underMarriageAge(age: 19, minimum: 20))])
        let death: [String: FieldValue] = ["nktNgaySinh": .filled("1950"), "nktNgayChet": .filled("1949"), "ngayDangKy": .filled("1949")]
        #expect(RecordRules.crossFieldChecks(death, kind: .death) == [Diagnostic(.warning, field: "nktNgayChet", .deathBeforeBirth)])
    }

    @Test func thePersonalIDMustAgreeWithSexAndBirthYear() {
        // The child is a girl born on 28.12.2016: 001 3 16 … agrees.
        #expect(RecordRules.check(birth(["nksSoDinhDanh": .filled("001316000123")]), kind: .birth).isEmpty)
        #expect(RecordRules.check(birth(["nksSoDinhDanh": .filled("001317000123")]), kind: .birth)
            == [Diagnostic(.warning, field: "nksSoDinhDanh", .personalIDYearMismatch(encoded: 2017))])
        #expect(RecordRules.check(birth(["nksSoDinhDanh": .filled("001216000123")]), kind: .birth)
            == [Diagnostic(.warning, field: "nksSoDinhDanh", .personalIDSexMismatch)])
        #expect(RecordRules.check(birth(["nksSoDinhDanh": .filled("001015000123")]), kind: .birth)
            == [Diagnostic(.warning, field: "nksSoDinhDanh", .personalIDSexMismatch),
                Diagnostic(.warning, field: "nksSoDinhDanh", .personalIDYearMismatch(encoded: 1915))])
        #expect(RecordRules.check(birth(["meSoDinhDanhCaNhan": .filled("001090000123")]), kind: .birth)
            == [Diagnostic(.warning, field: "meSoDinhDanhCaNhan", .personalIDSexMismatch)])
    }

    @Test func unknownFieldsAreErrors() {
        #expect(RecordRules.check(birth(["nksTenLa": .filled("x")]), kind: .birth).contains(Diagnostic(.error, field: "nksTenLa", .unknownField)))
    }
}

@Suite struct FieldSetJSONTests {
    @Test func writesWhatTheDecoderReadsBack() throws {
        let fields: [String: FieldValue] = [
            "a": .filled("Đào \"Út\" \\ ghi\nchú\t\u{1}"), "b": .blank, "c": .illegible, "d": .uncertain("1990"),
        ]
        let json = FieldSetJSON.encode(fields)
        #expect(json == #"{"a":"=Đào \"Út\" \\ ghi\nchú\t\u0001","b":"-","c":".","d":"?1990"}"#)
        #expect(try FieldSetJSON.decode(json) == fields)
        #expect(throws: (any Error).self) { try FieldSetJSON.decode(#"{"a":"no marker"}"#) }
    }

    @Test func readsAnyEquivalentJSONSpelling() throws {
        // What another writer (or SQLite's json functions) may produce: spaces, \u escapes, \/ and an empty object.
        #expect(try FieldSetJSON.decode(#" { "a" : "=Tr\u1ea7n" , "b":"-" } "#) == ["a": .filled("Trần"), "b": .blank])
        #expect(try FieldSetJSON.decode(#"{"a":"=1\/2017"}"#) == ["a": .filled("1/2017")])
        #expect(try FieldSetJSON.decode("{}").isEmpty)
        #expect(throws: (any Error).self) { try FieldSetJSON.decode(#"{"a":"=x"} trailing"#) }
        #expect(throws: (any Error).self) { try FieldSetJSON.decode(#"{"a":"=x""#) }
    }
}

@Suite struct AdministrativeUnitsTests {
    @Test func theProvinceListHasEveryUnitOnceWithTwoDigitCodes() {
        let entries = AdministrativeUnits.provinces.entries
        #expect(entries.count == 64)
        #expect(Set(entries.map(\.code)).count == 64 && Set(entries.map(\.label)).count == 64)
        #expect(entries.allSatisfy { $0.code.count == 2 && $0.code.allSatisfy(\.isNumber) })
        #expect(entries.first { $0.code == "28" }?.label == "Hà Tây")
    }

    @Test func placeFieldsAreTypedAsPlaces() {
        for key in ["nksNoiSinh", "nksQueQuan", "meNoiCuTru", "chaNoiCuTru"] {
            #expect(FieldCatalog.field(key, in: .birth)?.type == .place, "\(key)")
        }
        #expect(FieldCatalog.field("nktNoiChet", in: .death)?.type == .place)
        #expect(FieldCatalog.field("noiDangKy", in: .birth)?.type == .text, "the office's name is not a place")
    }
}
