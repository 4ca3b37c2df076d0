/// What giving one volunteer another assignment (or taking one away) would do, judged by
/// the independent checker's own rules on that volunteer alone: the hard rules it would
/// break, by name, and the change of that volunteer's soft penalties, rule by rule.
///
/// It runs ``RosterChecker`` on a one-volunteer copy of the problem (no demand rules), so a
/// rule is never re-implemented here: what the checker calls `max-hours-per-week` is what
/// an explanation says. Coverage effects are the caller's (they need the whole roster).
///
/// Complexity: one check of the volunteer's own assignments per question, O(a log a); the
/// volunteer's checker and baseline are built once and cached.
public struct WhatIf: Sendable {
    /// One question's answer.
    public struct Effect: Sendable, Hashable {
        public var volunteer: String
        /// Hard rules the change would break that are not broken already.
        public var breaks: [RuleViolation]
        /// The change of each non-coverage rule's penalty for this volunteer.
        public var ruleChanges: [String: Double]
        /// Whether no hard rule would break.
        public var isAllowed: Bool { breaks.isEmpty }
        /// The sum of ``ruleChanges``.
        public var penaltyChange: Double { ruleChanges.values.reduce(0, +) }
    }

    let problem: RosterProblem
    let index: ProblemIndex
    var assignments: [String: [Assignment]]
    private var cache: [String: (checker: RosterChecker, violations: Set<String>, byRule: [String: Double])] = [:]

    /// Questions about `roster` (its assignments) under `problem`.
    public init(problem: RosterProblem, assignments: [Assignment]) {
        self.problem = problem
        self.index = ProblemIndex(problem)
        self.assignments = Dictionary(grouping: assignments, by: \.volunteer)
    }

    /// The assignment of `volunteer` to template `t` on `day`, with its times and place.
    public func shift(volunteer: String, template t: Int, day: Int) -> Assignment {
        let template = problem.templates[t]
        let date = problem.horizon.date(day)
        return Assignment(volunteer: volunteer, target: .shift(template: template.id, date: date), date: date,
                          interval: index.interval(template: t, day: day), site: template.site, line: template.line, skill: template.requiredSkill)
    }

    /// The assignment of `volunteer` to role `skill` of event `e`, or `nil` when the event
    /// is outside the horizon.
    public func eventRole(volunteer: String, event e: Int, skill: String) -> Assignment? {
        let event = problem.events[e]
        guard let interval = index.interval(event: e) else { return nil }
        return Assignment(volunteer: volunteer, target: .event(id: event.id, skill: skill), date: event.date,
                          interval: interval, site: event.site, line: nil, skill: skill)
    }

    /// The current assignments of `volunteer`.
    public func assignments(of volunteer: String) -> [Assignment] { assignments[volunteer] ?? [] }

    static func signature(_ v: RuleViolation) -> String { "\(v.rule)|\(v.date?.description ?? "")" }

    mutating func entry(_ volunteer: String) -> (checker: RosterChecker, violations: Set<String>, byRule: [String: Double])? {
        if let e = cache[volunteer] { return e }
        guard let v = index.volunteerIndex[volunteer] else { return nil }
        var alone = problem
        alone.volunteers = [problem.volunteers[v]]
        alone.coverage = []
        alone.rules.pinned = problem.rules.pinned.filter { $0.volunteer == volunteer }
        alone.rules.baseline = problem.rules.baseline.filter { $0.volunteer == volunteer }
        let checker = RosterChecker(index: ProblemIndex(alone, volunteer: v, of: index))
        let report = checker.check(assignments(of: volunteer), judgingDemand: false)
        let e = (checker, Set(report.violations.map(Self.signature)), Self.nonCoverage(report.objective.byRule))
        cache[volunteer] = e
        return e
    }

    static func nonCoverage(_ byRule: [String: Double]) -> [String: Double] {
        byRule.filter { RosterFormulation.tier(of: $0.key) != .coverage }
    }

    /// What `volunteer` taking `adding` and giving up `removing` would do to them.
    public mutating func effect(of volunteer: String, adding: [Assignment], removing: [AssignmentKey] = []) -> Effect {
        guard let e = entry(volunteer) else {
            return Effect(volunteer: volunteer, breaks: [RuleViolation(rule: .unknownVolunteer, volunteer: volunteer, message: "no volunteer '\(volunteer)'")], ruleChanges: [:])
        }
        let gone = Set(removing)
        let changed = assignments(of: volunteer).filter { !gone.contains($0.key) } + adding
        let report = e.checker.check(changed, judgingDemand: false)
        let breaks = report.violations.filter { !e.violations.contains(Self.signature($0)) }
        let after = Self.nonCoverage(report.objective.byRule)
        var changes: [String: Double] = [:]
        for rule in Set(after.keys).union(e.byRule.keys) {
            let d = (after[rule] ?? 0) - (e.byRule[rule] ?? 0)
            if abs(d) > 1e-9 { changes[rule] = d }
        }
        return Effect(volunteer: volunteer, breaks: breaks, ruleChanges: changes)
    }
}
