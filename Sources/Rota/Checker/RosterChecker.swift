/// A hard rule that an assignment list breaks.
public struct RuleViolation: Hashable, Sendable, CustomStringConvertible {
    /// The rule broken, such as ``RuleID/overlap`` or ``RuleID/maxConsecutiveDays``.
    public var rule: RuleID
    public var volunteer: String?
    public var date: CalendarDate?
    public var message: String

    public init(rule: RuleID, volunteer: String? = nil, date: CalendarDate? = nil, message: String) {
        self.rule = rule
        self.volunteer = volunteer
        self.date = date
        self.message = message
    }

    /// Whether this violation is of an elastic rule (``RuleID/isElastic``): one the solver
    /// may break when nothing else is possible.
    public var isElastic: Bool { rule.isElastic }

    public var description: String {
        var s = "[\(rule)]"
        if let volunteer { s += " \(volunteer)" }
        if let date { s += " \(date)" }
        return s + ": " + message
    }
}

/// What ``RosterChecker`` found.
public struct CheckReport: Sendable {
    /// Every hard rule broken. Empty for a valid roster.
    public var violations: [RuleViolation]
    /// The objective, recomputed rule by rule.
    public var objective: ObjectiveBreakdown
    /// Demand not met, with the reason.
    public var unfilled: [UnfilledDemand]
    public var totals: [VolunteerTotals]
    /// Whether no hard rule is broken.
    public var isValid: Bool { violations.isEmpty }
}

/// Validates any assignment list against a problem through its own code, independent
/// of the MIP formulation, and recomputes the objective rule by rule.
///
/// Use it on rosters from Rota, from another tool or edited by hand. It never trusts the
/// times written in an assignment: it recomputes them from the template or event and
/// reports a mismatch.
///
/// Complexity: O(A log A + V·D + S·A_line) for A assignments, V volunteers, D days and S
/// coverage slots.
public struct RosterChecker: Sendable {
    public let index: ProblemIndex
    var problem: RosterProblem { index.problem }

    public init(problem: RosterProblem) { self.index = ProblemIndex(problem) }
    public init(index: ProblemIndex) { self.index = index }

    /// Checks `assignments`: each resolved on its own (and held to the rules of who may
    /// take what), then every rule of the catalog (`RuleCatalog`), volunteer by volunteer and
    /// over the whole roster, each through its own `Rule.check(volunteer:into:)` or
    /// `Rule.check(roster:into:)`: code apart from the rows the formulation builds.
    public func check(_ assignments: [Assignment]) -> CheckReport { check(assignments, judgingDemand: true) }

    /// The same, leaving out the rules that judge demand (``Rule/judgesDemand``) when
    /// `judgingDemand` is false: ``WhatIf`` asks about one volunteer alone, where every
    /// slot and event team would be short and diagnosing each is most of the work.
    func check(_ assignments: [Assignment], judgingDemand: Bool) -> CheckReport {
        var findings = CheckFindings()
        let horizon = problem.horizon

        // 1. Resolve every assignment on its own.
        var resolved: [ResolvedAssignment] = []
        var seenKeys = Set<AssignmentKey>()
        for a in assignments {
            func fail(_ rule: RuleID, _ message: String) { findings.fail(rule, volunteer: a.volunteer, date: a.date, message) }
            if !seenKeys.insert(a.key).inserted { fail(.duplicate, "the same assignment appears twice"); continue }
            guard let v = index.volunteerIndex[a.volunteer] else { fail(.unknownVolunteer, "no volunteer '\(a.volunteer)'"); continue }
            var r: ResolvedAssignment
            switch a.target {
            case let .shift(templateID, date):
                guard let t = index.templateIndex[templateID] else { fail(.unknownTemplate, "no shift template '\(templateID)'"); continue }
                guard let day = horizon.index(of: date) else { fail(.outsideHorizon, "\(date) is outside the horizon"); continue }
                let template = problem.templates[t]
                if !template.isOffered(on: date) { fail(.notOffered, "shift '\(templateID)' is not offered on \(date)") }
                r = ResolvedAssignment(v: v, day: day, interval: index.interval(template: t, day: day), template: t,
                                       skill: template.requiredSkill, site: template.site, line: template.line)
            case let .event(eventID, skill):
                guard let e = index.eventIndex[eventID] else { fail(.unknownEvent, "no event '\(eventID)'"); continue }
                let event = problem.events[e]
                guard let interval = index.interval(event: e), let day = horizon.index(of: event.date) else {
                    fail(.outsideHorizon, "event '\(eventID)' is outside the horizon"); continue
                }
                if event.team[skill] == nil { fail(.eventRole, "event '\(eventID)' needs no '\(skill)'") }
                r = ResolvedAssignment(v: v, day: day, interval: interval, event: e, skill: skill, site: event.site)
            }
            if a.interval != r.interval {
                fail(.times, "recorded \(a.interval.start)–\(a.interval.end) but the \(r.template != nil ? "shift" : "event") runs \(r.interval.start)–\(r.interval.end) (horizon minutes)")
            }
            let candidate = Candidate(template: r.template, event: r.event, skill: r.skill, day: r.day, interval: r.interval, site: r.site)
            for rule in RuleCatalog.eligibility where !rule.admits(v, candidate, index) {
                fail(rule.ids[0], rule.refusal(v, candidate, index))
            }
            resolved.append(r)
        }

        // 2. Each volunteer's own rules.
        var byVolunteer = [[ResolvedAssignment]](repeating: [], count: problem.volunteers.count)
        for r in resolved { byVolunteer[r.v].append(r) }
        var totals: [VolunteerTotals] = []
        for v in problem.volunteers.indices {
            let mine = byVolunteer[v].sorted { ($0.interval.start, $0.interval.end) < ($1.interval.start, $1.interval.end) }
            let view = VolunteerCheck(index: index, v: v, mine: mine)
            for rule in RuleCatalog.volunteer { rule.check(volunteer: view, into: &findings) }
            let shifts = mine.filter { $0.template != nil }.count
            totals.append(VolunteerTotals(volunteer: problem.volunteers[v].id, hours: view.total, shifts: shifts,
                                          events: mine.count - shifts, weekends: view.weekendsWorked))
        }

        // 3. Rules over several volunteers: demand, fairness, pins and changes.
        let roster = RosterCheck(index: index, assignments: assignments, resolved: resolved, totals: totals, present: Set(assignments.map(\.key)))
        for rule in RuleCatalog.shared where judgingDemand || !rule.judgesDemand { rule.check(roster: roster, into: &findings) }

        var hard = 0.0, coverage = 0.0, soft = 0.0
        for (rule, value) in findings.byRule {
            switch RosterFormulation.tier(of: rule) {
            case .hard: hard += value
            case .coverage: coverage += value
            case .soft: soft += value
            }
        }
        return CheckReport(
            violations: findings.violations,
            objective: ObjectiveBreakdown(byRule: findings.byRule, hard: hard, coverage: coverage, soft: soft),
            unfilled: DemandDiagnosis.merge(findings.unfilled), totals: totals)
    }
}

extension CoverageRequirement {
    var lineName: String? {
        if case let .slots(line, _, _, _) = target { return line }
        return nil
    }
    var skillName: String? {
        if case let .slots(_, skill, _, _) = target { return skill }
        return nil
    }
}
