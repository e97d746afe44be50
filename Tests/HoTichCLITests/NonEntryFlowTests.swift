import Foundation
import HoTichModel
import HoTichWorkflow
import Testing

/// Pages that are not entries, and a keying that cannot finish, through the command line.
@Suite struct NonEntryFlowTests {
    static let batch = "KS-00001-2017-01-1"

    /// The sample book plus its cover, received with the naming issue accepted, policy review.
    func prepare() throws -> CLIWorkspace {
        let ws = try CLIWorkspace()
        let book = try SampleScans.writeGoodBook(into: ws.root)
        try Data(SampleScans.pdf(text: "bia").utf8).write(to: book.appendingPathComponent("00-bia.pdf"))
        let received = ws.run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1",
                               "--policy", "review", "--accept-issues"])
        #expect(received.exitCode == 0, "\(received.err)")
        return ws
    }

    @Test func anOperatorTypesBangAtTheFirstPromptToMarkACover() throws {
        let ws = try prepare()
        // The cover comes first: `!`, a kind out of range (asked again), 1 = cover, an empty reason
        // (asked again), the reason; then the first entry's first prompt, where the operator pauses.
        let run = ws.run(["key", Self.batch], as: "nhaplieu", lang: "en", input: ["!", "9", "1", "", "Bìa sổ", ":q"])
        #expect(run.exitCode == 0, "\(run.err)")
        #expect(run.unreadInput == 0)
        #expect(run.out.contains("Not an entry? Choose: 1 = cover · 2 = blank page · 3 = index · 4 = cancelled entry · 5 = other"))
        #expect(run.out.contains("File 00-bia.pdf marked as cover, not an entry."))
        #expect(run.out.contains("KS.2017.01.2017-01-05.01.pdf"), "keying went on to the next file")
        let shown = ws.run(["batch", "show", Self.batch], lang: "en")
        #expect(shown.out.contains("Files that are not entries (1)"))
        #expect(shown.out.contains("00-bia.pdf") && shown.out.contains("Bìa sổ") && shown.out.contains("nhaplieu"))
        #expect(shown.out.contains("files keyed in pass 1: 0/12") && shown.out.contains("1 file that is not an entry"))
    }

    @Test func aSupervisorMarksAndUnmarksInBothLanguages() throws {
        let ws = try prepare()
        let refused = ws.run(["batch", "mark-file", Self.batch, "00-bia.pdf", "--not-an-entry", "cover", "--reason", "Bìa"], as: "nhaplieu", lang: "en")
        #expect(refused.exitCode == 1)
        #expect(refused.err.contains("nhaplieu (role operator) may not mark scan files as not entries, or clear such marks; this needs the supervisor role"), "\(refused.err)")
        let badKind = ws.run(["batch", "mark-file", Self.batch, "00-bia.pdf", "--not-an-entry", "poster", "--reason", "x"])
        #expect(badKind.exitCode == 64)
        let marked = ws.run(["batch", "mark-file", Self.batch, "00-bia.pdf", "--not-an-entry", "cover", "--reason", "Bìa sổ"])
        #expect(marked.exitCode == 0, "\(marked.err)")
        #expect(marked.out.contains("Đã đánh dấu tệp 00-bia.pdf: bìa sổ, không phải trường hợp đăng ký."))
        let again = ws.run(["batch", "mark-file", Self.batch, "00-bia.pdf", "--not-an-entry", "blank", "--reason", "x"], lang: "en")
        #expect(again.exitCode == 1 && again.err.contains("already marked as not an entry (cover)"))
        let cleared = ws.run(["batch", "unmark-file", Self.batch, "00-bia.pdf", "--reason", "Nhầm"], lang: "en")
        #expect(cleared.exitCode == 0 && cleared.out.contains("Mark cleared on file 00-bia.pdf"))
        let audit = ws.run(["audit", "--batch", Self.batch, "--format", "csv"])
        #expect(audit.out.contains("file-not-an-entry") && audit.out.contains("file-entry-again"))
    }

    /// After a partial import, the end of the import and `batch show` say which numbers are still
    /// missing and how to finish them.
    @Test func aPartialImportSaysWhatIsMissingAndHowToFinish() throws {
        let ws = try CLIWorkspace()
        let book = try SampleScans.writeGoodBook(into: ws.root)
        #expect(ws.run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1",
                        "--policy", "review"]).exitCode == 0)
        var rows = SampleKeyings.rows(pass: 1)
        rows[5][12] = "31.13.2016"  // no. 05: not a date
        rows[7][11] = "X"  // no. 07: not a sex
        let sheet = ws.root.appendingPathComponent("so-lieu.csv")
        try Data(rows.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }.joined(separator: "\n").utf8).write(to: sheet)
        let run = ws.run(["key", "import", Self.batch, sheet.path, "--partial"], as: "nhaplieu", lang: "en")
        #expect(run.exitCode == 0, "\(run.err)")
        #expect(run.out.contains("Pass 1 still lacks: numbers 05, 07."), "\(run.out)")
        #expect(run.out.contains("To finish keying: correct the rejected rows in \(sheet.path).rejects.csv itself and import that file"))
        #expect(run.out.contains("or key the files left by keyboard: `hotich key \(Self.batch)`"))
        let shown = ws.run(["batch", "show", Self.batch])
        #expect(shown.out.contains("Lần nhập 1 còn thiếu: số 05, 07."))
        #expect(shown.out.contains("Để nhập nốt: nhập tay từng tệp còn lại: `hotich key \(Self.batch)`."))
    }
}
