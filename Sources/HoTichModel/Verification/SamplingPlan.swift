/// An ISO 2859-1 single sampling plan for normal inspection at general inspection level II.
///
/// The lot is a batch's records; an item is defective when the verifier corrects at least one of
/// its fields. The plan draws `sampleSize` records; the lot is accepted when at most
/// `acceptance` are defective and rejected from `rejection` on.
///
/// The figures are those of ISO 2859-1 (= ANSI/ASQ Z1.4) Table I (sample size code letters) and
/// Table II-A (single sampling, normal inspection), arrows followed to the plan they point at:
/// each AQL column holds `0 1`, then ↑, ↓, then `1 2`, `2 3`, `3 4`, `5 6`, `7 8`, `10 11`, `14 15`,
/// `21 22` one code letter after another, and one letter further right for each larger AQL.
public struct SamplingPlan: Sendable, Hashable, Codable {
    /// The acceptable quality limit, in percent defective.
    public let aql: AQL
    /// The number of records in the batch.
    public let lotSize: Int
    /// The code letter of Table I for the lot size (level II), before any arrow is followed.
    public let codeLetter: String
    /// How many records to check (never more than the lot: a lot no larger than the plan's sample
    /// is checked whole, as ISO 2859-1 directs).
    public let sampleSize: Int
    /// The most defective records with which the lot is accepted.
    public let acceptance: Int
    /// The fewest defective records with which the lot is rejected.
    public var rejection: Int { acceptance + 1 }

    /// The AQLs of Table II-A that suit data entry (0.010 % to 6.5 %).
    public enum AQL: String, Sendable, CaseIterable, Codable {
        case p0_010 = "0.010", p0_015 = "0.015", p0_025 = "0.025", p0_040 = "0.040", p0_065 = "0.065"
        case p0_10 = "0.10", p0_15 = "0.15", p0_25 = "0.25", p0_40 = "0.40", p0_65 = "0.65"
        case p1_0 = "1.0", p1_5 = "1.5", p2_5 = "2.5", p4_0 = "4.0", p6_5 = "6.5"

        /// Reads `1`, `1.0`, `0,65`, `.65`: any spelling of a listed value.
        public init?(_ text: String) {
            let cleaned = String(text.trimmingWhitespace().map { $0 == "," ? "." : $0 })
            guard let number = Double(cleaned.hasPrefix(".") ? "0" + cleaned : cleaned) else { return nil }
            guard let match = AQL.allCases.first(where: { abs($0.percent - number) < 1e-9 }) else { return nil }
            self = match
        }

        public var percent: Double { Double(rawValue) ?? 0 }
    }

    /// Table I, level II: the largest lot size of each code letter A…Q.
    static let lotLimits = [8, 15, 25, 50, 90, 150, 280, 500, 1_200, 3_200, 10_000, 35_000, 150_000, 500_000, Int.max]
    /// The sample size of each code letter A…R.
    static let sampleSizes = [2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1_250, 2_000]
    static let letters = ["A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "Q", "R"]
    /// The acceptance numbers met along a column after its `0 1` plan and the two arrows.
    static let acceptanceLadder = [1, 2, 3, 5, 7, 10, 14, 21]

    /// The plan for a lot of `lotSize` records at `aql`.
    /// - Precondition: `lotSize` ≥ 1.
    public init(lotSize: Int, aql: AQL) {
        precondition(lotSize >= 1, "a lot has at least one item")
        self.aql = aql
        self.lotSize = lotSize
        let row = Self.lotLimits.firstIndex { lotSize <= $0 } ?? Self.lotLimits.count - 1
        codeLetter = Self.letters[row]
        // The row of this AQL's `0 1` plan: 6.5 % has it at letter A, each smaller AQL one letter lower.
        let aqlIndex = AQL.allCases.firstIndex(of: aql) ?? 0
        let zeroRow = AQL.allCases.count - 1 - aqlIndex
        let offset = row - zeroRow
        let planRow: Int
        let accept: Int
        switch offset {
        case ..<0, 0, 1:
            // ↓ above the plan, the plan itself, ↑ just below it: all lead to `0 1`.
            (planRow, accept) = (zeroRow, 0)
        case 2:
            // ↓ to the first `1 2` plan.
            (planRow, accept) = (zeroRow + 3, 1)
        default:
            let step = min(offset - 3, Self.acceptanceLadder.count - 1)
            (planRow, accept) = (zeroRow + 3 + step, Self.acceptanceLadder[step])
        }
        let size = Self.sampleSizes[min(planRow, Self.sampleSizes.count - 1)]
        sampleSize = min(size, lotSize)
        acceptance = accept
    }

    /// Whether a sample with `defective` defective records accepts the lot.
    public func accepts(defective: Int) -> Bool { defective <= acceptance }
}

extension SamplingPlan {
    /// Draws the sample: `sampleSize` distinct positions among `lotSize` items, in drawing order.
    ///
    /// The draw is a partial Fisher–Yates shuffle driven by ``SeededRandom``: the same seed over
    /// the same lot (in the same order) draws the same items, so a sample can be reproduced.
    public func draw(seed: UInt64) -> [Int] {
        var generator = SeededRandom(seed: seed)
        var positions = Array(0..<lotSize)
        for index in 0..<sampleSize {
            let pick = index + Int(generator.next() % UInt64(lotSize - index))
            positions.swapAt(index, pick)
        }
        return Array(positions.prefix(sampleSize))
    }
}

/// A small deterministic random number generator (SplitMix64), so that a recorded seed repeats
/// a sample draw exactly on any machine and any Swift version.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
