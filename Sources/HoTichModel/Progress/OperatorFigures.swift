/// One person's work over a period, in the manner of census keying tools: output, time active,
/// speed per active hour, and accuracy as verification decided it.
public struct OperatorFigures: Sendable, Equatable, Codable {
    public let name: String
    /// Complete keyings saved in the period, and their fields.
    public let keyings: Int
    public let fields: Int
    /// Of those, keyings typed by hand (not imported), and their fields.
    public let typedKeyings: Int
    public let typedFields: Int
    /// Time active, from the gaps between the person's consecutive actions that are at most
    /// ``ActiveTime/maximumGapMilliseconds`` apart.
    public let activeMilliseconds: Int64
    /// Fields the person keyed that a verifier (arbitration, review, sampling) decided were wrong,
    /// by decisions made in the period.
    public let errors: Int
    /// Records with at least one such field, by decisions made in the period.
    public let recordsCorrected: Int
    /// Fields the person decided as a verifier in the period.
    public let decisions: Int

    public init(
        name: String, keyings: Int, fields: Int, typedKeyings: Int, typedFields: Int, activeMilliseconds: Int64,
        errors: Int, recordsCorrected: Int, decisions: Int
    ) {
        self.name = name
        self.keyings = keyings
        self.fields = fields
        self.typedKeyings = typedKeyings
        self.typedFields = typedFields
        self.activeMilliseconds = activeMilliseconds
        self.errors = errors
        self.recordsCorrected = recordsCorrected
        self.decisions = decisions
    }

    public var activeHours: Double { Double(activeMilliseconds) / 3_600_000 }

    /// Keyings typed by hand per active hour, `nil` without active time.
    public var recordsPerHour: Double? { activeMilliseconds > 0 ? Double(typedKeyings) / activeHours : nil }
    public var fieldsPerHour: Double? { activeMilliseconds > 0 ? Double(typedFields) / activeHours : nil }
    /// Errors per 1 000 fields keyed in the period, `nil` when nothing was keyed.
    public var errorsPerThousandFields: Double? { fields > 0 ? Double(errors) * 1_000 / Double(fields) : nil }
    /// The share (0…1) of the records keyed in the period that needed a correction.
    public var shareCorrected: Double? { keyings > 0 ? min(1, Double(recordsCorrected) / Double(keyings)) : nil }
}

/// Active time from the times of a person's actions: pauses longer than five minutes are not work.
public enum ActiveTime {
    /// The longest gap between two actions still counted as working (five minutes).
    public static let maximumGapMilliseconds: Int64 = 300_000

    /// The active time in a sorted sequence of action times (milliseconds).
    public static func milliseconds(_ times: [Int64]) -> Int64 {
        var total: Int64 = 0
        for (previous, next) in zip(times, times.dropFirst()) {
            let gap = next - previous
            if gap > 0, gap <= maximumGapMilliseconds { total += gap }
        }
        return total
    }
}
