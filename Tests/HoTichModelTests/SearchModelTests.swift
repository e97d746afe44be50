import HoTichModel
import Testing

@Suite struct SearchModelTests {
    /// Every Vietnamese vowel with every tone, in both cases, and đ/Đ: the base letter, lower case.
    @Test func foldingTakesEveryTonesAndDiacriticAway() {
        let families: [(String, String)] = [
            ("aàáảãạăằắẳẵặâầấẩẫậ", "a"), ("eèéẻẽẹêềếểễệ", "e"), ("iìíỉĩị", "i"), ("oòóỏõọôồốổỗộơờớởỡợ", "o"),
            ("uùúủũụưừứửữự", "u"), ("yỳýỷỹỵ", "y"), ("đ", "d"),
        ]
        var letters = 0
        for (family, base) in families {
            for letter in family {
                #expect(VietnameseText.folded(String(letter)) == base, "\(letter)")
                #expect(VietnameseText.folded(String(letter).uppercased()) == base, "\(letter) upper")
                letters += 2
            }
        }
        #expect(letters == 2 * (18 + 12 + 6 + 18 + 12 + 6 + 1))
        #expect(VietnameseText.folded("  NGUYỄN   Văn\tAn ") == "nguyen van an")
    }

    @Test func aQueryIsReadIntoTerms() throws {
        let query = try SearchQuery.parse("Nguyễn  Văn An 1987 so:05 quyen:01/1995 001087012345")
        #expect(query.nameWords == ["nguyen", "van", "an"] && query.name == "NGUYỄN VĂN AN")
        #expect(query.years == [1987] && query.number == 5 && query.book?.volume == 1 && query.book?.year == 1995)
        #expect(query.personalID == "001087012345")
        #expect(try SearchQuery.parse("SỐ:5/2017").number == 5)
        #expect(try SearchQuery.parse("nguyen").name == "NGUYEN")
        #expect(throws: SearchQuery.Problem.empty) { try SearchQuery.parse("  -- ") }
        #expect(throws: SearchQuery.Problem.badTerm("so:x")) { try SearchQuery.parse("so:x") }
        #expect(throws: SearchQuery.Problem.badTerm("quyen:1995")) { try SearchQuery.parse("quyen:1995") }
        #expect(throws: SearchQuery.Problem.tooLong) { try SearchQuery.parse(String(repeating: "an ", count: 13)) }
        #expect(throws: SearchQuery.Problem.tooLong) { try SearchQuery.parse(String(repeating: "a", count: 201)) }
        // Control characters never reach a term.
        #expect(try SearchQuery.parse("an\u{1B}[2J").name?.unicodeScalars.contains { $0.value == 0x1B } == false)
    }

    @Test func matchesAreRankedExactFoldedPartialOther() throws {
        let names: [SearchRole: String] = [.subject: "NGUYỄN VĂN AN", .mother: "Trần Thị Hương"]
        #expect(SearchMatch.of(names, query: try SearchQuery.parse("Nguyễn Văn An")) == (.exact, .subject))
        #expect(SearchMatch.of(names, query: try SearchQuery.parse("nguyen van an")) == (.folded, .subject))
        #expect(SearchMatch.of(names, query: try SearchQuery.parse("NGUYEN VAN AN")) == (.folded, .subject))
        #expect(SearchMatch.of(names, query: try SearchQuery.parse("van an")) == (.partialName, .subject))
        #expect(SearchMatch.of(names, query: try SearchQuery.parse("thi huong")) == (.partialName, .mother))
        #expect(SearchMatch.of(names, query: try SearchQuery.parse("an nguyen")).0 == .other)
        #expect(SearchMatch.of(names, query: try SearchQuery.parse("so:5")).0 == .other)
        #expect(SearchMatch.exact < .folded && .folded < .partialName && .partialName < .other)
    }

    @Test func repeatedTermsAreRefusedAndANumbersYearIsKept() throws {
        #expect(throws: SearchQuery.Problem.badTerm("so:06")) { try SearchQuery.parse("so:05 so:06") }
        #expect(throws: SearchQuery.Problem.badTerm("quyen:02/1995")) { try SearchQuery.parse("quyen:01/1995 quyen:02/1995") }
        #expect(throws: SearchQuery.Problem.badTerm("001087012346")) { try SearchQuery.parse("001087012345 001087012346") }
        let query = try SearchQuery.parse("so:05/2020")
        #expect(query.number == 5 && query.numberYear == 2020)
        // The eth that legacy conversions leave for Đ folds as Đ does.
        #expect(VietnameseText.folded("\u{00D0}ẶNG") == "dang" && VietnameseText.folded("\u{00F0}ào") == "dao")
    }
}
