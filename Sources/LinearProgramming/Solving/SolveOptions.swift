import Logging

/// How much a backend reports about its own work.
public enum SolverLogLevel: Sendable, Hashable, Comparable {
    /// Nothing. The default.
    case off
    /// Errors only.
    case errors
    /// Normal progress lines.
    case normal
    /// Everything the backend can say.
    case verbose
}

/// Where a MIP solver should put its effort.
public enum SolveEmphasis: Sendable, Hashable {
    /// The solver's defaults: improve solutions and the bound together.
    case balanced
    /// Find a good feasible solution fast, with extra primal heuristics (GLPK: the
    /// feasibility pump); proving the bound matters less. Suits small sub-MIPs whose
    /// bound is weak anyway, such as one person's schedule in a local search.
    case feasibility
}

/// What a solver should aim for and how long it may take.
///
/// ```swift
/// var options = SolveOptions(timeLimit: 30, relativeGap: 0.01)
/// options.progress = { p in print(p) }
/// ```
public struct SolveOptions: Sendable {
    /// Wall-clock seconds the solve may take; `nil` for no limit. When the limit is
    /// reached the best solution found so far is returned with status
    /// ``SolveStatus/feasible`` (or ``SolveStatus/timeLimitNoSolution``).
    public var timeLimit: Double?
    /// Stop a MIP once `|incumbent − bound| / |incumbent|` is at most this. 0 asks for
    /// proven optimality.
    public var relativeGap: Double
    /// Let the backend simplify the model before solving. For MIPs with GLPK this uses
    /// its MIP presolver, during which cancellation is not seen.
    public var presolve: Bool
    /// How much the backend says about its work; see ``logger``.
    public var logLevel: SolverLogLevel
    /// Where the backend's own output goes when ``logLevel`` is not `.off`. `nil`
    /// leaves it on standard output.
    public var logger: Logger?
    /// Values for every variable, in column order, to start a MIP search from. A start
    /// that is not feasible is ignored (and logged); it never changes the result's
    /// correctness, only its speed.
    public var warmStart: [Double]?
    /// Called with progress during a MIP solve, on the solving thread. Keep it short.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// Minimum seconds between two progress reports that carry no new incumbent.
    public var progressInterval: Double
    /// Set this token's ``CancellationToken/cancel()`` from anywhere to stop the solve.
    /// The async ``Solver/solve(_:options:)-1mohu`` also stops on task cancellation.
    public var cancellation: CancellationToken?
    /// What a MIP solve should spend its time on. Default ``SolveEmphasis/balanced``.
    public var emphasis: SolveEmphasis = .balanced
    /// A basis to start a pure LP's simplex from (ignored with ``presolve``); see ``Basis``.
    public var startingBasis: Basis?
    /// Stop a MIP as soon as it holds a solution at least this good: an objective at or
    /// below it when minimising, at or above it when maximising. For a caller that knows a
    /// bound from elsewhere (a decomposition's, a relaxation's): once a sub-problem's
    /// solution meets it, a longer search can only prove what is already known. The
    /// result is then ``SolveStatus/feasible`` with ``SolveTermination/targetReached``, or
    /// ``SolveStatus/optimal`` when the proof came first. A warm start that meets it is
    /// returned at once. Unlike a time limit, where the search stops does not depend on
    /// the machine. `nil` (the default): no target. Must be finite.
    public var objectiveTarget: Double?

    public init(
        timeLimit: Double? = nil,
        relativeGap: Double = 0,
        presolve: Bool = false,
        logLevel: SolverLogLevel = .off,
        logger: Logger? = nil,
        warmStart: [Double]? = nil,
        progress: (@Sendable (SolveProgress) -> Void)? = nil,
        progressInterval: Double = 0.5,
        cancellation: CancellationToken? = nil
    ) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.presolve = presolve
        self.logLevel = logLevel
        self.logger = logger
        self.warmStart = warmStart
        self.progress = progress
        self.progressInterval = progressInterval
        self.cancellation = cancellation
    }
}
