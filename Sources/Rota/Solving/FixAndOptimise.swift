import LinearProgramming

/// Large-neighbourhood search: free the decisions of a window of days or of a group of
/// volunteers, fix every other decision at the incumbent, and solve that small MIP
/// exactly (warm-started from the incumbent, so it can only improve).
///
/// Neighbourhoods alternate between time windows (which repair coverage and sequence
/// rules locally) and volunteer groups (which rebalance hours and fairness). Each is
/// sized to about ``targetFreeItems`` free decisions, small enough for GLPK's
/// branch-and-cut to close in a second or two. The search stops at the deadline, on
/// cancellation, or when a whole round of neighbourhoods, each solved to optimality,
/// finds nothing better.
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

    /// The neighbourhoods of one round, as lists of free item ids.
    mutating func neighbourhoods() -> [[Int]] {
        let items = formulation.items
        guard !items.isEmpty else { return [] }
        let days = formulation.index.problem.horizon.days
        var byDay = [[Int]](repeating: [], count: days)
        for (id, item) in items.enumerated() { byDay[item.day].append(id) }
        let perDay = max(1, items.count / max(days, 1))
        let window = max(1, min(days, targetFreeItems / perDay))
        var result: [[Int]] = []
        var start = 0
        let step = max(1, window / 2)
        while start < days {
            result.append((start..<min(days, start + window)).flatMap { byDay[$0] })
            if start + window >= days { break }
            start += step
        }
        var volunteers = formulation.itemsByVolunteer.indices.filter { !formulation.itemsByVolunteer[$0].isEmpty }
        volunteers.shuffle(using: &rng)
        var group: [Int] = []
        for v in volunteers {
            group += formulation.itemsByVolunteer[v]
            if group.count >= targetFreeItems {
                result.append(group)
                group = []
            }
        }
        if !group.isEmpty { result.append(group) }
        result.shuffle(using: &rng)
        return result
    }

    mutating func improve(_ start: [Double], until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions) -> [Double] {
        var current = start
        var best = objective.value(at: current)
        var round = 0
        while round < 50 {
            round += 1
            var improvedThisRound = false
            var allProven = true
            for free in neighbourhoods() {
                if options.cancellation?.isCancelled == true { return current }
                let left = deadline.map { $0 - elapsed() }
                if let left, left < 0.2 { return current }
                var sub = model
                var isFree = [Bool](repeating: false, count: formulation.items.count)
                for id in free { isFree[id] = true }
                for (id, item) in formulation.items.enumerated() where !isFree[id] {
                    let v = current[item.column].rounded()
                    sub.setBounds(VariableID(item.column), lower: v, upper: v)
                }
                sub.setObjective(objective, sense: .minimize)
                var subOptions = SolveOptions(relativeGap: 0, warmStart: current, cancellation: options.cancellation)
                subOptions.timeLimit = min(left ?? 10, 10)
                if let report = options.progress {
                    let number = round
                    subOptions.progress = { p in report(RosterProgress(stage: "improve", stageNumber: number, stageCount: 0, mip: p)) }
                }
                guard let result = try? solver.solve(sub, options: subOptions) else { continue }
                if result.status != .optimal { allProven = false }
                guard result.status.hasSolution, model.maximumViolation(result.values) <= 1e-5 else { continue }
                let value = objective.value(at: result.values)
                if value < best - 1e-7 * max(1, abs(best)) {
                    best = value
                    current = result.values
                    improvedThisRound = true
                }
            }
            if !improvedThisRound && allProven { break }
        }
        return current
    }
}
