import Foundation

/// The 8-bit Vietnamese encodings of the years before Unicode, in which much earlier keying was done.
///
/// Their text reaches hotich in two forms: as the raw bytes (a CSV file saved from a program of the
/// time), or as those bytes read as Windows-1252 and saved again as UTF-8 ("mojibake": a workbook
/// typed in a .VnTime or VNI-Times font, a CSV opened and saved by a program that guessed wrong).
/// Both come back to the same bytes (``bytes(of:)``), and from them to Unicode NFC (``decode(_:)``).
/// The tables are in `LegacyEncodingTables.swift`, with their sources; `docs/legacy-encodings.md`
/// tells the story.
public enum LegacyEncoding: String, Sendable, CaseIterable, Codable {
    /// TCVN 5712:1993 VN3, the ABC fonts (.VnTime, .VnArial): one byte per precomposed letter,
    /// lowercase only for most letters (capitals came from the separate .VnTimeH fonts).
    case tcvn3
    /// VNI-Windows (VNI-Times): an ASCII base letter followed by bytes that add its marks.
    case vni

    /// The text the bytes stand for, in NFC, with what could not be decoded kept as Windows-1252.
    public func decode(_ bytes: [UInt8]) -> LegacyDecoding {
        switch self {
        case .tcvn3: Self.decodeTCVN3(bytes)
        case .vni: Self.decodeVNI(bytes)
        }
    }

    /// The text as it should have been, when `text` is legacy bytes read as Windows-1252 (or
    /// Latin-1); `nil` when it holds a character neither could have given, so it is not such text.
    public func convert(_ text: some StringProtocol) -> LegacyDecoding? {
        guard let bytes = Self.bytes(of: text) else { return nil }
        return decode(bytes)
    }

    // MARK: - Back to the bytes

    /// The bytes a text was read from when it was read as Windows-1252, or as Latin-1 (which
    /// gives U+0080–U+009F for the bytes Windows-1252 leaves undefined, and for all of 0x80–0x9F
    /// when a program used Latin-1 instead); `nil` for text holding any other character.
    public static func bytes(of text: some StringProtocol) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x100 {
                bytes.append(UInt8(scalar.value))
            } else if let byte = windows1252Specials[scalar.value] {
                bytes.append(byte)
            } else {
                return nil
            }
        }
        return bytes
    }

    /// The characters Windows-1252 puts at 0x80–0x9F where Latin-1 has control characters.
    static let windows1252Specials: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E,
        0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97,
        0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// Bytes as Windows-1252 shows them (Latin-1 where it has nothing): the mojibake form of legacy text.
    public static func windows1252Text(of bytes: [UInt8]) -> String {
        String(String.UnicodeScalarView(bytes.map(windows1252Character)))
    }

    /// A byte as Windows-1252 shows it (Latin-1 where Windows-1252 has nothing): what an
    /// undecodable byte is kept as.
    static func windows1252Character(_ byte: UInt8) -> Unicode.Scalar {
        windows1252Characters[Int(byte)]
    }

    /// Every byte as Windows-1252 shows it, worked out once (a lookup per byte when decoding).
    private static let windows1252Characters: [Unicode.Scalar] = {
        var table = (0...255).map { Unicode.Scalar(UInt8($0)) }
        for (value, byte) in windows1252Specials {
            if let scalar = Unicode.Scalar(value) { table[Int(byte)] = scalar }
        }
        return table
    }()

    // MARK: - TCVN3

    private static let tcvn3Table: [Character?] = {
        var table = [Character?](repeating: nil, count: 256)
        for entry in LegacyEncodingTables.tcvn3 { table[Int(entry.byte)] = entry.letter }
        return table
    }()

    /// The small letters whose capitals the normal font has too (ă â ê ô ơ ư đ): their case is
    /// as written, unless an uppercase font was used for the whole word.
    private static let tcvn3Capitals: Set<Character> = Set(
        LegacyEncodingTables.tcvn3.filter { $0.letter.isUppercase }.map { Character($0.letter.lowercased()) })

    private static func decodeTCVN3(_ bytes: [UInt8]) -> LegacyDecoding {
        var letters: [Character] = []
        letters.reserveCapacity(bytes.count)
        // Which letters came from a byte the normal font only has in lower case.
        var lowerOnly: [Bool] = []
        lowerOnly.reserveCapacity(bytes.count)
        var unmapped = 0
        for byte in bytes {
            if byte < 0x80 {
                letters.append(Character(Unicode.Scalar(byte)))
                lowerOnly.append(false)
            } else if let letter = tcvn3Table[Int(byte)] {
                letters.append(letter)
                lowerOnly.append(letter.isLowercase)
            } else {
                letters.append(Character(windows1252Character(byte)))
                lowerOnly.append(false)
                unmapped += 1
            }
        }
        let restored = restoreCapitals(&letters, lowerOnly: lowerOnly)
        // Letters still small that no byte of the normal font has as a capital: any may have been one.
        let uncertain = letters.indices.filter { lowerOnly[$0] && letters[$0].isLowercase && !tcvn3Capitals.contains(letters[$0]) }.count
        let text = String(letters).precomposedStringWithCanonicalMapping
        return LegacyDecoding(text: text, capitalsRestored: restored, unmappedBytes: unmapped, lowercaseOnlyLetters: uncertain)
    }

    /// Gives back the capitals TCVN3 lost, where the text around them says what they were: a
    /// letter in a word of two or more capitals ("NGUYễN"), in a cell whose letters are all
    /// capitals ("Hà NộI" typed in .VnTimeH), or first in a word when every other word of the cell
    /// begins with a capital ("Lê ánh"). - Returns: how many letters were changed.
    private static func restoreCapitals(_ letters: inout [Character], lowerOnly: [Bool]) -> Int {
        guard lowerOnly.contains(true) else { return 0 }
        var words: [Range<Int>] = []
        var start: Int?
        for index in letters.indices {
            if letters[index].isLetter {
                if start == nil { start = index }
            } else if let begin = start {
                words.append(begin..<index)
                start = nil
            }
        }
        if let begin = start { words.append(begin..<letters.count) }
        let settled = { (index: Int) in !lowerOnly[index] }
        let cellCapitals = letters.indices.filter { settled($0) && letters[$0].isLetter }
        let cellAllCapitals = cellCapitals.count >= 2 && cellCapitals.allSatisfy { letters[$0].isUppercase }
        // Words that begin with a capital the bytes say, counted once (not per word: a long cell
        // would make that quadratic).
        let beginsCapital = words.map { settled($0.lowerBound) && letters[$0.lowerBound].isUppercase }
        let capitalised = beginsCapital.filter { $0 }.count
        var restored = 0
        for (position, word) in words.enumerated() {
            guard word.contains(where: { lowerOnly[$0] }) else { continue }
            // Letters whose case the bytes say: two or more capitals make the word one of capitals;
            // a word with fewer ("Hµ", "Kú") is one of capitals only in a cell of capitals.
            let known = word.filter { settled($0) && letters[$0].isLetter }
            let wordAllCapitals = known.count >= 2 && known.allSatisfy { letters[$0].isUppercase }
            if wordAllCapitals || (known.count <= 1 && cellAllCapitals) {
                for index in word where lowerOnly[index] {
                    letters[index] = Character(letters[index].uppercased())
                    restored += 1
                }
                continue
            }
            let first = word.lowerBound
            guard lowerOnly[first], words.count > 1 else { continue }
            if capitalised - (beginsCapital[position] ? 1 : 0) == words.count - 1 {
                letters[first] = Character(letters[first].uppercased())
                restored += 1
            }
        }
        return restored
    }

    // MARK: - VNI

    private static let vniLetterTable: [Character?] = {
        var table = [Character?](repeating: nil, count: 256)
        for entry in LegacyEncodingTables.vniLetters { table[Int(entry.byte)] = entry.letter }
        return table
    }()

    private static let vniMarkTable: [[Unicode.Scalar]?] = {
        var table = [[Unicode.Scalar]?](repeating: nil, count: 256)
        for entry in LegacyEncodingTables.vniMarks { table[Int(entry.byte)] = entry.marks }
        return table
    }()

    private static func decodeVNI(_ bytes: [UInt8]) -> LegacyDecoding {
        var text = String.UnicodeScalarView()
        var unmapped = 0
        // Whether the last thing written is a letter that marks may follow.
        var afterLetter = false
        for byte in bytes {
            if byte < 0x80, vniMarkTable[Int(byte)] == nil {
                text.append(Unicode.Scalar(byte))
                afterLetter = Character(Unicode.Scalar(byte)).isLetter
            } else if afterLetter, let marks = vniMarkTable[Int(byte)] {
                text.append(contentsOf: marks)
                afterLetter = true
            } else if let letter = vniLetterTable[Int(byte)] {
                text.append(contentsOf: letter.unicodeScalars)
                afterLetter = true
            } else {
                text.append(windows1252Character(byte))
                afterLetter = false
                unmapped += 1
            }
        }
        return LegacyDecoding(text: String(text).precomposedStringWithCanonicalMapping, capitalsRestored: 0,
                              unmappedBytes: unmapped, lowercaseOnlyLetters: 0)
    }
}

/// Legacy bytes turned into Unicode, and what the turning could not be sure of.
public struct LegacyDecoding: Sendable, Equatable {
    /// The text, in NFC.
    public let text: String
    /// Letters TCVN3 carried in lower case that the text around them showed were capitals.
    public let capitalsRestored: Int
    /// Bytes the encoding has no letter for, kept as Windows-1252 shows them.
    public let unmappedBytes: Int
    /// Letters TCVN3's normal fonts only have in lower case: any of them may have been a capital
    /// typed in an uppercase font, beyond what ``capitalsRestored`` could see.
    public let lowercaseOnlyLetters: Int
}
