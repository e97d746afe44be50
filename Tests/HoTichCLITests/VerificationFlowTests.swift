import Foundation
import HoTichModel
import HoTichWorkflow
import Testing

/// Verification through the command line: verify, arbitrate by keyboard, review, sampling,
/// duplicates and error rates.
@Suite struct VerificationFlowTests {
    static let batch = "KS-00001-2017-01-1"

    /// A workspace with the sample book received under `policy` and imported (both passes when double).
    func keyed(policy: String = "double") throws -> CLIWorkspace {
        let ws = try CLIWorkspace()
        ws.run(["user", "add", "nhaplieu2", "--role", "operator"], as: "quantri")
        ws.run(["user", "add", "kiemtra", "--role", "verifier"], as: "quantri")
        let book = try SampleScans.writeGoodBook(into: ws.root)
        #expect(ws.run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1",
                        "--policy", policy]).exitCode == 0)
        let sheets = ws.root.appendingPathComponent("sheets")
        try SampleKeyings.write(into: sheets)
        #expect(ws.run(["key", "import", Self.batch, sheets.appendingPathComponent(SampleKeyings.fileName(pass: 1)).path], as: "nhaplieu").exitCode == 0)
        if policy == "double" {
            #expect(ws.run(["key", "import", Self.batch, sheets.appendingPathComponent(SampleKeyings.fileName(pass: 2)).path, "--pass", "2"],
                           as: "nhaplieu2").exitCode == 0)
        }
        return ws
    }

    @Test func verifyThenArbitrateByKeyboardVerifiesTheBatch() throws {
        let ws = try keyed()
        let verify = ws.run(["verify", Self.batch], as: "kiemtra", lang: "en")
        #expect(verify.exitCode == 0, "\(verify.err)")
        #expect(verify.out.contains("8 records agreed between passes or were fully arbitrated; 3 new conflicts; uncertain values to confirm against the image: 1."))
        #expect(verify.out.contains("8/12 records verified; conflicts open: 3; uncertain values to confirm: 1;"))
        #expect(verify.out.contains("hotich arbitrate \(Self.batch)"))

        // In register order: no. 03 name, no. 05 birth date, no. 08 native place (conflicts), no. 11 the
        // father's year both passes keyed as "1990?" (a doubt to confirm).
        // Later (Enter) for the first, a date that cannot be one (asked again), pass 1, pass 1, pass 1 as in the image.
        let first = ws.run(["arbitrate", Self.batch], as: "kiemtra", lang: "en", input: ["", "31.02.2017x", "1", "1", "1"])
        #expect(first.exitCode == 0, "\(first.err)")
        #expect(first.out.contains("Record no. 03 — Full name"))
        #expect(first.out.contains("  1 = TRẦN GIA BẢO"))
        #expect(first.out.contains("  2 = TRẦN GIA BẢ0"))
        #expect(first.out.contains("Record no. 11 — Father's year or date of birth"))
        #expect(first.out.contains("both passes read the same value, marked uncertain"))
        #expect(first.out.contains("Decided 3 fields"))
        #expect(first.unreadInput == 0, "the impossible date was refused and asked again")
        #expect(first.out.contains("11/12 records verified; conflicts open: 1"))

        let second = ws.run(["arbitrate", Self.batch], as: "kiemtra", lang: "en", input: ["2"])
        #expect(second.exitCode == 0)
        #expect(second.out.contains("Batch \(Self.batch) is verified and ready for export."))
        let shown = ws.run(["batch", "show", Self.batch], lang: "en")
        #expect(shown.out.contains("verified"))

        let rates = ws.run(["report", "operators", "--batch", Self.batch, "--format", "csv"])
        #expect(rates.exitCode == 0)
        let people = csvRows(rates.out)
        #expect(people["nhaplieu2"]?["fields"] == "324" && people["nhaplieu2"]?["errors"] == "2", "\(rates.out)")
        #expect(people["nhaplieu"]?["errors"] == "1", "pass 1 lost the name conflict; its confirmed doubt is no error")
        #expect(people["nhaplieu"]?["errorsPerThousand"] == "3.09" && people["nhaplieu"]?["keyings"] == "12")
        let record = ws.run(["batch", "show", Self.batch, "--format", "json"], lang: "en")
        #expect(record.exitCode == 0)
    }

    @Test func operatorsCannotVerifyAndSupervisorsCannotArbitrate() throws {
        let ws = try keyed()
        let byOperator = ws.run(["verify", Self.batch], as: "nhaplieu", lang: "en")
        #expect(byOperator.exitCode == 1)
        #expect(byOperator.err.contains("may not verify batches"))
        #expect(ws.run(["verify", Self.batch], as: "giamsat").exitCode == 0)
        let bySupervisor = ws.run(["arbitrate", Self.batch], as: "giamsat", lang: "en")
        #expect(bySupervisor.exitCode == 1)
        #expect(bySupervisor.err.contains("this needs the verifier role"))
    }

    @Test func sampleDrawReviewAndAcceptance() throws {
        let ws = try keyed(policy: "sample")
        #expect(ws.run(["qa", "sample", Self.batch, "--aql", "3"], as: "kiemtra").exitCode == 64)
        let draw = ws.run(["qa", "sample", Self.batch, "--aql", "1.0", "--seed", "5"], as: "kiemtra", lang: "en")
        #expect(draw.exitCode == 0, "\(draw.err)")
        #expect(draw.out.contains("code letter B: check 12 records; accept with at most 0 defective"))
        #expect(draw.out.contains("Random seed 5"))
        // Twelve records confirmed, and no. 11's father's year, keyed "1990?", confirmed as the image shows.
        let review = ws.run(["review", Self.batch], as: "kiemtra", lang: "en", input: Array(repeating: "", count: 13))
        #expect(review.exitCode == 0, "\(review.err)")
        #expect(review.unreadInput == 0)
        #expect(review.out.contains("Father's year or date of birth was keyed as uncertain: 1990? — Enter = 1990 as in the image"))
        #expect(review.out.contains("Checking record no."))
        #expect(review.out.contains("the lot is accepted"))
        #expect(review.out.contains("is verified and ready for export"))
    }

    @Test func reviewCorrectsAFieldByItsNumber() throws {
        let ws = try keyed(policy: "review")
        let place = FieldCatalog.fields(for: .birth).firstIndex { $0.key == "nksNoiSinh" }! + 1
        // First record: correct the place of birth, confirm; then pause.
        let run = ws.run(["review", Self.batch], as: "kiemtra", lang: "en", input: ["\(place)", "Bệnh viện Việt Đức", "", ":q"])
        #expect(run.exitCode == 0, "\(run.err)")
        #expect(run.out.contains("Record saved with 1 corrected fields."))
        #expect(run.out.contains("1/12 records verified"))
        let rates = ws.run(["report", "operators", "--format", "csv"])
        #expect(csvRows(rates.out)["kiemtra"]?["decisions"] == "1", "\(rates.out)")
    }

    @Test func duplicatesAreListedAndDecidedBySupervisors() throws {
        let ws = try keyed(policy: "review")
        _ = ws.run(["review", Self.batch], as: "kiemtra", input: Array(repeating: "", count: 13))
        let list = ws.run(["duplicates", Self.batch], lang: "en")
        #expect(list.exitCode == 0)
        #expect(list.out.contains("Nothing to show") || list.out.contains("No."), "\(list.out)")
        let missing = ws.run(["duplicates", "decide", "999", "--distinct"], lang: "en")
        #expect(missing.exitCode == 1)
        #expect(missing.err.contains("There is no possible duplicate number 999"))
        #expect(ws.run(["duplicates", "decide", "1", "--distinct", "--duplicate"]).exitCode == 64)
    }
}

/// The rows of a simple CSV (no quoted commas) keyed by their first column, each a map from header to value.
func csvRows(_ text: String) -> [String: [String: String]] {
    let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    guard let header = lines.first else { return [:] }
    var rows: [String: [String: String]] = [:]
    for line in lines.dropFirst() where !line.isEmpty {
        rows[line[0]] = Dictionary(zip(header, line), uniquingKeysWith: { first, _ in first })
    }
    return rows
}
