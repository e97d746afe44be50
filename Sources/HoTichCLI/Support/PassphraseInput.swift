import Foundation
import HoTichModel

/// Reading a passphrase: from a file descriptor a script hands over (`--passphrase-fd N`), or
/// from the terminal with echo off. Never from an argument or the environment, where other
/// accounts can read it.
enum PassphraseInput {
    /// The first line of file descriptor `descriptor`, at most ``PassphraseHash/maximumLength`` characters.
    static func read(descriptor: Int32) throws -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while bytes.count <= 4 * 1024 {
            let count = Foundation.read(descriptor, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1, byte != UInt8(ascii: "\n") else { break }
            bytes.append(byte)
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard bytes.count <= 4 * 1024, let text = String(validating: bytes, as: UTF8.self), !text.isEmpty else {
            throw HoTichError(.identity(.passphraseUnreadable))
        }
        return text
    }

    /// Asks on the terminal (`/dev/tty`) with echo off; nil when there is no terminal.
    static func ask(_ prompt: String) -> String? {
        let terminal = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard terminal >= 0 else { return nil }
        defer { close(terminal) }
        var saved = termios()
        guard tcgetattr(terminal, &saved) == 0 else { return nil }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        _ = Array(prompt.utf8).withUnsafeBytes { write(terminal, $0.baseAddress, $0.count) }
        guard tcsetattr(terminal, TCSAFLUSH, &silent) == 0 else { return nil }
        defer {
            _ = tcsetattr(terminal, TCSAFLUSH, &saved)
            _ = write(terminal, "\n", 1)
        }
        return try? read(descriptor: terminal)
    }
}
