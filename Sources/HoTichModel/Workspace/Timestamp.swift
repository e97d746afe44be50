public import Foundation

/// Times as the workspace stores them: UTC, ISO 8601, milliseconds.
public enum Timestamp {
    /// The current time as stored text, for example `2026-11-27T05:12:33.123Z`.
    public static func now() -> String {
        text(for: Date())
    }

    /// The stored text for `date`.
    public static func text(for date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
