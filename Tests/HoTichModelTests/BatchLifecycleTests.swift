import HoTichModel
import Testing

/// The lifecycle table, checked for every state and every action against an expectation
/// written out by hand (not derived from the table under test).
@Suite struct BatchLifecycleTests {
    /// Every move the workflow allows, written independently of `BatchLifecycle.table`.
    static let expected: [BatchState: [BatchAction: BatchState]] = [
        .received: [.startKeying: .keying, .hold: .onHold],
        .keying: [.finishKeying: .keyed, .hold: .onHold],
        .keyed: [.startVerification: .verifying, .returnToKeying: .keying, .hold: .onHold],
        .verifying: [.finishVerification: .verified, .returnToKeying: .keying, .hold: .onHold],
        .verified: [.startExport: .exporting, .reopenVerification: .verifying, .returnToKeying: .keying, .hold: .onHold],
        .exporting: [.finishExport: .exported, .abortExport: .verified],
        .exported: [:],
        .onHold: [:],  // release is checked separately: it returns to the held-from state
    ]

    @Test(arguments: BatchState.allCases.filter { $0 != .onHold })
    func everyActionFromAnActiveState(_ state: BatchState) throws {
        for action in BatchAction.allCases {
            if let target = Self.expected[state]?[action] {
                #expect(try BatchLifecycle.next(from: state, heldFrom: nil, action: action) == target,
                        "\(action) from \(state)")
            } else {
                #expect(throws: HoTichError(.transitionNotAllowed(action: action, state: state)),
                        "\(action) from \(state) must be refused") {
                    try BatchLifecycle.next(from: state, heldFrom: nil, action: action)
                }
            }
        }
    }

    @Test(arguments: [BatchState.received, .keying, .keyed, .verifying, .verified])
    func holdThenReleaseReturnsToTheHeldState(_ state: BatchState) throws {
        let held = try BatchLifecycle.next(from: state, heldFrom: nil, action: .hold)
        #expect(held == .onHold)
        #expect(try BatchLifecycle.next(from: .onHold, heldFrom: state, action: .release) == state)
        for action in BatchAction.allCases where action != .release {
            #expect(throws: HoTichError.self, "\(action) while on hold") {
                try BatchLifecycle.next(from: .onHold, heldFrom: state, action: action)
            }
        }
    }

    @Test func releaseWithoutAHeldStateIsRefused() {
        #expect(throws: HoTichError(.transitionNotAllowed(action: .release, state: .onHold))) {
            try BatchLifecycle.next(from: .onHold, heldFrom: nil, action: .release)
        }
    }

    /// Every ordered pair of states: reachable in one action exactly when the expectation says so.
    @Test func everyPairOfStates() {
        for from in BatchState.allCases {
            for to in BatchState.allCases {
                let heldFrom: BatchState? = from == .onHold ? .keyed : nil
                let reachable = BatchLifecycle.successors(of: from, heldFrom: heldFrom).contains(to)
                var expected = Self.expected[from]?.values.contains(to) ?? false
                if from == .onHold { expected = to == .keyed }
                #expect(reachable == expected, "\(from) → \(to)")
            }
        }
    }

    @Test func onlyReturnRequiresAReason() {
        #expect(BatchAction.allCases.filter(\.requiresReason) == [.returnToKeying])
    }
}
