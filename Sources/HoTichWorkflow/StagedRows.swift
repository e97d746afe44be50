import Foundation
import HoTichModel

/// One row of an import, checked and put aside until the write: what the writer needs and nothing
/// it must compute again, plus the row's cells for the reject file should the write refuse it.
struct StagedRow: Sendable {
    /// The row's 1-based number in the file.
    let number: Int
    /// The record the row creates when its entry has none: identifier and derived columns.
    let recordId: String
    let registrationYear: Int?
    let registrationNumber: String?
    let subjectName: String?
    let subjectBirthYear: Int?
    let subjectPersonalID: String?
    /// The registration date as stored, for telling apart two files that state one number.
    let registered: String?
    /// The row's values, packed once on the checking thread.
    let packed: PackedFieldSet
    let cells: [String]
}

/// A file of staged rows: an import checks every row before it takes the workspace's write lock,
/// and writes them afterwards from here, so the lock is held only to write.
///
/// Length-prefixed fields, written and read through 1 MiB buffers; memory stays flat whatever the
/// file's length. The file lives in a staging folder of the workspace, owner-only, and goes with it.
enum StagedRowFile {
    /// Writes rows in order.
    final class Writer {
        private let handle: FileHandle
        private var buffer: [UInt8] = []
        private(set) var count = 0

        init(url: URL) throws {
            guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
            handle = try FileHandle(forWritingTo: url)
            buffer.reserveCapacity(1 << 20)
        }

        func append(_ row: StagedRow) throws {
            put(Int64(row.number))
            put(row.recordId)
            put(row.registrationYear.map(Int64.init))
            put(row.registrationNumber)
            put(row.subjectName)
            put(row.subjectBirthYear.map(Int64.init))
            put(row.subjectPersonalID)
            put(row.registered)
            put(row.packed.text)
            put(Int64(row.cells.count))
            for cell in row.cells { put(cell) }
            count += 1
            if buffer.count >= 1 << 20 { try flush() }
        }

        /// Writes what is buffered and closes the file.
        func finish() throws {
            try flush()
            try handle.close()
        }

        private func flush() throws {
            guard !buffer.isEmpty else { return }
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }

        private func put(_ value: Int64?) {
            guard let value else { return buffer.append(0) }
            buffer.append(1)
            withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        }

        private func put(_ value: String?) {
            guard var text = value else { return put(Int64?.none) }
            text.withUTF8 { bytes in
                put(Int64(bytes.count))
                buffer.append(contentsOf: bytes)
            }
        }
    }

    /// Reads rows back in the order they were written.
    final class Reader {
        private let handle: FileHandle
        private var buffer: [UInt8] = []
        private var position = 0
        private var atEnd = false

        init(url: URL) throws {
            handle = try FileHandle(forReadingFrom: url)
        }

        deinit { try? handle.close() }

        func next() throws -> StagedRow? {
            guard try ensure(1) else { return nil }
            guard let number = try integer() else { throw Self.damaged }
            let recordId = try text() ?? ""
            let year = try integer()
            let registrationNumber = try text()
            let subjectName = try text()
            let birthYear = try integer()
            let pin = try text()
            let registered = try text()
            let packed = PackedFieldSet(packed: try text() ?? "{}")
            let cellCount = Int(try integer() ?? 0)
            var cells: [String] = []
            cells.reserveCapacity(cellCount)
            for _ in 0..<cellCount { cells.append(try text() ?? "") }
            return StagedRow(
                number: Int(number), recordId: recordId, registrationYear: year.map(Int.init), registrationNumber: registrationNumber,
                subjectName: subjectName, subjectBirthYear: birthYear.map(Int.init), subjectPersonalID: pin, registered: registered,
                packed: packed, cells: cells)
        }

        private static let damaged = CocoaError(.fileReadCorruptFile)

        /// Whether `count` bytes are buffered from `position` (reading more as needed).
        private func ensure(_ count: Int) throws -> Bool {
            while buffer.count - position < count {
                if atEnd { return false }
                if position > 0 {
                    buffer.removeFirst(position)
                    position = 0
                }
                if let chunk = try handle.read(upToCount: max(1 << 20, count)), !chunk.isEmpty {
                    buffer.append(contentsOf: chunk)
                } else {
                    atEnd = true
                }
            }
            return true
        }

        private func integer() throws -> Int64? {
            guard try ensure(1) else { throw Self.damaged }
            let flag = buffer[position]
            position += 1
            guard flag == 1 else { return nil }
            guard try ensure(8) else { throw Self.damaged }
            var value: Int64 = 0
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: buffer[position..<position + 8]) }
            position += 8
            return Int64(littleEndian: value)
        }

        private func text() throws -> String? {
            guard let length = try integer() else { return nil }
            let count = Int(length)
            guard count >= 0, try ensure(count) else { throw Self.damaged }
            let text = String(decoding: buffer[position..<position + count], as: UTF8.self)
            position += count
            return text
        }
    }
}
