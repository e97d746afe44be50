/// The error every layer of hotich throws at its users.
///
/// It carries a ``Message`` from the catalog, so the CLI can say it in the user's language,
/// and a category that decides the exit code. It never carries personal data: messages name
/// batches, files, users and options, not the people in the registers.
public struct HoTichError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, as a catalog entry.
    public let message: Message

    public init(_ message: Message) {
        self.message = message
    }

    /// Whether the user asked wrongly (exit 64) or must act on a failure (exit 1).
    public var category: Category { message.isUsageProblem ? .usage : .failure }

    /// The two kinds of failure the command line distinguishes.
    public enum Category: Sendable {
        /// Bad usage: a wrong option value or a missing argument (exit code 64).
        case usage
        /// A failure the user must act on (exit code 1).
        case failure
    }

    /// English text, for logs and debugging; users see ``Message/text(in:)`` in their language.
    public var description: String { message.text(in: .english) }
}
