import LinearProgramming

/// One rule of a roster as a unit: its rows in the MIP, its evaluation in the independent
/// checker, and its treatment in the per-volunteer schedule models, side by side in one
/// type (Timefold's one-constraint-one-function habit, in MIP form).
///
/// The rows (``buildVolunteer(_:_:)``, ``buildShared(_:)``) and the check
/// (``check(volunteer:into:)``, ``check(roster:into:)``) are separate code paths on
/// purpose: the checker must catch what the rows get wrong. Each rule's test suite
/// (`Tests/RotaTests/Rules`) holds them to each other, and to brute force, on seeded random
/// problems. ``treatment(in:_:)`` says how a schedule model keeps the rule for one
/// volunteer; a model that would have to ignore it (``ScheduleTreatment/unsupported``)
/// declines that volunteer, so which volunteers column generation covers follows from the
/// catalog alone.
///
/// Adding a rule: one new file under `Rules/`, one `RuleID` case, its place in
/// ``RuleCatalog/all``, and one test file. Every requirement has a default that does
/// nothing, so a unit states only what it has.
protocol Rule: Sendable {
    /// The identifiers this unit builds, checks and reports (most units have one; the
    /// minimum hours of a week and of the period share their shortfall machinery).
    var ids: [RuleID] { get }
    /// Rows, auxiliaries and penalties that concern volunteer `v` alone.
    func buildVolunteer(_ b: inout Builder, _ v: Int)
    /// Rows and penalties over several volunteers (demand, fairness, pins).
    func buildShared(_ b: inout Builder)
    /// The checker's evaluation of one volunteer's resolved assignments.
    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings)
    /// The checker's evaluation of the whole roster.
    func check(roster c: RosterCheck, into findings: inout CheckFindings)
    /// How `model` keeps this rule for the volunteer of `s`.
    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment
    /// Whether the rule judges demand (slots, event teams) rather than a volunteer's own
    /// roster: such a rule says nothing about one volunteer checked alone.
    var judgesDemand: Bool { get }
}

extension Rule {
    func buildVolunteer(_ b: inout Builder, _ v: Int) {}
    func buildShared(_ b: inout Builder) {}
    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {}
    func check(roster c: RosterCheck, into findings: inout CheckFindings) {}
    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment { .notBinding }
    var judgesDemand: Bool { false }
}

/// A rule of who may take what: an ineligible (volunteer, item) pair gets no column, and
/// the checker reports an assignment the rule does not admit.
protocol EligibilityRule: Rule {
    /// Whether volunteer `v` may take `candidate`. O(1) or O(log) per call.
    func admits(_ v: Int, _ candidate: Candidate, _ index: ProblemIndex) -> Bool
    /// Why an assignment is not admitted, for the checker's report.
    func refusal(_ v: Int, _ candidate: Candidate, _ index: ProblemIndex) -> String
    /// Whether volunteer `v` may take template `template` on some day, or role `skill` at
    /// some event: a necessary condition of ``admits(_:_:_:)`` that does not depend on the
    /// day, so that the formulation skips a template or role once per volunteer instead of
    /// once per day (a 3,000-volunteer county over 13 weeks asked millions of candidates).
    /// Every candidate it lets through is still asked ``admits(_:_:_:)``.
    func mayAdmit(_ v: Int, template: Int?, skill: String?, _ index: ProblemIndex) -> Bool
}

extension EligibilityRule {
    func mayAdmit(_ v: Int, template: Int?, skill: String?, _ index: ProblemIndex) -> Bool { true }
}

/// One item a volunteer could take: a shift template on a day, or a role at an event.
struct Candidate {
    var template: Int?
    var event: Int?
    var skill: String?
    var day: Int
    var interval: MinuteInterval
    var site: String?

    /// The candidate's assignment key. O(1), but it builds strings: ask only when needed.
    func key(volunteer v: Int, _ index: ProblemIndex) -> AssignmentKey {
        let p = index.problem
        if let t = template {
            return AssignmentKey(volunteer: p.volunteers[v].id, target: .shift(template: p.templates[t].id, date: p.horizon.date(day)))
        }
        return AssignmentKey(volunteer: p.volunteers[v].id, target: .event(id: p.events[event!].id, skill: skill ?? ""))
    }
}

/// The two per-volunteer schedule models (`ScheduleDP` and `CountedSchedule`).
public enum ScheduleModelKind: String, Sendable, CaseIterable {
    /// Sequence rules kept exactly (runs, weekends, successions); counted ones priced.
    case sequence
    /// Counted rules kept exactly (hours per week and period, fairness, runs).
    case counting
}

/// How a schedule model keeps one rule for one volunteer.
public enum ScheduleTreatment: String, Sendable, Hashable {
    /// The rule says nothing for this volunteer (no limit set, or one that cannot bind).
    case notBinding
    /// It removes options from a day (a per-day limit on a single item a day).
    case filtersOptions
    /// Kept exactly in the path's state.
    case kept
    /// Priced: a Lagrangian multiplier in the path's cost, checked on the path found.
    case priced
    /// Linear in the items: part of each option's cost.
    case optionCost
    /// A row of the master problem over several volunteers (demand, event teams).
    case master
    /// The model cannot keep it: the model declines the volunteer.
    case unsupported
}

/// Findings of the checker: broken rules and penalties by rule.
struct CheckFindings {
    var violations: [RuleViolation] = []
    var byRule: [String: Double] = [:]
    var unfilled: [UnfilledDemand] = []

    mutating func add(_ rule: RuleID, _ value: Double) {
        if value != 0 { byRule[rule.rawValue, default: 0] += value }
    }

    mutating func fail(_ rule: RuleID, volunteer: String? = nil, date: CalendarDate? = nil, _ message: String) {
        violations.append(RuleViolation(rule: rule, volunteer: volunteer, date: date, message: message))
    }
}

/// One assignment as the checker resolved it from its ids, never trusting its recorded times.
struct ResolvedAssignment {
    var v: Int
    var day: Int
    var interval: MinuteInterval
    var template: Int?
    var event: Int?
    var skill: String?
    var site: String?
    var line: String?
}

/// One volunteer's resolved assignments and the tallies most rules read, computed once.
struct VolunteerCheck {
    let index: ProblemIndex
    let v: Int
    /// This volunteer's assignments, by start then end.
    let mine: [ResolvedAssignment]
    let hoursByDay: [Double]
    let countByDay: [Int]
    let templatesByDay: [[Int]]
    let linesByDay: [Set<String>]
    let templateCounts: [Int: Int]
    let worked: [Bool]
    let total: Double
    let weekendsWorked: Int
    /// Maximal runs of working days and of days off, in order.
    let runs: [Run]

    /// A maximal run of working days (or of days off).
    struct Run {
        var days: Range<Int>
        var working: Bool
        /// Whether it starts on the first day or ends on the last (exempt from minimum runs).
        var touchesEdge: Bool
    }

    var problem: RosterProblem { index.problem }
    var volunteer: Volunteer { index.problem.volunteers[v] }
    var limits: ContractLimits { volunteer.limits }
    var weights: RuleWeights { index.problem.rules.weights }

    init(index: ProblemIndex, v: Int, mine: [ResolvedAssignment]) {
        self.index = index
        self.v = v
        self.mine = mine
        let horizon = index.problem.horizon
        var hoursByDay = [Double](repeating: 0, count: horizon.days)
        var countByDay = [Int](repeating: 0, count: horizon.days)
        var templatesByDay = [[Int]](repeating: [], count: horizon.days)
        var linesByDay = [Set<String>](repeating: [], count: horizon.days)
        var templateCounts: [Int: Int] = [:]
        for r in mine {
            hoursByDay[r.day] += Double(r.interval.length) / 60
            countByDay[r.day] += 1
            if let t = r.template {
                templatesByDay[r.day].append(t)
                templateCounts[t, default: 0] += 1
                if let line = r.line { linesByDay[r.day].insert(line) }
            }
        }
        self.hoursByDay = hoursByDay
        self.countByDay = countByDay
        self.templatesByDay = templatesByDay
        self.linesByDay = linesByDay
        self.templateCounts = templateCounts
        let worked = countByDay.map { $0 > 0 }
        self.worked = worked
        self.total = hoursByDay.reduce(0, +)
        self.weekendsWorked = index.weekends.filter { $0.contains { worked[$0] } }.count
        var runs: [Run] = []
        var d = 0
        while d < horizon.days {
            var e = d
            while e + 1 < horizon.days && worked[e + 1] == worked[d] { e += 1 }
            runs.append(Run(days: d..<(e + 1), working: worked[d], touchesEdge: d == 0 || e == horizon.days - 1))
            d = e + 1
        }
        self.runs = runs
    }

    /// Reports `rule` broken by this volunteer on `day` (or over the horizon).
    func fail(_ findings: inout CheckFindings, _ rule: RuleID, _ day: Int?, _ message: String) {
        findings.fail(rule, volunteer: volunteer.id, date: day.map(problem.horizon.date), message)
    }
}

/// The whole roster as the checker resolved it.
struct RosterCheck {
    let index: ProblemIndex
    let assignments: [Assignment]
    let resolved: [ResolvedAssignment]
    /// Per volunteer: hours, shifts, events, weekends.
    let totals: [VolunteerTotals]
    let present: Set<AssignmentKey>
    var problem: RosterProblem { index.problem }
    var weights: RuleWeights { index.problem.rules.weights }
}

/// What a schedule model sees of one volunteer when it asks the catalog whether it can
/// keep their rules: the items by day, after the per-day hour limits have removed the items
/// that alone break them, and whether they may take several items on one day.
struct ScheduleContext {
    let formulation: RosterFormulation
    let v: Int
    /// Item ids by day of start, filtered by the per-day hour limits (each item alone).
    let byDay: [[Int]]
    /// Item ids by day of start, all of them.
    let allByDay: [[Int]]
    /// Whether the volunteer may take two items of one day: no limit of one a day
    /// (``ContractLimits/maxShiftsPerDay``), and some day has two items that keep apart
    /// (neither overlapping nor closer than rest and travel allow).
    let severalADay: Bool
    /// The items a path may take on each day: ``byDay``, or, for a volunteer who may take
    /// several a day, every item within the daily maximum (a short item may meet the
    /// daily minimum together with another).
    let optionsByDay: [[Int]]

    var index: ProblemIndex { formulation.index }
    var problem: RosterProblem { formulation.index.problem }
    var volunteer: Volunteer { problem.volunteers[v] }
    var limits: ContractLimits { volunteer.limits }
    var items: [RosterFormulation.Item] { formulation.items }

    /// The most choices (sets of items taken together) one day may offer the counting
    /// model: past it, the day's combinations are left to the MIP and the model declines
    /// the volunteer. A hotline day with two lines and five templates offers about 30.
    static let choiceBudget = 256

    /// O(items), plus O(items per day²) for a volunteer without a limit of one a day.
    init(formulation: RosterFormulation, volunteer v: Int) {
        self.formulation = formulation
        self.v = v
        let limits = formulation.index.problem.volunteers[v].limits
        var byDay = [[Int]](repeating: [], count: formulation.index.problem.horizon.days)
        var allByDay = byDay, withinMaximum = byDay
        for id in formulation.itemsByVolunteer[v] {
            allByDay[formulation.items[id].day].append(id)
            let hours = formulation.items[id].hours
            if let m = limits.maxHoursPerDay, hours > m + 1e-9 { continue }
            withinMaximum[formulation.items[id].day].append(id)
            if let m = limits.minHoursPerDay, m > 0, hours < m - 1e-9 { continue }
            byDay[formulation.items[id].day].append(id)
        }
        // Over all the day's items, as the formulation's work indicator tests them.
        let several = limits.maxShiftsPerDay != 1
            && allByDay.contains { RosterFormulation.anyTwoKeepApart($0, items: formulation.items, index: formulation.index) }
        self.byDay = byDay
        self.allByDay = allByDay
        severalADay = several
        optionsByDay = several ? withinMaximum : byDay
    }

    /// Day `d`'s choices: each a set of item ids (sorted by start) the volunteer may work
    /// together on that day — one item, or for a volunteer who may take several a day, up
    /// to ``ContractLimits/maxShiftsPerDay`` items each of which keeps apart from the ones
    /// before, within the day's hour limits. Single items come first, in ``optionsByDay``'s
    /// order (so that a volunteer of one item a day gets exactly those). `nil` past
    /// `budget` choices. O(choices × items of the day).
    func choices(on d: Int, budget: Int = choiceBudget) -> [[Int]]? {
        let limits = self.limits, items = self.items
        let options = optionsByDay[d]
        let minimum = (limits.minHoursPerDay ?? 0) - 1e-9, maximum = (limits.maxHoursPerDay ?? .infinity) + 1e-9
        var result = options.filter { items[$0].hours >= minimum }.map { [$0] }
        guard severalADay, options.count > 1 else { return result }
        let most = limits.maxShiftsPerDay ?? options.count
        let sorted = options.sorted { (items[$0].interval.start, $0) < (items[$1].interval.start, $1) }
        var chosen: [Int] = []
        var overBudget = false
        // Depth first over the items by start: each next item keeps apart from every one
        // taken (rest and travel need not be transitive across sites).
        func extend(from next: Int, hours: Double) {
            for j in next..<sorted.count {
                guard !overBudget else { return }
                let b = sorted[j], total = hours + items[b].hours
                guard total <= maximum, chosen.allSatisfy({ formulation.keepsApart($0, b) }) else { continue }
                chosen.append(b)
                if chosen.count >= 2, total >= minimum {
                    result.append(chosen)
                    if result.count > budget { overBudget = true }
                }
                if chosen.count < most { extend(from: j + 1, hours: total) }
                chosen.removeLast()
            }
        }
        extend(from: 0, hours: 0)
        return overBudget ? nil : result
    }
}
