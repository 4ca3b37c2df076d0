import LinearProgramming

/// One volunteer's pricing problem as a small MIP: their own columns (items and own
/// auxiliaries) and their own rows (every row of the formulation that touches no one
/// else), with the reduced costs as the objective. Column generation falls back on it
/// where ``ScheduleDP`` prices a rule instead of counting it (caps per shift type, or
/// minutes and weekends past the counting budget).
///
/// A priced path search can miss: its Lagrangian prices may leave a duality gap, so the
/// cheapest path that keeps the caps can cost more than the cheapest schedule, and the
/// search's bound lies below both. Then column generation stalls ("mispriced": no
/// schedule prices out, though the bound says one might) and the Lagrangian bound sums
/// every volunteer's gap: on a Curtois-shaped month with tight per-type caps the LP
/// stalled at 10.7 with a bound of 3.4. The MIP closes that gap for the volunteers that
/// have one: it finds the improving schedule when there is one, and otherwise proves the
/// volunteer's cheapest reduced cost (its optimum, or its best bound when its time runs
/// out), so the bound column generation reports reaches the master LP's.
///
/// The MIP states exactly the rows the schedule model keeps or prices (the rule units'
/// own rows), so it never disagrees with the rules: a schedule it returns keeps them all.
/// Building every model is O(nonzeros of the volunteers' own rows); a solve is GLPK's
/// branch-and-cut on O(items of one volunteer) binaries, bounded by
/// ``ExactPricing/secondsPerVolunteer``.
struct ExactPricing: Sendable {
    /// The volunteer's own columns and rows; the objective is set per pricing.
    let model: Model
    /// Per column of ``model``: the formulation's item id, or −1 for an own auxiliary.
    let itemOf: [Int]
    /// Per column of ``model``: its column in the formulation's model.
    let originalColumn: [Int]

    /// At most this many seconds for one volunteer's MIP: a 28-day month of 4 shift types
    /// solves in milliseconds; a long horizon's bound, when time runs out, still counts.
    static let secondsPerVolunteer = 2.0
    /// No exact pricing is started with less than this many seconds left of its share.
    static let minimumSecondsLeft = 0.5
    /// One round's exact pricing takes at most this share of column generation's time
    /// left: on a long horizon with many priced volunteers (364 days × 150 staff × 32
    /// shift types) the MIPs would otherwise take the whole stage.
    static let shareOfTimeLeft = 0.25

    /// The MIP of every schedule model in `schedules` that does not price exactly
    /// (`nil` for the others, whose path is already the cheapest schedule), in one pass
    /// over the formulation's rows. `owner` is ``RosterFormulation/columnOwners()``;
    /// `linksVolunteers` marks the rows that are not one volunteer's own.
    /// O(variables + nonzeros).
    static func models(for schedules: [ScheduleDP], formulation: RosterFormulation, owner: [Int], linksVolunteers: [Bool]) -> [ExactPricing?] {
        let source = formulation.model
        var slotOf = [Int](repeating: -1, count: formulation.itemsByVolunteer.count)
        for (s, dp) in schedules.enumerated() where !dp.pricesExactly { slotOf[dp.volunteer] = s }
        guard slotOf.contains(where: { $0 >= 0 }) else { return schedules.map { _ in nil } }
        let itemOfColumn = formulation.columnItems()
        // Sub-model columns: each volunteer's columns in column order.
        var models = [Model?](repeating: nil, count: schedules.count)
        var itemOf = [[Int]](repeating: [], count: schedules.count)
        var originals = [[Int]](repeating: [], count: schedules.count)
        var local = [Int](repeating: -1, count: source.variableCount)
        for s in schedules.indices where slotOf[schedules[s].volunteer] == s { models[s] = Model(name: "pricing-\(schedules[s].volunteer)") }
        for j in 0..<source.variableCount {
            let v = owner[j]
            guard v >= 0, slotOf[v] >= 0 else { continue }
            let s = slotOf[v]
            let column = source.variable(VariableID(j))
            local[j] = models[s]!.addVariable(name: column.name, kind: column.kind, lowerBound: column.lowerBound, upperBound: column.upperBound).index
            itemOf[s].append(itemOfColumn[j])
            originals[s].append(j)
        }
        var terms: [LinearTerm] = []
        source.forEachRow { r, columns, values, lower, upper in
            guard !linksVolunteers[r], let first = columns.first, owner[first] >= 0, slotOf[owner[first]] >= 0 else { return }
            let s = slotOf[owner[first]]
            terms.removeAll(keepingCapacity: true)
            for (j, a) in zip(columns, values) { terms.append(LinearTerm(VariableID(local[j]), a)) }
            models[s]!.addConstraint(terms: terms, .range(lower, upper))
        }
        return schedules.indices.map { s in
            models[s].map { ExactPricing(model: $0, itemOf: itemOf[s], originalColumn: originals[s]) }
        }
    }

    /// The volunteer's cheapest schedule at `itemCost` (per item id) plus the guide's cost
    /// of their own auxiliaries, and a proven lower bound on its cost (`-∞` when the
    /// solver gave none). The schedule is `nil` when the solver found none in its time.
    func cheapest(
        itemCost: (Int) -> Double, guide: [Double], solver: any Solver, timeLimit: Double, options: RosterSolveOptions
    ) -> (schedule: [Int]?, cost: Double, bound: Double) {
        var priced = model
        for k in itemOf.indices {
            priced.setObjectiveCoefficient(VariableID(k), itemOf[k] >= 0 ? itemCost(itemOf[k]) : guide[originalColumn[k]])
        }
        var solveOptions = SolveOptions(timeLimit: timeLimit, relativeGap: 0)
        solveOptions.cancellation = options.cancellation
        guard let result = solver.solveStep(priced, options: solveOptions, step: "column generation: exact pricing", reporting: options) else {
            return (nil, .infinity, -.infinity)
        }
        let bound = result.status == .infeasible ? Double.infinity : (result.bestBound ?? -.infinity)
        guard result.status.hasSolution, let cost = result.objective else { return (nil, .infinity, bound) }
        let schedule = itemOf.indices.filter { itemOf[$0] >= 0 && result.values[$0] > 0.5 }.map { itemOf[$0] }
        return (schedule, cost, result.status == .optimal ? max(bound, cost) : bound)
    }
}
