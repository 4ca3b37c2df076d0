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

    mutating func penalize(_ rule: String, _ column: Int, _ coefficient: Double) {
        guard coefficient != 0 else { return }
        rules[rule, default: LinearExpression()].add(VariableID(column), coefficient)
    }

    mutating func penalize(_ rule: String, _ expression: LinearExpression, _ factor: Double) {
        guard factor != 0 else { return }
        rules[rule, default: LinearExpression()].add(expression, scaledBy: factor)
    }

    mutating func constant(_ rule: String, _ value: Double) {
        guard value != 0 else { return }
        rules[rule, default: LinearExpression()].constant += value
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

    mutating func build() {
        createItems()
        for v in problem.volunteers.indices {
            owner = v
            volunteerRows(v)
        }
        owner = -1
        coverageRows()
        eventRows()
        fairnessRows()
        pinsAndBaseline()
    }

    // MARK: Items

    mutating func createItems() {
        let horizon = problem.horizon
        let forbidden = Set(problem.rules.forbidden)
        for (v, volunteer) in problem.volunteers.enumerated() {
            let travelCap = volunteer.limits.maxTravelMinutes
            for (t, template) in problem.templates.enumerated() {
                guard volunteer.has(skill: template.requiredSkill, level: template.minimumLevel) else { continue }
                if let cap = index.cap(volunteer: v, template: t), cap <= 0 { continue }
                if let travelCap, index.travelFromHome(volunteer: v, site: template.site) > travelCap { continue }
                for d in 0..<horizon.days where template.isOffered(on: horizon.date(d)) {
                    let interval = index.interval(template: t, day: d)
                    guard index.available[v].contains(interval) else { continue }
                    if !forbidden.isEmpty,
                       forbidden.contains(AssignmentKey(volunteer: volunteer.id, target: .shift(template: template.id, date: horizon.date(d)))) { continue }
                    let column = model.addVariable(name: "x_\(v)_\(t)_\(d)", kind: .binary)
                    shiftItem[v][t * horizon.days + d] = items.count
                    items.append(.init(volunteer: v, template: t, day: d, interval: interval, site: template.site, line: template.line, column: column.index))
                }
            }
            for (e, event) in problem.events.enumerated() {
                guard let interval = index.interval(event: e), let d = horizon.index(of: event.date),
                      index.available[v].contains(interval) else { continue }
                if let travelCap, index.travelFromHome(volunteer: v, site: event.site) > travelCap { continue }
                for skill in event.teamSkills where volunteer.has(skill: skill) {
                    if !forbidden.isEmpty,
                       forbidden.contains(AssignmentKey(volunteer: volunteer.id, target: .event(id: event.id, skill: skill))) { continue }
                    let column = model.addVariable(name: "y_\(v)_\(e)_\(skill)", kind: .binary)
                    items.append(.init(volunteer: v, event: e, skill: skill, day: d, interval: interval, site: event.site, column: column.index))
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
        let singleChoice = problem.volunteers[v].limits.maxShiftsPerDay == 1
            || ids.map { items[$0].interval.start }.max() ?? 0 < ids.map { items[$0].interval.end }.min() ?? 0
        if ids.count <= 1 || singleChoice {
            expression = LinearExpression(terms: terms(ids))
        } else {
            let w = auxiliary("w_\(v)_\(d)", kind: .binary, upper: 1) { b, w in
                for id in ids { b.model.addConstraint(terms: [LinearTerm(VariableID(b.items[id].column)), LinearTerm(w, -1)], .lessOrEqual(0)) }
            }
            model.addConstraint(terms: [LinearTerm(w)] + terms(ids, { _ in -1 }), .lessOrEqual(0))
            expression = LinearExpression(w)
        }
        workCache[v][d] = expression
        return expression
    }

    // MARK: Per-volunteer hard rules

    mutating func volunteerRows(_ v: Int) {
        let volunteer = problem.volunteers[v]
        let limits = volunteer.limits
        let mine = itemsByVolunteer[v]
        guard !mine.isEmpty else {
            // Nothing this volunteer can take; missed minimums and wishes still count.
            minimumHours(v)
            softRules(v)
            return
        }
        let horizon = problem.horizon

        // No overlap: maximal cliques of the interval graph, by a sweep.
        var active: [Int] = []
        var grew = false
        for id in mine {
            let start = items[id].interval.start
            let kept = active.filter { items[$0].interval.end > start }
            if kept.count < active.count && grew {
                if active.count >= 2 { model.addConstraint(terms: terms(active), .lessOrEqual(1)) }
                grew = false
            }
            active = kept
            active.append(id)
            grew = true
        }
        if grew && active.count >= 2 { model.addConstraint(terms: terms(active), .lessOrEqual(1)) }

        // Rest and travel between items that do not overlap but are too close.
        let reach = max(index.minRest(volunteer: v), maxTravel)
        if reach > 0 {
            for (k, a) in mine.enumerated() {
                let ia = items[a]
                for b in mine[(k + 1)...] {
                    let ib = items[b]
                    if ib.interval.start >= ia.interval.end + reach { break }
                    if ib.interval.start < ia.interval.end { continue }  // overlapping: a clique holds it
                    let gap = index.requiredGap(volunteer: v, from: ia.site, to: ib.site, bothShifts: ia.template != nil && ib.template != nil)
                    if ib.interval.start < ia.interval.end + gap {
                        model.addConstraint(terms: terms([a, b]), .lessOrEqual(1))
                    }
                }
            }
        }

        // Daily limits.
        for d in 0..<horizon.days where !dayItems[v][d].isEmpty {
            let ids = dayItems[v][d]
            if let m = limits.maxShiftsPerDay, ids.count > m { model.addConstraint(terms: terms(ids), .lessOrEqual(Double(m))) }
            let possible = ids.reduce(0.0) { $0 + items[$1].hours }
            if let m = limits.maxHoursPerDay, possible > m { model.addConstraint(terms: terms(ids, \.hours), .lessOrEqual(m)) }
            if let m = limits.minHoursPerDay, m > 0 {
                var e = LinearExpression(terms: terms(ids, \.hours))
                e.add(work(v, d), scaledBy: -m)
                model.addConstraint(e, .greaterOrEqual(0))
            }
        }
        for week in horizon.weeks {
            let ids = week.days.flatMap { dayItems[v][$0] }
            let possible = ids.reduce(0.0) { $0 + items[$1].hours }
            if let m = limits.maxHoursPerWeek, possible > m { model.addConstraint(terms: terms(ids, \.hours), .lessOrEqual(m)) }
        }
        let possible = mine.reduce(0.0) { $0 + items[$1].hours }
        if let m = limits.maxHoursPerPeriod, possible > m { model.addConstraint(terms: terms(mine, \.hours), .lessOrEqual(m)) }
        minimumHours(v)

        // Runs of working days.
        let D = horizon.days
        if let k = limits.maxConsecutiveDays, k >= 0, D > k {
            for start in 0...(D - k - 1) {
                var e = LinearExpression()
                for d in start...(start + k) { e.add(work(v, d)) }
                if !e.terms.isEmpty && e.terms.count > k { model.addConstraint(e, .lessOrEqual(Double(k))) }
            }
        }
        if let k = limits.minConsecutiveDays, k > 1 {
            for d in 1..<max(D, 1) {
                let today = work(v, d)
                guard !today.terms.isEmpty else { continue }
                for j in 1..<min(k, D) where d + j < D {
                    // Starting a run on d (off on d−1) forces work on d+j.
                    let e = today - work(v, d - 1) - work(v, d + j)
                    model.addConstraint(e, .lessOrEqual(0))
                }
            }
        }
        if let k = limits.minConsecutiveDaysOff, k > 1 {
            for d in 1..<max(D, 1) {
                let yesterday = work(v, d - 1)
                guard !yesterday.terms.isEmpty else { continue }
                for j in 1..<min(k, D) where d + j < D {
                    let later = work(v, d + j)
                    guard !later.terms.isEmpty else { continue }
                    // Starting a rest on d (worked d−1) forbids work on d+j.
                    let e = yesterday - work(v, d) + later
                    model.addConstraint(e, .lessOrEqual(1))
                }
            }
        }
        if let m = limits.maxWeekends {
            var count = LinearExpression()
            for weekend in horizon.weekends {
                let days = weekend.filter { !dayItems[v][$0].isEmpty }
                if days.isEmpty { continue }
                if days.count == 1 {
                    count.add(work(v, days[0]))
                } else {
                    let works = days.map { work(v, $0) }
                    let z = auxiliary("we_\(v)_\(weekend[0])", kind: .binary, upper: 1) { b, z in
                        for w in works { b.model.addConstraint(w - LinearExpression(z), .lessOrEqual(0)) }
                    }
                    count.add(z)
                }
            }
            if count.terms.count > m { model.addConstraint(count, .lessOrEqual(Double(m))) }
        }
        // Caps per template.
        var byTemplate: [Int: [Int]] = [:]
        for id in mine { if let t = items[id].template { byTemplate[t, default: []].append(id) } }
        for t in byTemplate.keys.sorted() {
            if let cap = index.cap(volunteer: v, template: t), byTemplate[t]!.count > cap {
                model.addConstraint(terms: terms(byTemplate[t]!), .lessOrEqual(Double(cap)))
            }
        }
        // Forbidden successions.
        for s in problem.rules.forbiddenSequences {
            guard let t1 = index.templateIndex[s.first], let t2 = index.templateIndex[s.second] else { continue }
            for d in 0..<max(D - 1, 0) {
                if let a = shiftItem[v][t1 * D + d], let b = shiftItem[v][t2 * D + d + 1] {
                    model.addConstraint(terms: terms([a, b]), .lessOrEqual(1))
                }
            }
        }
        softRules(v)
    }


    /// Weekly (complete weeks) and period minimum hours, with a hard-tier shortfall.
    mutating func minimumHours(_ v: Int) {
        let limits = problem.volunteers[v].limits
        let weight = problem.rules.weights.hard
        var spans: [(days: Range<Int>, hours: Double, isPeriod: Bool)] = []
        if let m = limits.minHoursPerWeek, m > 0 {
            for week in problem.horizon.weeks where week.isComplete { spans.append((week.days, m, false)) }
        }
        if let m = limits.minHoursPerPeriod, m > 0 { spans.append((0..<problem.horizon.days, m, true)) }
        for (days, m, isPeriod) in spans {
            let ids = days.flatMap { dayItems[v][$0] }
            let hours = terms(ids, \.hours)
            let s = auxiliary("short_\(v)_\(days.lowerBound)", upper: m) { b, s in
                b.model.addConstraint(terms: hours + [LinearTerm(s)], .greaterOrEqual(m))
            }
            penalize("limits.min-hours", s.index, weight)
            if isPeriod {
                periodShortfall[v] = s.index
            } else {
                weekShortfall[v, default: []].append(RosterFormulation.WeekShortfall(days: days, hours: m, column: s.index))
            }
        }
    }

    // MARK: Soft rules per volunteer

    mutating func softRules(_ v: Int) {
        let volunteer = problem.volunteers[v]
        let weights = problem.rules.weights
        let horizon = problem.horizon
        let mine = itemsByVolunteer[v]
        if weights.requests != 0 {
            for r in volunteer.preferences.requests {
                let w = r.weight * weights.requests
                let t = r.template.flatMap { index.templateIndex[$0] }
                if let date = r.date {
                    guard let d = horizon.index(of: date) else { continue }
                    let hit: LinearExpression
                    if let t {
                        hit = shiftItem[v][t * horizon.days + d].map { LinearExpression(VariableID(items[$0].column)) } ?? LinearExpression()
                    } else {
                        hit = work(v, d)
                    }
                    if r.wantsToWork {
                        constant("requests", w)
                        penalize("requests", hit, -w)
                    } else {
                        penalize("requests", hit, w)
                    }
                } else if let t {
                    for id in mine where items[id].template != nil && (items[id].template == t) != r.wantsToWork {
                        penalize("requests", items[id].column, w)
                    }
                }
            }
        }
        for id in mine {
            let item = items[id]
            if weights.avoidedSites != 0, index.avoids(volunteer: v, site: item.site) { penalize("avoided-sites", item.column, weights.avoidedSites) }
            if weights.undesiredTimes != 0, index.undesired[v].intersects(item.interval) { penalize("undesired-times", item.column, weights.undesiredTimes) }
            if weights.preferredSites != 0, index.awayFromPreferred(volunteer: v, site: item.site) { penalize("preferred-sites", item.column, weights.preferredSites) }
            if weights.preferredTimes != 0, index.outsidePreferredTimes(volunteer: v, item.interval) { penalize("preferred-times", item.column, weights.preferredTimes) }
            if weights.homeArea != 0 {
                let hops = index.homeDistance(volunteer: v, site: item.site)
                if hops > 0 { penalize("home-area", item.column, weights.homeArea * Double(hops)) }
            }
        }
        if weights.continuity != 0 { continuityRows(v) }
    }

    /// A switch is counted on day d when a line worked on d is not worked on d+1 and d+1 is a working day.
    mutating func continuityRows(_ v: Int) {
        let D = problem.horizon.days
        var lineIndicator: [String: LinearExpression] = [:]
        func lines(_ d: Int) -> [String] {
            Array(Set(dayItems[v][d].compactMap { items[$0].line })).sorted()
        }
        func indicator(_ b: inout Builder, _ line: String, _ d: Int) -> LinearExpression {
            let key = "\(line)#\(d)"
            if let e = lineIndicator[key] { return e }
            let ids = b.dayItems[v][d].filter { b.items[$0].line == line }
            let e: LinearExpression
            if ids.isEmpty {
                e = LinearExpression()
            } else if ids.count == 1 {
                e = LinearExpression(terms: b.terms(ids))
            } else {
                let l = b.auxiliary("line_\(v)_\(d)", kind: .binary, upper: 1) { b, l in
                    for id in ids { b.model.addConstraint(terms: [LinearTerm(VariableID(b.items[id].column)), LinearTerm(l, -1)], .lessOrEqual(0)) }
                }
                b.model.addConstraint(terms: [LinearTerm(l)] + b.terms(ids, { _ in -1 }), .lessOrEqual(0))
                e = LinearExpression(l)
            }
            lineIndicator[key] = e
            return e
        }
        for d in 0..<max(D - 1, 0) {
            let today = lines(d)
            let next = work(v, d + 1)
            if today.isEmpty || next.terms.isEmpty { continue }
            let parts = today.map { line in (indicator(&self, line, d), indicator(&self, line, d + 1)) }
            let sw = auxiliary("switch_\(v)_\(d)", upper: 1) { b, s in
                for (now, then) in parts {
                    b.model.addConstraint(LinearExpression(s) - now - next + then, .greaterOrEqual(-1))
                }
            }
            penalize("continuity", sw.index, problem.rules.weights.continuity)
        }
    }

    // MARK: Coverage and events

    mutating func coverageRows() {
        let horizon = problem.horizon
        let D = horizon.days
        // Items per shift instance (template × day).
        var byInstance: [Int: [Int]] = [:]
        for (id, item) in items.enumerated() { if let t = item.template { byInstance[t * D + item.day, default: []].append(id) } }
        var headCount: [Int: LinearExpression] = [:]
        let diagnosis = DemandDiagnosis(index: index)
        let weight = problem.rules.weights.coverage
        for (r, req) in problem.coverage.enumerated() {
            let underCost = req.underWeight * req.priority * weight
            let overCost = req.overWeight * req.priority * weight
            for d in 0..<D where req.days.contains(horizon.date(d)) {
                for (s, slot) in diagnosis.slots(of: req, day: d).enumerated() {
                    var count = LinearExpression()
                    // A hard maximum is stated on the items themselves, so that whoever
                    // checks one person's option against it (the schedule search, the
                    // rounding of column generation) sees the row directly.
                    var people = LinearExpression()
                    for (t, day) in diagnosis.coveringInstances(of: req, day: d, slot: slot) {
                        let key = t * D + day
                        guard let ids = byInstance[key] else { continue }
                        if req.hardMaximum { people.add(LinearExpression(terms: terms(ids))) }
                        if case .shift = req.target {
                            count.add(LinearExpression(terms: terms(ids)))
                            continue
                        }
                        if headCount[key] == nil {
                            if ids.count == 1 {
                                headCount[key] = LinearExpression(terms: terms(ids))
                            } else {
                                let n = auxiliary("n_\(t)_\(day)", kind: .integer, upper: Double(ids.count)) { b, n in
                                    b.model.addConstraint(terms: b.terms(ids) + [LinearTerm(n, -1)], .equal(0))
                                }
                                headCount[key] = LinearExpression(n)
                            }
                        }
                        count.add(headCount[key]!)
                    }
                    if req.minimum > 0 {
                        if count.terms.isEmpty || underCost == 0 {
                            if count.terms.isEmpty { constant("coverage.under", underCost * Double(req.minimum)) }
                        } else {
                            let u = auxiliary("under_\(r)_\(d)_\(s)", upper: Double(req.minimum)) { b, u in
                                b.model.addConstraint(count + LinearExpression(u), .greaterOrEqual(Double(req.minimum)))
                            }
                            penalize("coverage.under", u.index, underCost)
                        }
                    }
                    if let m = req.maximum, req.hardMaximum, people.terms.count > m {
                        // A fixed number of phones: a hard row, no slack.
                        model.addConstraint(people, .lessOrEqual(Double(m)))
                    } else if let m = req.maximum, overCost > 0, !count.terms.isEmpty {
                        let o = auxiliary("over_\(r)_\(d)_\(s)") { b, o in
                            b.model.addConstraint(count - LinearExpression(o), .lessOrEqual(Double(m)))
                        }
                        penalize("coverage.over", o.index, overCost)
                    }
                }
            }
        }
    }

    mutating func eventRows() {
        var byEvent = [[Int]](repeating: [], count: problem.events.count)
        for (id, item) in items.enumerated() { if let e = item.event { byEvent[e].append(id) } }
        let weight = problem.rules.weights.events
        for (e, event) in problem.events.enumerated() where problem.horizon.index(of: event.date) != nil {
            let cost = event.priority * weight
            let ids = byEvent[e]
            for skill in event.teamSkills {
                let need = event.team[skill]!
                guard need > 0 else { continue }
                let role = ids.filter { items[$0].skill == skill }
                if event.capsRoles, role.count > need { model.addConstraint(terms: terms(role), .lessOrEqual(Double(need))) }
                if role.isEmpty || cost == 0 {
                    constant("events.under", cost * Double(need))
                    continue
                }
                let u = auxiliary("eunder_\(e)_\(skill)", upper: Double(need)) { b, u in
                    b.model.addConstraint(terms: b.terms(role) + [LinearTerm(u)], .greaterOrEqual(Double(need)))
                }
                penalize("events.under", u.index, cost)
            }
            if event.minTeamSize > 0 {
                if ids.isEmpty || cost == 0 {
                    constant("events.team-size", cost * Double(event.minTeamSize))
                } else {
                    let u = auxiliary("esize_\(e)", upper: Double(event.minTeamSize)) { b, u in
                        b.model.addConstraint(terms: b.terms(ids) + [LinearTerm(u)], .greaterOrEqual(Double(event.minTeamSize)))
                    }
                    penalize("events.team-size", u.index, cost)
                }
            }
            if let m = event.maxTeamSize, ids.count > m {
                model.addConstraint(terms: terms(ids), .lessOrEqual(Double(m)))
            }
        }
    }

    mutating func fairnessRows() {
        let weight = problem.rules.weights.fairness
        guard weight != 0 else { return }
        var deviations: [(VariableID, VariableID)] = []
        for (v, volunteer) in problem.volunteers.enumerated() {
            guard let target = volunteer.preferences.targetHours else { continue }
            owner = v
            defer { owner = -1 }
            let hours = terms(itemsByVolunteer[v], \.hours)
            if hours.isEmpty {
                // Nothing can be scheduled: the whole target is a fixed deviation.
                if problem.rules.fairness == .totalDeviation { constant("fairness", weight * abs(target)) }
                let m = auxiliary("dev_\(v)", lower: abs(target), upper: abs(target)) { _, _ in }
                deviations.append((m, m))
                continue
            }
            let plus = auxiliary("over_h_\(v)") { b, p in
                b.model.addConstraint(terms: hours + [LinearTerm(p, -1)], .lessOrEqual(target))
            }
            let minus = auxiliary("under_h_\(v)") { b, m in
                b.model.addConstraint(terms: hours + [LinearTerm(m, 1)], .greaterOrEqual(target))
            }
            deviations.append((plus, minus))
            fairnessDeviation[v] = (plus.index, minus.index)
            if problem.rules.fairness == .totalDeviation {
                penalize("fairness", plus.index, weight)
                penalize("fairness", minus.index, weight)
            }
        }
        if problem.rules.fairness == .maxDeviation, !deviations.isEmpty {
            let top = auxiliary("max_dev") { b, z in
                for (p, m) in deviations {
                    let terms = p == m ? [LinearTerm(z), LinearTerm(p, -1)] : [LinearTerm(z), LinearTerm(p, -1), LinearTerm(m, -1)]
                    b.model.addConstraint(terms: terms, .greaterOrEqual(0))
                }
            }
            penalize("fairness", top.index, weight)
        }
    }

    mutating func pinsAndBaseline() {
        let hard = problem.rules.weights.hard
        var itemOf: [AssignmentKey: Int] = [:]
        if !problem.rules.pinned.isEmpty || !problem.rules.baseline.isEmpty {
            let f = RosterFormulation.keyFunction(index)
            for (id, item) in items.enumerated() { itemOf[f(item)] = id }
        }
        for key in problem.rules.pinned {
            // Reward keeping the pin: hard × (1 − x).
            constant("pins", hard)
            if let id = itemOf[key] { penalize("pins", items[id].column, -hard) }
        }
        if !problem.rules.baseline.isEmpty {
            // Each change costs its own weight: heavier on the frozen dates.
            let eventDates = Dictionary(problem.events.map { ($0.id, $0.date) }, uniquingKeysWith: { a, _ in a })
            func weight(_ key: AssignmentKey) -> Double { problem.rules.changeWeight(of: key, eventDate: { eventDates[$0] }) }
            let baseline = Set(problem.rules.baseline)
            for key in baseline {
                let change = weight(key)
                guard change != 0 else { continue }
                constant("changes", change)
                if let id = itemOf[key] { penalize("changes", items[id].column, -change) }
            }
            let key = RosterFormulation.keyFunction(index)
            for item in items {
                let k = key(item)
                let change = weight(k)
                if change != 0 && !baseline.contains(k) { penalize("changes", item.column, change) }
            }
        }
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
