/// What converting a file's legacy text did, column by column: shown to the operator after an
/// import, an adoption or `hotich text convert`, and kept (without the examples) in the audit event.
public struct TextConversionReport: Sendable, Equatable {
    /// One converted column.
    public struct Column: Sendable, Equatable {
        /// The column's index (0 for A).
        public let index: Int
        public let encoding: LegacyEncoding
        /// The share of its words that read as Vietnamese through `encoding`, in per cent.
        public let confidence: Int
        /// Cells changed.
        public var cellsConverted = 0
        /// Cells that could not be legacy text (they hold characters Windows-1252 cannot give) and
        /// were kept as they were.
        public var cellsKept = 0
        /// Capitals TCVN3 had lost that the words around them gave back.
        public var capitalsRestored = 0
        /// Letters TCVN3's normal fonts only have in lower case: any may have been a capital.
        public var lowercaseOnlyLetters = 0
        /// Bytes the encoding has no letter for, kept as Windows-1252 shows them.
        public var unmappedBytes = 0
        /// The first cells changed: row number, the text as it came and as it was converted.
        public var examples: [Example] = []

        public init(index: Int, encoding: LegacyEncoding, confidence: Int) {
            self.index = index
            self.encoding = encoding
            self.confidence = confidence
        }
    }

    /// A cell before and after.
    public struct Example: Sendable, Equatable {
        public let row: Int
        public let before: String
        public let after: String

        public init(row: Int, before: String, after: String) {
            self.row = row
            self.before = before
            self.after = after
        }
    }

    public let form: LegacyTextForm
    public var columns: [Column]

    public init(form: LegacyTextForm, columns: [Column]) {
        self.form = form
        self.columns = columns
    }

    /// How many examples a column keeps.
    public static let examplesPerColumn = 2

    /// Cells changed in all columns.
    public var cellsConverted: Int { columns.reduce(0) { $0 + $1.cellsConverted } }

    /// The spreadsheet letter of a column index: 0 → A, 26 → AA.
    public static func columnLetter(_ index: Int) -> String {
        SpreadsheetColumn.letters(index)
    }
}

extension TextConversionReport {
    /// The conversion in a line for the audit trail: columns, encodings and counts, no text.
    public var auditSummary: String {
        "text converted (\(form.rawValue)): " + columns.map { column in
            "\(Self.columnLetter(column.index)) \(column.encoding.rawValue) \(column.cellsConverted) cells, \(column.confidence)%"
        }.joined(separator: ", ")
    }
}
