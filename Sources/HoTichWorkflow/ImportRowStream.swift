import Foundation
import HoTichExchange
import HoTichModel
import HoTichStore

/// One row of an import file, read and checked: what it says, in stored form, or why it is refused.
struct CheckedRow: Sendable {
    /// The row's 1-based number in the file.
    let number: Int
    let fields: [String: FieldValue]
    /// Every reason the row cannot be imported; empty for an acceptable row.
    let problems: [ImportProblem]
    /// `fields` packed for the store (empty when the row is refused).
    let packed: PackedFieldSet
    /// The record an acceptable row creates when its entry has none yet: identifier and derived
    /// columns filled; entry and scan file are the writer's to set.
    let record: RegisterRecord?
    /// The row's cells as read, for the reject file should the row be refused.
    let cells: [String]
}

/// Checks rows by the rules of interactive keying. Pure: it runs on the reading thread.
struct ImportRowChecker: Sendable {
    let columns: [FieldDefinition?]
    let book: BookIdentity
    let batchID: String
    let time: String
    /// Cells whose state their text does not say (read with doubt, not readable), by row number
    /// and column: what the notes sheet of a Ministry spreadsheet written by hotich lists.
    let states: [Int: [Int: MinistryLayout.CellState]]
    /// The columns that hold a field, in the order of their keys: the order a packed field set keeps.
    private let columnsByKey: [Int]

    init(
        columns: [FieldDefinition?], book: BookIdentity, batchID: String, time: String,
        states: [Int: [Int: MinistryLayout.CellState]] = [:]
    ) {
        self.states = states
        self.columns = columns
        self.book = book
        self.batchID = batchID
        self.time = time
        columnsByKey = columns.enumerated()
            .compactMap { index, field in field.map { (index, $0.key) } }
            .sorted { $0.1 < $1.1 }
            .map(\.0)
    }

    func check(_ row: TabularRow) -> CheckedRow {
        var fields: [String: FieldValue] = [:]
        fields.reserveCapacity(columns.count)
        // The same values by column, for writing the JSON without sorting or looking up keys.
        var values = [FieldValue?](repeating: nil, count: columns.count)
        var problems: [ImportProblem] = []
        for (index, column) in columns.enumerated() {
            guard let field = column else { continue }
            var cell = index < row.cells.count ? CSVDialect.removingFormulaGuard(row.cells[index]) : ""
            if case .date = field.type { cell = ImportColumns.excelSerialDate(cell) ?? cell }
            // An identifier a workbook typed as a number has lost any zero it began with: said, never guessed.
            if row.numericCells.contains(index), field.type == .personalID || field.type == .documentNumber {
                problems.append(ImportProblem(
                    row: row.number, column: field.key, code: "number-lost-zeros",
                    message: .importRowNumberLostZeros(row: row.number, column: field.key)))
                continue
            }
            switch states[row.number]?[index] {
            case .illegible?: cell = "."
            case .uncertain? where !cell.isEmpty && !cell.hasSuffix("?"): cell += "?"
            default: break
            }
            guard let outcome = FieldRules.check(cell: cell, for: field) else {
                if !field.required {
                    fields[field.key] = .blank
                    values[index] = .blank
                }
                continue
            }
            fields[field.key] = outcome.value
            values[index] = outcome.value
            for diagnostic in outcome.diagnostics where diagnostic.severity == .error {
                problems.append(problem(row.number, field.key, diagnostic))
            }
        }
        // Each cell was checked above; what is left is what the row does not say at all.
        for diagnostic in RecordRules.missingRequired(fields, kind: book.kind) {
            problems.append(problem(row.number, diagnostic.field ?? "*", diagnostic))
        }
        // Cells beyond the header belong to no column: a row that holds any is refused, not cut.
        if row.cells.count > columns.count {
            let extra = row.cells[columns.count...].filter { !ImportColumns.isBlank($0) }.count
            if extra > 0 {
                problems.append(ImportProblem(
                    row: row.number, column: "*", code: "extra-cells", message: .importRowExtraCells(row: row.number, count: extra)))
            }
        }
        guard problems.isEmpty else {
            return CheckedRow(number: row.number, fields: fields, problems: problems, packed: PackedFieldSet(packed: ""), record: nil, cells: row.cells)
        }
        // The identifier is made here, off the writing thread (it costs two system calls).
        let record = RegisterRecord(
            id: RecordIdentifier.make(), batchId: batchID, scanFileId: nil, entryKey: "", kind: book.kind, officeCode: book.office,
            fields: fields, bookYear: book.year, at: time)
        var pairs: [(key: String, value: FieldValue)] = []
        pairs.reserveCapacity(columnsByKey.count)
        for index in columnsByKey {
            if let value = values[index], let field = columns[index] { pairs.append((field.key, value)) }
        }
        return CheckedRow(
            number: row.number, fields: fields, problems: [], packed: PackedFieldSet(sortedPairs: pairs), record: record, cells: row.cells)
    }

    private func problem(_ row: Int, _ column: String, _ diagnostic: Diagnostic) -> ImportProblem {
        ImportProblem(
            row: row, column: column, code: diagnostic.code,
            message: .importRowProblem(row: row, diagnostic: diagnostic, kind: book.kind))
    }
}

/// Reads and checks the rows of an import on threads of their own while the caller writes the
/// rows already checked: one thread reads (a workbook's XML costs as much as checking), another
/// checks, so reading, checking and storing each get a share of the cores.
///
/// The rows come out in file order. At most a few chunks wait between the threads, so memory
/// stays bounded whatever the file's length. Call ``close()`` when done, early or not (a `defer`):
/// it stops both threads and returns once they have ended, so none outlives the import or keeps
/// its file open.
final class ImportRowStream: @unchecked Sendable {
    private static let chunkSize = 256
    private static let chunksAhead = 8

    private let read = Chunks<TabularRow>(limit: chunksAhead)
    private let checked = Chunks<CheckedRow>(limit: chunksAhead)
    private var current: [CheckedRow] = []
    private var position = 0
    private let finished = DispatchSemaphore(value: 0)
    private var closed = false

    /// Starts reading `source` (positioned after its header) and checking its rows.
    init(source: any TabularSource, checker: ImportRowChecker) {
        let box = SourceBox(source)
        let works: [@Sendable () -> Void] = [{ [self] in produce(box.source) }, { [self] in check(checker) }]
        for work in works {
            let thread = Thread {
                work()
                self.finished.signal()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// The next checked row, `nil` at the end of the file; throws where the file stops being readable
    /// (after every row before that point was returned).
    func next() throws(TabularError) -> CheckedRow? {
        if position < current.count {
            position += 1
            return current[position - 1]
        }
        switch checked.take() {
        case .chunk(let chunk):
            current = chunk
            position = 1
            return current[0]
        case .end(let failure?):
            throw failure
        case .end(nil):
            return nil
        }
    }

    /// Stops both threads and waits for them to end; rows not yet taken are dropped.
    func close() {
        guard !closed else { return }
        closed = true
        read.cancel()
        checked.cancel()
        finished.wait()
        finished.wait()
    }

    /// The reading thread: rows in chunks, blank rows left out (they are not rows of the register).
    private func produce(_ source: any TabularSource) {
        var chunk: [TabularRow] = []
        chunk.reserveCapacity(Self.chunkSize)
        while true {
            let row: TabularRow?
            do {
                row = try source.nextRow()
            } catch {
                read.end(chunk, failure: error)
                return
            }
            guard let row else { break }
            if row.cells.allSatisfy(ImportColumns.isBlank) { continue }
            chunk.append(row)
            if chunk.count == Self.chunkSize {
                guard read.hand(chunk) else { return }
                chunk.removeAll(keepingCapacity: true)
            }
        }
        read.end(chunk, failure: nil)
    }

    /// The checking thread: each chunk read, checked, in order.
    private func check(_ checker: ImportRowChecker) {
        while true {
            switch read.take() {
            case .chunk(let rows):
                guard checked.hand(rows.map(checker.check)) else { return }
            case .end(let failure):
                checked.end([], failure: failure)
                return
            }
        }
    }
}

/// Chunks handed from one thread to the next, at most `limit` waiting; the producer ends them,
/// with a failure when it stopped on one, and the consumer may cancel them.
private final class Chunks<Element>: @unchecked Sendable {
    enum Taken {
        case chunk([Element])
        case end(TabularError?)
    }

    private let condition = NSCondition()
    private var chunks: [[Element]] = []
    private var ended = false
    private var failure: TabularError?
    private var cancelled = false
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Queues a chunk, waiting while the consumer is behind; `false` once cancelled.
    func hand(_ chunk: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= limit && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    /// Queues the last chunk (when not empty) and ends the stream.
    func end(_ chunk: [Element], failure: TabularError?) {
        condition.lock()
        if !chunk.isEmpty && !cancelled { chunks.append(chunk) }
        self.failure = failure
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, waiting for it; the end (and its failure) once every chunk was taken.
    func take() -> Taken {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !ended && !cancelled { condition.wait() }
        guard !chunks.isEmpty else { return .end(cancelled ? nil : failure) }
        let chunk = chunks.removeFirst()
        condition.broadcast()
        return .chunk(chunk)
    }

    /// Drops what waits and wakes both sides for good.
    func cancel() {
        condition.lock()
        cancelled = true
        chunks.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// Hands the source to the reading thread, which is its only user from then on.
private final class SourceBox: @unchecked Sendable {
    let source: any TabularSource
    init(_ source: any TabularSource) { self.source = source }
}
