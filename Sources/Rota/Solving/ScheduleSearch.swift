import LinearProgramming

/// Local search by whole schedules: re-plan one volunteer's entire horizon at a time,
/// everyone else fixed, by dynamic programming, and keep the change when it is better.
///
/// With everyone else fixed, what one volunteer's item is worth is exact and separable:
/// taking a shift that is short of cover earns its under-cover weight, taking one that is
/// full costs its over-cover weight, a request met or broken its weight. ``price(_:)``
/// reads those marginal values off the model itself (``IncrementalSolution``, with the
/// volunteer's own auxiliaries left out), so every rule the formulation knows is priced
/// the way the MIP prices it. ``ScheduleDP`` then finds the volunteer's best schedule under
/// their sequence and counting rules in milliseconds, where a one-person MIP over a long
/// horizon takes seconds. A change is kept only when the tracked objectives improve
/// lexicographically (earlier tiers first), checked on the model, so the search never
/// breaks a hard row or a held tier.
///
/// Rostering's classic local search moves one shift at a time; re-planning a whole
/// schedule moves a person's runs, rest days and weekends together, which single moves
/// cannot do without passing through infeasible rosters.
struct ScheduleSearch {
    let formulation: RosterFormulation
    /// Tracked objectives, most important first.
    let objectives: [LinearExpression]
    /// One model per supported volunteer.
    let schedules: [ScheduleDP]
    /// What the path costs are measured in: the objectives weighted 1000× per tier above.
    let tierWeights: [Double]
    /// That weighted objective as dense coefficients by column, and its constant.
    let guide: [Double]
    let guideConstant: Double
    /// Per schedule: the weighted cost of a minute short of the volunteer's minimum hours.
    let shortfallRates: [Double]
    /// Per row: whether it links volunteers (a column of another volunteer or a shared
    /// auxiliary in it), so that one person's option can break it given everyone else.
    let linksVolunteers: [Bool]
    private var rng: SeededGenerator
    /// Volunteers the sweep re-plans together: two when a pass is long
    /// (``pairsVolunteers``), else one. Fixed by the problem, not by the machine, so that
    /// every machine finds the same roster (tests set it).
    var together = 1

    /// `templateBudget`: see ``ScheduleDP/init(formulation:volunteer:budget:templateBudget:)``
    /// (tests lower it so that caps per template are priced).
    init(formulation: RosterFormulation, objectives: [LinearExpression], seed: UInt64, templateBudget: Double = ScheduleDP.templateCountingBudget) {
        self.formulation = formulation
        self.objectives = objectives
        var weights = [Double](repeating: 1, count: objectives.count)
        for k in stride(from: objectives.count - 2, through: 0, by: -1) { weights[k] = weights[k + 1] * 1_000 }
        tierWeights = weights
        var guide = [Double](repeating: 0, count: formulation.model.variableCount)
        var constant = 0.0
        for (k, e) in objectives.enumerated() {
            for t in e.terms { guide[t.variable.index] += weights[k] * t.coefficient }
            constant += weights[k] * e.constant
        }
        self.guide = guide
        guideConstant = constant
        schedules = formulation.itemsByVolunteer.indices.compactMap {
            ScheduleDP(formulation: formulation, volunteer: $0, templateBudget: templateBudget)?.configured(guide: guide)
        }
        // The shortfall auxiliary is measured in hours.
        shortfallRates = schedules.map { dp in dp.shortfallColumn.map { max(guide[$0], 0) / 60 } ?? 0 }
        rng = SeededGenerator(seed: seed)
        let owner = formulation.columnOwners()
        var links = [Bool](repeating: false, count: formulation.model.constraintCount)
        formulation.model.forEachRow { r, columns, _, _, _ in
            guard let first = columns.first else { return }
            links[r] = owner[first] < 0 || columns.contains { owner[$0] != owner[first] }
        }
        linksVolunteers = links
        together = pairsVolunteers ? 2 : 1
    }

    /// States a pass's paths visit (the sum of ``ScheduleDP/pathStates``) from which the
    /// sweep re-plans volunteers two at a time. Measured sums: Curtois-shaped years with
    /// minutes counted, 3.4 × 10⁹ (150 staff × 364 days × 32 shift types, whose
    /// constructive first pass took its whole 300 s on one core) and 1.3 × 10⁹ (100 × 364
    /// × 16, 77 s); Curtois Instance 20 (182 days × 50 staff) 5 × 10⁷, the XL county
    /// (3,000 volunteers, 13 weeks) 3 × 10⁶: those keep one at a time.
    static let pairingStates = 1e9

    /// Whether ``sweep(_:until:elapsed:cancelled:maxPasses:wholeFirstPass:)`` re-plans two
    /// volunteers at a time. O(volunteers × days).
    var pairsVolunteers: Bool { schedules.reduce(0) { $0 + $1.pathStates } >= Self.pairingStates }

    /// The best path (an option per day, −1 off) of each schedule of `group` at its
    /// `costs`, `nil` where none keeps the rules; on all cores when there are several.
    private func bestPaths(_ group: [Int], costs: [[Double]]) -> [[Int]?] {
        let schedules = self.schedules, rates = shortfallRates
        return concurrentMap(group.count) { i in schedules[group[i]].best(costs: costs[i], shortfallRate: rates[group[i]]).best?.path }
    }

    /// Whether a path found at `old` costs is still a cheapest one at `new`: no option got
    /// cheaper and the path's own options cost the same. (The path's value is the sum of
    /// its options' costs plus what the volunteer's own rules charge, which the costs do
    /// not change.) O(options).
    static func stillCheapest(_ path: [Int], old: [Double], new: [Double]) -> Bool {
        for k in old.indices where new[k] < old[k] { return false }
        for k in path where k >= 0 && new[k] != old[k] { return false }
        return true
    }

    /// The weighted objective (``guide`` and its constant) at `values`, one per column. O(columns).
    func guideValue(_ values: [Double]) -> Double {
        values.indices.reduce(guideConstant) { $0 + guide[$1] * values[$1] }
    }

    /// What schedule `s`'s own auxiliaries cost (a shortfall against minimum hours, a
    /// deviation from target hours) for the items of `pattern`, at the guide's weights.
    func ownCost(_ pattern: [Int], _ s: Int) -> Double {
        let dp = schedules[s]
        if let counted = dp.counted { return counted.ownCost(of: pattern, items: formulation.items) }
        guard let m = dp.minMinutes else { return 0 }
        let minutes = pattern.reduce(0) { $0 + formulation.items[$1].interval.length }
        return shortfallRates[s] * Double(max(0, m - minutes))
    }

    /// Whether any volunteer is supported (and there is something to optimise).
    var isUseful: Bool { !schedules.isEmpty && !objectives.isEmpty }

    /// The weighted value of the tracked objectives.
    private func weighted(_ values: [Double]) -> Double {
        zip(values, tierWeights).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The marginal weighted cost of each of the volunteer's options, everyone else as in
    /// `solution`. O(options × rows per item).
    func price(_ dp: ScheduleDP, in solution: inout IncrementalSolution) -> [Double] {
        let items = formulation.items
        let base = solution.mark
        let mine = formulation.itemsByVolunteer[dp.volunteer]
        solution.apply(mine.map { (items[$0].column, 0.0) }, skipping: dp.volunteer)
        let before = weighted(solution.objectiveValues)
        var costs = [Double](repeating: 0, count: dp.optionCount)
        for k in 0..<dp.optionCount {
            let mark = solution.mark
            // An option that breaks a hard row shared with others (a slot's or a role's
            // maximum, with everyone else as they are) is not an option now.
            let holds = solution.apply(CollectionOfOne((items[dp.item[k]].column, 1.0)), skipping: dp.volunteer, checking: { linksVolunteers[$0] })
            costs[k] = holds ? weighted(solution.objectiveValues) - before : .infinity
            solution.undo(to: mark)
        }
        solution.undo(to: base)
        return costs
    }

    /// Sweeps the supported volunteers in a seeded random order, re-planning each, until a
    /// whole pass changes nothing, the deadline comes or `cancelled()`. With
    /// `wholeFirstPass`, the first pass ignores the deadline (not cancellation): from an
    /// empty roster it is the constructive roster, every volunteer given their best
    /// schedule against the demand the ones before left. Returns the cleaned values and
    /// how many schedules changed. O(passes × volunteers × schedule model).
    mutating func sweep(
        _ start: [Double], until deadline: Double?, elapsed: () -> Double, cancelled: () -> Bool, maxPasses: Int = 50,
        wholeFirstPass: Bool = false
    ) -> (values: [Double], changes: Int) {
        guard isUseful else { return (start, 0) }
        var solution = IncrementalSolution(formulation: formulation, values: start, objectives: objectives)
        let items = formulation.items
        var changes = 0
        var order = Array(schedules.indices)
        passes: for pass in 0..<maxPasses {
            order.shuffle(using: &rng)
            var changed = false
            for first in stride(from: 0, to: order.count, by: together) {
                if cancelled() { break passes }
                // The first pass may be whole whatever the deadline: it is the constructive roster.
                if let deadline, elapsed() >= deadline, !(wholeFirstPass && pass == 0) { break passes }
                // A group's paths are found at once against the same roster. A later one is
                // kept as found only if it is still a cheapest path once the ones before it
                // have moved (``stillCheapest(_:old:new:)``), else found again: the sweep
                // takes the same steps as one at a time, on two cores where paths do not
                // interact (rare ties between equal paths aside).
                let group = Array(order[first..<min(first + together, order.count)])
                let costs = group.map { price(schedules[$0], in: &solution) }
                var paths = bestPaths(group, costs: costs)
                // Whether the roster has moved since the group was priced.
                var moved = false
                for (g, s) in group.enumerated() {
                    let dp = schedules[s]
                    if moved, let path = paths[g] {
                        let now = price(dp, in: &solution)
                        if !Self.stillCheapest(path, old: costs[g], new: now) {
                            paths[g] = dp.best(costs: now, shortfallRate: shortfallRates[s]).best?.path
                        }
                    }
                    guard let best = paths[g] else { continue }
                    var chosen = Set<Int>()
                    for k in best where k >= 0 { chosen.insert(dp.item[k]) }
                    var moves: [(Int, Double)] = []
                    for id in formulation.itemsByVolunteer[dp.volunteer] {
                        let want: Double = chosen.contains(id) ? 1 : 0
                        if solution.values[items[id].column] != want { moves.append((items[id].column, want)) }
                    }
                    if moves.isEmpty { continue }
                    let before = solution.objectiveValues
                    let mark = solution.mark
                    if solution.apply(moves), lexicographicallyBetter(solution.objectiveValues, than: before) {
                        solution.commit()
                        changes += 1
                        changed = true
                        moved = true
                    } else {
                        solution.undo(to: mark)
                    }
                }
            }
            if !changed { break }
        }
        let clean = formulation.cleaned(solution.values)
        guard formulation.model.maximumViolation(clean) <= 1e-7,
              !lexicographicallyBetter(objectives.map { $0.value(at: start) }, than: objectives.map { $0.value(at: clean) })
        else { return (start, 0) }
        return (clean, changes)
    }
}
