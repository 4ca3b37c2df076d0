import LinearProgramming

/// The mixed-integer program for a ``RosterProblem``.
///
/// ## Variables
/// - `x[v,i]` ∈ {0,1}: volunteer *v* takes item *i*, where an item is a shift template on
///   a date or a role at an event. Only **eligible** pairs get a variable: the volunteer has
///   the skill, is available for the whole item, is within the travel cap and the pair is
///   not forbidden. Skills, availability and bans are therefore kept by construction.
/// - auxiliaries, each defined by rows so that its least feasible value is a function of
///   the `x`: day-work indicators, weekend indicators, head-counts per shift, coverage and
///   event shortfalls, hour deviations, line-switch indicators, minimum-hour shortfalls.
///
/// ## Rows
/// No overlap: one clique row per maximal set of a volunteer's items that share a
/// moment (interval graphs have few maximal cliques, so this is O(items) rows and far
/// tighter than pairwise rows); pairwise rows only for items that do not overlap but
/// leave less than the rest or travel time between them. Daily, weekly and period hours;
/// shifts per day; sliding windows for the maximum run of working days; transition rows
/// for minimum runs of work and of days off (runs touching the horizon's ends are
/// exempt); weekend indicators; per-template caps; forbidden successions. Coverage rows
/// use one head-count variable per shift instance, so a slot row has a handful of terms
/// however many volunteers could work it.
///
/// ## Objective
/// Every penalty belongs to a rule and every rule to a tier (hard, coverage, soft). See
/// ``ObjectiveMode`` for how tiers combine.
///
/// Building is O(items + rows + nonzeros); nothing is ever built over all pairs of
/// volunteers and items.
public struct RosterFormulation: Sendable {
    /// A decision variable `x`: who does what.
    public struct Item: Sendable {
        public var volunteer: Int
        public var template: Int?
        public var event: Int?
        public var skill: String?
        public var day: Int
        public var interval: MinuteInterval
        public var site: String?
        public var line: String?
        public var column: Int
        public var hours: Double { Double(interval.length) / 60 }
    }

    public enum Tier: Int, Sendable, CaseIterable {
        case hard, coverage, soft
        public var name: String { ["hard", "coverage", "soft"][rawValue] }
    }

    public internal(set) var model: Model
    public let index: ProblemIndex
    public internal(set) var items: [Item] = []
    /// Item ids per volunteer, sorted by start time.
    public internal(set) var itemsByVolunteer: [[Int]]
    /// Penalty expressions, by rule name.
    public internal(set) var rules: [String: LinearExpression] = [:]
    /// Auxiliary columns in creation order, each with the rows that define it.
    var auxiliaries: [(column: Int, rows: [Int])] = []
    /// The volunteer each auxiliary concerns alone (−1 when it is shared, as coverage
    /// slack is), parallel to `auxiliaries`.
    var auxiliaryOwners: [Int] = []
    /// Volunteer → the column of their shortfall against ``ContractLimits/minHoursPerPeriod``.
    var periodShortfall: [Int: Int] = [:]
    /// A shortfall against ``ContractLimits/minHoursPerWeek`` in one complete week: its
    /// days, the minimum, and the column (in hours) that carries the shortfall.
    struct WeekShortfall: Sendable {
        var days: Range<Int>
        var hours: Double
        var column: Int
    }
    /// Volunteer → their shortfalls against minimum hours per complete week.
    var weekShortfall: [Int: [WeekShortfall]] = [:]
    /// Volunteer → the columns of their hours above and below their target.
    var fairnessDeviation: [Int: (over: Int, under: Int)] = [:]
    /// Volunteer → day d → the column (1 for a switch) counting a change of line from d to d + 1
    /// (``RuleWeights/continuity``).
    var continuitySwitch: [Int: [Int: Int]] = [:]
    /// Volunteer → day d → the column of their work indicator on d, where it is an auxiliary
    /// of its own (a day whose items could be taken together); elsewhere the indicator is
    /// the sum of the day's items.
    var workIndicator: [Int: [Int: Int]] = [:]
    /// Shortfall columns of demand with the hours one missing person leaves unfilled, and
    /// the hours no volunteer can fill (see ``unfilledHours(at:)``).
    var demandHours: [(column: Int, hours: Double)] = []
    var unfilledConstantHours = 0.0
    /// Each coverage shortfall column → the slots (requirement, day, slot) its row stands
    /// for: slots with the same covering shift instances and minimum share one row
    /// (``CoverageRule``), whose dual is what one more person is worth in all of them.
    var coverageSlots: [Int: [CoverageSlot]] = [:]

    /// Hours of demand `values` leave unfilled: each slot's and event role's shortfall
    /// times its length, plus what no one can fill. O(demand rows).
    public func unfilledHours(at values: [Double]) -> Double {
        demandHours.reduce(unfilledConstantHours) { $0 + values[$1.column] * $1.hours }
    }

    /// The tier of a penalty named by its rule (``RuleID/tier``); a name that is no rule's is soft.
    public static func tier(of rule: String) -> Tier { RuleID(rawValue: rule)?.tier ?? .soft }

    /// The penalty expression of one tier.
    public func objective(for tier: Tier) -> LinearExpression {
        var e = LinearExpression()
        for name in rules.keys.sorted() where Self.tier(of: name) == tier { e.add(rules[name]!) }
        return e
    }

    /// Every tier's penalty in one expression (the hard tier already carries
    /// ``RuleWeights/hard``): the objective of ``ObjectiveMode/weighted``.
    public var weightedObjective: LinearExpression {
        var e = LinearExpression()
        for tier in Tier.allCases { e.add(objective(for: tier)) }
        return e
    }

    /// The model with ``weightedObjective`` set: one LP/MIP that other solvers (HiGHS,
    /// `glpsol`) can read from `Model.cplexLPText()`.
    public var weightedModel: Model {
        var m = model
        m.setObjective(weightedObjective, sense: .minimize)
        return m
    }

    /// Whether a tier has any penalty that a decision can change.
    public func hasVariableTerms(_ tier: Tier) -> Bool {
        rules.contains { Self.tier(of: $0.key) == tier && $0.value.terms.contains { $0.coefficient != 0 } }
    }

    /// Fills in every auxiliary column at its least feasible value, given `values` for the
    /// decision columns. When the decisions keep every hard row, the result is a feasible
    /// solution of the model (and the best one for those decisions). O(nonzeros of the
    /// auxiliaries' rows).
    public func complete(_ values: [Double]) -> [Double] {
        var x = values
        for (column, rows) in auxiliaries {
            var lower = max(model.variable(VariableID(column)).lowerBound, 0)
            for r in rows {
                let row = model.row(r)
                var rest = 0.0, coefficient = 0.0
                for (c, a) in zip(row.columns, row.values) {
                    if c == column { coefficient += a } else { rest += a * x[c] }
                }
                if coefficient > 0, row.lower > -.infinity { lower = max(lower, (row.lower - rest) / coefficient) }
                if coefficient < 0, row.upper < .infinity { lower = max(lower, (row.upper - rest) / coefficient) }
            }
            if model.variable(VariableID(column)).kind.isIntegral { lower = (lower - 1e-9).rounded(.up) }
            x[column] = lower
        }
        return x
    }

    /// `values` with every decision rounded to 0 or 1 and every auxiliary recomputed by
    /// ``complete(_:)``: a clean point without the solver's tolerances, never worse in any
    /// penalty than `values` itself (each auxiliary is at its least feasible value).
    public func cleaned(_ values: [Double]) -> [Double] {
        var x = [Double](repeating: 0, count: model.variableCount)
        for item in items { x[item.column] = values[item.column] > 0.5 ? 1 : 0 }
        return complete(x)
    }

    /// The assignments that `values` choose.
    public func assignments(from values: [Double]) -> [Assignment] {
        let problem = index.problem
        return items.filter { values[$0.column] > 0.5 }.map { item in
            let target: AssignmentTarget
            // The skill the assignment uses: the event role's, or the shift's required skill.
            var skill = item.skill
            if let t = item.template {
                target = .shift(template: problem.templates[t].id, date: problem.horizon.date(item.day))
                skill = problem.templates[t].requiredSkill
            } else {
                target = .event(id: problem.events[item.event!].id, skill: item.skill!)
            }
            return Assignment(
                volunteer: problem.volunteers[item.volunteer].id, target: target, date: problem.horizon.date(item.day),
                interval: item.interval, site: item.site, line: item.line, skill: skill)
        }.sorted()
    }

    /// Decision values (auxiliaries left at 0) for a list of assignment keys; keys with no
    /// eligible item are ignored. Pair with ``complete(_:)``.
    public func decisions(for keys: some Sequence<AssignmentKey>) -> [Double] {
        let wanted = Set(keys)
        var x = [Double](repeating: 0, count: model.variableCount)
        for item in items where wanted.contains(key(of: item)) { x[item.column] = 1 }
        return x
    }

    func key(of item: Item) -> AssignmentKey { Self.keyFunction(index)(item) }

    /// Per column: its item's index in ``items``, −1 for an auxiliary. O(columns).
    func columnItems() -> [Int] {
        var item = [Int](repeating: -1, count: model.variableCount)
        for (id, it) in items.enumerated() { item[it.column] = id }
        return item
    }

    /// Per column: the volunteer it concerns alone (an item's volunteer, an auxiliary's
    /// owner), −1 when it is shared (coverage and event slack, head-counts). O(columns).
    func columnOwners() -> [Int] {
        var owner = [Int](repeating: -1, count: model.variableCount)
        for item in items { owner[item.column] = item.volunteer }
        for (k, a) in auxiliaries.enumerated() { owner[a.column] = auxiliaryOwners[k] }
        return owner
    }

    /// Whether item `b` may follow item `a` (the same volunteer's, on the day before): not
    /// a forbidden succession, and the gap for rest and travel kept. The schedule models'
    /// one test for consecutive days. O(1).
    func mayFollow(_ a: Int, _ b: Int) -> Bool {
        let ia = items[a], ib = items[b]
        if let ta = ia.template, let tb = ib.template, index.forbidsSuccession(ta, tb) { return false }
        return keepsApart(a, b)
    }

    /// Whether item `b` starts late enough after item `a` ends (the same volunteer's): the
    /// gap for rest and travel kept, so both may be worked (``NoOverlapRule`` and
    /// ``RestRule``). The schedule models' test for two items of one day. O(1).
    func keepsApart(_ a: Int, _ b: Int) -> Bool { Self.keepsApart(items[a], items[b], index: index) }

    /// Whether item `b` starts late enough after item `a` ends, for rest and travel. O(1).
    static func keepsApart(_ ia: Item, _ ib: Item, index: ProblemIndex) -> Bool {
        let gap = index.requiredGap(volunteer: ia.volunteer, from: ia.site, to: ib.site, bothShifts: ia.template != nil && ib.template != nil)
        return ib.interval.start >= ia.interval.end + gap
    }

    /// Whether two of `ids` (one volunteer's items of a day) could both be worked: the one
    /// test of "several a day" for the work indicator and the schedule models. O(ids²).
    static func anyTwoKeepApart(_ ids: [Int], items: [Item], index: ProblemIndex) -> Bool {
        ids.contains { a in ids.contains { b in a != b && keepsApart(items[a], items[b], index: index) } }
    }
}
