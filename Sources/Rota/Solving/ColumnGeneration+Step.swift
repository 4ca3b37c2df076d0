import LinearProgramming

/// Column generation as one ``Heuristic`` of the last stage: the pattern LP and its
/// Lagrangian bound, then rosters from it — roundings mended by the schedule search, RINS
/// around the LP after the first (once it has converged, or on long horizons), and once
/// the LP has converged on short horizons, price-and-dive alternating with the master MIP
/// over every schedule found.
///
/// Its bound is on the weighted sum of every tier (``ScheduleSearch/tierWeights``), with
/// the earlier tiers held at the incumbent's values; ``run(from:_:)`` returns it on the
/// stage's scale. The roster it returns names the part that found it in
/// ``StepResult/rosterEngine``.
struct ColumnGenerationStep: Heuristic {
    var columns: ColumnGeneration
    let schedules: ScheduleSearch
    let solver: any Solver
    /// Every tier's objective, most important first, and the stage's index among them.
    let objectives: [LinearExpression]
    let stage: Int
    /// Whether the stage's objective is an integer at every optimum (bounds round up).
    let integralObjective: Bool
    /// Progress for the master MIP.
    let masterProgress: (@Sendable (SolveProgress) -> Void)?
    /// The compact model's neighbourhoods, for RINS around the pattern LP
    /// (``FixAndOptimise/patternNeighbourhood(_:current:until:elapsed:options:progress:groupsAbove:groupItems:target:done:)``);
    /// `nil` leaves it out.
    let neighbourhoods: FixAndOptimise?
    /// Dives (each with its master MIP) in a row that may leave the roster as it was before
    /// the dives end; `nil`: no such limit. Set where branch-and-cut follows and uses the
    /// time better (a small model, ``TimeShares/smallModelNonzeros``): on a generated county
    /// week (`county_generate.py s 16`) the first master MIP found the optimum at 0.5 s and
    /// 60 dives more, each adding schedules, found nothing better in the next 13 s.
    var staleDives: Int? = nil
    var engine: SolveEngine { .columnGeneration }
    /// How many schedules the pool held at the end.
    var poolSize: Int { columns.poolSize }

    mutating func run(from incumbent: [Double], _ budget: StepBudget) -> StepResult {
        let options = budget.options, elapsed = budget.elapsed
        let objective = objectives[stage]
        let columnsDeadline = budget.deadline
        var current = incumbent
        var result = StepResult()
        var bestBound = budget.bound
        func closes(_ value: Double) -> Bool { stageCloses(value, bound: bestBound, relativeGap: options.relativeGap) }
        func values(_ x: [Double]) -> [Double] { objectives.map { $0.value(at: x) } }
        func better(_ x: [Double]) -> Bool { lexicographicallyBetter(values(x), than: values(current)) }
        func adopt(_ x: [Double], _ engine: SolveEngine) {
            current = x
            result.values = x
            result.rosterEngine = engine
        }
        var cancelled: Bool { options.cancellation?.isCancelled == true }

        columns.add(schedulesOf: current)
        // The LP may take most of it: unconverged, it still bounds the stage.
        let lpDeadline = columnsDeadline.map { elapsed() + ($0 - elapsed()) * TimeShares.patternLP }
        // Every round's Lagrangian bound is valid, converged or not.
        if let b = columns.solveRelaxation(upperBound: schedules.guideValue(current), solver: solver, until: lpDeadline, elapsed: elapsed, options: options) {
            // The bound is on the weighted sum of every tier; earlier tiers are held at their values.
            var held = 0.0
            for j in 0..<stage { held += schedules.tierWeights[j] * objectives[j].value(at: current) }
            let bound = (b - held) / schedules.tierWeights[stage]
            result.bound = bound
            let raised = integralObjective ? (bound - 1e-6 * max(1, abs(bound))).rounded(.up) : bound
            bestBound = max(bestBound ?? -.infinity, raised)
        }
        // A step's share of what is left of column generation's time: a quarter, at least 5 s.
        func stepDeadline() -> Double? {
            columnsDeadline.map { min($0, elapsed() + max(TimeShares.shortestColumnStep, ($0 - elapsed()) * TimeShares.columnStep)) }
        }
        // The LP rounded (each volunteer's heaviest schedule), mended by the schedule
        // search: a few seconds, and on long horizons, where dives are slow and fix
        // badly in batches, the roster that follows the LP. There, once the LP has
        // converged, randomised roundings (schedules drawn by their weights, seeded)
        // follow while column generation has time: one rounding's roster varies a lot
        // (Instance 20: 5695 and 5968 from two runs' LPs of the same value).
        var draw: SeededGenerator? = nil
        var roundings = 0
        // On a short horizon with two cores, RINS runs beside the dives (PatternRINSRace).
        var rins: PatternRINSRace? = nil
        while !cancelled, let rounded = columns.rounded(drawingWith: &draw) {
            var search = schedules
            let mended = search.sweep(rounded, until: stepDeadline(), elapsed: elapsed, cancelled: { options.cancellation?.isCancelled == true }).values
            if better(mended) { adopt(mended, .columnGenerationRounding) }
            options.logger?.debug("column generation rounding \(roundings): \(values(mended)), value \(objective.value(at: current)), \(String(format: "%.2f", elapsed())) s")
            roundings += 1
            // RINS around the pattern LP: the compact MIP over the items where the LP and
            // the roster differ, from the roster. Where the pattern LP is tight (the March
            // month: 64.8, the optimum) the optimum is usually in that small neighbourhood,
            // which a dive, fixing whole schedules in batches, walks past; county l-2 (1,000
            // volunteers): 4,614, the LP's value, from a rounding of 4,722. It follows the
            // first rounding, before the randomised ones (`rota generate` M: the optimum
            // 0.7 s sooner). On long horizons it follows an unconverged LP too, in groups of
            // volunteers when the difference is large (county m-2, 306 volunteers, at 20 s:
            // 46,138–46,169 where fix-and-optimise alone reached 46,247–46,392). Passes follow
            // while they improve (m-2 at 20 s: 46,048 after the first, 45,978 after three).
            // On short horizons the dives wait for convergence, and with two cores RINS
            // runs beside the first dive (PatternRINSRace), so that it does not take the
            // first master MIP's time.
            if roundings == 1, !cancelled, columns.converged, !columns.isLong, columns.isFractional, SolveRace.isPossible,
               !closes(objective.value(at: current)), let neighbourhoods {
                let closingBound = bestBound, gap = options.relativeGap
                rins = PatternRINSRace(search: neighbourhoods, itemValues: columns.relaxationItemValues, current: current, now: elapsed(),
                                       deadline: stepDeadline(), options: options,
                                       target: stageClosingValue(bound: bestBound, relativeGap: gap),
                                       closes: { stageCloses(objective.value(at: $0), bound: closingBound, relativeGap: gap) })
            } else if roundings == 1, !cancelled, columns.converged || columns.isLong, columns.isFractional, !closes(objective.value(at: current)),
               let found = neighbourhoods?.patternNeighbourhood(columns.relaxationItemValues, current: current, until: stepDeadline(), elapsed: elapsed,
                                                                options: options, progress: masterProgress,
                                                                target: stageClosingValue(bound: bestBound, relativeGap: options.relativeGap),
                                                                done: { closes(objective.value(at: $0)) }) {
                if better(found) { adopt(found, .columnGenerationRINS) }
                options.logger?.debug("pattern RINS: value \(objective.value(at: current)), \(String(format: "%.2f", elapsed())) s")
            }
            guard !closes(objective.value(at: current)), columns.converged, columns.isLong, roundings < ColumnGeneration.maximumRoundings, columnsDeadline.map({ $0 - elapsed() > ColumnGeneration.roundingSeconds }) ?? true else { break }
            if draw == nil { draw = SeededGenerator(seed: options.seed &+ UInt64(stage) &+ 1) }
        }
        // RINS beside the dives, joined before the first master MIP (which starts from the
        // better roster of the two) or at the end.
        func joinRINS() {
            guard let race = rins else { return }
            rins = nil
            // The dives closed the stage: RINS's roster is set aside. RINS closed it: its
            // roster, the dives' set aside. Otherwise the better of the two.
            if closes(objective.value(at: current)) { race.stop() }
            let raced = race.join()
            if raced.closes, let values = raced.values {
                adopt(values, .columnGenerationRINS)
            } else if !closes(objective.value(at: current)), let values = raced.values, better(values) {
                adopt(values, .columnGenerationRINS)
            }
            options.logger?.debug("pattern RINS beside the dives: \(raced.values.map { "\(objective.value(at: $0))" } ?? "nothing better")\(raced.closes ? " (closes the stage)" : ""), value \(objective.value(at: current)), \(String(format: "%.2f", elapsed())) s")
        }
        // Dives (the first follows the LP, later ones explore), each followed by the
        // master MIP over every schedule found so far, warm-started from the best roster.
        // They follow the LP, so they wait for it to converge: from a half-solved LP
        // they fix schedules the duals were still moving away from.
        var rng: SeededGenerator? = nil
        var dives = 0, stalled = 0, sinceBetter = 0
        while !cancelled, columns.converged, !columns.isLong, !closes(objective.value(at: current)), rins?.hasClosedStage != true,
              columnsDeadline.map({ $0 - elapsed() > TimeShares.shortestStep }) ?? (dives < ColumnGeneration.divesWithoutDeadline) {
            dives += 1
            let poolSize = columns.poolSize
            let valueBefore = objective.value(at: current)
            let found = columns.dive(solver: solver, until: columnsDeadline, elapsed: elapsed, options: options, rng: &rng)
            if let found, better(found) { adopt(found, .columnGenerationDive) }
            options.logger?.debug("column generation dive \(dives): found \(found.map { "\(values($0))" } ?? "nothing"), value \(objective.value(at: current)), \(String(format: "%.2f", elapsed())) s")
            if rng == nil { rng = SeededGenerator(seed: options.seed &+ UInt64(stage)) }
            if closes(objective.value(at: current)) { break }
            joinRINS()
            if closes(objective.value(at: current)) { break }
            if let found = columns.solveMaster(from: current, solver: solver, until: stepDeadline(), elapsed: elapsed, options: options,
                                               progress: masterProgress), better(found) {
                adopt(found, .columnGenerationMaster)
            }
            options.logger?.debug("column generation master MIP: value \(objective.value(at: current)), \(String(format: "%.2f", elapsed())) s")
            // Once, after the first dive and master MIP (whose roster makes the gap to list
            // narrow: on the county week 51,197 against the dive's 51,210): every schedule
            // that could still improve on the roster, and the exact master over them.
            if dives == 1 {
                enumerate(&current, &result, &bestBound, until: stepDeadline(), proving: columnsDeadline, budget)
                if closes(objective.value(at: current)) { break }
            }
            // Dives that find no new schedule leave the master MIP nothing new to combine.
            stalled = columns.poolSize == poolSize ? stalled + 1 : 0
            if stalled >= ColumnGeneration.stalledDives { break }
            sinceBetter = objective.value(at: current) < valueBefore - 1e-9 * max(1, abs(valueBefore)) ? 0 : sinceBetter + 1
            if let staleDives, sinceBetter >= staleDives { break }
        }
        joinRINS()
        return result
    }

    /// Column enumeration (``ColumnGeneration/enumerateAndSolve(upper:improvement:from:solver:until:proving:elapsed:options:)``):
    /// adopts a better roster, and a proven optimum as the bound.
    private mutating func enumerate(
        _ current: inout [Double], _ result: inout StepResult, _ bestBound: inout Double?, until deadline: Double?, proving proofDeadline: Double?,
        _ budget: StepBudget
    ) {
        let objective = objectives[stage]
        guard !stageCloses(objective.value(at: current), bound: bestBound, relativeGap: budget.options.relativeGap),
              budget.options.cancellation?.isCancelled != true else { return }
        // One tier with integer values: a better roster is better by 1 at least.
        let upper = schedules.guideValue(current)
        let improvement = integralObjective && objectives.count == 1 ? 1 : 1e-6 * max(1, abs(upper))
        guard let found = columns.enumerateAndSolve(upper: upper, improvement: improvement, from: current, solver: solver, until: deadline, proving: proofDeadline,
                                                    elapsed: budget.elapsed, options: budget.options) else { return }
        if let roster = found.roster, lexicographicallyBetter(objectives.map { $0.value(at: roster) }, than: objectives.map { $0.value(at: current) }) {
            current = roster
            result.values = roster
            result.rosterEngine = .columnGenerationMaster
        }
        if let optimum = found.optimum {
            // The optimum of the weighted sum, earlier tiers held at their values.
            var held = 0.0
            for j in 0..<stage { held += schedules.tierWeights[j] * objectives[j].value(at: current) }
            let bound = min((optimum - held) / schedules.tierWeights[stage], objective.value(at: current))
            result.bound = max(result.bound ?? -.infinity, bound)
            let raised = integralObjective ? (bound - 1e-6 * max(1, abs(bound))).rounded(.up) : bound
            bestBound = max(bestBound ?? -.infinity, raised)
        }
        budget.options.logger?.debug("column enumeration: \(found.schedules) schedules, value \(objective.value(at: current))\(found.optimum != nil ? " (proven optimal)" : ""), \(String(format: "%.2f", budget.elapsed())) s")
    }
}
