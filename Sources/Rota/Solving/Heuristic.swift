import LinearProgramming

/// One contract for the parts of a solve: a heuristic is given the incumbent roster and a
/// budget, and returns a roster at least as good and/or a valid lower bound for the
/// stage's objective. ``RosterSolver`` sequences them (the order and the shares of time are
/// its own, in ``TimeShares``); each conformer adapts one algorithm.
///
/// | heuristic | roster | bound |
/// |---|---|---|
/// | ``ScheduleSweep`` (the constructive first roster, whole-schedule local search) | yes | — |
/// | ``VolunteerSweep`` (one small MIP per volunteer, the hard stage) | yes | — |
/// | ``RelaxationStartStep`` (RENS, or relax-and-fix on long horizons) | yes | the LP |
/// | ``NeighbourhoodSearch`` (fix-and-optimise) | yes | when a neighbourhood was the whole model |
/// | ``BranchAndCutStep`` (the solver on the whole model) | yes | its best bound |
/// | ``ColumnGenerationStep`` (pattern LP, roundings, RINS, dives, master MIP) | yes | Lagrangian |
///
/// A heuristic never throws: a solver refusal is recorded as an incident
/// (``SolveIncidents``) and the step returns nothing.
protocol Heuristic {
    /// The step's name in ``EngineUse``.
    var engine: SolveEngine { get }
    /// Improves on `incumbent` within `budget`.
    mutating func run(from incumbent: [Double], _ budget: StepBudget) -> StepResult
}

/// What a heuristic may spend: a deadline on the solve's clock, the stage's proven bound
/// (to stop early on reaching it), the solve's options and where to report progress.
struct StepBudget {
    var deadline: Double?
    var bound: Double?
    let elapsed: () -> Double
    let options: RosterSolveOptions
    var progress: (@Sendable (SolveProgress) -> Void)?

    var isCancelled: Bool { options.cancellation?.isCancelled == true }
}

/// What a heuristic found: a roster (complete values, never worse than the incumbent by
/// the heuristic's own objective; `nil` when it found nothing), a valid lower bound for the
/// stage, and the engine that produced the roster when it is not the heuristic's own name
/// (column generation: a rounding, a dive or the master MIP).
struct StepResult {
    var values: [Double]? = nil
    var bound: Double? = nil
    var rosterEngine: SolveEngine? = nil
    /// Branch-and-cut's own status and termination (the stage reports them).
    var status: SolveStatus? = nil
    var termination: SolveTermination? = nil
}

/// The schedule search as a heuristic: sweeps of whole schedules, volunteer by volunteer,
/// until a pass changes nothing or the deadline. With ``wholeFirstPass`` the first pass
/// ignores the deadline: from the empty roster it is the constructive roster.
struct ScheduleSweep: Heuristic {
    var search: ScheduleSearch
    var wholeFirstPass = false
    var engine: SolveEngine { .scheduleSearch }
    /// Schedules changed by the last run.
    private(set) var changes = 0

    mutating func run(from incumbent: [Double], _ budget: StepBudget) -> StepResult {
        let options = budget.options
        let result = search.sweep(incumbent, until: budget.deadline, elapsed: budget.elapsed,
                                  cancelled: { options.cancellation?.isCancelled == true }, wholeFirstPass: wholeFirstPass)
        changes = result.changes
        return StepResult(values: result.values)
    }
}

/// The hard stage's volunteer sweep (``FixAndOptimise/sweep(_:guide:floor:until:elapsed:options:progress:)``).
struct VolunteerSweep: Heuristic {
    var search: FixAndOptimise
    let guide: LinearExpression
    /// Re-solve only the volunteers who break a rule of their own.
    var onlyBreakers = false
    var engine: SolveEngine { .volunteerSweep }

    mutating func run(from incumbent: [Double], _ budget: StepBudget) -> StepResult {
        StepResult(values: search.sweep(incumbent, guide: guide, floor: budget.bound, onlyBreakers: onlyBreakers, until: budget.deadline,
                                        elapsed: budget.elapsed, options: budget.options, progress: budget.progress))
    }
}

/// The LP-guided start (``FixAndOptimise/relaxationStart(_:until:elapsed:options:progress:)``):
/// its LP is a bound, its roster the sub-MIP over what the LP leaves fractional.
struct RelaxationStartStep: Heuristic {
    var search: FixAndOptimise
    var engine: SolveEngine { .relaxationStart }

    mutating func run(from incumbent: [Double], _ budget: StepBudget) -> StepResult {
        let start = search.relaxationStart(incumbent, until: budget.deadline, elapsed: budget.elapsed, options: budget.options, progress: budget.progress)
        let improves = search.objective.value(at: start.values) < search.objective.value(at: incumbent)
        return StepResult(values: improves ? start.values : nil, bound: start.bound)
    }
}

/// Fix-and-optimise (``FixAndOptimise/improve(_:until:elapsed:options:lowerBound:progress:)``).
struct NeighbourhoodSearch: Heuristic {
    var search: FixAndOptimise
    var engine: SolveEngine { .fixAndOptimise }

    mutating func run(from incumbent: [Double], _ budget: StepBudget) -> StepResult {
        let values = search.improve(incumbent, until: budget.deadline, elapsed: budget.elapsed, options: budget.options,
                                    lowerBound: budget.bound, progress: budget.progress)
        return StepResult(values: values, bound: search.provenBound)
    }
}

/// The solver's branch-and-cut on the whole model, warm-started from the incumbent (or, for its
/// bound, presolved without it: ``presolved``); a
/// refusal is an incident and returns nothing.
struct BranchAndCutStep: Heuristic {
    let solver: any Solver
    let formulation: RosterFormulation
    let model: Model
    let objective: LinearExpression
    let label: String
    /// Whether to search with the solver's MIP presolver, and so without the incumbent as a
    /// start (GLPK takes one or the other): on a small model, where the step is there for
    /// its bound, the presolved search bounds better (a generated county week:
    /// 79,418 against 79,118 in the same seconds), and the incumbent is kept either way.
    /// On a machine with two cores the presolved search races one from the incumbent
    /// (``Solver/race(_:options:step:reporting:proves:)``): the step takes the better
    /// bound and the better roster of the two, and the first proof of the incumbent's
    /// value stops the other (a proof of a better roster waits for it, so that the roster
    /// kept does not depend on which finished first).
    var presolved = false
    /// The weekly hour caps as paths (``HourPaths``): the search runs on that extended
    /// model, whose LP is as tight as the pattern LP for those caps, and its points are
    /// projected back. `nil`: the model as it is.
    var paths: HourPaths? = nil
    var engine: SolveEngine { .branchAndCut }

    mutating func run(from incumbent: [Double], _ budget: StepBudget) -> StepResult {
        let options = budget.options
        let model = paths?.model ?? self.model
        var stepOptions = SolveOptions(relativeGap: options.relativeGap, logLevel: options.logLevel, logger: options.logger,
                                       warmStart: paths?.extend(incumbent) ?? incumbent, cancellation: options.cancellation)
        if let deadline = budget.deadline { stepOptions.timeLimit = max(0, deadline - budget.elapsed()) }
        stepOptions.progress = budget.progress
        var presolvedOptions = stepOptions
        presolvedOptions.warmStart = nil
        presolvedOptions.presolve = true
        if presolved, SolveRace.isPossible {
            // GLPK's own log from one of them only, so that the two do not interleave.
            presolvedOptions.progress = nil
            presolvedOptions.logLevel = .off
            // A proof that found a better roster waits for the other search, so that the
            // roster kept does not depend on which finished first (``Solver/race``).
            let startValue = self.model.objectiveValue(incumbent)
            let results = solver.race(model, options: [stepOptions, presolvedOptions], step: label, reporting: options) { result in
                result.status == .optimal && SolveRace.keepsTheStart(result, startValue: startValue)
            }
            return combined(results.compactMap { $0 }, incumbent: incumbent)
        }
        if presolved { stepOptions = presolvedOptions }
        guard let result = solver.solveStep(model, options: stepOptions, step: label, reporting: options) else { return StepResult() }
        return combined([result], incumbent: incumbent)
    }

    /// The step's result from one solve or from a race: the best bound of them (each is
    /// valid), a proven optimum if any proved one, and the best roster no worse than the
    /// incumbent (the first on a tie: the warm-started one).
    private func combined(_ results: [SolveResult], incumbent: [Double]) -> StepResult {
        guard let first = results.first else { return StepResult() }
        let proof = results.first { $0.status == .optimal }
        let bounds = results.compactMap(\.bestBound)
        var found = StepResult(bound: bounds.max(), status: (proof ?? first).status, termination: (proof ?? first).termination)
        var best = objective.value(at: incumbent) + 1e-9
        for result in results where result.status.hasSolution {
            let clean = formulation.cleaned(paths?.project(result.values) ?? result.values)
            let value = objective.value(at: clean)
            if model.maximumViolation(clean) <= 1e-7, value <= best {
                found.values = clean
                best = value - 1e-9
            }
        }
        return found
    }
}
