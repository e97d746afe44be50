/// Something that moves a batch from one state to another.
public enum BatchAction: String, Sendable, CaseIterable, Codable {
    case startKeying = "start-keying"
    case finishKeying = "finish-keying"
    case startVerification = "start-verification"
    case finishVerification = "finish-verification"
    /// A verified batch that a later check finds fault with (a duplicate from a newer batch).
    case reopenVerification = "reopen-verification"
    case startExport = "start-export"
    case finishExport = "finish-export"
    case abortExport = "abort-export"
    case returnToKeying = "return"
    case hold = "hold"
    case release = "release"

    /// Whether the action must carry a reason: whoever redoes returned work needs to know why.
    public var requiresReason: Bool {
        self == .returnToKeying
    }
}

/// The lifecycle of a scan batch: one table of allowed transitions.
///
/// Every state change goes through ``next(from:heldFrom:action:)``; the workflow layer applies
/// the result and its audit event in one transaction.
public enum BatchLifecycle {
    /// The allowed transitions: for each action, the states it may start from and the state it leads to.
    /// `release` leads back to the state the batch was held in, so its target is `nil` here.
    public static let table: [BatchAction: (from: Set<BatchState>, to: BatchState?)] = [
        .startKeying: ([.received], .keying),
        .finishKeying: ([.keying], .keyed),
        .startVerification: ([.keyed], .verifying),
        .finishVerification: ([.verifying], .verified),
        .reopenVerification: ([.verified], .verifying),
        .startExport: ([.verified], .exporting),
        .finishExport: ([.exporting], .exported),
        .abortExport: ([.exporting], .verified),
        .returnToKeying: ([.keyed, .verifying, .verified], .keying),
        .hold: ([.received, .keying, .keyed, .verifying, .verified], .onHold),
        .release: ([.onHold], nil),
    ]

    /// The state an action leads to, or an error that names the state and the action.
    /// - Parameters:
    ///   - state: the batch's current state.
    ///   - heldFrom: the state the batch was put on hold in, when it is on hold.
    ///   - action: what is asked.
    /// - Throws: ``HoTichError`` when the table does not allow the move.
    public static func next(from state: BatchState, heldFrom: BatchState?, action: BatchAction) throws -> BatchState {
        guard let rule = table[action], rule.from.contains(state) else {
            throw HoTichError(.transitionNotAllowed(action: action, state: state))
        }
        if let target = rule.to { return target }
        guard let heldFrom else {
            throw HoTichError(.transitionNotAllowed(action: action, state: state))
        }
        return heldFrom
    }

    /// The states reachable from `state` by one action (for help text and tests).
    public static func successors(of state: BatchState, heldFrom: BatchState?) -> Set<BatchState> {
        Set(BatchAction.allCases.compactMap { try? next(from: state, heldFrom: heldFrom, action: $0) })
    }
}
