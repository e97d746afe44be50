import HoTichModel
import Testing

@Suite struct FieldComparisonTests {
    static func field(_ key: String) throws -> FieldDefinition {
        try #require(FieldCatalog.field(key, in: .birth))
    }

    @Test(arguments: [
        ("nksHoTen", FieldValue.filled("NGUYỄN VĂN AN"), FieldValue.filled("Nguyễn Văn An")),
        ("nksHoTen", .filled("Nguyễn  Văn An"), .filled("Nguyễn Văn An")),
        ("nksHoTen", .filled("Nguye\u{302}\u{303}n Văn An"), .filled("Nguyễn Văn An")),
        ("nksNgaySinh", .filled("1.2.1990"), .filled("01.02.1990")),
        ("nksNgaySinh", .filled("1/2/1990"), .filled("01.02.1990")),
        ("nksGioiTinh", .filled("Nam"), .filled("1")),
        ("so", .filled("7"), .filled("07")),
        ("ghiChu", .blank, .blank),
        ("ghiChu", .illegible, .illegible),
        // A doubt mark is not a different reading.
        ("nksHoTen", .filled("Nguyễn Văn An"), .uncertain("Nguyễn Văn An")),
        ("chaNgaySinh", .uncertain("1990"), .uncertain("1990")),
        ("chaNgaySinh", .uncertain("1990"), .filled("1990")),
    ])
    func equivalentSpellingsAgree(key: String, first: FieldValue, second: FieldValue) throws {
        #expect(FieldComparison.agree(first, second, field: try Self.field(key)))
    }

    @Test(arguments: [
        ("nksHoTen", FieldValue.filled("Nguyễn Văn An"), FieldValue.filled("Nguyễn Văn Ân")),
        ("nksHoTen", .filled("Nguyễn Văn An"), .uncertain("Nguyễn Văn Ân")),
        ("nksNgaySinh", .filled("01.02.1990"), .filled("02.01.1990")),
        ("nksNgaySinh", .filled("1990"), .filled("01.02.1990")),
        ("nksGioiTinh", .filled("1"), .filled("2")),
        ("ghiChu", .blank, .illegible),
        ("ghiChu", .filled("Chuyển sang sổ mới"), .blank),
        ("noiDangKy", .filled("UBND phường Phúc Xá"), .filled("UBND Phường Phúc Xá")),
    ])
    func differencesDisagree(key: String, first: FieldValue, second: FieldValue) throws {
        #expect(!FieldComparison.agree(first, second, field: try Self.field(key)))
    }

    @Test func disagreementsComeInRegisterOrderAndIgnoreFieldsNeitherKeyed() {
        let one: [String: FieldValue] = ["so": .filled("1"), "nksHoTen": .filled("Lê Thị Hoa"), "nksNgaySinh": .filled("1.1.2001")]
        var two = one
        two["nksHoTen"] = .filled("Lê Thị Hòa")
        two["so"] = .filled("2")
        #expect(FieldComparison.disagreements(one, two, kind: .birth) == ["so", "nksHoTen"])
        #expect(FieldComparison.disagreements(one, one, kind: .birth).isEmpty)
    }

    @Test func agreeingValuesWithADoubtMarkAreLeftForAVerifierToConfirm() {
        let one: [String: FieldValue] = ["so": .filled("1"), "chaNgaySinh": .uncertain("1990"), "meNgaySinh": .uncertain("1992")]
        var two = one
        two["chaNgaySinh"] = .filled("1990")
        two["meNgaySinh"] = .uncertain("1993")
        #expect(FieldComparison.disagreements(one, two, kind: .birth) == ["meNgaySinh"])
        #expect(FieldComparison.sharedDoubts(one, two, kind: .birth) == ["chaNgaySinh"])
        #expect(FieldValue.uncertain("1990").confirmed == .filled("1990"))
        #expect(FieldValue.illegible.confirmed == .illegible)
    }
}

@Suite struct SamplingPlanTests {
    /// Values read from ISO 2859-1 Table I (level II) and Table II-A (single, normal), arrows followed.
    @Test(arguments: [
        (5_000, SamplingPlan.AQL.p1_0, "L", 200, 5),
        (1_000, .p2_5, "J", 80, 5),
        (100, .p4_0, "F", 20, 2),
        (3_000, .p0_65, "K", 125, 2),
        (300, .p0_65, "H", 80, 1), // ↓ from H to the 1 2 plan at J
        (50, .p1_0, "D", 13, 0), // ↓ to the 0 1 plan at E
        (200, .p1_0, "G", 50, 1), // ↓ from G to 1 2 at H
        (120, .p1_0, "F", 13, 0), // ↑ from F to 0 1 at E
        (500, .p6_5, "H", 50, 7),
        (40_000, .p0_10, "N", 500, 1),
        (200_000, .p6_5, "P", 200, 21), // ↑ to the 21 22 plan at L
        (1_000_000, .p0_010, "Q", 1_250, 0),
    ])
    func planMatchesTheStandard(lot: Int, aql: SamplingPlan.AQL, letter: String, size: Int, accept: Int) {
        let plan = SamplingPlan(lotSize: lot, aql: aql)
        #expect(plan.codeLetter == letter)
        #expect(plan.sampleSize == size)
        #expect(plan.acceptance == accept)
        #expect(plan.rejection == accept + 1)
        #expect(plan.accepts(defective: accept))
        #expect(!plan.accepts(defective: accept + 1))
    }

    @Test func aSmallLotIsCheckedWhole() {
        let plan = SamplingPlan(lotSize: 6, aql: .p1_0)
        #expect(plan.codeLetter == "A")
        #expect(plan.sampleSize == 6)
    }

    @Test func aqlSpellings() {
        #expect(SamplingPlan.AQL("1") == .p1_0)
        #expect(SamplingPlan.AQL("0,65") == .p0_65)
        #expect(SamplingPlan.AQL(".65") == .p0_65)
        #expect(SamplingPlan.AQL("3") == nil)
        #expect(SamplingPlan.AQL("abc") == nil)
    }
}

@Suite struct RegisterSequenceTests {
    static func entry(_ id: String, _ number: Int, _ date: String? = nil, page: Int? = nil, volume: Int = 1) -> RegisterSequence.Entry {
        RegisterSequence.Entry(
            id: id, number: number, registered: date.flatMap { PartialDate($0) },
            position: page.map { RegisterSequence.BookPosition(volume: volume, page: $0) })
    }

    @Test func aCleanYearAcrossTwoBooksHasNoFindings() {
        // Book 1 holds 1–3, book 2 continues with 4–5: numbers run on across books of one year.
        let entries = [Self.entry("a", 1, "02.01.2017"), Self.entry("b", 2, "02.01.2017"), Self.entry("c", 3, "05.01.2017"),
                       Self.entry("d", 4, "06.01.2017"), Self.entry("e", 5, "09.01.2017")]
        #expect(RegisterSequence.check(entries).isEmpty)
    }

    @Test func gapsDuplicatesDisorderAndDatesGoingBack() {
        let entries = [Self.entry("a", 2, "03.01.2017", page: 1), Self.entry("b", 3, "04.01.2017", page: 2),
                       Self.entry("c", 3, "04.01.2017", page: 3), Self.entry("d", 7, "02.01.2017", page: 4),
                       Self.entry("e", 6, "10.01.2017", page: 5)]
        let findings = RegisterSequence.check(entries)
        #expect(findings.contains(.gap(from: 1, to: 1, after: nil, before: "a")))
        #expect(findings.contains(.gap(from: 4, to: 5, after: "c", before: "e")))
        #expect(findings.contains(.duplicate(number: 3, entries: ["b", "c"])))
        #expect(findings.contains(.outOfOrder(entry: "e", number: 6, previousNumber: 7)))
        #expect(findings.contains(.dateGoesBack(entry: "d", number: 7, previousNumber: 6)))
        #expect(findings.count == 5)
    }

    /// The book's order is its volumes and pages: an entry without a page (not read) takes no part
    /// in the order check, and no other order (of files, of ids) can make one up.
    @Test func theOrderIsTheBooksPagesAndEntriesWithoutAPageAreLeftOut() {
        let entries = [
            Self.entry("p1", 1, page: 1), Self.entry("p2", 2, page: 2), Self.entry("p3", 4, page: 3),
            Self.entry("p4", 3, page: 4), Self.entry("p5", 5, page: 5),
            // Keyed from a spreadsheet, no page read: numbers 6 and 7, given first.
            Self.entry("x7", 7), Self.entry("x6", 6),
            // Book 2 of the year starts again at page 1 and goes on with 8.
            Self.entry("q1", 8, page: 1, volume: 2),
        ]
        #expect(RegisterSequence.check(entries) == [.outOfOrder(entry: "p4", number: 3, previousNumber: 4)])
    }
}

@Suite struct DuplicateMatchingTests {
    static func birth(_ id: String, _ name: String, _ born: String, mother: String? = nil, pin: String? = nil, type: String = "1") -> RegisteredEvent {
        var fields: [String: FieldValue] = ["nksHoTen": .filled(name), "nksNgaySinh": .filled(born), "loaiDangKy": .filled(type)]
        if let mother { fields["meHoTen"] = .filled(mother) }
        if let pin { fields["nksSoDinhDanh"] = .filled(pin) }
        return RegisteredEvent(id: id, kind: .birth, fields: fields)
    }

    @Test func accentsAndDSpelledDifferentlyStillMeet() throws {
        let a = Self.birth("a", "Đặng Thị Hương", "12.03.1985", mother: "Nguyễn Thị Lựu")
        let b = Self.birth("b", "DANG THI HUONG", "12.3.1985", mother: "Nguyen Thi Luu")
        #expect(DuplicateMatching.blockingKey(a) == DuplicateMatching.blockingKey(b))
        #expect(DuplicateMatching.match(a, b) == .nameAndDates)
    }

    @Test func differentMothersOrDistantDatesDoNotMatch() {
        let a = Self.birth("a", "Lê Văn Nam", "12.03.1985", mother: "Trần Thị Mai")
        #expect(DuplicateMatching.match(a, Self.birth("b", "Lê Văn Nam", "12.03.1985", mother: "Phạm Thị Lan")) == nil)
        #expect(DuplicateMatching.match(a, Self.birth("c", "Lê Văn Nam", "12.09.1985", mother: "Trần Thị Mai")) == nil)
        #expect(DuplicateMatching.match(a, Self.birth("d", "Lê Văn Nam", "1986", mother: "Trần Thị Mai")) == nil)
        // Twins: same parents and date, different names.
        #expect(DuplicateMatching.match(a, Self.birth("e", "Lê Văn Bắc", "12.03.1985", mother: "Trần Thị Mai")) == nil)
    }

    @Test func personalIDNumbers() {
        let a = Self.birth("a", "Lê Văn Nam", "12.03.1985", pin: "001085000123")
        let sameNumberOtherDate = Self.birth("b", "Le Van Nam", "1984", pin: "001085000123")
        let otherPerson = Self.birth("c", "Phạm Văn Tú", "12.03.1985", pin: "001085000123")
        #expect(DuplicateMatching.match(a, sameNumberOtherDate) == .personalID)
        #expect(DuplicateMatching.sharesPersonalIDWithAnotherPerson(a, otherPerson))
        #expect(!DuplicateMatching.sharesPersonalIDWithAnotherPerson(a, sameNumberOtherDate))
    }

    @Test func reregistrationsAreLabelled() {
        #expect(Self.birth("a", "Lê Văn Nam", "1985", type: "2").isReregistration)
        #expect(!Self.birth("a", "Lê Văn Nam", "1985").isReregistration)
        // What the field stores is the register's label, not the code.
        #expect(Self.birth("a", "Lê Văn Nam", "1985", type: "Đăng ký lại").isReregistration)
        #expect(!Self.birth("a", "Lê Văn Nam", "1985", type: "Đăng ký quá hạn").isReregistration)
        // Code 2 of the recognition list is a foreign registration written into the book, not a re-registration.
        let recognition = RegisteredEvent(id: "c", kind: .parentChild, fields: ["ncHoTen": .filled("Lê Văn Nam"), "loaiDangKy": .filled("2")])
        #expect(!recognition.isReregistration)
        let death = RegisteredEvent(id: "d", kind: .death, fields: ["nktHoTen": .filled("Lê Văn Nam"), "loaiDangKy": .uncertain("Đăng ký lại")])
        #expect(death.isReregistration)
    }
}
