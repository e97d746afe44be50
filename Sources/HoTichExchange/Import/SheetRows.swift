import HoTichXML

/// Collects a worksheet's rows from the events of a push parser (``XMLPushParser``): cells by their
/// reference, shared strings resolved, numbers named, every size bounded as the rows arrive. What
/// it cannot accept (a reference beyond XFD, a missing shared string, a cell past its size) stops it
/// with the reason, which its reader throws.
final class SheetRows: XMLEventHandler {
    /// A cell's type attribute, as the reader needs it.
    private enum CellType {
        case number, sharedString, boolean, other
    }

    private let sharedStrings: [String]
    /// Rows completed and not yet taken, and where the next to take is.
    private(set) var rows: [TabularRow] = []
    private var taken = 0
    private(set) var failure: TabularError?

    private var rowNumber = 0
    private var number = 0
    private var cells: [String] = []
    private var numbers = Set<Int>()
    private var column = 0
    private var type = CellType.number
    private var text: [UInt8] = []

    /// What each open element is, innermost last.
    private enum Open {
        case row, cell, value, phonetic, other
    }

    private var open: [Open] = []

    init(sharedStrings: [String]) {
        self.sharedStrings = sharedStrings
        super.init()
        wantsText = false
    }

    /// The next completed row, if one is waiting.
    func take() -> TabularRow? {
        guard taken < rows.count else { return nil }
        taken += 1
        if taken == rows.count {
            defer {
                rows.removeAll(keepingCapacity: true)
                taken = 0
            }
            return rows[taken - 1]
        }
        return rows[taken - 1]
    }

    private func fail(_ error: TabularError) {
        if failure == nil { failure = error }
        wantsText = false
    }

    override func startElement(_ element: XMLElementEvent) {
        guard failure == nil else { return open.append(.other) }
        if element.isNamed("row") {
            rowNumber += 1
            let stated = element.withAttribute("r") { $0.map { XLSXReader.integer($0) ?? -1 } } ?? rowNumber
            guard (1...TabularLimits.rows).contains(stated) else {
                open.append(.other)
                return fail(.cellOutOfRange(row: rowNumber))
            }
            rowNumber = stated
            number = stated
            cells = []
            numbers = []
            open.append(.row)
        } else if element.isNamed("c") && open.last == .row {
            // A reference beyond XFD, or more cells than a worksheet has: refused, never allocated.
            guard let index = element.withAttribute("r", { $0.map(XLSXReader.columnIndex) }) ?? cells.count,
                  index < TabularLimits.cellsPerRow
            else {
                open.append(.other)
                return fail(.cellOutOfRange(row: rowNumber))
            }
            column = index
            type = element.withAttribute("t") { bytes in
                guard let bytes else { return .number }
                if bytes.elementsEqual("n".utf8) { return .number }
                if bytes.elementsEqual("s".utf8) { return .sharedString }
                if bytes.elementsEqual("b".utf8) { return .boolean }
                return .other
            }
            text.removeAll(keepingCapacity: true)
            open.append(.cell)
        } else if element.isNamed("rPh") {
            open.append(.phonetic)
        } else if (element.isNamed("v") || element.isNamed("t")) && open.contains(.cell) && !open.contains(.phonetic) {
            open.append(.value)
            wantsText = true
        } else {
            open.append(.other)
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        text.append(contentsOf: bytes)
        if text.count > TabularLimits.cellBytes { fail(.rowTooLarge(row: rowNumber)) }
    }

    override func endElement() {
        let closing = open.popLast()
        guard failure == nil else { return }
        switch closing {
        case .value?:
            wantsText = false
        case .cell?:
            let value = String(decoding: text, as: UTF8.self)
            switch type {
            case .sharedString:
                // A shared string the table does not hold is a damaged file, not a number.
                guard let index = Int(value), sharedStrings.indices.contains(index) else { return fail(.badSharedString(row: rowNumber)) }
                store(sharedStrings[index])
            case .boolean:
                store(value == "1" ? "TRUE" : "FALSE")
            case .number:
                if !value.isEmpty { numbers.insert(column) }
                store(value)
            case .other:
                store(value)
            }
        case .row?:
            rows.append(TabularRow(number: number, cells: cells, numericCells: numbers))
        case .phonetic?, .other?, nil:
            break
        }
    }

    private func store(_ value: String) {
        if column >= cells.count { cells.append(contentsOf: repeatElement("", count: column - cells.count + 1)) }
        cells[column] = value
    }
}
