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
/// Each round solves the master LP, prices every volunteer at smoothed duals and adds the
/// schedules with negative reduced cost at the LP's. Every round evaluates the Lagrangian
/// function at the duals it priced at (rows at their active side, shared auxiliaries at
/// their cheaper bound, plus each volunteer's bound on their cheapest schedule, which the
/// pricing returns even when weekend or template caps were priced out), a valid bound
/// whether or not the LP has converged: on Instance 20 (182 days) the LP needs about 80
/// rounds, and the bound is real long before.
///
/// Applicable when every volunteer with items is covered by a schedule model (``ScheduleDP``
/// or the ``CountedSchedule`` it delegates to) and each volunteer's own auxiliaries
/// (shortfalls, fairness deviation) are ones that model charges to the schedule
/// (``ScheduleSearch/ownCost(_:_:)``); ``init(search:)`` returns `nil` otherwise.
struct ColumnGeneration {
    let formulation: RosterFormulation
    let search: ScheduleSearch
    /// Rows of the model that link volunteers, in master order.
    let linking: [Int]
    /// Per item id: its (master row, coefficient) entries.
    let itemLinks: [[(row: Int, coefficient: Double)]]
    let sharedColumns: [Int]
    let sharedLinks: [[(row: Int, coefficient: Double)]]
    /// Per linking row: its lower and upper sides (±∞ when open).
    let linkingBounds: [(lower: Double, upper: Double)]
    /// Per schedule model that prices a rule rather than counting it: its pricing as a
    /// MIP, for the volunteers whose priced path leaves a gap (``ExactPricing``).
    let exactPricing: [ExactPricing?]
    /// Schedules found so far, per supported volunteer (indices of ``ScheduleSearch/schedules``), as sorted item ids.
    private(set) var pool: [[[Int]]]
    /// Per volunteer, each pooled schedule's index in ``pool``.
    private var seen: [[[Int]: Int]]
    /// Per pooled schedule: rounds in a row its LP column was at 0 and priced above 0. A
    /// schedule rests (left out of the master LP until pricing finds it again) once this
    /// reaches ``restAfter``; see ``restingRounds``.
    private var idle: [[Int]]
    /// Per pooled schedule, whether it rests.
    var resting: [[Bool]] { idle.map { $0.map { $0 >= restAfter } } }
    /// Rounds at 0 after which a schedule rests: ``restingRounds`` on long horizons, never
    /// on short ones (tests set their own).
    var restAfter: Int
    /// How many schedules the master LP has (the pool less the resting ones).
    var lpColumnCount: Int { idle.reduce(0) { $0 + $1.count { $0 < restAfter } } }
    /// The last master LP's basis and its pattern columns, to start the next one from, and
    /// the last relaxation's, which every dive starts from.
    private var lastBasis: (basis: Basis, columns: [(schedule: Int, pattern: Int)])?
    private var relaxationBasis: (basis: Basis, columns: [(schedule: Int, pattern: Int)])?
    /// Whether ``solveRelaxation(solver:until:elapsed:options:)`` solved the master LP:
    /// nothing priced out, or the bound met the LP's value.
    private(set) var converged = false
    /// The last relaxation LP's weight per (volunteer, schedule).
    private var relaxationWeights: [(schedule: Int, pattern: Int, weight: Double)] = []
    /// The last relaxation LP's duals on the linking rows (signs as ``feasibleDuals(_:)``
    /// leaves them): the multipliers column enumeration measures reduced costs at.
    private(set) var relaxationDuals: [Double]?
    /// Whether the horizon is long enough that dives fix several volunteers a step: over
    /// ``longHorizonVolunteerDays`` volunteer-days.
    var isLong: Bool { formulation.index.problem.horizon.days * pool.count > Self.longHorizonVolunteerDays }
    /// Volunteer-days past which a horizon counts as long (dives slow, roundings lead):
    /// measured on the Curtois family, whose Instance 20 (182 days × 50 staff, 9,100
    /// volunteer-days) dives slowly where the 28-day instances dive well. A month of the
    /// federation's county (28 days × 306) counts as long too.
    static let longHorizonVolunteerDays = 4_000
    /// At most this many roundings of one converged LP on a long horizon.
    static let maximumRoundings = 20
    /// Dives in a row that add no schedule to the pool end the dives.
    static let stalledDives = 5
    /// Dives without a time limit.
    static let divesWithoutDeadline = 20
    /// On a small model, dives in a row without a better roster after which branch-and-cut
    /// gets the time instead (``ColumnGenerationStep/staleDives``).
    static let staleDivesBeforeBranchAndCut = 8
    /// A further rounding needs this many seconds of column generation's time left.
    static let roundingSeconds = 5.0
    /// A schedule whose master LP column stays at 0 with a positive reduced cost for this
    /// many rounds in a row rests: the master LP leaves it out (every MIP over the pool still
    /// has it) until pricing returns it again, when it rejoins as a new schedule would. The
    /// LP's work per simplex iteration grows with its columns; on the county family's
    /// 306-volunteer month most of the thousands of schedules of the first rounds never
    /// re-enter the basis (a master LP of 2,000 columns instead of 4,000, and the 60 s
    /// roster of the 1,000-volunteer month 4,705 instead of 5,608, bound 4,431 instead of
    /// 3,048). Bounds and convergence are unchanged: pricing is over every schedule,
    /// resting or not. Only on long horizons: on short ones the LP is small and dives
    /// follow it, and a dive without the resting schedules fixed worse ones (the county
    /// week's proof took 2.5 s instead of 1.8 s).
    static let restingRounds = 3

    init?(search: ScheduleSearch) {
        let formulation = search.formulation
        let model = formulation.model
        self.formulation = formulation
        self.search = search
        let owner = formulation.columnOwners()
        var isAuxiliary = [Bool](repeating: false, count: model.variableCount)
        for (column, _) in formulation.auxiliaries { isAuxiliary[column] = true }
        var supported = Set<Int>()
        for dp in search.schedules { supported.insert(dp.volunteer) }
        for v in formulation.itemsByVolunteer.indices where !formulation.itemsByVolunteer[v].isEmpty {
            guard supported.contains(v) else { return nil }
        }
        // Every own auxiliary with a cost must be one whose cost the schedules include.
        let paid = Set(search.schedules.flatMap(\.ownColumns))
        for j in 0..<model.variableCount where isAuxiliary[j] && owner[j] >= 0 && search.guide[j] != 0 && !paid.contains(j) { return nil }
        // Linking rows: any row not wholly one volunteer's.
        var linking: [Int] = []
        var ok = true
        model.forEachRow { r, columns, _, _, _ in
            guard search.linksVolunteers[r] else { return }
            if columns.contains(where: { isAuxiliary[$0] && owner[$0] >= 0 }) { ok = false }
            linking.append(r)
        }
        guard ok else { return nil }
        var itemLinks = [[(row: Int, coefficient: Double)]](repeating: [], count: formulation.items.count)
        let columnItem = formulation.columnItems()
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
        self.linkingBounds = linking.map { r in
            let row = model.row(r)
            return (row.lower, row.upper)
        }
        self.itemLinks = itemLinks
        exactPricing = ExactPricing.models(for: search.schedules, formulation: formulation, owner: owner, linksVolunteers: search.linksVolunteers)
        self.sharedColumns = sharedColumns
        self.sharedLinks = sharedLinks
        pool = Array(repeating: [], count: search.schedules.count)
        seen = Array(repeating: [:], count: search.schedules.count)
        idle = Array(repeating: [], count: search.schedules.count)
        restAfter = .max
        if isLong { restAfter = Self.restingRounds }
    }

    /// Adds a schedule to the pool unless it is there already; a resting one rejoins the
    /// master LP. Returns whether the master LP gained a column.
    @discardableResult
    mutating func add(_ items: [Int], for s: Int) -> Bool {
        let sorted = items.sorted()
        if let p = seen[s][sorted] {
            guard idle[s][p] >= restAfter else { return false }
            idle[s][p] = 0
            return true
        }
        seen[s][sorted] = pool[s].count
        pool[s].append(sorted)
        idle[s].append(0)
        return true
    }

    /// Counts, after a master LP over every volunteer, the rounds each column has spent at
    /// 0 with a positive reduced cost, and rests those past ``restingRounds``. O(columns).
    private mutating func age(_ columns: [(schedule: Int, pattern: Int)], firstPattern: Int, values: [Double], reducedCosts: [Double]?, tolerance: Double) {
        guard let reducedCosts else { return }
        for (k, c) in columns.enumerated() {
            if values[firstPattern + k] > 1e-9 || reducedCosts[firstPattern + k] <= tolerance {
                idle[c.schedule][c.pattern] = 0
            } else {
                idle[c.schedule][c.pattern] += 1
            }
        }
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
        var c = search.ownCost(pattern, s)
        for id in pattern { c += search.guide[formulation.items[id].column] }
        return c
    }

    /// The master over the pool: shared auxiliaries first, then one column per schedule
    /// (in pool order; the LP leaves resting schedules out), linking rows, then one
    /// convexity row per volunteer. Volunteers in `fixed` keep only the given schedule (the
    /// others bounded to 0).
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
            for p in pool[s].indices {
                if !integral, idle[s][p] >= restAfter, fixed?[s] != p { continue }
                let pattern = pool[s][p]
                // A fixed volunteer's other schedules stay, at 0: the columns, and so the
                // last basis, carry over from step to step of a dive.
                let upper: Double = fixed?[s].map { $0 == p ? 1 : 0 } ?? 1
                let id = m.addVariable(kind: integral ? .binary : .continuous, lowerBound: 0, upperBound: upper, objective: cost(pattern, s))
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
    ///
    /// With an `upperBound` (the weighted value of a known roster) and a long horizon, plain
    /// rounds come first for a little while (``probeShare``, at most ``probeSeconds``);
    /// when they have not converged by then (the master LP is slow, or tails), a
    /// subgradient ascent over a cheap relaxation finds multipliers near the Lagrangian
    /// dual's optimum (see ``ascend(upperBound:until:elapsed:options:)``), in at most half
    /// of the time left: the next rounds then price at smoothed duals centred there instead
    /// of at the LPs' extreme duals, and their bound starts from the ascent's.
    ///
    /// Measured on `rota generate` M and L (254 and 773 volunteers, 28 days), whose master
    /// converges in about a second: the ascent first cost most of a solve to a 1–2 % gap
    /// (6.5 s where 2.1 s do; 11.9 s where 2.6 s do).
    mutating func solveRelaxation(
        upperBound: Double? = nil, solver: any Solver, until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions
    ) -> Double? {
        guard let upperBound, isLong else {
            return rounds(fixed: nil, maxRounds: 500, solver: solver, until: deadline, elapsed: elapsed, options: options).bound
        }
        let now = elapsed()
        let probeDeadline = now + min(deadline.map { ($0 - now) * Self.probeShare } ?? .infinity, Self.probeSeconds)
        let probe = rounds(fixed: nil, maxRounds: 500, solver: solver, until: probeDeadline, elapsed: elapsed, options: options).bound
        if converged || options.cancellation?.isCancelled == true { return probe }
        let ascentDeadline = deadline.map { elapsed() + ($0 - elapsed()) / 2 }
        let start = ascend(upperBound: upperBound, until: ascentDeadline, elapsed: elapsed, options: options)
        let bound = rounds(fixed: nil, start: start, maxRounds: 500, solver: solver, until: deadline, elapsed: elapsed, options: options).bound
        switch (probe, bound) {
        case let (a?, b?): return max(a, b)
        default: return probe ?? bound
        }
    }

    /// How long plain rounds have to converge on a long horizon before the subgradient
    /// ascent is called in: a share of column generation's time, at most a second (a
    /// master that converges at all on a month of `rota generate` M or L does in about one).
    static let probeShare = 0.15
    static let probeSeconds = 1.0

    /// How much, relative to the master LP's value, a schedule must improve on its
    /// volunteer's convexity dual to price out. Round-off, not a convergence criterion:
    /// the weighted objective carries every tier at once, so a relative 10⁻⁶ of a value
    /// made mostly of the coverage tier (`rota generate` L, seed 2: 58,055.95) is 0.058,
    /// more than a step of the wishes-and-fairness tier (0.05). At that tolerance the LP
    /// stopped at 58,055.95 with the Lagrangian at its duals 4.0 lower (schedules that
    /// each improved by less than 0.058), its value was taken for the bound, and the stage
    /// reported 55.95 as proven where a roster of 55.85 exists (another run found it).
    static let pricingTolerance = 1e-9
    /// A volunteer's pricing bound below their convexity dual by more than this (relative
    /// to the LP's value) is settled by an exact pricing MIP (``ExactPricing``).
    static let gapTolerance = 1e-6

    /// The centre's share in the smoothed duals: where rounds start after an ascent (whose
    /// centre is near the dual optimum), the least it falls to, and the step it moves by
    /// each round — down while the smoothed duals raise the bound, back up when they do not.
    /// Rounds without an ascent hold the least share.
    static let ascentSmoothing = 0.9
    static let leastSmoothing = 0.5
    static let smoothingStep = 0.1

    /// Master LP rounds with the volunteers in `fixed` held to one schedule (the others
    /// priced). Returns the best Lagrangian bound (only when nobody is fixed) and the last
    /// LP's weight per (volunteer, schedule).
    ///
    /// Without anyone fixed, pricing uses smoothed duals (Wentges): a mix of the duals
    /// that gave the best bound so far (the stability centre) and the master LP's. Plain LP
    /// duals jump between extreme points and make column generation tail for hundreds of
    /// rounds on long horizons; the mix keeps the schedules priced near the good duals, and
    /// the centre's share adapts (``ascentSmoothing``, ``leastSmoothing``). A
    /// schedule is kept when it prices out at the LP's duals; when none does (a
    /// mispricing), the round prices again at the LP's own duals.
    private mutating func rounds(
        fixed: [Int?]?, start: Ascent? = nil, maxRounds: Int,
        solver: any Solver, until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions
    ) -> (bound: Double?, weights: [(schedule: Int, pattern: Int, weight: Double)]?) {
        var bound = start?.bound
        var weights: [(schedule: Int, pattern: Int, weight: Double)]?
        // The centre's share of the smoothed duals; there is a centre only when nobody is
        // fixed. A centre from the ascent is near the dual optimum, and the first LPs' duals
        // are far from it: it gets most of the weight.
        let startingSmoothing = start == nil ? Self.leastSmoothing : Self.ascentSmoothing
        var smoothing = startingSmoothing
        var centre = start?.centre
        var roundStart = elapsed()
        for round in 1...maxRounds {
            if options.cancellation?.isCancelled == true { break }
            let left = deadline.map { $0 - elapsed() }
            if let left, left < 0.2 { break }
            // Every round's bound is valid and its schedules useful, so rounds go on until the
            // deadline; one that would likely not finish in the time left is not started.
            let last = elapsed() - roundStart
            roundStart = elapsed()
            if round >= 2, let left, last > left {
                options.logger?.debug("column generation: a round takes \(String(format: "%.2f", last)) s, more than the \(String(format: "%.2f", left)) s left")
                break
            }
            let (lp, firstPattern, columns) = master(integral: false, fixed: fixed)
            var lpOptions = SolveOptions(cancellation: options.cancellation)
            lpOptions.timeLimit = left
            lpOptions.startingBasis = startingBasis(for: lp, firstPattern: firstPattern, columns: columns)
            guard let result = solver.solveStep(lp, options: lpOptions, step: "column generation: the master LP", reporting: options), result.status == .optimal,
                  let duals = result.duals, let z = result.objective else { break }
            if let basis = result.basis {
                lastBasis = (basis, columns)
                if fixed == nil { relaxationBasis = lastBasis }
            }
            weights = columns.enumerated().map { ($1.schedule, $1.pattern, result.values[firstPattern + $0]) }
            if fixed == nil {
                age(columns, firstPattern: firstPattern, values: result.values, reducedCosts: result.reducedCosts, tolerance: 1e-6 * max(1, abs(z)))
            }
            if fixed == nil { relaxationWeights = weights! }
            let lpSeconds = result.seconds
            let pricingStart = elapsed()
            let lpDuals = feasibleDuals(duals)
            if fixed == nil { relaxationDuals = lpDuals }
            let convexity = duals[linking.count...].map { $0 }
            // A schedule prices out when it improves on its volunteer's convexity dual by more
            // than round-off (``pricingTolerance``); a volunteer's pricing gap is worth an
            // exact pricing MIP only past ``gapTolerance``.
            let tolerance = Self.pricingTolerance * max(1, abs(z))
            let gapTolerance = Self.gapTolerance * max(1, abs(z))
            var added = 0, mispriced = false, smoothedRaised = false
            // Price at the smoothed duals, then (on a mispricing) at the LP's.
            // The first round after an ascent prices at its multipliers alone, where each
            // volunteer's bound is the better of the pricing's and the ascent's (both bound the
            // same cheapest schedule), so the round bounds at least as well as the ascent did.
            let atAscent = round == 1 ? start : nil
            var alpha = centre == nil ? 0 : (atAscent != nil ? 1 : smoothing)
            while true {
                let pi = alpha == 0 ? lpDuals : zip(centre!, lpDuals).map { alpha * $0 + (1 - alpha) * $1 }
                let full = price(at: pi, skipping: fixed, secondsLeft: deadline.map { $0 - elapsed() })
                // A round the deadline cut short proves nothing: it ends the rounds.
                guard full.complete else {
                    options.logger?.debug("column generation round \(round): pricing stopped at the deadline")
                    return (bound, weights)
                }
                var priced = (paths: full.paths, bounds: full.bounds)
                // At the LP's own duals, a priced path that leaves a gap is settled exactly.
                if alpha == 0, fixed == nil {
                    closeGaps(&priced, at: lpDuals, convexity: convexity, tolerance: gapTolerance, solver: solver, until: deadline, elapsed: elapsed, options: options)
                }
                if fixed == nil {
                    let bounds = alpha == 1 && atAscent != nil ? zip(priced.bounds, atAscent!.volunteerBounds).map { max($0, $1) } : priced.bounds
                    let value = lagrangian(at: pi, pricing: bounds)
                    if value > (bound ?? -.infinity) {
                        bound = value
                        centre = pi
                        if alpha > 0, alpha < 1 { smoothedRaised = true }
                    }
                }
                for (s, path) in priced.paths.enumerated() {
                    guard let path, reducedCost(path, s, at: lpDuals) - convexity[s] < -tolerance else { continue }
                    if add(path, for: s) { added += 1 }
                }
                if added > 0 || alpha == 0 { break }
                mispriced = true
                alpha = 0
            }
            // Adaptive smoothing: while the smoothed duals keep raising the bound, the LP's
            // duals point the right way and get more weight; when they stop, less.
            smoothing = smoothedRaised ? max(Self.leastSmoothing, smoothing - Self.smoothingStep)
                                       : min(startingSmoothing, smoothing + Self.smoothingStep)
            options.logger?.debug("column generation round \(round): master LP \(z), bound \(bound.map { "\($0)" } ?? "none"), \(added) schedules added\(mispriced ? " (mispriced)" : ""), \(poolSize) in all, \(columns.count) in the LP, LP \(String(format: "%.2f", lpSeconds)) s (\(result.iterations) iterations), pricing \(String(format: "%.2f", elapsed() - pricingStart)) s, \(String(format: "%.2f", elapsed())) s")
            if added == 0 {
                // Nothing prices out: the LP is optimal to the tolerance. The bound stays
                // the Lagrangian at its duals (this round's last pricing), never the LP's
                // value itself: with exact pricing the two differ only by the schedules
                // that improve by less than the tolerance, but those add up (one per
                // volunteer), and the stage's proof rests on the bound.
                if fixed == nil { converged = true }
                break
            }
            // The bound meets the LP: the LP is solved (to the tolerance), nothing left to gain.
            if let b = bound, b >= z - tolerance {
                if fixed == nil { converged = true }
                break
            }
        }
        return (bound, weights)
    }

    /// Settles, by their pricing MIP (``ExactPricing``), the volunteers at `pi` whose priced
    /// path leaves a gap that matters: no path of theirs prices out, yet their bound says one
    /// might (below the convexity dual by more than `tolerance`). Each gets the MIP's
    /// schedule and the better of the two bounds. Serial, on the calling thread (the
    /// solver's environment is per thread). O(gaps × one small MIP).
    private func closeGaps(
        _ priced: inout (paths: [[Int]?], bounds: [Double]), at pi: [Double], convexity: [Double], tolerance: Double,
        solver: any Solver, until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions
    ) {
        var solved = 0, proven = 0, gapLeft = 0.0
        let start = elapsed()
        defer {
            if solved > 0 {
                options.logger?.debug("column generation: exact pricing of \(solved) volunteers, \(proven) proven, \(String(format: "%.3g", gapLeft)) of bound left open, \(String(format: "%.2f", elapsed() - start)) s")
            }
        }
        // The widest gaps first, within a share of the time left.
        let open = exactPricing.indices.filter { s in
            guard exactPricing[s] != nil, priced.bounds[s] - convexity[s] < -tolerance else { return false }
            if let path = priced.paths[s], reducedCost(path, s, at: pi) - convexity[s] < -tolerance { return false }
            return true
        }.sorted { (priced.bounds[$0] - convexity[$0], $0) < (priced.bounds[$1] - convexity[$1], $1) }
        let stop = deadline.map { start + ($0 - start) * ExactPricing.shareOfTimeLeft }
        let items = formulation.items, guide = search.guide, itemLinks = self.itemLinks
        for s in open {
            guard let exact = exactPricing[s] else { continue }
            if options.cancellation?.isCancelled == true { return }
            let left = stop.map { $0 - elapsed() } ?? .infinity
            guard left >= ExactPricing.minimumSecondsLeft else { return }
            let result = exact.cheapest(itemCost: { Self.itemCost($0, at: pi, guide: guide, items: items, itemLinks: itemLinks) },
                                        guide: guide, solver: solver, timeLimit: min(left, ExactPricing.secondsPerVolunteer), options: options)
            solved += 1
            if result.bound >= result.cost - tolerance { proven += 1 }
            priced.bounds[s] = max(priced.bounds[s], result.bound)
            gapLeft += max(0, min(result.cost, convexity[s]) - priced.bounds[s])
            if let schedule = result.schedule { priced.paths[s] = schedule }
        }
    }

    /// The LP's duals on the linking rows, with any sign no bound supports set to 0 (a
    /// positive dual needs a finite lower side, a negative one a finite upper side), so
    /// that every mix of them is a valid Lagrangian multiplier.
    private func feasibleDuals(_ duals: [Double]) -> [Double] {
        linking.indices.map { r in
            let pi = duals[r]
            if pi > 0 { return linkingBounds[r].lower.isFinite ? pi : 0 }
            if pi < 0 { return linkingBounds[r].upper.isFinite ? pi : 0 }
            return 0
        }
    }

    /// Prices every volunteer not in `fixed` at linking-row multipliers `pi`: each one's
    /// cheapest schedule (as item ids; `nil` when none keeps the rules) and a lower bound
    /// on its cost `c − π·a` (the convexity dual left out). O(volunteers × pricing).
    ///
    /// With `secondsLeft`, a volunteer not started by then is not priced and the round is
    /// incomplete (`complete` false: its paths are partial and its bounds no bound): on a
    /// year with minutes counted a path takes seconds, and a whole round minutes.
    func price(at pi: [Double], skipping fixed: [Int?]?, secondsLeft: Double? = nil) -> (paths: [[Int]?], bounds: [Double], complete: Bool) {
        // Volunteers price independently, on all cores (a fixed one is not priced: no path, bound 0).
        let search = self.search, itemLinks = self.itemLinks, items = formulation.items
        let watch = Stopwatch()
        let results = concurrentMap(search.schedules.count) { s -> (path: [Int]?, bound: Double, skipped: Bool) in
            if fixed?[s] != nil { return (nil, 0, false) }
            if let secondsLeft, watch.elapsed > secondsLeft { return (nil, -.infinity, true) }
            let dp = search.schedules[s]
            let costs = Self.optionCosts(dp, at: pi, guide: search.guide, items: items, itemLinks: itemLinks)
            let priced = dp.best(costs: costs, shortfallRate: search.shortfallRates[s])
            return (priced.best.map { best in best.path.filter { $0 >= 0 }.map { dp.item[$0] } }, priced.bound, false)
        }
        return (results.map(\.path), results.map(\.bound), !results.contains { $0.skipped })
    }

    /// Each of a volunteer's options' weighted cost less what the linking rows pay for it
    /// at `pi`. O(options × linking rows per item).
    static func optionCosts(
        _ dp: ScheduleDP, at pi: [Double], guide: [Double], items: [RosterFormulation.Item], itemLinks: [[(row: Int, coefficient: Double)]]
    ) -> [Double] {
        (0..<dp.optionCount).map { itemCost(dp.item[$0], at: pi, guide: guide, items: items, itemLinks: itemLinks) }
    }

    /// Item `id`'s weighted cost less what the linking rows pay for it at `pi`: the one
    /// reduced cost that path pricing and exact pricing both charge. O(linking rows per item).
    static func itemCost(
        _ id: Int, at pi: [Double], guide: [Double], items: [RosterFormulation.Item], itemLinks: [[(row: Int, coefficient: Double)]]
    ) -> Double {
        var c = guide[items[id].column]
        for (r, a) in itemLinks[id] { c -= pi[r] * a }
        return c
    }

    /// A schedule's cost less what the linking rows pay for it at `pi`.
    private func reducedCost(_ pattern: [Int], _ s: Int, at pi: [Double]) -> Double {
        var c = cost(pattern, s)
        for id in pattern { for (r, a) in itemLinks[id] { c -= pi[r] * a } }
        return c
    }

    /// The Lagrangian function at linking-row multipliers `pi` (signs as
    /// ``feasibleDuals(_:)`` leaves them), given each volunteer's bound on their cheapest
    /// schedule at `pi`: a lower bound on the weighted objective of every roster, whatever
    /// `pi` is. Each row contributes `π × lower` (π > 0) or `π × upper` (π < 0); each shared
    /// auxiliary its reduced cost at whichever of its bounds is cheaper (−∞ when that
    /// bound is infinite). O(linking nonzeros).
    func lagrangian(at pi: [Double], pricing bounds: [Double]) -> Double {
        var value = search.guideConstant
        for (r, b) in linkingBounds.enumerated() where pi[r] != 0 { value += pi[r] * (pi[r] > 0 ? b.lower : b.upper) }
        for k in sharedColumns.indices {
            let (d, at) = sharedAtCheaperBound(k, at: pi)
            // Round-off in the duals: a reduced cost within 1e-9 of zero is zero.
            if abs(d) <= 1e-9 { continue }
            guard at.isFinite else { return -.infinity }
            value += d * at
        }
        return value + bounds.reduce(0, +)
    }

    /// Shared auxiliary `k`'s reduced cost at `pi` and the bound that minimises it: the
    /// upper one when the reduced cost is negative (beyond round-off), else the lower one.
    func sharedAtCheaperBound(_ k: Int, at pi: [Double]) -> (reducedCost: Double, value: Double) {
        let c = sharedColumns[k]
        var d = search.guide[c]
        for (r, a) in sharedLinks[k] { d -= pi[r] * a }
        let v = formulation.model.variable(VariableID(c))
        return (d, d < -1e-9 ? v.upperBound : v.lowerBound)
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
    /// (weight ≥ 0.99, or else the largest weights: one volunteer a step, about one per
    /// thousand volunteer-days on long horizons), re-solve the master (from the last
    /// basis) with a few pricing rounds for the rest, and repeat until everyone is fixed. Every
    /// schedule keeps its volunteer's rules, so the result is always a roster; it follows
    /// the LP, whose bound on Curtois instances is usually the optimum itself.
    /// Returns `nil` when stopped before everyone was fixed.
    /// With `rng`, a step that fixes one volunteer picks at random among the schedules
    /// within half of the largest weight, so that repeated dives explore.
    mutating func dive(
        solver: any Solver, until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions, rng: inout SeededGenerator?
    ) -> [Double]? {
        var fixed = [Int?](repeating: nil, count: pool.count)
        lastBasis = relaxationBasis
        // Long horizons make every re-solve expensive: fix several volunteers a step there
        // (about one per thousand volunteer-days still to fix) and re-price less.
        let days = formulation.index.problem.horizon.days
        let repricing = isLong ? 2 : 5
        while fixed.contains(where: { $0 == nil }) {
            guard let weights = rounds(fixed: fixed, maxRounds: repricing, solver: solver, until: deadline, elapsed: elapsed, options: options).weights else { return nil }
            let unfixed = fixed.filter { $0 == nil }.count
            let batch = max(1, unfixed * days / 1000)
            var picked = 0
            var open: [(schedule: Int, pattern: Int, weight: Double)] = []
            for w in weights where fixed[w.schedule] == nil {
                if w.weight >= 0.99 {
                    fixed[w.schedule] = w.pattern
                    picked += 1
                } else if w.weight > 1e-9 {
                    open.append(w)
                }
            }
            open.removeAll { fixed[$0.schedule] != nil }
            guard picked > 0 || !open.isEmpty else { return nil }
            // Heaviest first (ties to the lower volunteer, then schedule, for determinism).
            open.sort { ($0.weight, -$0.schedule, -$0.pattern) > ($1.weight, -$1.schedule, -$1.pattern) }
            while picked < batch, !open.isEmpty {
                var choice = 0
                if rng != nil {
                    let near = open.indices.filter { open[$0].weight >= open[0].weight / 2 }
                    choice = near[Int(rng!.next() % UInt64(near.count))]
                }
                let w = open[choice]
                fixed[w.schedule] = w.pattern
                open.removeAll { $0.schedule == w.schedule }
                picked += 1
            }
        }
        return roster(choosing: fixed.enumerated().map { ($0.offset, $0.element!) })
    }

    /// Each formulation item's weight in the last relaxation LP: the sum of the weights of
    /// the pooled schedules that hold it (0 for items in none). O(Σ schedule lengths in the LP).
    var relaxationItemValues: [Double] {
        var values = [Double](repeating: 0, count: formulation.items.count)
        for w in relaxationWeights where w.weight > 1e-9 {
            for id in pool[w.schedule][w.pattern] { values[id] += w.weight }
        }
        return values
    }

    /// Whether the last relaxation LP splits anyone between schedules (weights strictly
    /// between 0 and 1): only then can randomised rounding draw something new.
    var isFractional: Bool { relaxationWeights.contains { $0.weight > 1e-9 && $0.weight < 1 - 1e-9 } }

    /// The relaxation LP rounded: each volunteer's heaviest schedule (the first on ties),
    /// or with `rng` a schedule drawn with probability its weight (randomised rounding);
    /// `nil` before any relaxation round. A start for the schedule search, which then
    /// mends what rounding broke in coverage; O(schedules in the pool).
    func rounded(drawingWith rng: inout SeededGenerator?) -> [Double]? {
        var chosen = [(pattern: Int, weight: Double)?](repeating: nil, count: pool.count)
        if rng == nil {
            for w in relaxationWeights where chosen[w.schedule].map({ w.weight > $0.weight }) ?? true { chosen[w.schedule] = (w.pattern, w.weight) }
        } else {
            // Each volunteer's weights sum to 1: one uniform draw each, in volunteer order.
            var draw = (0..<pool.count).map { _ in Double(rng!.next() >> 11) / 9_007_199_254_740_992 }
            for w in relaxationWeights where w.weight > 1e-9 && (chosen[w.schedule] == nil || draw[w.schedule] >= 0) {
                chosen[w.schedule] = (w.pattern, w.weight)
                draw[w.schedule] -= w.weight
            }
        }
        guard chosen.allSatisfy({ $0 != nil }) else { return nil }
        if let whole = roster(choosing: chosen.enumerated().map { ($0.offset, $0.element!.pattern) }) { return whole }
        // Rounding broke a hard linking row (a team's or a slot's maximum): keep schedules
        // heaviest first while they fit; a volunteer whose schedule does not fit gets their
        // next heaviest in the LP that does, else the first in the pool that does, else
        // nothing (the search mends them).
        var alternatives = [[(pattern: Int, weight: Double)]](repeating: [], count: pool.count)
        for w in relaxationWeights where w.weight > 1e-9 { alternatives[w.schedule].append((w.pattern, w.weight)) }
        let order = chosen.indices.sorted { (chosen[$0]!.weight, $1) > (chosen[$1]!.weight, $0) }
        return roster(choosing: fitting(order.map { s in
            let pattern = chosen[s]!.pattern
            let lp = [pattern] + alternatives[s].filter { $0.pattern != pattern }.sorted { ($0.weight, $1.pattern) > ($1.weight, $0.pattern) }.map(\.pattern)
            let inLP = Set(lp)
            return (s, lp + pool[s].indices.filter { !inLP.contains($0) })
        }))
    }

    /// Per linking row: how much its items may add before it breaks, whatever the shared
    /// auxiliaries do (`∞` where a shared auxiliary can always absorb more).
    private var itemCapacity: [Double] {
        let model = formulation.model
        var capacity = linkingBounds.map(\.upper)
        for (k, c) in sharedColumns.enumerated() {
            let v = model.variable(VariableID(c))
            for (r, a) in sharedLinks[k] {
                let least = a > 0 ? a * v.lowerBound : a * v.upperBound
                capacity[r] -= least.isFinite ? least : .infinity
            }
        }
        return capacity.map { $0.isNaN ? .infinity : $0 }
    }

    /// The choices, in order, that fit the hard linking rows together: each volunteer gets
    /// the first of their candidates that fits, or none. Measured on the county family's
    /// 306-volunteer month, whose converged LP rounds to a roster over a phone maximum
    /// every time: the first schedule of the pool that fit (most often the constructive
    /// roster's) instead of the LP's next heaviest left 5 more person-hours short, which
    /// fix-and-optimise did not recover in 17 s.
    private func fitting(_ choices: [(schedule: Int, candidates: [Int])]) -> [(schedule: Int, pattern: Int)] {
        var room = itemCapacity
        var kept: [(schedule: Int, pattern: Int)] = []
        func fits(_ pattern: [Int]) -> Bool {
            var use: [Int: Double] = [:]
            for id in pattern { for (r, a) in itemLinks[id] where room[r].isFinite { use[r, default: 0] += a } }
            return use.allSatisfy { $0.value <= room[$0.key] + 1e-9 }
        }
        for c in choices {
            guard let p = c.candidates.first(where: { fits(pool[c.schedule][$0]) }) else { continue }
            for id in pool[c.schedule][p] { for (r, a) in itemLinks[id] where room[r].isFinite { room[r] -= a } }
            kept.append((c.schedule, p))
        }
        return kept
    }

    /// The master as a MIP over the pool, warm-started from `current`: the best roster
    /// that combines the schedules found, or `nil` when none was found in time.
    func solveMaster(
        from current: [Double], solver: any Solver, until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions,
        progress: (@Sendable (SolveProgress) -> Void)?
    ) -> [Double]? {
        solveMasterExactly(from: current, solver: solver, until: deadline, elapsed: elapsed, options: options, progress: progress).roster
    }

    /// The same, with whether the MIP proved its roster optimal over the pool and the
    /// roster's weighted value. Optimal means within `options.relativeGap`, or, with an
    /// `improvement` (what "better" means: 1 when every roster's weighted value is an
    /// integer), that no roster over the pool is better than the MIP's by `improvement`:
    /// the MIP stops once its bound is within that of its roster instead of closing the
    /// last fraction. Measured on generated 60-volunteer weeks of the county family,
    /// whose master MIPs over ~3,000 enumerated schedules held a bound within 1 of the
    /// optimum for over 8 s without closing it.
    ///
    /// `start` chooses how the MIP starts (``MasterStart``).
    func solveMasterExactly(
        from current: [Double], solver: any Solver, until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions,
        improvement: Double? = nil, start how: MasterStart = .incumbent, progress: (@Sendable (SolveProgress) -> Void)? = nil
    ) -> (roster: [Double]?, optimal: Bool, value: Double?) {
        let chosen = search.schedules.indices.map { schedule($0, in: current) }
        let (mip, firstPattern, columns) = master(integral: true)
        // The warm start: everyone's current schedule (always in the pool) and the shared auxiliaries.
        var start = [Double](repeating: 0, count: mip.variableCount)
        for (k, c) in sharedColumns.enumerated() { start[k] = current[c] }
        for (k, c) in columns.enumerated() where pool[c.schedule][c.pattern] == chosen[c.schedule] { start[firstPattern + k] = 1 }
        // The master's objective leaves the guide's constant out, so the gap that stands for
        // `improvement` is relative to the start's value in the master itself.
        let closingGap = improvement.map { Self.closingShare * $0 / max(1, abs(mip.objectiveValue(start))) }
        let timeLimit = deadline.map { max(0, $0 - elapsed()) }
        func mipOptions(presolved: Bool, cancellation: CancellationToken?, reportsProgress: Bool = true) -> SolveOptions {
            var o = SolveOptions(relativeGap: options.relativeGap, warmStart: presolved ? nil : start, cancellation: cancellation)
            o.presolve = presolved
            if let closingGap { o.relativeGap = max(o.relativeGap, closingGap) }
            o.timeLimit = timeLimit
            o.progress = reportsProgress ? progress : nil
            return o
        }
        let proven: @Sendable (SolveResult) -> Bool = { result in
            if result.status == .optimal { return true }
            if let improvement, let objective = result.objective, let bound = result.bestBound, objective - bound < improvement { return true }
            return false
        }
        let step = "column generation: the master MIP"
        let result: SolveResult?
        if how == .raced, SolveRace.isPossible {
            // Both prove the same pool's optimum, so either's proof serves. A proof of the
            // start's own value stops the other at once; one that found a better roster
            // waits for the other, and of the two rosters the proven one, then the better
            // (the warm-started one on a tie), is kept: never a matter of which finished
            // first. Progress comes from the warm-started one only, so that it never goes back.
            let variants = [mipOptions(presolved: false, cancellation: options.cancellation),
                            mipOptions(presolved: true, cancellation: options.cancellation, reportsProgress: false)]
            let startValue = mip.objectiveValue(start)
            let results = solver.race(mip, options: variants, step: step, reporting: options) { result in
                proven(result) && SolveRace.keepsTheStart(result, startValue: startValue)
            }
            result = results.compactMap { $0 }.filter { $0.status.hasSolution }.min { a, b in
                if proven(a) != proven(b) { return proven(a) }
                return (a.objective ?? .infinity) < (b.objective ?? .infinity) - 1e-9
            }
        } else {
            result = solver.solveStep(mip, options: mipOptions(presolved: how == .presolved, cancellation: options.cancellation), step: step, reporting: options)
        }
        guard let result, result.status.hasSolution else { return (nil, false, nil) }
        let roster = roster(choosing: columns.indices.filter { result.values[firstPattern + $0] > 0.5 }.map { columns[$0] })
        return (roster, proven(result) && roster != nil, roster.map { search.guideValue($0) })
    }

    /// How ``solveMasterExactly(from:solver:until:elapsed:options:improvement:start:progress:)``
    /// starts the master MIP.
    enum MasterStart: Sendable {
        /// From the roster given (GLPK then has its value as a cutoff from the first
        /// node), without the MIP presolver: for a MIP that improves a roster.
        case incumbent
        /// No start, and the solver's MIP presolver on (GLPK's cannot take a start).
        case presolved
        /// Both at once, one thread each, when the machine has two cores (else
        /// `incumbent`): the first to prove its roster stops the other. For the MIP whose
        /// optimum is a proof, where neither start is faster everywhere. A search that
        /// proves a better roster than the start waits for the other, and the better of
        /// the two (the warm-started one on a tie) is kept, so the roster does not depend
        /// on which finished first. Measured on
        /// generated 60-volunteer weeks of the county family (the whole gap's list, at
        /// 10 s): presolved proves `s 28` in 1.6 s where the start takes 2.9 s, and the
        /// start proves `s 30` in 1.1 s and `s 40` in 0.7 s where presolved takes 3.3 s
        /// and 2.3 s; earlier, without a start, a week's 2,943 schedules took GLPK 2.6 s
        /// presolved and 6.8 s not.
        case raced
    }

    /// The share of an `improvement` that the master MIP's gap may leave open: just under
    /// all of it, so that round-off never claims a bound the MIP did not reach.
    static let closingShare = 0.999
}
