import Foundation
import HoTichModel
import Testing

@Suite struct VietnameseTextTests {
    @Test func storesNFCAndCollapsesWhiteSpace() {
        let decomposed = "Nguye\u{0302}\u{0303}n  Thi\u{0323}\t Đào "
        let normalized = VietnameseText.normalized(decomposed)
        #expect(normalized == "Nguyễn Thị Đào")
        #expect(normalized.unicodeScalars.count == "Nguyễn Thị Đào".unicodeScalars.count)
        #expect(Array(normalized.utf8) == Array("Nguy\u{1EC5}n Th\u{1ECB} \u{0110}\u{00E0}o".utf8))
    }

    @Test func keepsCapitalsAsWritten() {
        #expect(VietnameseText.normalized("NGUYỄN VĂN AN") == "NGUYỄN VĂN AN")
    }

    @Test func foldsTonesDiacriticsAndD() {
        #expect(VietnameseText.folded("Nguyễn Thị Đào") == "nguyen thi dao")
        #expect(VietnameseText.folded("ĐẶNG  văn ĐỨC") == "dang van duc")
        #expect(VietnameseText.folded("Ê-đê") == "e-de")
        #expect(VietnameseText.folded("Nguye\u{0302}\u{0303}n") == VietnameseText.folded("Nguyễn"))
    }

    @Test func findsControlCharactersAndBrokenUTF8() {
        #expect(VietnameseText.containsForbiddenCharacters("a\u{0}b"))
        #expect(VietnameseText.containsForbiddenCharacters("a\u{1B}[31m"))
        #expect(VietnameseText.containsForbiddenCharacters(String(decoding: [0x61, 0xFF], as: UTF8.self)))
        #expect(!VietnameseText.containsForbiddenCharacters("Cha ruột\tMẹ đẻ"))
    }
}

@Suite struct OfficeCodeTests {
    @Test(arguments: ["01", "001", "00001", " 20245 "])
    func acceptsTwoThreeOrFiveDigits(_ text: String) throws {
        let code = try #require(OfficeCode(text))
        #expect(code.value == text.trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: ["1", "0001", "123456", "12a", "", "٠١"])
    func refusesOtherForms(_ text: String) {
        #expect(OfficeCode(text) == nil)
    }

    @Test func levelFollowsLength() {
        #expect(OfficeCode("48")?.level == .province)
        #expect(OfficeCode("002")?.level == .district)
        #expect(OfficeCode("00037")?.level == .commune)
    }

    @Test func invisibleCharactersAreForbiddenInFields() {
        for text in ["NGUYỄN\u{200B}VĂN A", "A\u{202E}B", "A\u{2066}B", "A\u{FEFF}B", "A\u{1B}B", "A\u{85}B"] {
            #expect(VietnameseText.containsForbiddenCharacters(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(!VietnameseText.containsForbiddenCharacters("Nguyễn Văn Đức\t"))
        #expect(VietnameseText.singleLine("  bìa\n\u{1B}[2J sổ\u{200D} ") == "bìa [2J sổ")
    }
}
