/// Checks of the registration numbers of one office, record kind and year.
///
/// Numbers restart at 1 each year and run on across the books of that year. The check reports
/// numbers missing, numbers used twice, numbers that go down where the book goes forward, and
/// registration dates that go back as numbers rise.
///
/// "Where the book goes forward" is the book's own order: volume, then page. An entry whose page
/// was not read has no known place in the book and takes no part in the order check (it still
/// counts for gaps, repeats and dates). The order of scan files is not the book's: a record keyed
/// from a spreadsheet has no file at all, and file names sort by date.
public enum RegisterSequence {
    /// Where an entry stands in the books of its year.
    public struct BookPosition: Sendable, Hashable, Comparable {
        public let volume: Int
        public let page: Int

        public init(volume: Int, page: Int) {
            self.volume = volume
            self.page = page
        }

        public static func < (lhs: BookPosition, rhs: BookPosition) -> Bool {
            (lhs.volume, lhs.page) < (rhs.volume, rhs.page)
        }
    }

    /// One register entry as the sequence check sees it.
    public struct Entry: Sendable, Hashable {
        /// The record's id.
        public let id: String
        /// The registration number (without year suffix or leading zeros).
        public let number: Int
        /// The registration date, when it was read.
        public let registered: PartialDate?
        /// The volume and page the entry is written on, when the page was read.
        public let position: BookPosition?

        public init(id: String, number: Int, registered: PartialDate?, position: BookPosition? = nil) {
            self.id = id
            self.number = number
            self.registered = registered
            self.position = position
        }
    }

    /// Something wrong with the sequence.
    public enum Finding: Sendable, Hashable {
        /// Numbers `from`…`to` appear in no entry (the entry after the gap is `before`,
        /// the one before it `after`, when there is one).
        case gap(from: Int, to: Int, after: String?, before: String)
        /// The number appears in more than one entry (listed in book order).
        case duplicate(number: Int, entries: [String])
        /// The entry's number is lower than that of the entry before it in the book.
        case outOfOrder(entry: String, number: Int, previousNumber: Int)
        /// The entry's registration date is before that of the entry with the next lower number.
        case dateGoesBack(entry: String, number: Int, previousNumber: Int)

        /// The entries the finding is about.
        public var entries: [String] {
            switch self {
            case .gap(_, _, let after, let before): [after, before].compactMap { $0 }
            case .duplicate(_, let entries): entries
            case .outOfOrder(let entry, _, _), .dateGoesBack(let entry, _, _): [entry]
            }
        }
    }

    /// The findings for the entries of one office, kind and year, in any order.
    public static func check(_ entries: [Entry]) -> [Finding] {
        var findings: [Finding] = []
        // Out of order: walking the book page by page, a number lower than the one before it. Entries
        // of one page are taken in number order (the page is as precise as the register lets us be).
        let placed = entries.compactMap { entry in entry.position.map { (position: $0, entry: entry) } }
            .sorted { ($0.position, $0.entry.number, $0.entry.id) < ($1.position, $1.entry.number, $1.entry.id) }
            .map(\.entry)
        for (previous, entry) in zip(placed, placed.dropFirst()) where entry.number < previous.number {
            findings.append(.outOfOrder(entry: entry.id, number: entry.number, previousNumber: previous.number))
        }
        // Duplicates and gaps: the numbers in numeric order.
        var byNumber: [Int: [String]] = [:]
        for entry in entries { byNumber[entry.number, default: []].append(entry.id) }
        let numbers = byNumber.keys.sorted()
        for number in numbers where byNumber[number, default: []].count > 1 {
            findings.append(.duplicate(number: number, entries: byNumber[number, default: []]))
        }
        var expected = 1
        var previousID: String?
        for number in numbers {
            let first = byNumber[number, default: []][0]
            if number > expected {
                findings.append(.gap(from: expected, to: number - 1, after: previousID, before: first))
            }
            expected = number + 1
            previousID = byNumber[number, default: []].last
        }
        // Dates that go back as numbers rise (only where both dates are known precisely enough).
        let dated = entries.sorted { $0.number < $1.number }
        for (previous, entry) in zip(dated, dated.dropFirst()) where previous.number < entry.number {
            guard let earlier = previous.registered, let later = entry.registered else { continue }
            if later.isCertainlyBefore(earlier) == true {
                findings.append(.dateGoesBack(entry: entry.id, number: entry.number, previousNumber: previous.number))
            }
        }
        return findings
    }
}
