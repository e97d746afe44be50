import Foundation
package import HoTichModel

/// The output formats of commands that print data.
package enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned columns with headers in the user's language.
    case table
    /// A JSON array of objects with stable English keys and codes.
    case json
    /// RFC 4180 CSV with stable English keys and codes as the header row.
    case csv
}

/// One value in a data table.
package enum Cell: Sendable, Equatable {
    case text(String)
    case number(Int64)
    /// A number that names rather than counts (a year, a volume): never grouped in tables.
    case plainNumber(Int64)
    /// A code with a label for people: the code goes to JSON and CSV, the label to tables.
    case coded(String, label: String)
    /// A measured quantity with `digits` decimals: a number in JSON and CSV (point as the mark),
    /// the user's decimal mark in tables.
    case decimal(Double, digits: Int)
    case empty

    var isNumber: Bool {
        switch self {
        case .number, .plainNumber, .decimal: true
        default: false
        }
    }
}

/// Rows of data that render as an aligned table, JSON or CSV.
package struct DataTable: Sendable {
    /// Column keys (stable, for machines) and headers (for people).
    package var columns: [(key: String, header: String)]
    package var rows: [[Cell]]

    package init(columns: [(key: String, header: String)], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// Makes the columns from catalog labels, keyed by the label's identifier.
    package init(labels: [Message.Label], language: Language, rows: [[Cell]] = []) {
        self.init(columns: labels.map { ($0.rawValue, Message.label($0).text(in: language)) }, rows: rows)
    }

    package func render(_ format: OutputFormat, language: Language) -> String {
        switch format {
        case .table: renderTable(language: language)
        case .json: renderJSON()
        case .csv: renderCSV()
        }
    }

    // MARK: - Table

    private func renderTable(language: Language) -> String {
        let texts = rows.map { $0.map { display($0, language: language) } }
        var widths = columns.map { $0.header.count }
        for row in texts {
            for (index, text) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], text.count)
            }
        }
        func line(_ cells: [String], numeric: [Bool]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[index] - cell.count))
                parts.append(numeric[index] ? pad + cell : cell + pad)
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        let numericColumns = columns.indices.map { index in
            !rows.isEmpty && rows.allSatisfy { index < $0.count && ($0[index].isNumber || $0[index] == .empty) }
        }
        var out = line(columns.map(\.header), numeric: numericColumns) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in texts {
            out += line(row, numeric: numericColumns) + "\n"
        }
        return out
    }

    // MARK: - Markdown and HTML

    /// A GitHub-flavoured Markdown table: numbers right-aligned, pipes and markup escaped.
    package func renderMarkdown(language: Language) -> String {
        let numeric = numericColumns
        let escape = MarkdownText.escaped
        var out = "| " + columns.map { escape($0.header) }.joined(separator: " | ") + " |\n"
        out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows {
            out += "| " + columns.indices.map { index in
                escape(display(index < row.count ? row[index] : .empty, language: language))
            }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// An HTML table (escaped), numbers right-aligned, with a caption.
    package func renderHTML(language: Language, caption: String) -> String {
        let numeric = numericColumns
        var out = "<div class=\"table\"><table>\n<caption>\(HTMLText.escaped(caption))</caption>\n<thead><tr>"
        for (index, column) in columns.enumerated() {
            out += "<th scope=\"col\"\(numeric[index] ? " class=\"n\"" : "")>\(HTMLText.escaped(column.header))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for index in columns.indices {
                let cell = index < row.count ? row[index] : .empty
                out += "<td\(numeric[index] ? " class=\"n\"" : "")>\(HTMLText.escaped(display(cell, language: language)))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    private var numericColumns: [Bool] {
        columns.indices.map { index in
            !rows.isEmpty && rows.allSatisfy { index < $0.count && ($0[index].isNumber || $0[index] == .empty) }
        }
    }

    /// A cell as a table shows it: one line, nothing in it acting on the terminal.
    private func display(_ cell: Cell, language: Language) -> String {
        switch cell {
        case .text(let text): TerminalText.escaped(text)
        case .number(let number): number.grouped(in: language)
        case .plainNumber(let number): String(number)
        case .coded(_, let label): TerminalText.escaped(label)
        case .decimal(let value, let digits): value.decimal(digits, in: language)
        case .empty: ""
        }
    }

    // MARK: - JSON

    private func renderJSON() -> String {
        var out = "["
        for (rowIndex, row) in rows.enumerated() {
            out += rowIndex == 0 ? "\n  {" : ",\n  {"
            for (index, column) in columns.enumerated() {
                let cell = index < row.count ? row[index] : .empty
                out += (index == 0 ? "" : ", ") + Self.jsonString(column.key) + ": " + Self.json(cell)
            }
            out += "}"
        }
        out += rows.isEmpty ? "]\n" : "\n]\n"
        return out
    }

    private static func json(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): jsonString(text)
        case .number(let number), .plainNumber(let number): String(number)
        case .coded(let code, _): jsonString(code)
        case .decimal(let value, let digits): value.isFinite ? value.decimal(digits, in: .english).replacingOccurrences(of: ",", with: "") : "null"
        case .empty: "null"
        }
    }

    /// A JSON string literal with the escapes RFC 8259 requires.
    package static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: - CSV

    private func renderCSV() -> String {
        var out = columns.map { Self.csvField($0.key) }.joined(separator: ",") + "\r\n"
        for row in rows {
            out += columns.indices.map { index in
                let cell = index < row.count ? row[index] : .empty
                switch cell {
                case .text(let text): return Self.csvField(text)
                case .number(let number), .plainNumber(let number): return String(number)
                case .coded(let code, _): return Self.csvField(code)
                case .decimal(let value, let digits):
                    return value.isFinite ? value.decimal(digits, in: .english).replacingOccurrences(of: ",", with: "") : ""
                case .empty: return ""
                }
            }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A cell of CSV written for spreadsheets: a formula-looking value neutralized, then quoted as
    /// RFC 4180 wants.
    static func csvField(_ raw: String) -> String {
        let text = CSVDialect.formulaSafe(raw)
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
