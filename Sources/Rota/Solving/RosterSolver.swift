import GLPK
import LinearProgramming
import Logging

/// Progress of a roster solve: which stage, and the MIP's own progress in it.
public struct RosterProgress: Sendable {
    /// "hard", "coverage", "soft", "weighted" or "improve".
    public var stage: String
    public var stageNumber: Int
    public var stageCount: Int
    public var mip: SolveProgress
}

/// Options for ``RosterSolver``.
public struct RosterSolveOptions: Sendable {
    /// Wall-clock seconds for the whole solve, all stages included.
    public var timeLimit: Double?
    /// Relative gap at which each stage may stop.
    public var relativeGap: Double
    public var progress: (@Sendable (RosterProgress) -> Void)?
    public var cancellation: CancellationToken?
    public var logLevel: SolverLogLevel
    public var logger: Logger?
    /// Improve the final stage by fix-and-optimise over windows of days and groups of
    /// volunteers when the MIP has not proven optimality and time remains.
    public var improve: Bool
    /// Seed for the order in which neighbourhoods are tried.
    public var seed: UInt64

    public init(
        timeLimit: Double? = 60, relativeGap: Double = 1e-4, progress: (@Sendable (RosterProgress) -> Void)? = nil,
        cancellation: CancellationToken? = nil, logLevel: SolverLogLevel = .off, logger: Logger? = nil,
        improve: Bool = true, seed: UInt64 = 1
    ) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.progress = progress
        self.cancellation = cancellation
        self.logLevel = logLevel
        self.logger = logger
        self.improve = improve
        self.seed = seed
    }
}

/// Plans a roster: validates the problem, builds the MIP, solves it tier by tier, and
/// checks the result with ``RosterChecker``.
///
/// ```swift
/// let roster = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 30))
/// for gap in roster.unfilled { print(gap.date, gap.reason) }
/// ```
///
/// A roster always comes back. The model is feasible by construction (every minimum is
/// elastic and every shortfall is penalised slack), and each stage starts from a feasible
/// warm start, so even a time limit of zero returns the empty roster with its shortfall
/// reported.
public struct RosterSolver: Sendable {
    public var solver: any Solver

    public init(solver: any Solver = GLPKSolver()) {
        self.solver = solver
    }

    /// Solves on the calling thread.
    public func solve(_ problem: RosterProblem, options: RosterSolveOptions = RosterSolveOptions()) throws(RosterProblemError) -> Roster {
        try problem.validate()
        let formulation = RosterFormulation(problem: problem)
        return run(formulation, options: options)
    }

    /// Solves on a thread of its own; task cancellation stops the search and returns the
    /// best roster found so far.
    public func solve(_ problem: RosterProblem, options: RosterSolveOptions = RosterSolveOptions()) async throws(RosterProblemError) -> Roster {
        var options = options
        let token = options.cancellation ?? CancellationToken()
        options.cancellation = token
        let prepared = options
        let solver = self.solver
        return try await runOnDedicatedThread(cancelling: token) { () throws(RosterProblemError) in
            defer { solver.releaseThreadState() }
            return try self.solve(problem, options: prepared)
        }
    }

    /// Solves an already-built formulation (for callers that inspect or export the model).
    public func run(_ formulation: RosterFormulation, options: RosterSolveOptions) -> Roster {
        let clock = ContinuousClock()
        let start = clock.now
        func elapsed() -> Double {
            let d = clock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        func remaining() -> Double? { options.timeLimit.map { max(0, $0 - elapsed()) } }

        var model = formulation.model
        let zero = [Double](repeating: 0, count: model.variableCount)
        var current = formulation.complete(zero)
        // Start from the pinned assignments when they are consistent.
        if !formulation.index.problem.rules.pinned.isEmpty {
            let pinned = formulation.complete(formulation.decisions(for: formulation.index.problem.rules.pinned))
            if model.maximumViolation(pinned) <= 1e-6 { current = pinned }
        }

        let mode = formulation.index.problem.rules.objective
        var objectives: [(String, LinearExpression)] = []
        if mode == .lexicographic {
            for tier in RosterFormulation.Tier.allCases where formulation.hasVariableTerms(tier) {
                objectives.append((tier.name, formulation.objective(for: tier)))
            }
        } else {
            var all = LinearExpression()
            for tier in RosterFormulation.Tier.allCases { all.add(formulation.objective(for: tier)) }
            objectives.append(("weighted", all))
        }

        var stages: [StageStatistics] = []
        var last: SolveResult?
        var cancelled = false
        for (k, (name, objective)) in objectives.enumerated() {
            if options.cancellation?.isCancelled == true { cancelled = true; break }
            model.setObjective(objective, sense: .minimize)
            let isLast = k == objectives.count - 1
            var stageOptions = SolveOptions(
                relativeGap: options.relativeGap, logLevel: options.logLevel, logger: options.logger,
                warmStart: current, cancellation: options.cancellation)
            if let left = remaining() {
                let share = isLast ? 1.0 : (name == "hard" ? 0.2 : 0.4)
                stageOptions.timeLimit = left * share
            }
            if let report = options.progress {
                let count = objectives.count
                stageOptions.progress = { p in report(RosterProgress(stage: name, stageNumber: k + 1, stageCount: count, mip: p)) }
            }
            let result: SolveResult
            do {
                result = try solver.solve(model, options: stageOptions)
            } catch {
                preconditionFailure("the roster formulation built an invalid model: \(error)")
            }
            if result.status.hasSolution, model.maximumViolation(result.values) <= 1e-5 { current = result.values }
            let value = objective.value(at: current)
            stages.append(StageStatistics(tier: name, status: result.status, termination: result.termination,
                                          objective: value, bound: result.bestBound, seconds: result.seconds))
            last = result
            if result.termination == .cancelled { cancelled = true; break }
            if !isLast {
                // Hold this tier at the value reached while the next tiers are optimised.
                let tolerance = 1e-6 * max(1, abs(value))
                model.addConstraint(terms: objective.terms, .lessOrEqual(value - objective.constant + tolerance), name: "hold_\(name)")
            }
        }

        if options.improve, !cancelled, let finalObjective = objectives.last?.1, let result = last,
           result.status != .optimal, (remaining() ?? 1) > 0.5 {
            var search = FixAndOptimise(formulation: formulation, model: model, objective: finalObjective, solver: solver, seed: options.seed)
            current = search.improve(current, until: remaining().map { elapsed() + $0 }, elapsed: elapsed, options: options)
            if let s = stages.last { stages[stages.count - 1].objective = finalObjective.value(at: current); _ = s }
        }

        let assignments = formulation.assignments(from: current)
        let report = RosterChecker(index: formulation.index).check(assignments)
        let proven = !cancelled && !stages.isEmpty && stages.allSatisfy { $0.status == .optimal } && stages.count == objectives.count
        var status: SolveStatus = proven ? .optimal : .feasible
        if objectives.isEmpty { status = .optimal }
        let finalStage = stages.last
        let bound = proven ? finalStage?.objective : finalStage?.bound
        let objectiveValue = finalStage?.objective
        let gap: Double? = proven ? 0 : (objectiveValue.flatMap { o in bound.map { SolveResult.relativeGap(objective: o, bound: min($0, o)) } })
        let statistics = RosterStatistics(
            status: status, provenOptimal: proven || objectives.isEmpty, objective: objectiveValue, bound: bound, gap: gap,
            seconds: elapsed(), variables: formulation.model.variableCount, constraints: formulation.model.constraintCount,
            nonzeros: formulation.model.nonzeroCount, stages: stages)
        return Roster(
            assignments: assignments, unfilled: report.unfilled, totals: report.totals, objective: report.objective,
            limitViolations: report.violations, statistics: statistics)
    }
}
