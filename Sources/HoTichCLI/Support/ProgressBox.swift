/// A progress line shared with a callback that another thread calls, one call at a time (the
/// export's writer, the validator's parts).
final class ProgressBox: @unchecked Sendable {
    private var line: ProgressLine

    init(_ line: ProgressLine) {
        self.line = line
    }

    func update(done: Int, total: Int) {
        line.update(done: done, total: total)
    }

    func end() {
        line.end()
    }
}
