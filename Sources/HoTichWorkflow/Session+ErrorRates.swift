import GRDB
import HoTichStore
public import HoTichModel

extension Session {
    /// Error rates per person, for one batch or the whole workspace.
    public func errorRates(batch batchID: String? = nil) throws -> [OperatorErrorRate] {
        try require(.viewWork)
        return try workspace.sqlite.databaseRead { db in
            let scope = batchID == nil ? "" : "AND batchId = :batch"
            let arguments: StatementArguments = batchID.map { ["batch": $0] } ?? [:]
            var keyed: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT operator, SUM((SELECT COUNT(*) FROM json_each(\(Keying.valuesSQL(keying: "keying"))))) AS n
                FROM keying WHERE state = 'complete' \(scope) GROUP BY operator
                """, arguments: arguments) {
                keyed[row["operator"]] = row["n"]
            }
            var errors: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT pass1Operator AS who, COUNT(*) AS n FROM fieldDecision WHERE pass1Wrong = 1 \(scope) GROUP BY pass1Operator
                UNION ALL
                SELECT pass2Operator AS who, COUNT(*) AS n FROM fieldDecision WHERE pass2Wrong = 1 \(scope) GROUP BY pass2Operator
                """, arguments: arguments) {
                guard let who: String = row["who"] else { continue }
                errors[who, default: 0] += row["n"] as Int
            }
            var decided: [String: (Int, Int)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT decidedBy AS who, COUNT(*) AS n,
                       SUM(CASE WHEN pass1Wrong IS NOT 0 AND pass2Wrong IS NOT 0 THEN 1 ELSE 0 END) AS typed
                FROM fieldDecision WHERE decidedBy IS NOT NULL \(scope) GROUP BY decidedBy
                """, arguments: arguments) {
                decided[row["who"]] = (row["n"], row["typed"])
            }
            let names = Set(keyed.keys).union(errors.keys).union(decided.keys).sorted()
            return names.map { name in
                OperatorErrorRate(
                    name: name, fieldsKeyed: keyed[name] ?? 0, errors: errors[name] ?? 0,
                    decisions: decided[name]?.0 ?? 0, typedFromImage: decided[name]?.1 ?? 0)
            }
        }
    }
}
