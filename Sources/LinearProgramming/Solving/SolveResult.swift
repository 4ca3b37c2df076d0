/// What a solve established about a model.
public enum SolveStatus: Sendable, Hashable, CustomStringConvertible {
    /// A solution proven optimal (for a MIP, within the backend's tolerances).
    case optimal
    /// A feasible solution without a proof of optimality: the search stopped at the
    /// requested gap, the time limit or a cancellation. See ``SolveResult/termination``
    /// and ``SolveResult/gap``.
    case feasible
    /// Proven to have no feasible solution.
    case infeasible
    /// Feasible, with an objective that improves without limit.
    case unbounded
    /// The LP relaxation is unbounded and no integer solution is known: the MIP is
    /// either unbounded or infeasible.
    case infeasibleOrUnbounded
    /// The time limit was reached before any feasible solution was found.
    case timeLimitNoSolution
    /// Cancelled before any feasible solution was found.
    case cancelled
    /// The backend failed numerically and found no solution.
    case numericalFailure

    /// Whether a result with this status carries variable values.
    public var hasSolution: Bool { self == .optimal || self == .feasible }

    public var description: String {
        switch self {
        case .optimal: "optimal"
        case .feasible: "feasible"
        case .infeasible: "infeasible"
        case .unbounded: "unbounded"
        case .infeasibleOrUnbounded: "infeasible or unbounded"
        case .timeLimitNoSolution: "time limit, no solution"
        case .cancelled: "cancelled"
        case .numericalFailure: "numerical failure"
        }
    }
}

/// Why the solver stopped.
public enum SolveTermination: Sendable, Hashable {
    /// It finished: the status is proven.
    case completed
    /// The requested relative gap was reached.
    case gapReached
    /// A solution met ``SolveOptions/objectiveTarget``.
    case targetReached
    /// The time limit was reached.
    case timeLimit
    /// A ``CancellationToken`` or task cancellation stopped it.
    case cancelled
    /// The backend reported a numerical failure.
    case numericalFailure
}

/// The outcome of a solve. A solver outcome is always a value, never a thrown error.
public struct SolveResult: Sendable {
    public var status: SolveStatus
    public var termination: SolveTermination
    /// The objective of the returned solution, including ``Model/objectiveConstant``.
    public var objective: Double?
    /// The best proven bound on the optimal objective (a lower bound when minimising,
    /// an upper bound when maximising).
    public var bestBound: Double?
    /// The variable values in column order; empty when ``SolveStatus/hasSolution`` is false.
    public var values: [Double]
    /// Row duals of an optimal pure LP, in row order: the change of the optimal
    /// objective per unit increase of the row's active bound. `nil` for MIPs.
    public var duals: [Double]?
    /// Column reduced costs of an optimal pure LP, in column order. `nil` for MIPs.
    public var reducedCosts: [Double]?
    /// The final basis of an optimal pure LP, to start a related LP from. `nil` for MIPs.
    public var basis: Basis?
    /// Wall-clock seconds spent in the solver.
    public var seconds: Double
    /// Branch-and-bound nodes, 0 for a pure LP.
    public var nodes: Int
    /// Simplex iterations the solver made (in every LP of a MIP's search too), 0 when the
    /// backend does not count them. Unlike ``seconds`` it does not depend on the machine
    /// or its load: a caller that budgets work in iterations decides the same way on every
    /// run.
    public var iterations: Int

    public init(
        status: SolveStatus, termination: SolveTermination, objective: Double? = nil, bestBound: Double? = nil,
        values: [Double] = [], duals: [Double]? = nil, reducedCosts: [Double]? = nil, basis: Basis? = nil, seconds: Double = 0,
        nodes: Int = 0, iterations: Int = 0
    ) {
        self.basis = basis
        self.status = status
        self.termination = termination
        self.objective = objective
        self.bestBound = bestBound
        self.values = values
        self.duals = duals
        self.reducedCosts = reducedCosts
        self.seconds = seconds
        self.nodes = nodes
        self.iterations = iterations
    }

    /// The relative gap `|objective − bound| / max(|objective|, 1e-10)`, 0 when optimal,
    /// `nil` when either side is unknown.
    public var gap: Double? {
        if status == .optimal { return 0 }
        guard let objective, let bestBound else { return nil }
        return SolveResult.relativeGap(objective: objective, bound: bestBound)
    }

    /// The value of `variable` in the solution. Requires a solution.
    public func value(_ variable: VariableID) -> Double {
        precondition(values.indices.contains(variable.index), "no value for \(variable): status is \(status)")
        return values[variable.index]
    }

    /// `|objective − bound| / max(|objective|, 1e-10)`.
    public static func relativeGap(objective: Double, bound: Double) -> Double {
        abs(objective - bound) / Swift.max(abs(objective), 1e-10)
    }
}
