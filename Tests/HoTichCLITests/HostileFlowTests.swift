import Foundation
import HoTichExchange
import HoTichModel
import HoTichWorkflow
import Testing

/// What a hostile file name, header or value does to the terminal and to spreadsheets: nothing.
@Suite struct HostileFlowTests {
    static let batch = "KS-00001-2017-01-1"

    /// A file name with a line break and escape sequences prints on one line, escaped: it cannot
    /// forge a line of hotich's own, nor clear or recolour the screen.
    @Test func fileNamesCannotForgeLinesOrDriveTheTerminal() throws {
        let ws = try CLIWorkspace()
        let book = try SampleScans.writeGoodBook(into: ws.root)
        let forged = "x\u{1B}[2J\nĐọc 12 dòng: nhập 12, từ chối 0.pdf"
        try Data(SampleScans.pdf(text: "gia mao").utf8).write(to: book.appendingPathComponent(forged))
        let run = ws.run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1"])
        #expect(run.exitCode == 1)
        #expect(!run.out.contains("\u{1B}") && !run.err.contains("\u{1B}"))
        let lines = run.out.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("x\\u{1B}[2J\\u{A}Đọc 12 dòng") }, "\(run.out)")
        #expect(!lines.contains { $0.hasPrefix("Đọc 12 dòng") }, "no forged line")
    }

    /// CSV written for spreadsheets neutralizes formulas (the data itself is unchanged: JSON keeps it).
    @Test func csvOutputsNeutralizeFormulas() throws {
        let ws = try CLIWorkspace()
        let book = try SampleScans.writeGoodBook(into: ws.root)
        #expect(ws.run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1"]).exitCode == 0)
        #expect(ws.run(["batch", "hold", Self.batch, "--reason", "=HYPERLINK(\"http://x\",\"y\")"]).exitCode == 0)
        let csv = ws.run(["audit", "--batch", Self.batch, "--format", "csv"]).out
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""), "\(csv)")
        #expect(!csv.contains(",=HYPERLINK"))
        let json = ws.run(["audit", "--batch", Self.batch, "--format", "json"]).out
        #expect(json.contains("\"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\""), "the data itself is unchanged")
    }

    @Test func aNeutralizedCellReadsBackAsItWas() {
        #expect(CSVDialect.formulaSafe("=1+1") == "'=1+1")
        #expect(CSVDialect.formulaSafe("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVDialect.formulaSafe("-2+3") == "'-2+3")
        #expect(CSVDialect.formulaSafe("+84912345678") == "+84912345678", "a plain number stays")
        #expect(CSVDialect.formulaSafe("-") == "-", "a field left blank in the book")
        #expect(CSVDialect.formulaSafe("Nguyễn") == "Nguyễn")
        for cell in ["=1+1", "@SUM(A1)", "-2+3", "\tx", "-", "Nguyễn"] {
            #expect(CSVDialect.removingFormulaGuard(CSVDialect.formulaSafe(cell)) == cell)
        }
    }
}
