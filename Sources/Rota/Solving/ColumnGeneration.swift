import LinearProgramming

/// Column generation over whole schedules: the formulation decomposed by volunteer
/// (Dantzig–Wolfe), with ``ScheduleDP`` as the pricing problem, then the master solved as
/// a MIP over the schedules found (price-and-branch).
///
/// The master keeps only the rows that link volunteers (coverage, events) and the shared
/// auxiliaries in them; each volunteer's own rows are replaced by a choice of one schedule
/// among those generated (a convexity row), each schedule a column whose coefficients are
/// the sums of its items' coefficients. Every schedule the pricing produces keeps the
/// volunteer's rules, so the master's LP bound is the pattern formulation's — far tighter
/// than the compact LP on sequence rules, which the compact model states as weak
/// transition rows — and any integer solution of the master is a roster.
///
/// Each round solves the master LP, prices every volunteer against its duals and adds the
/// schedules with negative reduced cost. The Lagrangian bound `z + Σ min(0, best reduced
/// cost)` is valid at every round (the pricing's own bound on each volunteer's reduced
/// cost is used, so priced-out weekend and template caps cannot make it wrong), so the
/// bound improves even when the LP has not converged when time runs out.
///
/// Applicable when every volunteer with items is supported by ``ScheduleDP`` and their own
/// auxiliaries carry no cost other than the minimum-hours shortfall;
/// ``init(search:)`` returns `nil` otherwise.
struct ColumnGeneration {
    let formulation: RosterFormulation
    let search: ScheduleSearch
    /// Rows of the model that link volunteers, in master order.
    private let linking: [Int]
    /// Per item id: its (master row, coefficient) entries.
    private let itemLinks: [[(row: Int, coefficient: Double)]]
    private let sharedColumns: [Int]
    private let sharedLinks: [[(row: Int, coefficient: Double)]]
    /// Schedules found so far, per supported volunteer (indices of ``ScheduleSearch/schedules``), as sorted item ids.
    private(set) var pool: [[[Int]]]
    private var seen: [Set<[Int]>]
    /// Set when a round showed that the master cannot converge in the time given.
    private(set) var tooSlow = false
    /// The last master LP's basis and its pattern columns, to start the next one from.
    private var lastBasis: (basis: Basis, columns: [(schedule: Int, pattern: Int)])?

    init?(search: ScheduleSearch) {
        let formulation = search.formulation
        let model = formulation.model
        self.formulation = formulation
        self.search = search
        var owner = [Int](repeating: -1, count: model.variableCount)
        var isAuxiliary = [Bool](repeating: false, count: model.variableCount)
        for item in formulation.items { owner[item.column] = item.volunteer }
        for (k, (column, _)) in formulation.auxiliaries.enumerated() {
            owner[column] = formulation.auxiliaryOwners[k]
            isAuxiliary[column] = true
        }
        var supported = Set<Int>()
        for dp in search.schedules { supported.insert(dp.volunteer) }
        for v in formulation.itemsByVolunteer.indices where !formulation.itemsByVolunteer[v].isEmpty {
            guard supported.contains(v) else { return nil }
        }
        let shortfalls = Set(formulation.periodShortfall.values)
        for j in 0..<model.variableCount where isAuxiliary[j] && owner[j] >= 0 && search.guide[j] != 0 && !shortfalls.contains(j) { return nil }
        // Linking rows: any row not wholly one volunteer's.
        var linking: [Int] = []
        var ok = true
        model.forEachRow { r, columns, _, _, _ in
            guard let first = columns.first else { return }
            let o = owner[first]
            if o >= 0 && columns.allSatisfy({ owner[$0] == o }) { return }
            if columns.contains(where: { isAuxiliary[$0] && owner[$0] >= 0 }) { ok = false }
            linking.append(r)
        }
        guard ok else { return nil }
        var itemLinks = [[(row: Int, coefficient: Double)]](repeating: [], count: formulation.items.count)
        var columnItem = [Int](repeating: -1, count: model.variableCount)
        for (id, item) in formulation.items.enumerated() { columnItem[item.column] = id }
        var sharedIndex = [Int](repeating: -1, count: model.variableCount)
        var sharedColumns: [Int] = []
        var sharedLinks: [[(row: Int, coefficient: Double)]] = []
        for (m, r) in linking.enumerated() {
            let row = model.row(r)
            for (c, a) in zip(row.columns, row.values) {
                if columnItem[c] >= 0 {
                    itemLinks[columnItem[c]].append((m, a))
                } else {
                    if sharedIndex[c] < 0 {
                        sharedIndex[c] = sharedColumns.count
                        sharedColumns.append(c)
                        sharedLinks.append([])
                    }
                    sharedLinks[sharedIndex[c]].append((m, a))
                }
            }
        }
        self.linking = linking
        self.itemLinks = itemLinks
        self.sharedColumns = sharedColumns
        self.sharedLinks = sharedLinks
        pool = Array(repeating: [], count: search.schedules.count)
        seen = Array(repeating: [], count: search.schedules.count)
    }

    /// Adds a schedule to the pool unless it is there already. Returns whether it was new.
    @discardableResult
    mutating func add(_ items: [Int], for s: Int) -> Bool {
        let sorted = items.sorted()
        guard seen[s].insert(sorted).inserted else { return false }
        pool[s].append(sorted)
        return true
    }

    /// How many schedules the pool holds.
    var poolSize: Int { pool.reduce(0) { $0 + $1.count } }

    /// The sorted items of supported volunteer `s` that `values` choose.
    private func schedule(_ s: Int, in values: [Double]) -> [Int] {
        formulation.itemsByVolunteer[search.schedules[s].volunteer].filter { values[formulation.items[$0].column] > 0.5 }.sorted()
    }

    /// Adds every volunteer's schedule in `values`.
    mutating func add(schedulesOf values: [Double]) {
        for s in search.schedules.indices { add(schedule(s, in: values), for: s) }
    }

    /// The roster made of one schedule per volunteer, completed; `nil` if it breaks a row
    /// (it cannot, every schedule keeping its volunteer's rules, but the model decides).
    private func roster(choosing choices: some Sequence<(schedule: Int, pattern: Int)>) -> [Double]? {
        var values = [Double](repeating: 0, count: formulation.model.variableCount)
        for c in choices { for id in pool[c.schedule][c.pattern] { values[formulation.items[id].column] = 1 } }
        let clean = formulation.complete(values)
        return formulation.model.maximumViolation(clean) <= 1e-7 ? clean : nil
    }

    /// A schedule's cost: its items' weighted coefficients plus any shortfall against
    /// the minimum hours.
    private func cost(_ pattern: [Int], _ s: Int) -> Double {
        var c = 0.0, minutes = 0
        for id in pattern {
            c += search.guide[formulation.items[id].column]
            minutes += formulation.items[id].interval.length
        }
        if let m = search.schedules[s].minMinutes { c += search.shortfallRates[s] * Double(max(0, m - minutes)) }
        return c
    }

    /// The master over the pool: shared auxiliaries first, then one column per schedule
    /// (in pool order), linking rows, then one convexity row per volunteer.
    private func master(integral: Bool, fixed: [Int?]? = nil) -> (model: Model, firstPattern: Int, columns: [(schedule: Int, pattern: Int)]) {
        let model = formulation.model
        var m = Model(name: "master", sense: .minimize)
        m.objectiveConstant = search.guideConstant
        var rows = [[LinearTerm]](repeating: [], count: linking.count)
        for (k, c) in sharedColumns.enumerated() {
            let v = model.variable(VariableID(c))
            let id = m.addVariable(kind: integral ? v.kind : .continuous, lowerBound: v.lowerBound, upperBound: v.upperBound, objective: search.guide[c])
            for (r, a) in sharedLinks[k] { rows[r].append(LinearTerm(id, a)) }
        }
        let firstPattern = m.variableCount
        var convexity = [[LinearTerm]](repeating: [], count: pool.count)
        var columns: [(schedule: Int, pattern: Int)] = []
        for s in pool.indices {
            let active = fixed?[s].map { [$0] } ?? Array(pool[s].indices)
            for p in active {
                let pattern = pool[s][p]
                let id = m.addVariable(kind: integral ? .binary : .continuous, lowerBound: 0, upperBound: 1, objective: cost(pattern, s))
                for item in pattern { for (r, a) in itemLinks[item] { rows[r].append(LinearTerm(id, a)) } }
                convexity[s].append(LinearTerm(id))
                columns.append((s, p))
            }
        }
        for (k, r) in linking.enumerated() {
            let row = model.row(r)
            m.addConstraint(terms: rows[k], .range(row.lower, row.upper))
        }
        for terms in convexity { m.addConstraint(terms: terms, .equal(1)) }
        return (m, firstPattern, columns)
    }

    /// Rounds of master LP and pricing until no schedule prices out, the deadline or
    /// cancellation. Returns the best Lagrangian bound on the weighted objective, if any
    /// round finished. O(rounds × (master LP + volunteers × pricing)).
    mutating func solveRelaxation(
        solver: any Solver, until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions
    ) -> Double? {
        rounds(fixed: nil, maxRounds: 500, solver: solver, until: deadline, elapsed: elapsed, options: options).bound
    }

    /// Master LP rounds with the volunteers in `fixed` held to one schedule (the others
    /// priced). Returns the Lagrangian bound (meaningful only when nobody is fixed) and
    /// the last LP's weight per (volunteer, schedule).
    private mutating func rounds(
        fixed: [Int?]?, maxRounds: Int, solver: any Solver, until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions
    ) -> (bound: Double?, weights: [(schedule: Int, pattern: Int, weight: Double)]?) {
        var bound: Double?
        var weights: [(schedule: Int, pattern: Int, weight: Double)]?
        let exact = search.schedules.allSatisfy(\.pricesExactly)
        let items = formulation.items
        var roundStart = elapsed()
        for round in 1...maxRounds {
            if options.cancellation?.isCancelled == true { break }
            let left = deadline.map { $0 - elapsed() }
            if let left, left < 0.2 { break }
            // Column generation needs tens of rounds: once a round takes more than a twentieth
            // of the time left, it cannot converge, and the time is better spent elsewhere.
            let last = elapsed() - roundStart
            roundStart = elapsed()
            if fixed == nil, round >= 2, let left, last * 20 > left {
                options.logger?.debug("column generation: a round took \(String(format: "%.2f", last)) s, too slow to converge")
                tooSlow = true
                break
            }
            let (lp, firstPattern, columns) = master(integral: false, fixed: fixed)
            var lpOptions = SolveOptions(cancellation: options.cancellation)
            lpOptions.timeLimit = left
            if fixed == nil { lpOptions.startingBasis = startingBasis(for: lp, firstPattern: firstPattern, columns: columns) }
            guard let result = try? solver.solve(lp, options: lpOptions), result.status == .optimal,
                  let duals = result.duals, let z = result.objective else { break }
            if let basis = result.basis { lastBasis = (basis, columns) }
            weights = columns.enumerated().map { ($1.schedule, $1.pattern, result.values[firstPattern + $0]) }
            let lpSeconds = result.seconds
            let pricingStart = elapsed()
            let convexityStart = linking.count
            var added = 0
            var lagrangian = z
            for (s, dp) in search.schedules.enumerated() where fixed?[s] == nil {
                var costs = [Double](repeating: 0, count: dp.optionCount)
                for k in 0..<dp.optionCount {
                    let id = dp.item[k]
                    var c = search.guide[items[id].column]
                    for (r, a) in itemLinks[id] { c -= duals[r] * a }
                    costs[k] = c
                }
                let sigma = duals[convexityStart + s]
                let priced = dp.best(costs: costs, shortfallRate: search.shortfallRates[s])
                lagrangian += min(0, priced.bound - sigma)
                if let best = priced.best, best.cost - sigma < -1e-6 * max(1, abs(z)) {
                    if add(best.path.filter { $0 >= 0 }.map { dp.item[$0] }, for: s) { added += 1 }
                }
            }
            if fixed == nil, lagrangian.isFinite, !tooSlow { bound = max(bound ?? -.infinity, lagrangian) }
            options.logger?.debug("column generation round \(round): master LP \(z), bound \(bound.map { "\($0)" } ?? "none"), \(added) schedules added, \(poolSize) in all, LP \(String(format: "%.2f", lpSeconds)) s, pricing \(String(format: "%.2f", elapsed() - pricingStart)) s, \(String(format: "%.2f", elapsed())) s")
            if added == 0 {
                // With exact pricing, nothing priced out means the LP is optimal.
                if exact, fixed == nil { bound = max(bound ?? -.infinity, z) }
                break
            }
        }
        return (bound, weights)
    }

    /// The last master's basis carried over to `lp`: shared columns and rows as they were,
    /// each schedule's column as it was, new schedules out of the basis at 0.
    private func startingBasis(for lp: Model, firstPattern: Int, columns: [(schedule: Int, pattern: Int)]) -> Basis? {
        guard let (last, lastColumns) = lastBasis, last.rows.count == lp.constraintCount else { return nil }
        var previous: [Int: BasisStatus] = [:]
        for (k, c) in lastColumns.enumerated() { previous[c.schedule << 32 | c.pattern] = last.columns[firstPattern + k] }
        var statuses = Array(last.columns[0..<firstPattern])
        for c in columns { statuses.append(previous[c.schedule << 32 | c.pattern] ?? .atLower) }
        return Basis(rows: last.rows, columns: statuses)
    }

    /// Price-and-dive: fix the volunteers whose schedule the master LP all but chooses
    /// (weight ≥ 0.99, or else the single largest weight), re-solve the master with a
    /// few pricing rounds for the rest, and repeat until everyone is fixed. Every
    /// schedule keeps its volunteer's rules, so the result is always a roster; it follows
    /// the LP, whose bound on Curtois instances is usually the optimum itself.
    /// Returns `nil` when stopped before everyone was fixed.
    /// With `rng`, a step that fixes one volunteer picks at random among the schedules
    /// within half of the largest weight, so that repeated dives explore.
    mutating func dive(
        solver: any Solver, until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions, rng: inout SeededGenerator?
    ) -> [Double]? {
        var fixed = [Int?](repeating: nil, count: pool.count)
        while fixed.contains(where: { $0 == nil }) {
            guard let weights = rounds(fixed: fixed, maxRounds: 5, solver: solver, until: deadline, elapsed: elapsed, options: options).weights else { return nil }
            var best: (schedule: Int, pattern: Int, weight: Double)?
            var fixedAny = false
            for w in weights where fixed[w.schedule] == nil {
                if w.weight >= 0.99 {
                    fixed[w.schedule] = w.pattern
                    fixedAny = true
                } else if w.weight > (best?.weight ?? 0) {
                    best = w
                }
            }
            if !fixedAny, let top = best, rng != nil {
                let near = weights.filter { fixed[$0.schedule] == nil && $0.weight >= top.weight / 2 }
                best = near[Int(rng!.next() % UInt64(near.count))]
            }
            if !fixedAny, let best { fixed[best.schedule] = best.pattern }
            if !fixedAny && best == nil { return nil }
        }
        return roster(choosing: fixed.enumerated().map { ($0.offset, $0.element!) })
    }

    /// The master as a MIP over the pool, warm-started from `current`: the best roster
    /// that combines the schedules found, or `nil` when none was found in time.
    func solveMaster(
        from current: [Double], solver: any Solver, until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions,
        progress: (@Sendable (SolveProgress) -> Void)?
    ) -> [Double]? {
        let (mip, firstPattern, columns) = master(integral: true)
        // The warm start: everyone's current schedule (always in the pool) and the shared auxiliaries.
        var start = [Double](repeating: 0, count: mip.variableCount)
        for (k, c) in sharedColumns.enumerated() { start[k] = current[c] }
        let chosen = search.schedules.indices.map { schedule($0, in: current) }
        for (k, c) in columns.enumerated() where pool[c.schedule][c.pattern] == chosen[c.schedule] { start[firstPattern + k] = 1 }
        var mipOptions = SolveOptions(relativeGap: options.relativeGap, warmStart: start, cancellation: options.cancellation)
        mipOptions.timeLimit = deadline.map { max(0, $0 - elapsed()) }
        mipOptions.progress = progress
        guard let result = try? solver.solve(mip, options: mipOptions), result.status.hasSolution else { return nil }
        return roster(choosing: columns.indices.filter { result.values[firstPattern + $0] > 0.5 }.map { columns[$0] })
    }
}
