import HoTichModel

/// The figures reports are made of, put together from the per-batch and per-person counts each
/// store reads its own way: one place, so that both stores answer alike.
enum ReportAssembly {
    /// The batches that wait for someone's decision, by id.
    static func awaitingDecisions(
        damaged: [String: Int], duplicates: [String: Int], open: [String: Int], rejected: [String: Int], notKeyed: [String: Int],
        held: Set<String>
    ) -> [AwaitingDecision] {
        let batches = Set(damaged.keys).union(duplicates.keys).union(open.keys).union(rejected.keys).union(held)
            .union(notKeyed.filter { $0.value > 0 }.keys)
        return batches.sorted().map { id in
            AwaitingDecision(
                batchId: id, damagedFiles: damaged[id] ?? 0, possibleDuplicates: duplicates[id] ?? 0, onHold: held.contains(id),
                rejectedReceipts: rejected[id] ?? 0, openDecisions: open[id] ?? 0, entriesNotKeyed: notKeyed[id] ?? 0)
        }
    }

    /// Each person's error rate, by name: fields keyed, errors charged, decisions (and how many of
    /// them typed from the image).
    static func errorRates(keyed: [String: Int], errors: [String: Int], decided: [String: (Int, Int)]) -> [OperatorErrorRate] {
        Set(keyed.keys).union(errors.keys).union(decided.keys).sorted().map { name in
            OperatorErrorRate(
                name: name, fieldsKeyed: keyed[name] ?? 0, errors: errors[name] ?? 0,
                decisions: decided[name]?.0 ?? 0, typedFromImage: decided[name]?.1 ?? 0)
        }
    }

    /// Each person's figures, by name: keyings and fields (typed or not), errors charged and the
    /// records they were in, decisions, and active time.
    static func operatorFigures(
        keyed: [String: (Int, Int, Int, Int)], errors: [String: (fields: Int, records: Int)], decisions: [String: Int],
        active: [String: Int64]
    ) -> [OperatorFigures] {
        let names = Set(keyed.keys).union(errors.keys).union(decisions.keys).union(active.filter { $0.value > 0 }.keys)
        return names.sorted().map { name in
            let k = keyed[name] ?? (0, 0, 0, 0)
            return OperatorFigures(
                name: name, keyings: k.0, fields: k.1, typedKeyings: k.2, typedFields: k.3, activeMilliseconds: active[name] ?? 0,
                errors: errors[name]?.fields ?? 0, recordsCorrected: errors[name]?.records ?? 0, decisions: decisions[name] ?? 0)
        }
    }
}
