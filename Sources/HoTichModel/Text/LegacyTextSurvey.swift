/// How the text of an import file is to be read: `--encoding`.
public enum TextEncodingChoice: String, Sendable, CaseIterable, Codable {
    /// Look, column by column: convert what is surely legacy text, refuse what is unclear, leave
    /// Unicode alone.
    case auto
    /// The file is UTF-8 as it stands: nothing is looked at or converted.
    case utf8
    case tcvn3
    case vni

    /// The legacy encoding the choice names, if it names one.
    public var legacy: LegacyEncoding? {
        switch self {
        case .tcvn3: .tcvn3
        case .vni: .vni
        case .auto, .utf8: nil
        }
    }
}

/// The form in which a file's text arrived.
public enum LegacyTextForm: String, Sendable, Equatable {
    /// UTF-8: any legacy text in it is mojibake (legacy bytes read as Windows-1252).
    case unicode
    /// Not UTF-8: 8-bit bytes, read one character per byte (Latin-1) until they are decoded.
    case bytes
}

/// What a file's columns say about their encoding: every cell that is not plain ASCII, word by word,
/// read as it stands and through each legacy encoding, and which reading makes Vietnamese of it.
///
/// A word counts for a reading when it spells a Vietnamese syllable that way
/// (``VietnameseSyllable``). Real Unicode text has letters Windows-1252 cannot give (ư, ơ, đ, ạ…):
/// a column holding them is Unicode whatever else it holds, and never converted by `auto`.
public struct LegacyTextSurvey: Sendable {
    /// What one column holds.
    public struct Column: Sendable, Equatable {
        /// Cells with a character beyond ASCII.
        public var cellsBeyondASCII = 0
        /// Cells with a character Windows-1252 cannot give: Unicode text beyond doubt.
        public var cellsBeyondWindows1252 = 0
        /// Words with a character beyond ASCII, in cells Windows-1252 can give.
        public var words = 0
        /// Of those words, how many spell a Vietnamese syllable as they stand.
        public var asWritten = 0
        public var tcvn3 = 0
        public var vni = 0

        func count(for encoding: LegacyEncoding) -> Int { encoding == .tcvn3 ? tcvn3 : vni }
    }

    public let form: LegacyTextForm
    public private(set) var columns: [Int: Column] = [:]
    public private(set) var rows = 0
    /// Read as bytes: cells beyond ASCII whose bytes are UTF-8 after all (a UTF-8 file with a
    /// damaged byte somewhere, not a legacy one).
    public private(set) var cellsInUTF8 = 0
    /// Judgements of words already seen (names repeat), kept to a bounded number.
    private var seen: [String: (asWritten: Bool, tcvn3: Bool, vni: Bool)] = [:]

    public init(form: LegacyTextForm) {
        self.form = form
    }

    /// Looks at one row's cells.
    public mutating func add(_ cells: [String]) {
        rows += 1
        for (index, cell) in cells.enumerated() where !cell.utf8.allSatisfy({ $0 < 0x80 }) {
            var column = columns[index] ?? Column()
            column.cellsBeyondASCII += 1
            if form == .bytes, let bytes = LegacyEncoding.bytes(of: cell), String(validating: bytes, as: UTF8.self) != nil {
                cellsInUTF8 += 1
            }
            if LegacyEncoding.bytes(of: cell) == nil {
                column.cellsBeyondWindows1252 += 1
            } else {
                for word in Self.words(of: cell) {
                    let judged = judge(word)
                    column.words += 1
                    if judged.asWritten { column.asWritten += 1 }
                    if judged.tcvn3 { column.tcvn3 += 1 }
                    if judged.vni { column.vni += 1 }
                }
            }
            columns[index] = column
        }
    }

    /// The words of a cell that hold a character beyond ASCII: runs of ASCII letters and of any
    /// character beyond ASCII (legacy letters read as Windows-1252 are punctuation-like: "V¨n").
    static func words(of cell: String) -> [Substring] {
        var words: [Substring] = []
        var start: String.Index?
        var beyond = false
        var index = cell.startIndex
        while index < cell.endIndex {
            let scalar = cell.unicodeScalars[index]
            let partOfWord = scalar.value >= 0x80 ? !VietnameseText.isSpace(scalar) : scalar.properties.isAlphabetic
            if partOfWord {
                if start == nil { start = index; beyond = false }
                if scalar.value >= 0x80 { beyond = true }
            } else if let begin = start {
                if beyond { words.append(cell[begin..<index]) }
                start = nil
            }
            index = cell.unicodeScalars.index(after: index)
        }
        if let begin = start, beyond { words.append(cell[begin...]) }
        return words
    }

    private mutating func judge(_ word: Substring) -> (asWritten: Bool, tcvn3: Bool, vni: Bool) {
        let key = String(word)
        if let known = seen[key] { return known }
        let bytes = LegacyEncoding.bytes(of: word) ?? []
        let judged = (
            asWritten: VietnameseSyllable.isPlausible(word),
            tcvn3: VietnameseSyllable.isPlausible(LegacyEncoding.tcvn3.decode(bytes).text),
            vni: VietnameseSyllable.isPlausible(LegacyEncoding.vni.decode(bytes).text)
        )
        if seen.count < 100_000 { seen[key] = judged }
        return judged
    }

    // MARK: - The verdict

    /// How each column is to be read, for the encoding the user chose; refused columns, when the
    /// text cannot be told.
    public func verdict(for choice: TextEncodingChoice) -> LegacyTextVerdict {
        switch (choice, form) {
        case (.utf8, _):
            return LegacyTextVerdict(form: form, readings: [:], refused: [], notLegacy: form == .bytes)
        case (.tcvn3, _), (.vni, _):
            let encoding: LegacyEncoding = choice == .tcvn3 ? .tcvn3 : .vni
            let readings = columns.mapValues { column in
                ColumnReading(encoding: encoding, confidence: Self.share(column.count(for: encoding), of: column.words))
            }
            return LegacyTextVerdict(form: form, readings: readings, refused: [])
        case (.auto, .bytes):
            return bytesVerdict()
        case (.auto, .unicode):
            return unicodeVerdict()
        }
    }

    /// A share in per cent, 100 when there is nothing to share.
    static func share(_ part: Int, of whole: Int) -> Int {
        whole == 0 ? 100 : (part * 100) / whole
    }

    /// Not UTF-8: the whole file is in one legacy encoding, the one most of its words read in.
    /// A file whose other cells are UTF-8 is a damaged UTF-8 file, and one whose words read as
    /// Vietnamese in neither legacy encoding better than byte by byte is in some other encoding
    /// (Windows-1252's "Nguyên"): neither is converted (``LegacyTextVerdict/notLegacy``).
    private func bytesVerdict() -> LegacyTextVerdict {
        let total = columns.values.reduce(into: Column()) { sum, column in
            sum.words += column.words
            sum.asWritten += column.asWritten
            sum.tcvn3 += column.tcvn3
            sum.vni += column.vni
        }
        if cellsInUTF8 > 0 || max(total.tcvn3, total.vni) <= total.asWritten {
            return LegacyTextVerdict(form: form, readings: [:], refused: [], notLegacy: true)
        }
        guard let encoding = Self.clearWinner(total, over: total.asWritten) else {
            let refused = columns.keys.sorted().map { ColumnRefusal(column: $0, tcvn3: Self.share(total.tcvn3, of: total.words), vni: Self.share(total.vni, of: total.words), unicode: 0) }
            return LegacyTextVerdict(form: form, readings: [:], refused: refused)
        }
        let readings = columns.mapValues { column in
            ColumnReading(encoding: encoding, confidence: Self.share(column.count(for: encoding), of: column.words))
        }
        return LegacyTextVerdict(form: form, readings: readings, refused: [])
    }

    /// UTF-8: each column on its own. Unicode text is left alone; a column whose words only read
    /// as Vietnamese through one legacy encoding is converted; anything between is refused. A
    /// column whose few words read as well in either legacy encoding ("Leâ Thò" is Lê Thị in VNI,
    /// and Vietnamese-looking in TCVN3 too) takes the one every clear column of the file is in.
    private func unicodeVerdict() -> LegacyTextVerdict {
        var readings: [Int: ColumnReading] = [:]
        var refused: [ColumnRefusal] = []
        let clear = Set(columns.compactMap { _, column in
            column.cellsBeyondWindows1252 == 0 ? Self.clearWinner(column, over: column.asWritten) : nil
        })
        let fileEncoding = clear.count == 1 ? clear.first : nil
        for (index, column) in columns.sorted(by: { $0.key < $1.key }) {
            let legacyBest = max(column.tcvn3, column.vni)
            // Words that only a legacy reading makes Vietnamese, beyond what the text as written does.
            let legacyEvidence = legacyBest - column.asWritten
            if column.cellsBeyondWindows1252 > 0 {
                if legacyEvidence >= max(3, column.words / 5) {
                    refused.append(refusal(index, column))
                }
                continue
            }
            if legacyEvidence <= 0 {
                // Words that read as Vietnamese either way ("Sôn" is a word, and Sơn in VNI): in a
                // file whose clear columns are legacy, legacy too; in any other file, left alone.
                if let encoding = fileEncoding, column.count(for: encoding) >= column.asWritten, column.count(for: encoding) > 0 {
                    readings[index] = ColumnReading(encoding: encoding, confidence: Self.share(column.count(for: encoding), of: column.words))
                }
                continue
            }
            if let encoding = Self.clearWinner(column, over: column.asWritten) {
                readings[index] = ColumnReading(encoding: encoding, confidence: Self.share(column.count(for: encoding), of: column.words))
            } else if let encoding = fileEncoding, Self.reads(column, in: encoding, over: column.asWritten) {
                readings[index] = ColumnReading(encoding: encoding, confidence: Self.share(column.count(for: encoding), of: column.words))
            } else {
                refused.append(refusal(index, column))
            }
        }
        return LegacyTextVerdict(form: form, readings: readings, refused: refused)
    }

    private func refusal(_ index: Int, _ column: Column) -> ColumnRefusal {
        ColumnRefusal(
            column: index, tcvn3: Self.share(column.tcvn3, of: column.words), vni: Self.share(column.vni, of: column.words),
            unicode: Self.share(column.cellsBeyondWindows1252, of: column.cellsBeyondASCII))
    }

    /// Whether most words read as Vietnamese in `encoding` (70 %), at least twice as many as `asWritten`.
    static func reads(_ column: Column, in encoding: LegacyEncoding, over asWritten: Int) -> Bool {
        let count = column.count(for: encoding)
        return column.words > 0 && count * 10 >= column.words * 7 && count >= 2 * asWritten
    }

    /// Whether `converted` should replace `original` in a column the survey found legacy: unless
    /// the cell reads as Vietnamese strictly better as it stands ("LÊ HOÀNG NAM" beside
    /// "NGUYÔN V¡N AN": Unicode already, kept). In such a column a tie is legacy text ("Vò" is Vũ).
    public static func readsBetter(_ converted: String, than original: String) -> Bool {
        let plausible = { (text: String) in words(of: text).filter { VietnameseSyllable.isPlausible($0) }.count }
        return plausible(converted) >= plausible(original)
    }

    /// The legacy encoding most words read in, when it is clearly the one: at least 70 % of the
    /// words, at least twice the other encoding's count and twice `asWritten`.
    static func clearWinner(_ column: Column, over asWritten: Int) -> LegacyEncoding? {
        guard column.words > 0 else { return nil }
        let (best, other) = column.tcvn3 >= column.vni ? (LegacyEncoding.tcvn3, column.vni) : (.vni, column.tcvn3)
        let count = column.count(for: best)
        guard count * 10 >= column.words * 7, count >= 2 * other || other == 0, count >= 2 * asWritten, count > other else { return nil }
        return best
    }
}

/// How one column's text is read: through a legacy encoding, with how sure that is.
public struct ColumnReading: Sendable, Equatable {
    public let encoding: LegacyEncoding
    /// The share of the column's words (beyond ASCII) that read as Vietnamese this way, in per cent.
    public let confidence: Int
}

/// A column whose encoding cannot be told: how its words read each way, in per cent.
public struct ColumnRefusal: Sendable, Equatable {
    public let column: Int
    public let tcvn3: Int
    public let vni: Int
    /// The share of its cells that are Unicode beyond doubt.
    public let unicode: Int
}

/// The survey's conclusion for a file.
public struct LegacyTextVerdict: Sendable, Equatable {
    public let form: LegacyTextForm
    /// The columns to convert, by index; a column not named is left as it is.
    public let readings: [Int: ColumnReading]
    /// Columns that cannot be told: the file is refused while there are any.
    public let refused: [ColumnRefusal]
    /// Read as bytes, the file is not in a legacy encoding hotich knows: it is refused as not UTF-8.
    public var notLegacy = false

    public init(form: LegacyTextForm, readings: [Int: ColumnReading], refused: [ColumnRefusal], notLegacy: Bool = false) {
        self.form = form
        self.readings = readings
        self.refused = refused
        self.notLegacy = notLegacy
    }

    /// Whether anything is converted.
    public var converts: Bool { !readings.isEmpty }
}
