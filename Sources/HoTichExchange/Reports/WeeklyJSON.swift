import Foundation
package import HoTichModel

/// The weekly review as one JSON document (`report weekly --format json`): stable English keys,
/// ISO dates and codes, for a dashboard or another system.
package enum WeeklyJSON {
    struct Document: Encodable {
        let week: String?
        let from: CivilDate
        let to: CivilDate
        let units: [Unit]
        let overall: Unit
        let quality: WeeklyReview.Quality
        let unitsAtRisk: [Risk]
        let awaiting: [AwaitingDecision]
        let auditHead: AuditHead
    }

    struct Unit: Encodable {
        let unit: String
        let inPeriod: ProgressCounters
        let total: ProgressCounters
        let plan: PlanTarget?
        let percentOfPlan: Double?
        let pace7: Double?
        let pace28: Double?
        let requiredPace: Double?
        let finish: CivilDate?
        let finishEarliest: CivilDate?
        let finishLatest: CivilDate?
        let status: String
        let daysLate: Int?
    }

    struct Risk: Encodable {
        let unit: String
        let status: String
        let reason: String
    }

    package static func render(_ review: WeeklyReview) throws -> String {
        func unit(_ row: ProgressReport.Row) -> Unit {
            let forecast = row.forecast
            func rounded(_ value: Double?) -> Double? { value.map { ($0 * 100).rounded() / 100 } }
            return Unit(
                unit: row.unit.description, inPeriod: row.period ?? .zero, total: row.total, plan: row.target,
                percentOfPlan: rounded(row.percentOfPlan), pace7: rounded(forecast.pace7), pace28: rounded(forecast.pace28),
                requiredPace: rounded(forecast.requiredPace), finish: forecast.finish, finishEarliest: forecast.finishEarliest,
                finishLatest: forecast.finishLatest, status: forecast.status.rawValue, daysLate: forecast.daysLate)
        }
        let document = Document(
            week: review.isoWeek, from: review.first, to: review.last, units: review.progress.rows.map(unit),
            overall: unit(review.progress.overall), quality: review.quality,
            unitsAtRisk: review.unitsAtRisk.map {
                Risk(unit: $0.unit.description, status: $0.forecast.status.rawValue, reason: WeeklyReview.reason(for: $0, in: .english))
            },
            awaiting: review.awaiting, auditHead: review.auditHead)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
