import LinearProgramming
import Logging

/// Progress of a roster solve: which stage, and the MIP's own progress in it.
public struct RosterProgress: Sendable {
    /// The stage: "hard", "coverage", "soft" or "weighted", with "-sweep", "-rens" or
    /// "-improve" appended during the volunteer sweep, the LP-guided start and
    /// fix-and-optimise; "warm-up" before the lexicographic stages.
    public var stage: String
    public var stageNumber: Int
    public var stageCount: Int
    public var mip: SolveProgress
}

/// Options for ``RosterSolver``.
public struct RosterSolveOptions: Sendable {
    /// Wall-clock seconds for the whole solve, all stages included.
    ///
    /// Two things may run past it, both so that a roster comes back that keeps every
    /// hard rule it can: the first roster's construction (every volunteer given a whole
    /// schedule once, by the schedule model; on a long horizon with many people this can
    /// take longer than a short limit: a synthetic Curtois half-year of 100 staff takes
    /// 20 s), and then, only if that construction took the whole limit and still leaves
    /// someone breaking a rule of their own, their repair, one person's MIP each, for at
    /// most a quarter of the limit more.
    public var timeLimit: Double?
    /// Relative gap at which each stage may stop.
    public var relativeGap: Double
    /// Each sub-MIP's own progress (its node count, its incumbent), for logs.
    public var progress: (@Sendable (RosterProgress) -> Void)?
    /// Each improvement of the best roster or of the proven bound, on the solve's clock:
    /// what a person watching wants (``RosterSolveUpdate``).
    public var updates: (@Sendable (RosterSolveUpdate) -> Void)? = nil
    /// Each improving roster's assignments (only built when set).
    public var rosters: (@Sendable ([Assignment]) -> Void)? = nil
    public var cancellation: CancellationToken?
    public var logLevel: SolverLogLevel
    public var logger: Logger?
    /// Improve the final stage by fix-and-optimise over windows of days and groups of
    /// volunteers when the MIP has not proven optimality and time remains.
    public var improve: Bool
    /// Seed for the order in which neighbourhoods are tried.
    public var seed: UInt64
    /// Where the heuristics record a step the solver refused (set by the solve itself).
    var incidents: SolveIncidents? = nil

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

extension RosterSolveOptions {
    /// Every option out of its range, as issues under `options.`: a time limit that is not
    /// a number of seconds from 0 to `SolveOptions.maximumTimeLimit`, a relative gap
    /// outside 0...1 (the ranges every layer shares).
    public func issues() -> [RosterProblemError.Issue] {
        var issues: [RosterProblemError.Issue] = []
        if let t = timeLimit, let why = SolveOptions.timeLimitIssue(t) { issues.append(.init(path: "options.timeLimit", message: why)) }
        if let why = SolveOptions.relativeGapIssue(relativeGap) { issues.append(.init(path: "options.relativeGap", message: why)) }
        return issues
    }
}

/// How a solve shares its time among its steps: every share in one place.
///
/// A share is a fraction of the time left when the step starts (of the whole solve, of
/// the stage, or of column generation's part of it), so steps that finish early leave
/// their time to the next. The values are the project's measured defaults on the
/// federation's rosters and the Curtois family together, not tuned to one instance.
enum TimeShares {
    /// The whole-schedule sweep before any stage.
    static let scheduleSweep = 0.25
    /// While someone still breaks a hard rule, the sweep goes on if it started before this
    /// share of the limit, until `repairUntil`.
    static let repairStartsBefore = 0.45
    static let repairUntil = 0.5
    /// The weighted warm-up before lexicographic stages: a share of the time left, at most
    /// `longestWarmUp` seconds. Short limits need the share (`rota generate` M at 2 s is
    /// proven in 1.2 s with it, and not at all with a tenth; the March month at 5 s in
    /// 3.0 s). Long ones do not need more than a few seconds: its neighbourhoods ran on
    /// to fill 21 s of a 60 s limit on the March month, which the stages then proved in
    /// under a second, while a 3-second warm-up leaves them to prove it at 5 s.
    static let weightedWarmUp = 0.35
    static let longestWarmUp = 5.0
    /// The hard stage, and any other stage but the last (which takes everything left).
    static let hardStage = 0.5
    static let earlierStage = 0.45
    /// The hard stage's volunteer sweep.
    static let hardSweep = 0.75
    /// When the constructive roster took the whole limit and still leaves someone breaking
    /// a rule of their own, the volunteer sweep repairs them (and only them) for at most
    /// this share of the limit past it: a roster that keeps every hard rule is worth a
    /// bounded overrun, where the first pass has already overrun without bound.
    static let breakerRepairGrace = 0.25
    /// Column generation in the last stage, and the pattern LP within it.
    static let columnGeneration = 0.7
    static let patternLP = 0.85
    /// One rounding or master-MIP step of column generation, at least `shortestColumnStep` seconds.
    static let columnStep = 0.25
    static let shortestColumnStep = 5.0
    /// The LP-guided start (RENS) within a stage, and within the warm-up.
    static let relaxationStart = 0.5
    static let warmUpRelaxationStart = 0.6
    /// Branch-and-cut run only for its bound, and to tighten a small gap.
    static let boundingBranchAndCut = 0.2
    static let tighteningBranchAndCut = 0.5
    /// After column generation on a small model whose weekly caps are paths (``HourPaths``):
    /// the rest of the stage. Its LP is then as tight as the pattern LP for those caps and
    /// its search is the week's best source of rosters (31 generated county weeks at 2 s:
    /// with half, s-23 ended 10 % above the bound after fix-and-optimise; with all of it,
    /// 0.08 %, and s-13 and s-36 proven).
    static let branchAndCutWithPaths = 1.0
    /// A gap this small is the bound's fault (branch-and-cut's cuts help), a larger one the
    /// roster's (fix-and-optimise gets the time); with a small gap it gets this share.
    static let smallGap = 0.03
    static let improveWithSmallGap = 0.6
    /// A compact model with at most this many nonzeros gets branch-and-cut's cuts after
    /// column generation has bounded its stage: its root LP takes a fraction of a second,
    /// and the cuts close what the pattern LP leaves of an integrality gap. Measured on
    /// weeks of the county family (about 12,000 nonzeros; its months have 370,000): a
    /// week whose pattern LP stopped 1.2 % under the optimum (`county_generate.py s 16`,
    /// 43,802 against 44,317) was bounded at 44,294 within 2 s.
    static let smallModelNonzeros = 50_000
    /// The LP-guided start races column generation (``RelaxationRace``) only when the
    /// schedule sweep before the stages (at least one dynamic programme per volunteer, the
    /// work of a pricing round) took at most this share of the time left: the race takes the core that
    /// pricing shares. `rota generate` XL sweeps in 0.4 s and its master LP is the slow
    /// part; a synthetic Curtois year (100 × 364 × 16) sweeps in about a minute, prices
    /// 20–30 s a round, and ended at 272,459 at 200 s with the race against 248,166
    /// without.
    static let relaxationRaceSweepShare = 0.05
    /// No step starts with less than this many seconds of its budget left.
    static let shortestStep = 0.5
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
/// warm start. The first roster is constructive and always complete: one whole pass of
/// the schedule search gives each volunteer, in turn, their best schedule given everyone
/// before them (a greedy fill of the demand by whole schedules), whatever the time limit.
/// It costs about half a second for 1,000 volunteers × 28 days, so even a time limit of
/// zero returns a usable roster (only when the heuristics are off, with
/// ``RosterSolveOptions/improve`` false, does it return the empty roster), with its
/// shortfall reported.
public struct RosterSolver: Sendable {
    public var solver: any Solver

    /// A solver over `solver`; `RosterSolver()` (GLPK) comes with the `RotaGLPK` module.
    public init(solver: any Solver) {
        self.solver = solver
    }

    /// Solves on the calling thread.
    public func solve(_ problem: RosterProblem, options: RosterSolveOptions = RosterSolveOptions()) throws(RosterProblemError) -> Roster {
        try problem.validate()
        let formulation = RosterFormulation(problem: problem)
        return try run(formulation, options: options)
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
    /// Throws only for options out of range (``RosterSolveOptions/issues()``); the problem
    /// was validated when the formulation was built from it.
    public func run(_ formulation: RosterFormulation, options: RosterSolveOptions) throws(RosterProblemError) -> Roster {
        let optionIssues = options.issues()
        if !optionIssues.isEmpty { throw RosterProblemError(issues: optionIssues) }
        var options = options
        let incidents = SolveIncidents()
        options.incidents = incidents
        let stopwatch = Stopwatch()
        func elapsed() -> Double { stopwatch.elapsed }
        func remaining() -> Double? { options.timeLimit.map { max(0, $0 - elapsed()) } }
        func closes(_ value: Double, _ bound: Double?) -> Bool { stageCloses(value, bound: bound, relativeGap: options.relativeGap) }

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
        } else if mode == .weighted {
            objectives.append(("weighted", formulation.weightedObjective))
        } else {
            if formulation.hasVariableTerms(.hard) { objectives.append(("hard", formulation.objective(for: .hard))) }
            var rest = formulation.objective(for: .coverage)
            rest.add(formulation.objective(for: .soft))
            objectives.append(("weighted", rest))
        }

        var stages: [StageStatistics] = []
        var cancelled = false
        // Which step produced the roster kept in the end, and the final stage's bound.
        var rosterEngine = current == formulation.complete(zero) ? SolveEngine.emptyRoster : SolveEngine.pinnedStart
        var boundEngine: SolveEngine? = nil
        // What people are told: the stage in words, its objective and bound (set by each stage).
        var stageWords = "first roster", stageNumber = 0
        var stageObjective = objectives.last?.1 ?? LinearExpression()
        var stageBound: Double? = nil
        func announce(_ engine: SolveEngine, improvedRoster: Bool) {
            guard options.updates != nil || (improvedRoster && options.rosters != nil) else { return }
            let value = stageObjective.value(at: current)
            let gap = stageBound.map { SolveResult.relativeGap(objective: value, bound: min($0, value)) }
            options.updates?(RosterSolveUpdate(
                stage: stageWords, stageNumber: stageNumber, stageCount: objectives.count, elapsed: elapsed(), timeLimit: options.timeLimit,
                objective: value, bound: stageBound, gap: gap, unfilledHours: formulation.unfilledHours(at: current), engine: engine,
                improvedRoster: improvedRoster))
            if improvedRoster, let rosters = options.rosters { rosters(formulation.assignments(from: current)) }
        }
        /// Adopts `values` from `engine` (a step's roster, never worse by its own objective),
        /// crediting `engine` when they are lexicographically better than the current roster;
        /// with `onlyIfBetter`, not at all otherwise.
        func adopt(_ values: [Double], from engine: SolveEngine, onlyIfBetter: Bool = false) {
            let better = lexicographicallyBetter(objectives.map { $0.1.value(at: values) }, than: objectives.map { $0.1.value(at: current) })
            if onlyIfBetter && !better { return }
            if better { rosterEngine = engine }
            current = values
            if better { announce(engine, improvedRoster: true) }
        }
        var columnGenerationBounded = false
        // Whole-schedule local search first: it repairs every person's hard rules and takes
        // coverage a long way in a fraction of a second per person.
        // Built only when heuristics are on, and kept only when some volunteer is supported.
        var schedules = options.improve ? ScheduleSearch(formulation: formulation, objectives: objectives.map(\.1), seed: options.seed) : nil
        if schedules?.isUseful != true { schedules = nil }
        /// Runs `heuristic` from the current roster and takes what it found: a better
        /// roster (lexicographically, by every tier) and, through `bound`, its bound.
        func run<H: Heuristic>(_ heuristic: inout H, until deadline: Double?, bound: Double? = nil,
                               progress: (@Sendable (SolveProgress) -> Void)? = nil) -> StepResult {
            let result = heuristic.run(from: current, StepBudget(deadline: deadline, bound: bound, elapsed: elapsed, options: options, progress: progress))
            if let values = result.values { adopt(values, from: result.rosterEngine ?? heuristic.engine) }
            return result
        }
        // A large model of one stage: its LP on the second core while the first builds the
        // first roster (StageLPAhead), for the LP-guided start to take.
        let lpAhead = options.improve && objectives.count == 1 && model.nonzeroCount > TimeShares.smallModelNonzeros && SolveRace.isPossible
            ? StageLPAhead(model: model, objective: objectives[0].1, solver: solver,
                           deadline: remaining().map { elapsed() + $0 * TimeShares.columnGeneration }, stopwatch: stopwatch, options: options)
            : nil
        defer { lpAhead?.finish() }
        // How long the schedule sweep took: at least one dynamic programme per volunteer,
        // the work of a pricing round.
        var sweepSeconds = 0.0
        if let search = schedules {
            var sweep = ScheduleSweep(search: search, wholeFirstPass: true)
            let sweepStart = elapsed()
            _ = run(&sweep, until: remaining().map { elapsed() + $0 * TimeShares.scheduleSweep })
            sweepSeconds = elapsed() - sweepStart
            var changes = sweep.changes
            // While someone still breaks a hard rule, nothing repairs them faster: up to half the time.
            if let first = objectives.first?.1, first.value(at: current) > (first.floor(in: model) ?? 0) + 1e-9,
               let limit = options.timeLimit, elapsed() < limit * TimeShares.repairStartsBefore {
                sweep.wholeFirstPass = false
                _ = run(&sweep, until: limit * TimeShares.repairUntil)
                changes += sweep.changes
            }
            schedules = sweep.search
            options.logger?.info("schedule search: \(sweep.search.schedules.count) volunteers by dynamic programming, \(changes) schedules changed, values \(objectives.map { $0.1.value(at: current) }), \(String(format: "%.2f", elapsed())) s")
        }
        if options.improve, mode == .lexicographic, objectives.count >= 2, (remaining() ?? 60) > 1 {
            stageWords = "warm-up"
            let warmUpSeconds = min((remaining() ?? .infinity) * TimeShares.weightedWarmUp, TimeShares.longestWarmUp)
            let warm = warmUp(formulation, from: current, until: elapsed() + warmUpSeconds, elapsed: elapsed,
                             options: options, stageCount: objectives.count)
            adopt(warm, from: .weightedWarmUp)
            if options.cancellation?.isCancelled == true { cancelled = true }
        }
        for (k, (name, objective)) in objectives.enumerated() {
            if options.cancellation?.isCancelled == true { cancelled = true; break }
            model.setObjective(objective, sense: .minimize)
            stageWords = RosterSolveUpdate.words(forStage: name)
            stageNumber = k + 1
            stageObjective = objective
            stageBound = nil
            let isLast = k == objectives.count - 1
            let stageStart = elapsed()
            // The stage's share of what is left: the last stage takes everything.
            let stageDeadline: Double? = remaining().map { stageStart + (isLast ? $0 : $0 * (name == "hard" ? TimeShares.hardStage : TimeShares.earlierStage)) }
            func report(_ label: String) -> (@Sendable (SolveProgress) -> Void)? {
                guard let progress = options.progress else { return nil }
                let count = objectives.count
                return { p in progress(RosterProgress(stage: label, stageNumber: k + 1, stageCount: count, mip: p)) }
            }
            // The steps of a stage (the Rota catalog's "Lexicographic by stages" explains why):
            // the hard stage's volunteer sweep; in the last stage, column generation and
            // price-and-dive; else the LP-guided start, whose LP is a bound; branch-and-cut
            // when there is no relaxation bound yet or the gap is small; fix-and-optimise;
            // branch-and-cut with whatever is left. The best bound of all is the stage's
            // proven bound, starting from the objective's floor (every penalty is non-negative).
            let objectiveFloor = objective.floor(in: model)
            var bestBound: Double? = objectiveFloor
            stageBound = objectiveFloor
            // When the stage's objective is an integer at every optimum (integer penalties,
            // slack-like auxiliaries: Model.objectiveIsIntegral), each bound rounds up.
            let integralObjective = model.objectiveIsIntegral(objective)
            var stageBoundEngine: SolveEngine? = objectiveFloor != nil ? .objectiveFloor : nil
            func raise(_ b: Double, from engine: SolveEngine) {
                let raised = integralObjective ? (b - 1e-6 * max(1, abs(b))).rounded(.up) : b
                let improves = raised > (bestBound ?? -.infinity) + 1e-9 * max(1, abs(raised))
                if improves { stageBoundEngine = engine }
                bestBound = max(bestBound ?? -.infinity, raised)
                if improves {
                    stageBound = bestBound
                    announce(engine, improvedRoster: false)
                }
            }
            // Whether a relaxation (an LP, column generation or branch-and-cut) has bounded the stage.
            var relaxationBound = false
            func gap() -> Double? {
                let value = objective.value(at: current)
                return bestBound.map { SolveResult.relativeGap(objective: value, bound: min($0, value)) }
            }
            func stageHasTime() -> Bool { (stageDeadline.map { $0 - elapsed() } ?? 1) > TimeShares.shortestStep }
            func log(_ step: String) {
                options.logger?.info("stage \(name) \(step): value \(objective.value(at: current)), bound \(bestBound.map { "\($0)" } ?? "none"), \(String(format: "%.2f", elapsed())) s")
            }
            var status: SolveStatus = .feasible
            var termination: SolveTermination = .completed
            // A small model's weekly hour caps as paths (HourPaths), for branch-and-cut: the
            // same integer points, the pattern LP's strength for those caps (a generated
            // county week proven in about 1 s instead of 27 % short at 3 s). Built once a
            // stage, when first asked for (`nil` once built: no week qualifies).
            var hourPaths: HourPaths?
            var hourPathsBuilt = false
            func stagePaths() -> HourPaths? {
                guard model.nonzeroCount <= TimeShares.smallModelNonzeros else { return nil }
                if !hourPathsBuilt {
                    hourPaths = HourPaths(formulation: formulation, model: model)
                    hourPathsBuilt = true
                }
                return hourPaths
            }
            func branchAndCut(share: Double, presolved: Bool = false) {
                // A refusal is a bug (the formulation builds valid models from a valid problem,
                // or the solver plugged in is at fault): reported as an incident, the stage kept as is.
                var step = BranchAndCutStep(solver: solver, formulation: formulation, model: model, objective: objective,
                                            label: "stage \(name): branch-and-cut")
                step.presolved = presolved
                step.paths = stagePaths()
                let result = run(&step, until: stageDeadline.map { elapsed() + max(0, $0 - elapsed()) * share }, progress: report(name))
                guard let resultStatus = result.status, let resultTermination = result.termination else { return }
                if let b = result.bound { raise(b, from: .branchAndCut); relaxationBound = true }
                status = resultStatus
                termination = resultTermination
                if resultTermination == .cancelled { cancelled = true }
            }
            var search = FixAndOptimise(formulation: formulation, model: model, objective: objective, solver: solver, seed: options.seed &+ UInt64(k))
            search.schedules = schedules
            search.lpAhead = lpAhead
            if name == "hard" {
                // The hard tier concerns one person at a time: sweep the volunteers. A sweep
                // that reaches the objective's floor has proven the stage.
                if options.improve, !closes(objective.value(at: current), bestBound) {
                    var sweep = VolunteerSweep(search: search, guide: objective)
                    // The constructive roster's first pass is whole, whatever the limit: on a
                    // long horizon with a short limit it can take all of it (a synthetic
                    // Curtois half-year, 100 staff, 5 s: 20 s) and still leave a few people
                    // breaking a rule of their own (a minimum of minutes the schedule model's
                    // prices missed). Nothing else mends them, and one person's MIP does it
                    // in a fraction of a second: they are repaired anyway, for at most a
                    // share of the limit past it (TimeShares.breakerRepairGrace).
                    if let limit = options.timeLimit, elapsed() >= limit {
                        sweep.onlyBreakers = true
                        _ = run(&sweep, until: elapsed() + limit * TimeShares.breakerRepairGrace, bound: bestBound,
                                progress: report("\(name)-sweep"))
                        sweep.onlyBreakers = false
                    }
                    _ = run(&sweep, until: stageDeadline.map { elapsed() + ($0 - elapsed()) * TimeShares.hardSweep }, bound: bestBound,
                            progress: report("\(name)-sweep"))
                    search = sweep.search
                    if options.cancellation?.isCancelled == true { cancelled = true }
                    log("after the volunteer sweep")
                }
            }
            var decomposed = false
            // Whether the LP-guided start already ran, racing column generation.
            var relaxationRaced = false
            // A small model's branch-and-cut is quick: column generation's dives stop sooner
            // for it, and it runs even after column generation bounded the stage.
            let smallModel = model.nonzeroCount <= TimeShares.smallModelNonzeros
            if isLast, let schedules, !cancelled, !closes(objective.value(at: current), bestBound), stageHasTime(),
               let columns = ColumnGeneration(search: schedules) {
                // Column generation over whole schedules: the pattern LP's bound, then
                // roundings, RINS around the LP (in the compact model, by `search`), dives and
                // the master MIP over the schedules it found.
                var step = ColumnGenerationStep(columns: columns, schedules: schedules, solver: solver, objectives: objectives.map(\.1), stage: k,
                                                integralObjective: integralObjective, masterProgress: report("\(name)-columns"), neighbourhoods: search)
                if smallModel { step.staleDives = ColumnGeneration.staleDivesBeforeBranchAndCut }
                let columnDeadline = stageDeadline.map { elapsed() + ($0 - elapsed()) * TimeShares.columnGeneration }
                // On a large model the compact LP-guided start races column generation on
                // the second core (RelaxationRace: who wins, deterministically), unless
                // pricing needs that core (TimeShares.relaxationRaceSweepShare).
                let cheapPricing = remaining().map { sweepSeconds <= $0 * TimeShares.relaxationRaceSweepShare } ?? true
                let relaxation = options.improve && !smallModel && cheapPricing && SolveRace.isPossible
                    ? RelaxationRace(formulation: formulation, model: model, objective: objective, solver: solver, seed: options.seed &+ UInt64(k),
                                     incumbent: current, deadline: columnDeadline, stopwatch: stopwatch, options: options, lpAhead: lpAhead,
                                     closes: { [relativeGap = options.relativeGap] in stageCloses($0, bound: $1, relativeGap: relativeGap) })
                    : nil
                // Without the race, the LP solved ahead would take the core that pricing
                // uses: it stops (the LP-guided start after column generation, if the stage
                // needs it, takes it if it was done, and solves it again if not).
                if relaxation == nil { lpAhead?.stop() }
                let start = (values: current, engine: rosterEngine)
                let solveToken = options.cancellation
                if let relaxation { options.cancellation = relaxation.columnGenerationToken }
                let found = run(&step, until: columnDeadline, bound: bestBound)
                options.cancellation = solveToken
                let raced = relaxation?.join()
                relaxationRaced = raced != nil
                if let raced, raced.closes, let values = raced.values {
                    // The LP-guided start closed the stage: its roster and its bound.
                    (current, rosterEngine) = start
                    adopt(values, from: .relaxationStart)
                    if let b = raced.bound { raise(b, from: .linearRelaxation); relaxationBound = true }
                    log("after the LP-guided start that raced column generation")
                } else {
                    if let values = raced?.values { adopt(values, from: .relaxationStart, onlyIfBetter: true) }
                    if let b = raced?.bound { raise(b, from: .linearRelaxation); relaxationBound = true }
                    if let b = found.bound {
                        raise(b, from: .columnGeneration)
                        decomposed = true
                        relaxationBound = true
                        columnGenerationBounded = true
                    }
                    log("after column generation (\(step.poolSize) schedules)")
                }
                if options.cancellation?.isCancelled == true { cancelled = true }
            }
            // Column generation's bound is a Lagrangian one: valid, but when its pricing is
            // inexact or its rounds did not converge it may sit at or below the objective's floor
            // while the compact LP is well above it. Then the LP-guided start runs too, for its LP.
            let decompositionBounded = decomposed && (objectiveFloor.map { floor in
                (bestBound ?? -.infinity) > floor + 1e-9 * max(1, abs(floor))
            } ?? true)
            if options.improve, !decompositionBounded, !relaxationRaced, !cancelled, !closes(objective.value(at: current), bestBound), stageHasTime() {
                // LP-guided first roster (RENS) on at most half of the stage (its LP is also the stage's first bound).
                var start = RelaxationStartStep(search: search)
                let found = run(&start, until: stageDeadline.map { elapsed() + ($0 - elapsed()) * TimeShares.relaxationStart }, progress: report("\(name)-rens"))
                search = start.search
                if let b = found.bound { raise(b, from: .linearRelaxation); relaxationBound = true }
                if options.cancellation?.isCancelled == true { cancelled = true }
                log("after the LP-guided start")
            }
            // Without an LP bound yet, a short branch-and-cut supplies one. With it, a large gap
            // is usually the incumbent's fault, so fix-and-optimise comes first; a small gap
            // (≤ 3 %) is usually the LP bound's, which branch-and-cut's cuts tighten — unless
            // column generation bounded the stage on a large model: the compact model's LP is
            // no tighter than the pattern LP it bounded with, and where column generation is
            // needed its root LP alone can outlast the step (the county family's 306-volunteer
            // month: 12 s of GLPK's simplex without an optimal root, while fix-and-optimise
            // took the roster from 46,265 to 46,146 in 7 s). The gap is then the roster's.
            // On a small model (``TimeShares/smallModelNonzeros``) the root is quick and
            // the cuts are what column generation's bound lacks; where its weekly caps are
            // paths (HourPaths) it comes first whatever the gap and gets the rest of the
            // stage: its LP is then as tight as the pattern LP for them, and its search
            // finds rosters that the master MIP missed (a generated county week at 2 s:
            // 27,105 where fix-and-optimise left 29,093).
            let pathsFirst = decompositionBounded && smallModel && stagePaths() != nil
            if !closes(objective.value(at: current), bestBound) && !cancelled {
                if !options.improve || !relaxationBound {
                    branchAndCut(share: options.improve ? TimeShares.boundingBranchAndCut : 1)
                    log("after branch-and-cut")
                } else if let lpGap = gap(), lpGap <= TimeShares.smallGap || pathsFirst, !decompositionBounded || smallModel {
                    branchAndCut(share: pathsFirst ? TimeShares.branchAndCutWithPaths : TimeShares.tighteningBranchAndCut, presolved: decompositionBounded)
                    log("after branch-and-cut")
                }
            }
            if options.improve, !cancelled, status != .optimal, !closes(objective.value(at: current), bestBound), stageHasTime() {
                // While the gap is large, the incumbent is what is wrong: search until the end
                // (or a local optimum); branch-and-cut gets what is left.
                let share = (gap() ?? 1) > TimeShares.smallGap || decompositionBounded && !smallModel ? 1.0 : TimeShares.improveWithSmallGap
                let searchDeadline = stageDeadline.map { elapsed() + ($0 - elapsed()) * share }
                var neighbourhoods = NeighbourhoodSearch(search: search)
                let found = run(&neighbourhoods, until: searchDeadline, bound: bestBound, progress: report("\(name)-improve"))
                search = neighbourhoods.search
                if let b = found.bound { raise(b, from: .fixAndOptimise) }
                if options.cancellation?.isCancelled == true { cancelled = true }
                log("after fix-and-optimise")
                if !cancelled, !closes(objective.value(at: current), bestBound), stageHasTime() {
                    branchAndCut(share: 1, presolved: decompositionBounded && smallModel)
                    log("after branch-and-cut")
                }
            }
            let value = objective.value(at: current)
            var bound = bestBound
            if let b = bound, value <= b + 1e-6 * max(1, abs(value)) { status = .optimal; bound = value }
            boundEngine = stageBoundEngine
            stages.append(StageStatistics(tier: name, status: status, termination: termination,
                                          objective: value, bound: bound, seconds: elapsed() - stageStart))
            if cancelled { break }
            if !isLast {
                // Hold this tier at the value reached while the next tiers are optimised.
                let tolerance = 1e-6 * max(1, abs(value))
                model.addConstraint(terms: objective.terms, .lessOrEqual(value - objective.constant + tolerance), name: "hold_\(name)")
            }
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
            nonzeros: formulation.model.nonzeroCount, stages: stages,
            engines: options.improve ? EngineUse(
                volunteers: formulation.itemsByVolunteer.filter { !$0.isEmpty }.count,
                sequenceModel: schedules?.schedules.filter { $0.counted == nil }.count ?? 0,
                countingModel: schedules?.schedules.filter { $0.counted != nil }.count ?? 0,
                columnGeneration: columnGenerationBounded,
                declinedBy: declinedBy(formulation, schedules),
                rosterFrom: rosterEngine, boundFrom: boundEngine) : nil,
            incidents: incidents.all)
        return Roster(
            assignments: assignments, unfilled: report.unfilled, totals: report.totals, objective: report.objective,
            limitViolations: report.violations, statistics: statistics)
    }
}

extension RosterSolver {
    /// A weighted warm-up before the lexicographic stages: the LP-guided start and
    /// fix-and-optimise on the weighted objective (every tier at once).
    ///
    /// A tier alone is a poor guide for a heuristic. The coverage tier's LP has a huge,
    /// degenerate optimal face, so its LP-guided start and neighbourhoods wander among
    /// rosters with equal coverage. The weighted objective breaks those ties the way the
    /// later tiers will, and its rounding is far more integral. The lexicographic stages then
    /// start from a roster that is usually optimal for the first tier already, and only
    /// have to prove it against their own bounds. Returns the better roster of the two
    /// (by the weighted objective).
    func warmUp(_ formulation: RosterFormulation, from start: [Double], until deadline: Double?, elapsed: @escaping () -> Double,
                options: RosterSolveOptions, stageCount: Int) -> [Double] {
        let weighted = formulation.weightedObjective
        let search = FixAndOptimise(formulation: formulation, model: formulation.model, objective: weighted, solver: solver,
                                    seed: options.seed &+ 1_000)
        func report(_ label: String) -> (@Sendable (SolveProgress) -> Void)? {
            guard let progress = options.progress else { return nil }
            return { p in progress(RosterProgress(stage: label, stageNumber: 1, stageCount: stageCount, mip: p)) }
        }
        func budget(_ deadline: Double?) -> StepBudget {
            StepBudget(deadline: deadline, bound: nil, elapsed: elapsed, options: options, progress: report("warm-up"))
        }
        var rens = RelaxationStartStep(search: search)
        var current = rens.run(from: start, budget(deadline.map { elapsed() + ($0 - elapsed()) * TimeShares.warmUpRelaxationStart })).values ?? start
        if options.cancellation?.isCancelled != true {
            var neighbourhoods = NeighbourhoodSearch(search: rens.search)
            current = neighbourhoods.run(from: current, budget(deadline)).values ?? current
        }
        options.logger?.info("weighted warm-up: value \(weighted.value(at: current)), \(String(format: "%.2f", elapsed())) s")
        return weighted.value(at: current) < weighted.value(at: start) ? current : start
    }
}

extension RosterSolver {
    /// Volunteers with something to do that neither schedule model covers, counted by the
    /// first rule the counting model (else the sequence model) cannot keep; "model-size" when
    /// each keeps their rules but the state would exceed its budget. O(volunteers × items).
    func declinedBy(_ formulation: RosterFormulation, _ schedules: ScheduleSearch?) -> [String: Int] {
        let covered = Set(schedules?.schedules.map(\.volunteer) ?? [])
        var counts: [String: Int] = [:]
        for v in formulation.itemsByVolunteer.indices where !formulation.itemsByVolunteer[v].isEmpty && !covered.contains(v) {
            let rule = RuleCatalog.refusal(in: .counting, formulation: formulation, volunteer: v)
                ?? RuleCatalog.refusal(in: .sequence, formulation: formulation, volunteer: v)
            counts[rule?.rawValue ?? "model-size", default: 0] += 1
        }
        return counts
    }
}

/// Whether a stage at `value` is done: it meets its proven `bound` (to a tolerance
/// relative to the bound), or comes within the `relativeGap` asked for. `false` without a
/// bound. Branch-and-cut, the RENS start and fix-and-optimise all stop on this one test.
func stageCloses(_ value: Double, bound: Double?, relativeGap: Double) -> Bool {
    guard let bound else { return false }
    return value <= meetingValue(bound)
        || SolveResult.relativeGap(objective: value, bound: min(bound, value)) <= relativeGap
}

/// The highest value that counts as meeting `bound` whatever the gap: round-off above it.
private func meetingValue(_ bound: Double) -> Double { bound + 1e-6 * max(1, abs(bound)) }

/// The highest stage value that ``stageCloses(_:bound:relativeGap:)`` accepts against
/// `bound`, or `nil` without a bound: the objective target of a sub-MIP whose objective is
/// the stage's (``LinearProgramming/SolveOptions/objectiveTarget``). A sub-MIP that
/// reaches it has closed the stage, so searching on could only prove what the bound
/// already does. O(1).
func stageClosingValue(bound: Double?, relativeGap: Double) -> Double? {
    guard let bound, bound.isFinite else { return nil }
    let tolerance = meetingValue(bound)
    // (value − bound) / |value| ≤ gap: value ≤ bound / (1 − gap) above a positive bound,
    // value ≤ bound / (1 + gap) above a negative one (never past 0).
    guard relativeGap > 0, relativeGap < 1, bound != 0 else { return tolerance }
    let exact = bound > 0 ? bound / (1 - relativeGap) : bound / (1 + relativeGap)
    // A hair below, so that round-off in the division cannot leave it just outside.
    let byGap = exact - 1e-12 * abs(exact)
    return byGap > tolerance && stageCloses(byGap, bound: bound, relativeGap: relativeGap) ? byGap : tolerance
}
