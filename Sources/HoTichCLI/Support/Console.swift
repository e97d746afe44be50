import Foundation
package import HoTichModel

/// Where a command's output goes: standard output for data, standard error for messages and
/// progress. Tests swap it for a capturing console with ``Console/$current``.
package struct Console: Sendable {
    /// Writes text to standard output (data, tables, summaries).
    package var out: @Sendable (String) -> Void
    /// Writes text to standard error (errors, warnings, progress).
    package var err: @Sendable (String) -> Void
    /// Whether standard error is a terminal, so progress lines can redraw themselves.
    package var errorIsTerminal: Bool
    /// Reads one line of standard input, `nil` at end of input.
    package var readLine: @Sendable () -> String?
    /// Whether every log line is written, whatever `HOTICH_LOG_LEVEL` says (a test's console, to
    /// read them all).
    package var traceLogs: Bool

    package init(
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
        errorIsTerminal: Bool, readLine: @escaping @Sendable () -> String?, traceLogs: Bool = false
    ) {
        self.out = out
        self.err = err
        self.errorIsTerminal = errorIsTerminal
        self.readLine = readLine
        self.traceLogs = traceLogs
    }

    /// The process's own standard streams.
    package static let standard = Console(
        out: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
        err: { text in FileHandle.standardError.write(Data(text.utf8)) },
        errorIsTerminal: isatty(STDERR_FILENO) == 1,
        readLine: { Swift.readLine(strippingNewline: true) })

    /// The console commands write to.
    @TaskLocal package static var current: Console = .standard

    /// Writes a line to standard output. What it says stays one line: control and invisible
    /// characters in it (a file name's, a header cell's) are shown escaped, never acted on.
    package func line(_ text: String = "") { out(TerminalText.escaped(text) + "\n") }

    /// Writes a line to standard error, escaped as ``line(_:)`` is.
    package func errorLine(_ text: String) { err(TerminalText.escaped(text) + "\n") }
}

/// Redraws one progress line on a terminal; says nothing when standard error is not one.
package struct ProgressLine {
    let console: Console
    let language: Language
    let message: (Int, Int) -> Message
    private var lastPercent = -1

    /// - Parameter message: what is counted (files hashed by default).
    package init(console: Console, language: Language, message: @escaping (Int, Int) -> Message = Message.hashingProgress) {
        self.console = console
        self.language = language
        self.message = message
    }

    /// Shows `done` of `total`, redrawing at most once per percent.
    package mutating func update(done: Int, total: Int) {
        guard console.errorIsTerminal, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != lastPercent || done == total else { return }
        lastPercent = percent
        let text = message(done, total).text(in: language)
        console.err("\r\(text) (\(percent)%)")
        if done == total { console.err("\n") }
    }

    /// Ends a line left unfinished (work that stopped early), so what follows starts on its own.
    package mutating func end() {
        guard lastPercent >= 0 && lastPercent < 100 else { return }
        lastPercent = 100
        console.err("\n")
    }
}
