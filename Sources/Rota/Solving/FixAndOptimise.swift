import LinearProgramming

/// Large-neighbourhood search: free the decisions of a window of days or of a group of
/// volunteers, fix every other decision at the incumbent, and solve that small MIP
/// exactly (warm-started from the incumbent, so it can only improve).
///
/// Neighbourhoods alternate between time windows (which repair coverage and sequence
/// rules locally) and volunteer groups (which rebalance hours and fairness). Each is
/// sized to about ``targetFreeItems`` free decisions — growing after quick proofs,
/// shrinking after time-outs — and solved on ``LinearProgramming/Model/restricted(free:values:)``,
/// so GLPK only ever sees the neighbourhood. The search stops at the deadline, on
/// cancellation, when the stage's proven bound is reached, or after 16 neighbourhoods in a
/// row were solved to (near) optimality without improvement.
struct FixAndOptimise {
    let formulation: RosterFormulation
    let model: Model
    let objective: LinearExpression
    let solver: any Solver
    var rng: SeededGenerator
    var targetFreeItems = 1_500

    init(formulation: RosterFormulation, model: Model, objective: LinearExpression, solver: any Solver, seed: UInt64) {
        self.formulation = formulation
        self.model = model
        self.objective = objective
        self.solver = solver
        self.rng = SeededGenerator(seed: seed)
    }

    /// One neighbourhood of about ``targetFreeItems`` items: a window of consecutive days
    /// (all volunteers) when `byDays`, else a random group of volunteers (all days).
    mutating func neighbourhood(byDays: Bool) -> [Int] {
        let items = formulation.items
        let days = formulation.index.problem.horizon.days
        if byDays {
            let perDay = max(1, items.count / max(days, 1))
            let window = max(1, min(days, targetFreeItems / perDay))
            let start = Int.random(in: 0...(days - window), using: &rng)
            return items.indices.filter { (start..<(start + window)).contains(items[$0].day) }
        }
        var volunteers = formulation.itemsByVolunteer.indices.filter { !formulation.itemsByVolunteer[$0].isEmpty }
        volunteers.shuffle(using: &rng)
        var group: [Int] = []
        for v in volunteers where group.count < targetFreeItems { group += formulation.itemsByVolunteer[v] }
        return group
    }

    /// Improves `start` until the deadline, cancellation, or until many neighbourhoods in a
    /// row were solved to optimality without improvement (a local optimum).
    ///
    /// The neighbourhood size adapts: it grows while sub-problems close quickly and shrinks
    /// when they hit their time limit.
    mutating func improve(
        _ start: [Double], until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions,
        lowerBound: Double?, progress: (@Sendable (SolveProgress) -> Void)?
    ) -> [Double] {
        var current = start
        var best = objective.value(at: current)
        func proven() -> Bool { lowerBound.map { best <= $0 + 1e-6 * max(1, abs(best)) } ?? false }
        var stale = 0
        let patience = 16
        var iteration = 0
        while stale < patience && iteration < 2_000 && !proven() {
            iteration += 1
            if options.cancellation?.isCancelled == true { return current }
            let left = deadline.map { $0 - elapsed() }
            if let left, left < 0.2 { return current }
            let free = neighbourhood(byDays: iteration % 2 == 1)
            if free.isEmpty { return current }
            do {
                var isFree = [Bool](repeating: false, count: model.variableCount)
                for id in free { isFree[formulation.items[id].column] = true }
                // An auxiliary stays free when one of its defining rows has a free column;
                // auxiliaries are defined only by earlier columns, so one pass settles it.
                for (column, rows) in formulation.auxiliaries {
                    isFree[column] = rows.contains { r in model.row(r).columns.contains { $0 != column && isFree[$0] } }
                }
                var full = model
                full.setObjective(objective, sense: .minimize)
                let sub = full.restricted(free: isFree, values: current)
                // A small gap is enough inside a neighbourhood: the next one continues the search.
                var subOptions = SolveOptions(relativeGap: 5e-3, warmStart: sub.restrict(current), cancellation: options.cancellation)
                subOptions.timeLimit = min(left ?? 3, 3)
                subOptions.progressInterval = 2
                subOptions.progress = progress
                guard let subResult = try? solver.solve(sub.model, options: subOptions) else { continue }
                var result = subResult
                if result.status.hasSolution { result.values = sub.expand(result.values, into: current) }
                // Adapt the size: grow after a quick proof, shrink after a time-out.
                if result.status == .optimal && result.seconds < 0.5 {
                    targetFreeItems = min(targetFreeItems * 5 / 4, 8_000)
                } else if result.termination == .timeLimit {
                    targetFreeItems = max(targetFreeItems * 4 / 5, 200)
                }
                var improved = false
                if result.status.hasSolution {
                    let clean = formulation.cleaned(result.values)
                    let value = objective.value(at: clean)
                    if model.maximumViolation(clean) <= 1e-7, value < best - 1e-7 * max(1, abs(best)) {
                        best = value
                        current = clean
                        improved = true
                    }
                }
                stale = improved ? 0 : (result.status == .optimal || result.termination == .gapReached ? stale + 1 : stale)
            }
        }
        return current
    }
}
