import Foundation
import HoTichExchange
import HoTichModel
import HoTichWorkflow
import HoTichTestSupport
import Testing
import ZIPFoundation

/// Seeded mutations of real inputs, for the readers and parsers that take files from outside.
///
/// Reduced in the test suite (`HOTICH_FUZZ_CASES`, 150 cases per target by default); the full run
/// is `benchmarks/fuzz` (thousands of cases, another seed each time unless `HOTICH_FUZZ_SEED` is
/// given). Every case must end — with a result or with the reader's own error — within a generous
/// bound (a hang detector, not a speed check), and memory must stay bounded: no crash, no hang,
/// no file outside its folder.
struct Mutator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }

    /// Bytes that matter to the formats under test.
    static let interesting: [UInt8] = [0x00, 0xFF, 0x22, 0x2C, 0x3B, 0x0A, 0x0D, 0x3C, 0x3E, 0x26, 0x2F, 0x2E, 0x2D, 0x50, 0x4B, 0xC3, 0xE1, 0x1B]

    /// One to eight edits: flip, set to an interesting byte, insert, delete a slice, duplicate a
    /// slice, truncate.
    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...below(8) {
            let position = below(max(bytes.count, 1))
            switch below(6) {
            case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(truncatingIfNeeded: 1 << below(8))
            case 1 where !bytes.isEmpty: bytes[position] = Self.interesting[below(Self.interesting.count)]
            case 2: bytes.insert(contentsOf: repeatElement(Self.interesting[below(Self.interesting.count)], count: 1 + below(16)), at: min(position, bytes.count))
            case 3 where bytes.count > 2:
                let end = min(bytes.count, position + 1 + below(64))
                bytes.removeSubrange(position..<end)
            case 4 where bytes.count > 2:
                let end = min(bytes.count, position + 1 + below(256))
                bytes.insert(contentsOf: bytes[position..<end], at: end)
            case 5: bytes = Array(bytes.prefix(position))
            default: continue
            }
        }
        return bytes
    }
}

@Suite struct FuzzTests {
    static let cases = Int(ProcessInfo.processInfo.environment["HOTICH_FUZZ_CASES"] ?? "") ?? 150
    static let seed = UInt64(ProcessInfo.processInfo.environment["HOTICH_FUZZ_SEED"] ?? "") ?? 20_261_202

    /// Runs `body` on its own thread and records an issue if it has not ended after `seconds`.
    static func bounded(_ what: String, seconds: Double = 30, _ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        if done.wait(timeout: .now() + seconds) == .timedOut {
            Issue.record("\(what) did not end within \(Int(seconds)) s (seed \(seed))")
        }
    }

    /// Peak resident memory of the test process, in MiB.
    static var peakMiB: Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Reads every row a tabular file gives, until its end or its error.
    static func drain(_ url: URL, temporaryFolder: URL) {
        guard let source = try? TabularFile.open(url, temporaryFolder: temporaryFolder) else { return }
        var rows = 0
        while rows < 2_000_000, (try? source.nextRow()).flatMap({ $0 }) != nil { rows += 1 }
    }

    @Test func csvReader() throws {
        let work = try folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let seeds: [[UInt8]] = [
            Array(SampleKeyings.csv(pass: 1).utf8),
            [0xEF, 0xBB, 0xBF] + Array(SampleKeyings.csv(pass: 2).replacingOccurrences(of: ",", with: ";").utf8),
            Array("so,nksHoTen\r\n\"1\",\"a \"\"b\"\"\nc\"\r\n".utf8),
        ]
        var mutator = Mutator(seed: Self.seed)
        for index in 0..<Self.cases {
            let bytes = mutator.mutate(seeds[index % seeds.count])
            let url = work.appendingPathComponent("case-\(index).csv")
            try Data(bytes).write(to: url)
            Self.bounded("CSV case \(index)") { Self.drain(url, temporaryFolder: work) }
            try? FileManager.default.removeItem(at: url)
        }
        #expect(Self.peakMiB < 2_048)
    }

    @Test func xlsxReader() throws {
        let work = try folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let sample = work.appendingPathComponent("sample.xlsx")
        try writeXLSX(Array(SampleKeyings.rows(pass: 1).prefix(5)), to: sample)
        let archive = try Archive(url: sample, accessMode: .read)
        var sheet: [UInt8] = []
        _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { sheet += $0 }
        var shared: [UInt8] = []
        _ = try archive.extract(try #require(archive["xl/sharedStrings.xml"])) { shared += $0 }
        let zipped = Array(try Data(contentsOf: sample))
        var mutator = Mutator(seed: Self.seed &+ 1)
        for index in 0..<Self.cases {
            let url = work.appendingPathComponent("case-\(index).xlsx")
            if index % 3 == 0 {
                try Data(mutator.mutate(zipped)).write(to: url)  // the archive itself damaged
            } else {
                // A well-formed archive around damaged parts: the XML readers get the blows.
                let brokenSheet = index % 3 == 1 ? mutator.mutate(sheet) : sheet
                let brokenShared = index % 3 == 2 ? mutator.mutate(shared) : shared
                try writeXLSXParts(sheet: String(decoding: brokenSheet, as: UTF8.self), shared: String(decoding: brokenShared, as: UTF8.self), to: url)
            }
            let temporary = work.appendingPathComponent("tmp-\(index)")
            Self.bounded("XLSX case \(index)") { Self.drain(url, temporaryFolder: temporary) }
            // Whatever happened, the workbook's unpacked parts are gone once its reader is.
            let left = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
            #expect(left.isEmpty, "XLSX case \(index) left \(left)")
            try? FileManager.default.removeItem(at: url)
        }
        #expect(Self.peakMiB < 2_048)
    }

    @Test func zipUnpacker() throws {
        let work = try folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let book = try SampleScans.writeGoodBook(into: work)
        let zip = work.appendingPathComponent("book.zip")
        try FileManager.default.zipItem(at: book, to: zip, shouldKeepParent: false)
        let seed = Array(try Data(contentsOf: zip))
        var mutator = Mutator(seed: Self.seed &+ 2)
        let cage = work.appendingPathComponent("cage")
        for index in 0..<Self.cases {
            let url = work.appendingPathComponent("case-\(index).zip")
            try Data(mutator.mutate(seed)).write(to: url)
            let destination = cage.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
            Self.bounded("zip case \(index)") { _ = try? ZipUnpacker.unpack(url, into: destination) }
            // Nothing lands beside the destination, whatever the archive's names say.
            #expect(try FileManager.default.contentsOfDirectory(atPath: cage.path) == ["out"], "zip case \(index)")
            try? FileManager.default.removeItem(at: cage)
            try? FileManager.default.removeItem(at: url)
        }
        #expect(Self.peakMiB < 2_048)
    }

    @Test func exportValidatorAndReceipts() throws {
        let work = try folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let examples = repositoryRoot.appendingPathComponent("schemas/hotich-export/1/examples/valid")
        let seeds = try ["export-KS.xml", "manifest.xml", "receipt.xml"].map { Array(try Data(contentsOf: examples.appendingPathComponent($0))) }
        var mutator = Mutator(seed: Self.seed &+ 3)
        for index in 0..<Self.cases {
            let url = work.appendingPathComponent("case-\(index).xml")
            try Data(mutator.mutate(seeds[index % seeds.count])).write(to: url)
            Self.bounded("XML case \(index)") {
                _ = ExportValidator.validate(file: url)
                _ = try? Receipt.read(url)
            }
            try? FileManager.default.removeItem(at: url)
        }
        #expect(Self.peakMiB < 2_048)
    }

    /// The parsers of what people and file names say: names, dates, ID numbers, every field type.
    @Test func parsersOfNamesDatesAndNumbers() {
        let alphabet = Array("0123456789.-/ ?=KSTHNCMnulxZ_aăâđêôơưÀẾ\u{301}\u{1B}\u{200B}\t".unicodeScalars)
        let seeds = ["KS.2017.01.2017-02-03.05.pdf", "28.12.2016", "02.2017", "001217000002", "Nguyễn Văn An", "15:30", "01/2017", "1990?"]
        var mutator = Mutator(seed: Self.seed &+ 4)
        let fields = FieldCatalog.fields(for: .birth)
        for index in 0..<(Self.cases * 20) {
            var text = seeds[index % seeds.count].unicodeScalars.map { $0 }
            for _ in 0...mutator.below(4) {
                let position = mutator.below(text.count + 1)
                switch mutator.below(3) {
                case 0: text.insert(alphabet[mutator.below(alphabet.count)], at: position)
                case 1 where !text.isEmpty: text.remove(at: min(position, text.count - 1))
                default: if !text.isEmpty { text[min(position, text.count - 1)] = alphabet[mutator.below(alphabet.count)] }
                }
            }
            let string = String(String.UnicodeScalarView(text))
            _ = ScanFileName.parse(string)
            _ = PartialDate(string)
            _ = PersonalIDNumber(string)
            _ = VietnameseText.folded(string)
            _ = VietnameseText.singleLine(string)
            let escaped = TerminalText.escaped(string)
            #expect(!escaped.unicodeScalars.contains(where: TerminalText.isUnsafe), "escaped text is safe")
            _ = FieldRules.check(cell: string, for: fields[index % fields.count])
            _ = CSVDialect.removingFormulaGuard(CSVDialect.formulaSafe(string))
        }
    }
}
