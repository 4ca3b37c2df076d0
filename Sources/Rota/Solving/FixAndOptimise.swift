import LinearProgramming

/// Large-neighbourhood search: free the decisions of a window of days or of a group of
/// volunteers, fix every other decision at the incumbent, and solve that small MIP
/// exactly (warm-started from the incumbent, so it can only improve).
///
/// Neighbourhoods alternate between time windows (which repair coverage and sequence
/// rules locally) and volunteer groups (which rebalance hours and fairness); of each kind,
/// every other one is drawn around a defect of the incumbent (``neighbourhood(byDays:around:)``),
/// the rest at random. Each is
/// sized to about ``targetFreeItems`` free decisions (one size per kind) — growing after quick proofs,
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
    /// The neighbourhood size for windows of days (index 0) and groups of volunteers (1).
    var targetFreeItems = [600, 600]
    /// A proven lower bound for the stage, when a neighbourhood that freed every item (the
    /// whole model, on small instances) was solved to optimality.
    private(set) var provenBound: Double?

    /// The model with this stage's objective.
    let stageModel: Model
    /// The stage's LP solved ahead on a second core (``StageLPAhead``): the LP-guided
    /// start takes it instead of solving its own.
    var lpAhead: StageLPAhead?
    /// Whole-schedule local search, run whenever the neighbourhoods stall: it moves one
    /// person's whole horizon, which a window of days cannot.
    var schedules: ScheduleSearch?
    /// The days each column's decisions reach: an item's own day; an auxiliary's, the span
    /// of the columns in its defining rows (`nil` when they hold no item). What a paid
    /// penalty is about: a short slot or an under-staffed event is one day's, a fairness
    /// deviation the whole horizon's.
    private let daySpans: [ClosedRange<Int>?]
    /// The stage objective's coefficient per column.
    private let costs: [Double]
    /// Per column, its item (`-1` for an auxiliary).
    private let itemOfColumn: [Int]
    /// Per auxiliary column, its defining rows.
    private let definingRows: [Int: [Int]]
    /// How many neighbourhoods were already drawn around each defect (a penalty column): a
    /// defect they did not repair (a slot nobody can staff) draws the next ones less.
    private var defectVisits: [Int: Int] = [:]

    init(formulation: RosterFormulation, model: Model, objective: LinearExpression, solver: any Solver, seed: UInt64) {
        self.formulation = formulation
        self.model = model
        self.objective = objective
        self.solver = solver
        self.rng = SeededGenerator(seed: seed)
        var stageModel = model
        stageModel.setObjective(objective, sense: .minimize)
        self.stageModel = stageModel
        self.costs = objective.denseCoefficients(count: model.variableCount)
        var spans = [ClosedRange<Int>?](repeating: nil, count: model.variableCount)
        for item in formulation.items { spans[item.column] = item.day...item.day }
        // Auxiliaries are defined only by earlier columns: one pass in order settles them.
        for (column, rows) in formulation.auxiliaries {
            var span: ClosedRange<Int>?
            for r in rows {
                for c in model.row(r).columns where c != column {
                    guard let other = spans[c] else { continue }
                    span = span.map { min($0.lowerBound, other.lowerBound)...max($0.upperBound, other.upperBound) } ?? other
                }
            }
            spans[column] = span
        }
        self.daySpans = spans
        self.itemOfColumn = formulation.columnItems()
        self.definingRows = Dictionary(formulation.auxiliaries.map { ($0.column, $0.rows) }, uniquingKeysWith: { $0 + $1 })
    }

    /// The longest span of days a paid penalty may reach and still count as one defect that
    /// a neighbourhood around it can repair (two: a night shift's slot reaches the next morning).
    static let localDefectDays = 2

    /// A defect of `current` to draw a neighbourhood around: a penalty column paid there
    /// whose reach is local (``localDefectDays``), drawn in proportion to what it costs,
    /// halved for every neighbourhood already drawn around it. `nil` when no local penalty
    /// is paid. O(auxiliaries).
    ///
    /// Random windows and groups find most repairs, but not all: on a generated county month
    /// (`county_generate.py m 13`), one run in three ended 7,000 points up (an event one
    /// member short) because its repair moves the same few volunteers on three Saturdays,
    /// and no random neighbourhood of 20 s held them all.
    private mutating func drawDefect(in current: [Double]) -> Int? {
        var defects: [(column: Int, weight: Double)] = []
        for (column, _) in formulation.auxiliaries {
            let cost = costs[column] * current[column]
            guard cost > 1e-9, let span = daySpans[column], span.count <= Self.localDefectDays else { continue }
            defects.append((column, cost / Double(1 << min(defectVisits[column, default: 0], 30))))
        }
        let total = defects.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        var draw = Double.random(in: 0..<total, using: &rng)
        var chosen = defects[defects.count - 1].column
        for (column, weight) in defects {
            if draw < weight { chosen = column; break }
            draw -= weight
        }
        defectVisits[chosen, default: 0] += 1
        return chosen
    }

    /// The volunteers who could change what `defect` pays: those with an item in its
    /// defining rows, or in those of an auxiliary there (a merged slot's head-count), in
    /// order of first appearance. O(nonzeros of the rows reached).
    private func repairers(of defect: Int) -> [Int] {
        var seen = Set<Int>(), visited: Set<Int> = [defect], pending = [defect], order: [Int] = []
        while let column = pending.popLast() {
            for r in definingRows[column] ?? [] {
                for c in model.row(r).columns where !visited.contains(c) {
                    visited.insert(c)
                    let id = itemOfColumn[c]
                    if id >= 0 {
                        let v = formulation.items[id].volunteer
                        if seen.insert(v).inserted { order.append(v) }
                    } else if definingRows[c] != nil, (daySpans[c]?.count ?? .max) <= Self.localDefectDays {
                        pending.append(c)
                    }
                }
            }
        }
        return order
    }

    /// The columns a neighbourhood frees: its items' decisions, and every auxiliary with
    /// a free column in one of its defining rows (auxiliaries are defined only by earlier
    /// columns, so one pass settles it). O(items + nonzeros of the auxiliaries' rows).
    func columnMask(freeItems: some Sequence<Int>) -> [Bool] {
        var isFree = [Bool](repeating: false, count: model.variableCount)
        for id in freeItems { isFree[formulation.items[id].column] = true }
        for (column, rows) in formulation.auxiliaries {
            isFree[column] = rows.contains { r in model.row(r).columns.contains { $0 != column && isFree[$0] } }
        }
        return isFree
    }

    /// The stage's LP, as the LP-guided start solves it: the LP relaxation of the stage's
    /// model, with the parallel columns that only the cheapest of their group matter
    /// fixed at 0 (``LinearProgramming/Model/dominatedParallelColumns()``: the same bound,
    /// a smaller LP), solved block by block (``LinearProgramming/ComponentSolver``: a
    /// county's event teams share no row with its shifts, and GLPK's simplex takes three
    /// times as long over them together: `rota generate` XL 0.7 s instead of 2.2 s). It
    /// may use nine tenths of the time to `deadline`: it is the stage's first bound as
    /// well as the start, so it is let finish. `nil` when the solver refused it.
    func stageLP(until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions) -> SolveResult? {
        Self.stageLP(of: stageModel, solver: solver, until: deadline, elapsed: elapsed, options: options)
    }

    /// ``stageLP(until:elapsed:options:)`` of `stageModel` (a model with its stage's
    /// objective), without a search around it (``StageLPAhead`` needs only the LP).
    static func stageLP(of stageModel: Model, solver: any Solver, until deadline: Double?, elapsed: () -> Double,
                        options: RosterSolveOptions) -> SolveResult? {
        var lpOptions = SolveOptions(cancellation: options.cancellation)
        lpOptions.timeLimit = deadline.map { max(0, $0 - elapsed()) * stageLPShare }
        return ComponentSolver(solver).solveStep(stageModel.relaxed.fixingDominatedParallelColumns(), options: lpOptions,
                                                 step: "LP-guided start: the stage's LP", reporting: options)
    }

    /// The share of the time to its deadline that the stage's LP may use.
    static let stageLPShare = 0.9

    /// Relaxation-enforced neighbourhood search (RENS): solve the stage's LP relaxation,
    /// fix every decision the LP already settles at 0 or 1, and solve the MIP over the
    /// fractional rest. On rostering LPs most decisions come out integral, so the sub-MIP
    /// is small, and its optimum is usually close to the LP bound — a strong first roster
    /// long before branch-and-cut on the whole model finds one.
    ///
    /// Returns the better of `current` and the RENS roster, and the LP bound (a valid
    /// lower bound for the stage).
    mutating func relaxationStart(
        _ current: [Double], until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions,
        progress: (@Sendable (SolveProgress) -> Void)?
    ) -> (values: [Double], bound: Double?) {
        let budget = deadline.map { $0 - elapsed() }
        if let budget, budget < 0.2 { return (current, nil) }
        // The LP solved ahead, when it was (it may have been stopped: then solve it here).
        let ahead = lpAhead?.result()
        guard let lp = ahead?.status == .optimal ? ahead : stageLP(until: deadline, elapsed: elapsed, options: options),
              lp.status == .optimal else {
            return (current, nil)
        }
        let bound = lp.objective
        var rounded = [Double](repeating: 0, count: model.variableCount)
        var fractional: [Int] = []
        for (id, item) in formulation.items.enumerated() {
            let v = lp.values[item.column]
            if v >= 0.999 { rounded[item.column] = 1 } else if v > 1e-3 { fractional.append(id) }
        }
        // Free every decision of the volunteers the LP splits: a half-person on two lines
        // can only be repaired by moving that person's other shifts too.
        let fractionalCount = fractional.count
        var split = Set<Int>()
        for id in fractional { split.insert(formulation.items[id].volunteer) }
        fractional = split.sorted().flatMap { formulation.itemsByVolunteer[$0] }
        let base = formulation.complete(rounded)
        let baseIsFeasible = model.maximumViolation(base) <= 1e-7
        var best = current
        if baseIsFeasible, objective.value(at: base) < objective.value(at: best) { best = base }
        guard !fractional.isEmpty, let left = deadline.map({ $0 - elapsed() }) ?? Optional(60), left > 0.2 else { return (best, bound) }
        options.logger?.debug("LP-guided start: \(split.count) volunteers split by the LP, \(fractional.count) items freed")
        // One sub-MIP over the freed items, solved block by block: volunteers whose items
        // share no row with the others' (no common slot, team or day) are a block of
        // their own. A sub-MIP is hard when one block of it is large and the LP leaves
        // much of it fractional (Curtois Instance 11 once: no improvement in the whole
        // stage); then the split volunteers are fixed one at a time instead. A large block
        // that the LP settles almost everywhere is quick: `rota generate` XL's LP splits
        // 27 volunteers over 38 fractional items, and the sub-MIP over their 2,036 items,
        // one block, takes a hundredth of a second.
        let sub = stageModel.restricted(free: columnMask(freeItems: fractional), values: base)
        let largestBlock = sub.model.components().map(\.columns.count).max() ?? 0
        if split.count > 8, fractionalCount > targetFreeItems.max()!, largestBlock > 2 * targetFreeItems.max()! {
            let dived = relaxAndFix(lp.values, incumbent: best, volunteers: split.sorted(), until: deadline, elapsed: elapsed, options: options, progress: progress)
            if let dived, model.maximumViolation(dived) <= 1e-7, objective.value(at: dived) < objective.value(at: best) - 1e-9 { best = dived }
            return (best, bound)
        }
        var subOptions = SolveOptions(relativeGap: max(options.relativeGap, 1e-3), cancellation: options.cancellation)
        if baseIsFeasible { subOptions.warmStart = sub.restrict(base) }
        subOptions.timeLimit = left
        subOptions.progress = progress
        if let result = ComponentSolver(solver).solveStep(sub.model, options: subOptions, step: "LP-guided start: the rounded neighbourhood", reporting: options), result.status.hasSolution {
            let clean = formulation.cleaned(sub.expand(result.values, into: base))
            if model.maximumViolation(clean) <= 1e-7, objective.value(at: clean) < objective.value(at: best) - 1e-9 { best = clean }
        }
        return (best, bound)
    }

    /// RINS around column generation's pattern LP (`itemValues`: each item's weight in the
    /// LP, Σ of the weights of the schedules holding it, per formulation item): every item
    /// on which the LP and the roster agree (the LP settles it at 0 or 1, and the roster has
    /// it so) is fixed, the others are free (whatever the LP leaves fractional, and where
    /// the roster left the LP), and the stage's MIP is solved over them, warm-started from
    /// the roster, so it can only improve. The pattern LP is tighter than the compact one and
    /// its split volunteers mostly differ on a few days, so the neighbourhood is small: on
    /// the bundled March month (84 volunteers) it frees about 1,100 items where the compact
    /// LP's RENS freed 2,177 in 30 split volunteers, and its optimum is the month's.
    ///
    /// A larger difference is solved in groups of whole volunteers
    /// (``largestPatternNeighbourhood``, ``patternGroupItems``), each from the roster the
    /// groups before it left. Then passes follow (at most ``patternPasses``), each over the
    /// items where the LP and the improved roster now differ, its groups cut at other
    /// volunteers (the order rotated by a third), so the people a group boundary
    /// separated meet in one sub-MIP. A pass that improves nothing ends the search, unless
    /// every sub-MIP of it was solved in under ``quickPatternShare`` of its time: the next
    /// pass's groups are then half as large again (``patternGrowth``). County m-2
    /// (306 volunteers) at 20 s: 46,048 after one pass, 45,978 after three; county l-2
    /// (1,000): 4,624 with groups of 600, 4,617 once they grew to 900.
    /// `done` ends the passes early (the stage's gap closed), and `target`, the stage value
    /// that closes it (``stageClosingValue(bound:relativeGap:)``), ends a group's sub-MIP
    /// as soon as it is reached: the sub-MIP's own bound is the compact LP's, weaker than
    /// column generation's, and would keep it searching to its time limit for a proof
    /// that already exists (the March month at a 60 s limit: the optimum in its first
    /// group, then 9.8 s more). Returns a roster better than
    /// `current` by the stage's objective, or `nil`. O(items) per pass plus one sub-MIP
    /// per group.
    func patternNeighbourhood(
        _ itemValues: [Double], current: [Double], until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions,
        progress: (@Sendable (SolveProgress) -> Void)?,
        groupsAbove: Int = Self.largestPatternNeighbourhood, groupItems: Int = Self.patternGroupItems,
        target: Double? = nil, done: ([Double]) -> Bool = { _ in false }
    ) -> [Double]? {
        precondition(itemValues.count == formulation.items.count, "one LP weight per item")
        let deadline = deadline ?? elapsed() + Self.patternSecondsWithoutDeadline
        var best = current, improved = false
        var size = groupItems
        for pass in 0..<Self.patternPasses {
            guard deadline - elapsed() > 0.2, options.cancellation?.isCancelled != true, !done(best) else { break }
            var free: [Int] = []
            for (id, item) in formulation.items.enumerated() {
                let v = itemValues[id], here = best[item.column] > 0.5
                let settled = v >= Self.settledAtOne ? true : v <= Self.settledAtZero ? false : nil
                if settled != here { free.append(id) }
            }
            options.logger?.debug("pattern RINS pass \(pass + 1): \(free.count) items where the pattern LP and the roster differ")
            guard !free.isEmpty else { break }
            // The first pass: one sub-MIP when the difference is small. Otherwise whole
            // volunteers' differing items in groups of about `size`, each with an even
            // share of the time left, in volunteer order rotated by a third each pass.
            var groups: [[Int]] = [free]
            if free.count > groupsAbove || pass > 0 {
                var byVolunteer = [[Int]](repeating: [], count: formulation.itemsByVolunteer.count)
                for id in free { byVolunteer[formulation.items[id].volunteer].append(id) }
                let split = byVolunteer.filter { !$0.isEmpty }
                let offset = (pass * split.count / 3) % split.count
                groups = [[]]
                for items in split[offset...] + split[..<offset] {
                    if groups[groups.count - 1].count + items.count > size, !groups[groups.count - 1].isEmpty { groups.append([]) }
                    groups[groups.count - 1] += items
                }
            }
            var passImproved = false, quick = true
            for (k, group) in groups.enumerated() {
                if options.cancellation?.isCancelled == true { break }
                let left = deadline - elapsed()
                guard left > 0.2 else { quick = false; break }
                let sub = stageModel.restricted(free: columnMask(freeItems: group), values: best)
                var subOptions = SolveOptions(relativeGap: max(options.relativeGap, 1e-4), cancellation: options.cancellation)
                subOptions.warmStart = sub.restrict(best)
                subOptions.objectiveTarget = target
                let limit = left / Double(groups.count - k)
                subOptions.timeLimit = limit
                subOptions.progress = progress
                guard let result = solver.solveStep(sub.model, options: subOptions, step: "pattern RINS: where the LP and the roster differ", reporting: options),
                      result.status.hasSolution else { quick = false; continue }
                if result.seconds >= Self.quickPatternShare * limit { quick = false }
                let clean = formulation.cleaned(sub.expand(result.values, into: best))
                if model.maximumViolation(clean) <= 1e-7, objective.value(at: clean) < objective.value(at: best) - 1e-9 {
                    best = clean
                    improved = true
                    passImproved = true
                }
                options.logger?.debug("pattern RINS group \(k + 1) of \(groups.count): \(group.count) items, \(result.status), \(String(format: "%.2f", result.seconds)) s of \(String(format: "%.2f", limit)), value \(objective.value(at: best))")
                if done(best) { break }
            }
            if passImproved { continue }
            // Nothing found at this size: larger groups, if every one of them was quick.
            guard quick, groups.count > 1 else { break }
            size = size * Self.patternGrowth.numerator / Self.patternGrowth.denominator
        }
        return improved ? best : nil
    }

    /// An LP weight at or above this is a decision the LP has settled at 1 …
    static let settledAtOne = 0.999
    /// … and at or below this one at 0.
    static let settledAtZero = 1e-3
    /// The most items the pattern RINS frees in one sub-MIP (the March month's 1,078 and
    /// county l-2's 1,031 each solve in 5 s; county m-2's 1,558 found nothing in 5 s);
    /// beyond it, groups of whole volunteers of about `patternGroupItems` items, the size
    /// fix-and-optimise starts its neighbourhoods at.
    static let largestPatternNeighbourhood = 1_200
    static let patternGroupItems = 600
    /// At most this many passes of pattern RINS (each is bounded by the time it is given;
    /// the county family's months stop on their own after 3–4, Curtois Instance 20 was
    /// still improving after 10: 5,403 to 5,111).
    static let patternPasses = 40
    /// A pattern RINS pass whose sub-MIPs each took less than this share of their time, and
    /// found nothing, is followed by one with groups `patternGrowth` times as large.
    static let quickPatternShare = 0.3
    static let patternGrowth = (numerator: 3, denominator: 2)
    /// The volunteer sweep's time for one person's MIP, and for one who breaks a rule of
    /// their own (a synthetic 364-day Curtois-shaped year: 3 s left some short of their
    /// minimum hours by several shifts, each pass mending a part).
    static let sweepSeconds = 3.0
    static let repairSeconds = 15.0
    /// A volunteer's own penalty above this breaks a rule of their own.
    static let ownPenaltyTolerance = 1e-9
    /// Pattern RINS's time without a deadline, all passes together.
    static let patternSecondsWithoutDeadline = 60.0

    /// Relax-and-fix by volunteer: starting from the LP optimum `lpValues`, solve each
    /// volunteer's schedule as a small MIP with everyone not yet fixed held at their
    /// fractional LP values, then fix it and move on. Each sub-MIP sees the LP's view of
    /// everyone else, so the roster that comes out follows the LP closely, one small MIP at
    /// a time where one sub-MIP over every split volunteer is too large to solve. Volunteers
    /// go in `volunteers` order; one whose sub-MIP finds nothing in time keeps their
    /// schedule from `incumbent`. Returns the completed roster, or `nil` when stopped early.
    /// O(volunteers) sub-MIPs.
    mutating func relaxAndFix(
        _ lpValues: [Double], incumbent: [Double], volunteers: [Int], until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions,
        progress: (@Sendable (SolveProgress) -> Void)?
    ) -> [Double]? {
        var values = lpValues
        for v in volunteers {
            if options.cancellation?.isCancelled == true { return nil }
            if let deadline, deadline - elapsed() < 0.05 { return nil }
            let sub = stageModel.restricted(free: columnMask(freeItems: formulation.itemsByVolunteer[v]), values: values)
            var subOptions = SolveOptions(relativeGap: 1e-4, cancellation: options.cancellation)
            subOptions.timeLimit = min(deadline.map { $0 - elapsed() } ?? 5, 5)
            subOptions.progress = progress
            if let result = solver.solveStep(sub.model, options: subOptions, step: "relax-and-fix: a window", reporting: options), result.status.hasSolution {
                values = sub.expand(result.values, into: values)
            } else {
                for id in formulation.itemsByVolunteer[v] { values[formulation.items[id].column] = incumbent[formulation.items[id].column] }
            }
            for id in formulation.itemsByVolunteer[v] { values[formulation.items[id].column] = values[formulation.items[id].column].rounded() }
        }
        return formulation.cleaned(values)
    }

    /// Re-solves each volunteer's schedule in turn, everyone else fixed, until a whole pass
    /// improves nothing or the deadline comes.
    ///
    /// Each sub-MIP minimises `guide` (the stage objective itself, or one that also
    /// serves later tiers, such as the weighted objective); a result is kept when the
    /// stage objective does not get worse and the guide gets better. Rules that concern one
    /// person (hours, runs, rest, weekends, days off) are exactly what this repairs: a
    /// stage made only of such rules splits into one small MIP per volunteer, which GLPK
    /// solves in milliseconds where the whole model's LP alone can take seconds.
    /// Volunteers who break a rule of their own go first, most penalised first, with
    /// ``repairSeconds`` for their MIP; the others follow (``sweepSeconds`` each), those whose
    /// schedule does most for everyone else first. Each sub-MIP asks for
    /// ``LinearProgramming/SolveEmphasis/feasibility``. O(volunteers) sub-MIPs per pass.
    /// With `floor`, the sweep stops as soon as the stage objective reaches it; with
    /// `onlyBreakers`, it re-solves only the volunteers who break a rule of their own.
    mutating func sweep(
        _ start: [Double], guide: LinearExpression, floor: Double? = nil, onlyBreakers: Bool = false, until deadline: Double?,
        elapsed: () -> Double, options: RosterSolveOptions, progress: (@Sendable (SolveProgress) -> Void)?
    ) -> [Double] {
        var guideModel = model
        guideModel.setObjective(guide, sense: .minimize)
        var current = start
        var stageValue = objective.value(at: current), guideValue = guide.value(at: current)
        let volunteers = formulation.itemsByVolunteer.indices.filter { !formulation.itemsByVolunteer[$0].isEmpty }
        let owner = formulation.columnOwners()
        for _ in 0..<20 {
            // Volunteers who break a rule of their own go first, most penalised first (their
            // own columns' share of the stage penalty: a shortfall against their minimum
            // hours, say); the others follow by the stage value with their items cleared
            // (what their schedule does for everyone else), computed only when reached: it
            // evaluates the whole model once per volunteer.
            var own = [Double](repeating: 0, count: formulation.itemsByVolunteer.count)
            for t in objective.terms where owner[t.variable.index] >= 0 {
                own[owner[t.variable.index]] += t.coefficient * current[t.variable.index]
            }
            let breaksOwnRule = { (v: Int) -> Bool in own[v] > Self.ownPenaltyTolerance }
            let breakers = volunteers.filter(breaksOwnRule).sorted { own[$0] != own[$1] ? own[$0] > own[$1] : $0 < $1 }
            var improved = false
            for others in onlyBreakers ? [false] : [false, true] {
                let order = others ? othersByClearedValue(volunteers.filter { !breaksOwnRule($0) }, current) : breakers
                for v in order {
                    let ids = formulation.itemsByVolunteer[v]
                    if let floor, stageValue <= floor + 1e-9 * max(1, abs(floor)) { return current }
                    if options.cancellation?.isCancelled == true { return current }
                    let left = deadline.map { $0 - elapsed() }
                    if let left, left < 0.05 { return current }
                    let sub = guideModel.restricted(free: columnMask(freeItems: ids), values: current)
                    // One person's MIP: GLPK's feasibility pump finds a schedule that meets a
                    // horizon-long minimum where plain branching (or windows of the horizon) does not.
                    var subOptions = SolveOptions(relativeGap: 1e-4, warmStart: sub.restrict(current), cancellation: options.cancellation)
                    subOptions.emphasis = .feasibility
                    // Someone who breaks a rule of their own gets longer: over a year's horizon
                    // their MIP needs more than a few seconds to meet the rule, and nothing
                    // else in the stage can mend it.
                    let seconds = breaksOwnRule(v) ? Self.repairSeconds : Self.sweepSeconds
                    subOptions.timeLimit = min(left ?? seconds, seconds)
                    subOptions.progress = progress
                    guard let result = solver.solveStep(sub.model, options: subOptions, step: "volunteer sweep: one person's MIP", reporting: options), result.status.hasSolution else { continue }
                    let clean = formulation.cleaned(sub.expand(result.values, into: current))
                    let s = objective.value(at: clean), g = guide.value(at: clean)
                    options.logger?.debug("sweep volunteer \(v): \(result.status), \(String(format: "%.2f", result.seconds)) s, stage \(stageValue) → \(s)")
                    guard model.maximumViolation(clean) <= 1e-7, s <= stageValue + 1e-9 * max(1, abs(stageValue)),
                          g < guideValue - 1e-7 * max(1, abs(guideValue)) || s < stageValue - 1e-9 * max(1, abs(stageValue)) else { continue }
                    current = clean
                    stageValue = s
                    guideValue = g
                    improved = true
                }
            }
            if !improved { break }
        }
        return current
    }

    /// `volunteers` by the stage value with their items cleared, highest first (ties by
    /// index). O(volunteers × model).
    private func othersByClearedValue(_ volunteers: [Int], _ current: [Double]) -> [Int] {
        let keyed = volunteers.map { v -> (v: Int, value: Double) in
            var without = current
            for id in formulation.itemsByVolunteer[v] { without[formulation.items[id].column] = 0 }
            return (v, objective.value(at: formulation.complete(without)))
        }
        return keyed.sorted { $0.value != $1.value ? $0.value > $1.value : $0.v < $1.v }.map(\.v)
    }

    /// One neighbourhood of about ``targetFreeItems`` items of its kind: a window of consecutive days
    /// (all volunteers) when `byDays`, else a group of volunteers (all days). With `current`,
    /// it is drawn around a defect of it when there is one (``drawDefect(in:)``): the window
    /// holds the defect's day, the group starts with the volunteers who could repair it;
    /// otherwise the window is anywhere and the group random.
    mutating func neighbourhood(byDays: Bool, around current: [Double]? = nil) -> [Int] {
        let items = formulation.items
        let days = formulation.index.problem.horizon.days
        let defect = current.flatMap { drawDefect(in: $0) }
        if byDays {
            let perDay = max(1, items.count / max(days, 1))
            let window = max(1, min(days, targetFreeItems[0] / perDay))
            var start = Int.random(in: 0...(days - window), using: &rng)
            if let day = defect.flatMap({ daySpans[$0]?.lowerBound }) {
                let low = max(0, day - window + 1), high = min(day, days - window)
                start = Int.random(in: low...max(low, high), using: &rng)
            }
            return items.indices.filter { (start..<(start + window)).contains(items[$0].day) }
        }
        var volunteers = formulation.itemsByVolunteer.indices.filter { !formulation.itemsByVolunteer[$0].isEmpty }
        volunteers.shuffle(using: &rng)
        if let defect {
            var reaching = repairers(of: defect)
            reaching.shuffle(using: &rng)
            let first = Set(reaching)
            volunteers = reaching + volunteers.filter { !first.contains($0) }
        }
        var group: [Int] = []
        for v in volunteers where group.count < targetFreeItems[1] { group += formulation.itemsByVolunteer[v] }
        return group
    }

    /// Improves `start` until the deadline, cancellation, or until many neighbourhoods in a
    /// row were solved to optimality without improvement (a local optimum).
    ///
    /// The neighbourhood size adapts: it grows while sub-problems close quickly and shrinks
    /// when they hit their time limit. With `lowerBound`, a sub-problem stops as soon as
    /// its roster closes the stage against it (``stageClosingValue(bound:relativeGap:)``).
    mutating func improve(
        _ start: [Double], until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions,
        lowerBound: Double?, progress: (@Sendable (SolveProgress) -> Void)?
    ) -> [Double] {
        var current = start
        var best = objective.value(at: current)
        func proven() -> Bool { stageCloses(best, bound: lowerBound, relativeGap: options.relativeGap) }
        // A neighbourhood that reaches this has closed the stage: it stops there.
        let target = stageClosingValue(bound: lowerBound, relativeGap: options.relativeGap)
        var stale = 0
        let patience = 16
        var iteration = 0
        while iteration < 2_000 && !proven() {
            if stale >= patience {
                // A local optimum for the neighbourhoods: whole-schedule moves may leave it.
                guard var search = schedules else { break }
                let swept = search.sweep(current, until: deadline, elapsed: elapsed, cancelled: { options.cancellation?.isCancelled == true })
                schedules = search
                options.logger?.debug("fix-and-optimise stalled; schedule search changed \(swept.changes) schedules")
                guard swept.changes > 0 else { break }
                current = swept.values
                best = objective.value(at: current)
                stale = 0
                continue
            }
            iteration += 1
            if options.cancellation?.isCancelled == true { return current }
            let left = deadline.map { $0 - elapsed() }
            if let left, left < 0.2 { return current }
            // Days and volunteers alternate; of each kind, every other one is around a defect.
            let kind = iteration % 2 == 1 ? 0 : 1
            let free = neighbourhood(byDays: kind == 0, around: iteration % 4 < 2 ? current : nil)
            if free.isEmpty { return current }
            do {
                let mask = columnMask(freeItems: free)
                let sub = stageModel.restricted(free: mask, values: current)
                // The sub-model's objective carries the whole roster's penalty, so a relative gap
                // must be tiny to mean anything: 10⁻⁵ of a 4,000-point roster is under one point.
                var subOptions = SolveOptions(relativeGap: 1e-5, warmStart: sub.restrict(current), cancellation: options.cancellation)
                subOptions.timeLimit = min(left ?? 3, 3)
                subOptions.objectiveTarget = target
                subOptions.progressInterval = 2
                subOptions.progress = progress
                guard let subResult = solver.solveStep(sub.model, options: subOptions, step: "fix-and-optimise: a neighbourhood", reporting: options) else { continue }
                var result = subResult
                if result.status.hasSolution { result.values = sub.expand(result.values, into: current) }
                // Adapt the size: grow after a quick proof, shrink after a time-out.
                if result.status == .optimal && result.seconds < 0.5 {
                    targetFreeItems[kind] = min(targetFreeItems[kind] * 3 / 2, 8_000)
                } else if result.termination == .timeLimit {
                    targetFreeItems[kind] = max(targetFreeItems[kind] / 2, 100)
                }
                // A neighbourhood that frees every column is the whole stage: its bound is the stage's.
                if !mask.contains(false), let b = subResult.bestBound {
                    provenBound = max(provenBound ?? -.infinity, b)
                    if stageCloses(objective.value(at: current), bound: provenBound, relativeGap: options.relativeGap) { return current }
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
                options.logger?.debug("fix-and-optimise \(iteration % 2 == 1 ? "days" : "volunteers"): \(free.count) items, \(result.status), \(String(format: "%.2f", result.seconds)) s, best \(best)")
            }
        }
        return current
    }
}
