import LinearProgramming

extension RosterFormulation {
    /// Builds the model for `problem`. The problem should have passed
    /// ``RosterProblem/validate()``; unknown references are skipped here, not trapped.
    public init(problem: RosterProblem) {
        var builder = Builder(index: ProblemIndex(problem))
        builder.build()
        self.model = builder.model
        self.index = builder.index
        self.items = builder.items
        self.itemsByVolunteer = builder.itemsByVolunteer
        self.rules = builder.rules
        self.auxiliaries = builder.auxiliaries
        self.auxiliaryOwners = builder.auxiliaryOwners
        self.periodShortfall = builder.periodShortfall
        self.weekShortfall = builder.weekShortfall
        self.fairnessDeviation = builder.fairnessDeviation
        self.continuitySwitch = builder.continuitySwitch
        self.workIndicator = builder.workIndicator
        self.demandHours = builder.demandHours
        self.coverageSlots = builder.coverageSlots
        self.unfilledConstantHours = builder.unfilledConstantHours
    }
}

/// The one-pass construction of a ``RosterFormulation``.
struct Builder {
    let index: ProblemIndex
    var problem: RosterProblem { index.problem }
    var model: Model
    var items: [RosterFormulation.Item] = []
    var itemsByVolunteer: [[Int]]
    var rules: [String: LinearExpression] = [:]
    var auxiliaries: [(column: Int, rows: [Int])] = []
    /// The volunteer each auxiliary belongs to (−1: shared), parallel to `auxiliaries`.
    var auxiliaryOwners: [Int] = []
    /// The volunteer whose rules are being built, if any: the owner of new auxiliaries.
    var owner = -1
    /// Volunteer → the column of their shortfall against minimum hours for the period.
    var periodShortfall: [Int: Int] = [:]
    /// Volunteer → their shortfalls against minimum hours per complete week.
    var weekShortfall: [Int: [RosterFormulation.WeekShortfall]] = [:]
    /// Volunteer → the columns of their hours above and below target (total deviation).
    var fairnessDeviation: [Int: (over: Int, under: Int)] = [:]
    /// Volunteer → day d → the column counting a change of line from d to d + 1.
    var continuitySwitch: [Int: [Int: Int]] = [:]
    /// Volunteer → day → the work indicator's column, where it is an auxiliary.
    var workIndicator: [Int: [Int: Int]] = [:]
    /// Shortfall columns of demand (a slot's, an event role's), each with the hours one
    /// missing person leaves unfilled; and the hours no one can fill at all.
    var demandHours: [(column: Int, hours: Double)] = []
    var unfilledConstantHours = 0.0
    /// Each coverage shortfall column → the slots its row stands for.
    var coverageSlots: [Int: [CoverageSlot]] = [:]
    /// The conflicts the volunteer being built has gathered so far (``ConflictCover``).
    var conflicts = ConflictCover()
    /// Items by volunteer and day of start.
    var dayItems: [[[Int]]]
    /// Cached day-work expressions per volunteer and day.
    var workCache: [[LinearExpression?]]
    /// (template × days + day) → item, per volunteer.
    var shiftItem: [[Int: Int]]
    /// An upper bound on any travel time between two sites, which limits how far apart
    /// two items can be and still need a travel row.
    let maxTravel: Int

    init(index: ProblemIndex) {
        self.index = index
        let p = index.problem
        let matrixMax = p.travel.matrix.values.flatMap(\.values).max() ?? 0
        let depth = index.network.maximumDepth
        maxTravel = max(matrixMax, p.travel.minutesPerHop * 2 * depth)
        model = Model(name: p.name, sense: .minimize)
        itemsByVolunteer = Array(repeating: [], count: p.volunteers.count)
        dayItems = Array(repeating: Array(repeating: [], count: p.horizon.days), count: p.volunteers.count)
        workCache = Array(repeating: Array(repeating: nil, count: p.horizon.days), count: p.volunteers.count)
        shiftItem = Array(repeating: [:], count: p.volunteers.count)
    }

    mutating func penalize(_ rule: RuleID, _ column: Int, _ coefficient: Double) {
        guard coefficient != 0 else { return }
        rules[rule.rawValue, default: LinearExpression()].add(VariableID(column), coefficient)
    }

    mutating func penalize(_ rule: RuleID, _ expression: LinearExpression, _ factor: Double) {
        guard factor != 0 else { return }
        rules[rule.rawValue, default: LinearExpression()].add(expression, scaledBy: factor)
    }

    mutating func constant(_ rule: RuleID, _ value: Double) {
        guard value != 0 else { return }
        rules[rule.rawValue, default: LinearExpression()].constant += value
    }

    /// Adds an auxiliary column defined by the rows added in `define`.
    mutating func auxiliary(
        _ name: @autoclosure () -> String, kind: VariableKind = .continuous, lower: Double = 0, upper: Double = .infinity,
        define: (inout Builder, VariableID) -> Void
    ) -> VariableID {
        let column = model.addVariable(name: name(), kind: kind, lowerBound: lower, upperBound: upper)
        let first = model.constraintCount
        define(&self, column)
        auxiliaries.append((column.index, Array(first..<model.constraintCount)))
        auxiliaryOwners.append(owner)
        return column
    }

    /// Items first, then each volunteer's rules (and their conflicts, as clique rows:
    /// ``ConflictCover``), then the rules over several volunteers, all from
    /// ``RuleCatalog`` in its order.
    mutating func build() {
        createItems()
        for v in problem.volunteers.indices {
            owner = v
            for rule in RuleCatalog.volunteer { rule.buildVolunteer(&self, v) }
            writeConflicts(v)
        }
        owner = -1
        for rule in RuleCatalog.shared { rule.buildShared(&self) }
    }

    // MARK: Items

    /// One column per eligible (volunteer, item) pair: every rule of
    /// ``RuleCatalog/eligibility`` admits it (and a cap of 0 on a template, which
    /// ``MaxShiftsPerTemplateRule`` would hold at 0, leaves no column either).
    /// O(volunteers × (templates × days + event roles)).
    mutating func createItems() {
        let horizon = problem.horizon
        let eligibility = RuleCatalog.eligibility
        func admitted(_ v: Int, _ c: Candidate) -> Bool { eligibility.allSatisfy { $0.admits(v, c, index) } }
        func mayAdmit(_ v: Int, template: Int? = nil, skill: String? = nil) -> Bool {
            eligibility.allSatisfy { $0.mayAdmit(v, template: template, skill: skill, index) }
        }
        // Each event's day, interval and roles, once (not once per volunteer).
        let events: [(e: Int, day: Int, interval: MinuteInterval, site: String, skills: [String])] = problem.events.enumerated().compactMap { e, event in
            guard let interval = index.interval(event: e), let d = horizon.index(of: event.date) else { return nil }
            return (e, d, interval, event.site, event.teamSkills)
        }
        for v in problem.volunteers.indices {
            for (t, template) in problem.templates.enumerated() {
                if let cap = index.cap(volunteer: v, template: t), cap <= 0 { continue }
                guard mayAdmit(v, template: t) else { continue }
                for d in 0..<horizon.days where template.isOffered(on: horizon.date(d)) {
                    let interval = index.interval(template: t, day: d)
                    guard admitted(v, Candidate(template: t, day: d, interval: interval, site: template.site)) else { continue }
                    let column = model.addVariable(name: "x_\(v)_\(t)_\(d)", kind: .binary)
                    shiftItem[v][t * horizon.days + d] = items.count
                    items.append(.init(volunteer: v, template: t, day: d, interval: interval, site: template.site, line: template.line, column: column.index))
                }
            }
            for (e, d, interval, site, skills) in events {
                for skill in skills where mayAdmit(v, skill: skill) {
                    guard admitted(v, Candidate(event: e, skill: skill, day: d, interval: interval, site: site)) else { continue }
                    let column = model.addVariable(name: "y_\(v)_\(e)_\(skill)", kind: .binary)
                    items.append(.init(volunteer: v, event: e, skill: skill, day: d, interval: interval, site: site, column: column.index))
                }
            }
        }
        for (i, item) in items.enumerated() {
            itemsByVolunteer[item.volunteer].append(i)
            dayItems[item.volunteer][item.day].append(i)
        }
        for v in itemsByVolunteer.indices {
            itemsByVolunteer[v].sort { (items[$0].interval.start, items[$0].interval.end, $0) < (items[$1].interval.start, items[$1].interval.end, $1) }
        }
    }

    func terms(_ ids: [Int], _ coefficient: (RosterFormulation.Item) -> Double = { _ in 1 }) -> [LinearTerm] {
        ids.map { LinearTerm(VariableID(items[$0].column), coefficient(items[$0])) }
    }

    /// 1 when volunteer `v` works on day `d`, as an expression: the sum of the day's items
    /// when at most one can be taken, else a binary indicator.
    mutating func work(_ v: Int, _ d: Int) -> LinearExpression {
        if let cached = workCache[v][d] { return cached }
        let ids = dayItems[v][d]
        let expression: LinearExpression
        // One item at most: the day's items sum to the indicator. The schedule models make
        // the same test (``ScheduleContext/severalADay``).
        if isSingleChoice(v, d) {
            expression = LinearExpression(terms: terms(ids))
        } else {
            let w = auxiliary("w_\(v)_\(d)", kind: .binary, upper: 1) { b, w in
                for id in ids { b.model.addConstraint(terms: [LinearTerm(VariableID(b.items[id].column)), LinearTerm(w, -1)], .lessOrEqual(0)) }
            }
            model.addConstraint(terms: [LinearTerm(w)] + terms(ids, { _ in -1 }), .lessOrEqual(0))
            workIndicator[v, default: [:]][d] = w.index
            expression = LinearExpression(w)
        }
        workCache[v][d] = expression
        return expression
    }

    /// Whether volunteer `v` takes at most one item on day `d`: a limit of one a day, or no
    /// two of the day's items keep apart for rest and travel. O(items of the day²).
    func isSingleChoice(_ v: Int, _ d: Int) -> Bool {
        let ids = dayItems[v][d]
        return ids.count <= 1 || problem.volunteers[v].limits.maxShiftsPerDay == 1
            || !RosterFormulation.anyTwoKeepApart(ids, items: items, index: index)
    }

    /// The most hours volunteer `v` can work on `days`: each day's longest item where only
    /// one can be taken, else all of the day's items. A cap at or above it cannot bind.
    func mostHours(_ v: Int, days: some Sequence<Int>) -> Double {
        days.reduce(0.0) { total, d in
            let hours = dayItems[v][d].map { items[$0].hours }
            return total + (isSingleChoice(v, d) ? hours.max() ?? 0 : hours.reduce(0, +))
        }
    }

    /// Item id by assignment key, for the rules that name assignments (pins, changes). O(items).
    func itemsByKey() -> [AssignmentKey: Int] {
        let f = RosterFormulation.keyFunction(index)
        var itemOf: [AssignmentKey: Int] = [:]
        for (id, item) in items.enumerated() { itemOf[f(item)] = id }
        return itemOf
    }
}

extension RosterFormulation {
    static func keyFunction(_ index: ProblemIndex) -> @Sendable (Item) -> AssignmentKey {
        { item in
            let p = index.problem
            if let t = item.template {
                return AssignmentKey(volunteer: p.volunteers[item.volunteer].id, target: .shift(template: p.templates[t].id, date: p.horizon.date(item.day)))
            }
            return AssignmentKey(volunteer: p.volunteers[item.volunteer].id, target: .event(id: p.events[item.event!].id, skill: item.skill!))
        }
    }
}
