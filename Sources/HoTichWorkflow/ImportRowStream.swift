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

/// Reads and checks the rows of an import on a second thread while the caller writes the rows
/// already checked: parsing and checking cost about as much as storing, so each gets a core.
///
/// The rows come out in file order. At most a few chunks wait between the two threads, so memory
/// stays bounded whatever the file's length. Call ``close()`` when done, early or not (a `defer`):
/// it stops the reading thread and returns once that thread has ended, so none outlives the import
/// or keeps its file open.
final class ImportRowStream: @unchecked Sendable {
    private static let chunkSize = 256
    private static let chunksAhead = 8

    private let condition = NSCondition()
    private var chunks: [[CheckedRow]] = []
    private var current: [CheckedRow] = []
    private var position = 0
    private var ended = false
    private var failure: TabularError?
    private var cancelled = false
    private let finished = DispatchSemaphore(value: 0)
    private var closed = false

    /// Starts reading `source` (positioned after its header) on a new thread.
    init(source: any TabularSource, checker: ImportRowChecker) {
        let box = SourceBox(source)
        let thread = Thread { [self] in
            produce(box.source, checker: checker)
            finished.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The next checked row, `nil` at the end of the file; throws where the file stops being readable
    /// (after every row before that point was returned).
    func next() throws(TabularError) -> CheckedRow? {
        if position < current.count {
            position += 1
            return current[position - 1]
        }
        condition.lock()
        while chunks.isEmpty && !ended { condition.wait() }
        if chunks.isEmpty {
            condition.unlock()
            if let failure { throw failure }
            return nil
        }
        current = chunks.removeFirst()
        condition.signal()
        condition.unlock()
        position = 1
        return current[0]
    }

    /// Stops the reading thread and waits for it to end; rows not yet taken are dropped.
    func close() {
        guard !closed else { return }
        closed = true
        condition.lock()
        cancelled = true
        chunks.removeAll()
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }

    private func produce(_ source: any TabularSource, checker: ImportRowChecker) {
        var chunk: [CheckedRow] = []
        chunk.reserveCapacity(Self.chunkSize)
        var failure: TabularError?
        while true {
            let row: TabularRow?
            do {
                row = try source.nextRow()
            } catch {
                failure = error
                break
            }
            guard let row else { break }
            // Rows with nothing in them are not rows of the register.
            if row.cells.allSatisfy(ImportColumns.isBlank) { continue }
            chunk.append(checker.check(row))
            if chunk.count == Self.chunkSize {
                guard hand(chunk) else { return }
                chunk.removeAll(keepingCapacity: true)
            }
        }
        condition.lock()
        if !chunk.isEmpty && !cancelled { chunks.append(chunk) }
        self.failure = failure
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a chunk, waiting while the writer is behind; `false` once cancelled.
    private func hand(_ chunk: [CheckedRow]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= Self.chunksAhead && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        chunks.append(chunk)
        condition.signal()
        return true
    }
}

/// Hands the source to the reading thread, which is its only user from then on.
private final class SourceBox: @unchecked Sendable {
    let source: any TabularSource
    init(_ source: any TabularSource) { self.source = source }
}
