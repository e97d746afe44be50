import Foundation
import Testing
@testable import HoTichModel

/// The fixture of every Vietnamese letter in both legacy encodings, written by
/// tools/legacy-encodings/make-vectors.py from the UniKey tables (not from hotich's own).
struct LetterVector {
    let letter: String
    let tcvn3: [UInt8]
    let vni: [UInt8]
    let tcvn3CaseLost: Bool

    static let all: [LetterVector] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/legacy-letters.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return LetterVector(letter: fields[0], tcvn3: hex(fields[1]), vni: hex(fields[2]), tcvn3CaseLost: fields[3] == "1")
        }
    }()

    static func hex(_ text: String) -> [UInt8] {
        stride(from: 0, to: text.count, by: 2).map { offset in
            let start = text.index(text.startIndex, offsetBy: offset)
            return UInt8(text[start..<text.index(start, offsetBy: 2)], radix: 16)!
        }
    }

    /// The bytes as Windows-1252 shows them: the mojibake form.
    static func windows1252(_ bytes: [UInt8]) -> String {
        String(String.UnicodeScalarView(bytes.map { LegacyEncoding.windows1252Character($0) }))
    }
}

@Suite struct LegacyEncodingTests {
    @Test func theFixtureHasEveryLetterWithEveryToneInBothCases() {
        // 12 vowels × 6 tones × 2 cases, and đ Đ.
        #expect(LetterVector.all.count == 146)
        #expect(Set(LetterVector.all.map(\.letter)).count == 146)
        #expect(LetterVector.all.allSatisfy { $0.letter == $0.letter.precomposedStringWithCanonicalMapping })
    }

    @Test(arguments: LetterVector.all)
    func everyLetterComesBackFromTCVN3InBothForms(_ vector: LetterVector) {
        // A capital the normal font has no byte for comes back small: its byte is the small letter's.
        let expected = vector.tcvn3CaseLost ? vector.letter.lowercased() : vector.letter
        #expect(LegacyEncoding.tcvn3.decode(vector.tcvn3).text == expected, "\(vector.letter)")
        #expect(LegacyEncoding.tcvn3.convert(LetterVector.windows1252(vector.tcvn3))?.text == expected, "\(vector.letter)")
        if vector.tcvn3CaseLost {
            // Between capitals (an uppercase font), the capital is given back and counted.
            let word = LegacyEncoding.tcvn3.decode(Array("NG".utf8) + vector.tcvn3 + Array("N".utf8))
            #expect(word.text == "NG" + vector.letter + "N" && word.capitalsRestored == 1, "\(vector.letter)")
        }
    }

    @Test(arguments: LetterVector.all)
    func everyLetterComesBackFromVNIInBothForms(_ vector: LetterVector) {
        #expect(LegacyEncoding.vni.decode(vector.vni).text == vector.letter, "\(vector.letter)")
        #expect(LegacyEncoding.vni.convert(LetterVector.windows1252(vector.vni))?.text == vector.letter, "\(vector.letter)")
    }

    @Test(arguments: [
        ("NguyÔn V¨n An", "Nguyễn Văn An"), ("TrÇn ThÞ BÝch Ngäc", "Trần Thị Bích Ngọc"), ("Hµ Néi", "Hà Nội"),
        ("Qu¶ng Nam", "Quảng Nam"), ("§µ N½ng", "Đà Nẵng"), ("Ph\u{AD}êng H¶i Ch©u 1", "Phường Hải Châu 1"),
        ("x· Tam Thanh, huyÖn Tam Kú", "xã Tam Thanh, huyện Tam Kỳ"),
    ])
    func realNamesAndPlacesFromTCVN3Mojibake(_ mojibake: String, _ text: String) {
        #expect(LegacyEncoding.tcvn3.convert(mojibake)?.text == text)
    }

    @Test(arguments: [
        ("Nguyeãn Vaên An", "Nguyễn Văn An"), ("Traàn Thò Bích Ngoïc", "Trần Thị Bích Ngọc"), ("Haø Noäi", "Hà Nội"),
        ("Quaûng Nam", "Quảng Nam"), ("Ñaø Naüng", "Đà Nẵng"), ("Phöôøng Haûi Chaâu 1", "Phường Hải Châu 1"),
        ("NGUYEÃN VAÊN AN", "NGUYỄN VĂN AN"),
    ])
    func realNamesAndPlacesFromVNIMojibake(_ mojibake: String, _ text: String) {
        #expect(LegacyEncoding.vni.convert(mojibake)?.text == text)
    }

    @Test func tcvn3CapitalsAreRestoredFromTheWordsAroundThemAndTheRestCounted() {
        let upper = LegacyEncoding.tcvn3.convert("NGUYÔN V¡N AN")!
        #expect(upper.text == "NGUYỄN VĂN AN" && upper.capitalsRestored == 1)
        // A name's first letter, when every other word of it begins with a capital.
        let title = LegacyEncoding.tcvn3.convert("Lª ¸nh")!
        #expect(title.text == "Lê Ánh" && title.capitalsRestored == 1)
        // Nothing says what "ánh" was alone: left small, and counted as possibly a capital.
        let alone = LegacyEncoding.tcvn3.convert("¸nh")!
        #expect(alone.text == "ánh" && alone.capitalsRestored == 0 && alone.lowercaseOnlyLetters == 1)
    }

    @Test func textThatCannotBeLegacyBytesIsNotConverted() {
        // ư and ễ are beyond Windows-1252: Unicode text, never legacy bytes read wrongly.
        #expect(LegacyEncoding.bytes(of: "Nguyễn") == nil)
        #expect(LegacyEncoding.tcvn3.convert("Trương") == nil)
        #expect(LegacyEncoding.bytes(of: "€‰") == [0x80, 0x89])
    }
}

@Suite struct VietnameseSyllableTests {
    @Test func realSyllablesPass() {
        for word in ["Nguyễn", "Văn", "Thị", "Trần", "Hương", "Ngọc", "khuya", "gì", "quốc", "giang", "Đào", "Hoà", "Hòa", "Thuý", "nghiêng", "oanh", "Quỳnh", "an", "A"] {
            #expect(VietnameseSyllable.isPlausible(word), "\(word)")
        }
    }

    @Test func mojibakeAndForeignWordsDoNot() {
        for word in ["NguyÔn", "V¨n", "Nguyeãn", "Vaên", "Hµ", "Néi", "Müller", "Straße", "xyzzy", "Nguyềễn"] {
            #expect(!VietnameseSyllable.isPlausible(word), "\(word)")
        }
    }
}

@Suite struct LegacyTextSurveyTests {
    static let names = [
        "Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Nam", "Phạm Thị Hương", "Hoàng Minh Đức", "Vũ Thị Lan",
        "Đặng Quốc Bảo", "Bùi Thị Thu Trang", "Đỗ Văn Hùng", "Hồ Thị Mai", "Ngô Quang Vinh", "Dương Thị Yến",
    ]

    static func tcvn3(_ text: String) -> [UInt8] { encode(text, LetterVector.all.map { ($0.letter, $0.tcvn3) }) }
    static func vni(_ text: String) -> [UInt8] { encode(text, LetterVector.all.map { ($0.letter, $0.vni) }) }

    /// Text into legacy bytes through the fixture (ASCII as it is).
    static func encode(_ text: String, _ table: [(String, [UInt8])]) -> [UInt8] {
        let map = Dictionary(table, uniquingKeysWith: { first, _ in first })
        return text.flatMap { character -> [UInt8] in
            if character.isASCII { return Array(String(character).utf8) }
            return map[String(character)] ?? []
        }
    }

    static func survey(_ column: [String], form: LegacyTextForm = .unicode) -> LegacyTextSurvey {
        var survey = LegacyTextSurvey(form: form)
        for cell in column { survey.add(["01", cell]) }
        return survey
    }

    @Test func cleanUnicodeIsNeverConverted() {
        let verdict = Self.survey(Self.names).verdict(for: .auto)
        #expect(verdict.readings.isEmpty && verdict.refused.isEmpty && !verdict.notLegacy)
        // Even Vietnamese that Windows-1252 could spell (à, ê, ô…) is left as it is.
        let latin = Self.survey(["Lê Hà", "Tô Bá Hào", "Mai Văn Lê"].map { $0.replacingOccurrences(of: "ă", with: "a") }).verdict(for: .auto)
        #expect(latin.readings.isEmpty && latin.refused.isEmpty)
    }

    @Test func tcvn3MojibakeIsFoundWithItsConfidence() throws {
        let column = Self.names.map { LetterVector.windows1252(Self.tcvn3($0)) }
        let verdict = Self.survey(column).verdict(for: .auto)
        let reading = try #require(verdict.readings[1])
        #expect(reading.encoding == .tcvn3 && reading.confidence >= 90 && verdict.refused.isEmpty)
        #expect(verdict.readings[0] == nil, "a column of ASCII is left alone")
    }

    @Test func vniMojibakeIsFound() throws {
        let column = Self.names.map { LetterVector.windows1252(Self.vni($0)) }
        let reading = try #require(Self.survey(column).verdict(for: .auto).readings[1])
        #expect(reading.encoding == .vni && reading.confidence >= 90)
    }

    @Test func rawBytesAreFoundInEitherEncoding() throws {
        for (encode, encoding) in [(Self.tcvn3, LegacyEncoding.tcvn3), (Self.vni, .vni)] {
            let column = Self.names.map { String(String.UnicodeScalarView(encode($0).map { Unicode.Scalar($0) })) }
            let verdict = Self.survey(column, form: .bytes).verdict(for: .auto)
            #expect(verdict.readings[1]?.encoding == encoding && !verdict.notLegacy)
        }
    }

    @Test func aColumnOfWordsThatReadEitherWayTakesTheFilesEncoding() {
        // "Sôn", "Thô", "Hoàng" are words as they stand, and Sơn, Thơ, Hồng in VNI: beside clear VNI
        // columns they are VNI too. In a file of Unicode, the same column is left alone.
        var survey = LegacyTextSurvey(form: .unicode)
        for (index, name) in Self.names.enumerated() {
            survey.add(["01", LetterVector.windows1252(Self.vni(name)), LetterVector.windows1252(Self.vni(["Sơn", "Thơ", "Hồng"][index % 3]))])
        }
        let verdict = survey.verdict(for: .auto)
        #expect(verdict.readings[1]?.encoding == .vni && verdict.readings[2]?.encoding == .vni)
        #expect(LegacyTextSurvey.readsBetter("Vũ", than: "Vò"), "a tie in a legacy column is legacy")
        #expect(!LegacyTextSurvey.readsBetter("LỂ HOẬNG", than: "LÊ HOÀNG"))
        var plain = LegacyTextSurvey(form: .unicode)
        for name in ["Sôn", "Thô", "Hoàng"] { plain.add([name]) }
        #expect(plain.verdict(for: .auto).readings.isEmpty)
    }

    @Test func aLongCellOfCapitalsConverts() {
        // One cell of 20 000 words: restored in one pass over its words.
        let cell = Array(repeating: "An", count: 10_000).joined(separator: " ") + " " + Array(repeating: "\u{B8}", count: 10_000).joined(separator: " ")
        let decoded = LegacyEncoding.tcvn3.convert(cell)!
        #expect(decoded.text.hasSuffix("á á") && decoded.capitalsRestored == 0)
    }

    @Test func aColumnMixingUnicodeAndLegacyTextIsRefused() {
        let column = Array(Self.names.prefix(6)) + Self.names.suffix(6).map { LetterVector.windows1252(Self.tcvn3($0)) }
        let verdict = Self.survey(column).verdict(for: .auto)
        #expect(verdict.readings.isEmpty && verdict.refused.map(\.column) == [1])
    }

    @Test func bytesOfAnotherEncodingOrDamagedUTF8AreNotTakenForLegacyText() {
        // "Nguyên" saved as Windows-1252: reads as Vietnamese byte by byte, in neither legacy encoding.
        #expect(Self.survey(["Nguy\u{EA}n"], form: .bytes).verdict(for: .auto).notLegacy)
        // A UTF-8 file with one damaged byte: its other cells are UTF-8.
        let utf8 = String(String.UnicodeScalarView(Array("Trần".utf8).map { Unicode.Scalar($0) }))
        #expect(Self.survey([utf8, "Nguy\u{EA}n"], form: .bytes).verdict(for: .auto).notLegacy)
    }

    @Test func anExplicitChoiceConvertsWithoutGuessing() {
        let verdict = Self.survey(["Hµ Néi"]).verdict(for: .tcvn3)
        #expect(verdict.readings[1]?.encoding == .tcvn3)
        #expect(Self.survey(Self.names).verdict(for: .utf8).readings.isEmpty)
    }
}

extension LetterVector: CustomTestStringConvertible {
    var testDescription: String { letter }
}
