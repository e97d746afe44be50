import Foundation
import HoTichExchange
import Testing

@Suite struct ExportPartsValidationTests {
    /// The sample batch's export (12 entries, the workflow tests' golden file) and a folder for
    /// variants of it.
    static func exported() throws -> (test: TemporaryFolder, text: String) {
        (try TemporaryFolder(), try GoldenExport.text())
    }

    /// Validates `text` whole and in three parts; both reports, and whether the file was cut.
    static func both(_ text: String, in test: TemporaryFolder) throws -> (whole: ValidationReport, parts: ValidationReport, cut: Bool) {
        let url = test.root.appendingPathComponent("variant-\(UUID().uuidString).xml")
        try Data(text.utf8).write(to: url)
        let whole = ExportValidator.validate(file: url, packageFolder: nil, splitFrom: .max, parts: 1)
        let parts = ExportValidator.validate(file: url, packageFolder: nil, splitFrom: 0, parts: 3)
        return (whole, parts, ExportFileParts.plan(url, parts: 3) != nil)
    }

    /// Replaces the `occurrence`-th (0-based) match of `target`.
    static func replacing(_ target: String, with replacement: String, occurrence: Int, in text: String) throws -> String {
        var range = text.startIndex..<text.endIndex
        var found = range
        for _ in 0...occurrence {
            found = try #require(text.range(of: target, range: range))
            range = found.upperBound..<text.endIndex
        }
        return text.replacingCharacters(in: found, with: replacement)
    }

    @Test func aValidFileIsValidInPartsToo() throws {
        let (test, text) = try Self.exported()
        let (whole, parts, cut) = try Self.both(text, in: test)
        #expect(cut)
        #expect(whole.isValid && parts.isValid, "\(parts.describe())")
        #expect(parts.items == 12 && whole.items == 12)
    }

    @Test func problemsInEachPartAreFoundOnTheirLinesInTheFile() throws {
        let (test, text) = try Self.exported()
        // A bad version in the second entry and in the eleventh (first and last part), a bad date in the seventh.
        var broken = try Self.replacing("<recordVersion>1</recordVersion>", with: "<recordVersion>x</recordVersion>", occurrence: 1, in: text)
        broken = try Self.replacing("<recordVersion>1</recordVersion>", with: "<recordVersion>0</recordVersion>", occurrence: 9, in: broken)
        broken = try Self.replacing("<ymd>", with: "<ymd>2017-13-01</ymd><ymd>", occurrence: 14, in: broken)
        let (whole, parts, cut) = try Self.both(broken, in: test)
        #expect(cut && !whole.isValid)
        #expect(parts.lines.map(\.line) == whole.lines.map(\.line), "\(parts.describe(limit: 10)) / \(whole.describe(limit: 10))")
        #expect(parts.lines.map(\.message) == whole.lines.map(\.message))
        #expect(parts.problemCount == whole.problemCount)
    }

    @Test func aRecordRepeatedInAnotherPartAndAWrongSummaryAreFound() throws {
        let (test, text) = try Self.exported()
        let ids = text.components(separatedBy: "<recordId>").dropFirst().map { String($0.prefix(36)) }
        var broken = text.replacingOccurrences(of: ids[10], with: ids[0])
        broken = broken.replacingOccurrences(of: "<entries>12</entries>", with: "<entries>13</entries>")
        let (whole, parts, cut) = try Self.both(broken, in: test)
        #expect(cut)
        #expect(parts.lines.map(\.line) == whole.lines.map(\.line))
        #expect(parts.lines.map(\.message) == whole.lines.map(\.message))
        #expect(parts.lines.contains { $0.message.contains("appears twice") })
        #expect(parts.lines.contains { $0.message.contains("summary says 13 entries") })
    }

    @Test func aHeaderProblemIsReportedOnceAndATruncatedFileIsInvalid() throws {
        let (test, text) = try Self.exported()
        let badHeader = text.replacingOccurrences(of: "<name>hotich</name>", with: "<name>hotich</name><extra/>")
        let header = try Self.both(badHeader, in: test)
        #expect(header.cut && !header.parts.isValid)
        #expect(header.parts.lines.map(\.line) == header.whole.lines.map(\.line))
        #expect(header.parts.problemCount == header.whole.problemCount)

        let truncated = String(text.prefix(text.count - 200))
        let cut = try Self.both(truncated, in: test)
        #expect(!cut.cut && !cut.parts.isValid, "without `</records>` the file is validated whole")
    }

    @Test func progressCountsUpToEverythingThePartsRead() throws {
        let (test, text) = try Self.exported()
        let url = test.root.appendingPathComponent("progress.xml")
        try Data(text.utf8).write(to: url)
        final class Calls: @unchecked Sendable {
            private let lock = NSLock()
            private var values: [(Int64, Int64)] = []
            func add(_ done: Int64, _ total: Int64) { lock.withLock { values.append((done, total)) } }
            var all: [(Int64, Int64)] { lock.withLock { values } }
        }
        let calls = Calls()
        let report = ExportValidator.validate(file: url, packageFolder: nil, splitFrom: 0, parts: 3) { calls.add($0, $1) }
        #expect(report.isValid)
        let parts = try #require(ExportFileParts.plan(url, parts: 3))
        let size = Int64(text.utf8.count)
        let head = Int64(text.utf8.distance(from: text.startIndex, to: try #require(text.range(of: "<records>")).upperBound))
        let tail = Int64(text.utf8.distance(from: try #require(text.range(of: "</records>", options: .backwards)).lowerBound, to: text.endIndex))
        // Every byte once, and the head and tail once more for each part after the first.
        #expect(parts.bytesToRead == size + Int64(parts.count - 1) * (head + tail))
        #expect(calls.all.count > 1 && calls.all.allSatisfy { $0.1 == parts.bytesToRead })
        #expect(zip(calls.all, calls.all.dropFirst()).allSatisfy { $0.0 < $1.0 })
        #expect(calls.all.last?.0 == parts.bytesToRead)
    }

    @Test func aCommentAmongTheEntriesMeansTheFileIsValidatedWhole() throws {
        let (test, text) = try Self.exported()
        let commented = try Self.replacing("<entry ", with: "<!-- <entry seq=\"0\"> --><entry ", occurrence: 5, in: text)
        let (whole, parts, cut) = try Self.both(commented, in: test)
        #expect(!cut)
        #expect(whole.isValid && parts.isValid)
    }
}
