/// Why a qualified volunteer could not take an unfilled slot or event role, named.
public enum BlockReason: String, Sendable, Hashable, CaseIterable, Comparable {
    case onLeave = "on-leave"
    case notAvailableThen = "not-available-then"
    case alreadyWorking = "already-working"
    case dailyLimit = "daily-limit"
    case weeklyLimit = "weekly-limit"
    case periodLimit = "period-limit"
    case daysInARow = "days-in-a-row"
    case rest
    case weekendLimit = "weekend-limit"
    case shiftTypeLimit = "shift-type-limit"
    case minimumRun = "minimum-run"
    case forbidden
    case travel
    case other

    /// The words a coordinator reads: "2 on leave (…)".
    public var phrase: String {
        switch self {
        case .onLeave: "on leave"
        case .notAvailableThen: "not available at that time"
        case .alreadyWorking: "already working then"
        case .dailyLimit: "at the daily limit"
        case .weeklyLimit: "at the weekly limit"
        case .periodLimit: "at the month's limit"
        case .daysInARow: "too many days in a row"
        case .rest: "too little rest"
        case .weekendLimit: "at the weekend limit"
        case .shiftTypeLimit: "at the limit for that shift"
        case .minimumRun: "a run of days would be too short"
        case .forbidden: "ruled out by the coordinator"
        case .travel: "too far to travel"
        case .other: "another rule"
        }
    }

    public static func < (a: BlockReason, b: BlockReason) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The reason for a hard rule of ``RosterChecker`` broken by volunteer `volunteer` on `date`.
    static func of(_ violation: RuleViolation, volunteer: Volunteer, date: CalendarDate) -> BlockReason {
        switch violation.rule {
        case .availability:
            volunteer.availability.exceptions.contains { $0.date == date && !$0.available && $0.window == nil } ? .onLeave : .notAvailableThen
        case .overlap, .maxShiftsPerDay: .alreadyWorking
        case .maxHoursPerDay: .dailyLimit
        case .maxHoursPerWeek: .weeklyLimit
        case .maxHoursPerPeriod: .periodLimit
        case .maxConsecutiveDays: .daysInARow
        case .rest: .rest
        case .maxWeekends: .weekendLimit
        case .maxShiftsPerTemplate: .shiftTypeLimit
        case .minConsecutiveDays, .minConsecutiveDaysOff: .minimumRun
        case .forbidden, .forbiddenSequence: .forbidden
        case .travel: .travel
        default: .other
        }
    }
}

/// Who could have filled an unfilled slot or event role, and what kept each of them out.
public struct UnfilledExplanation: Sendable, Hashable {
    /// The volunteers kept out for one reason.
    public struct Group: Sendable, Hashable {
        public var reason: BlockReason
        public var volunteers: [String]
    }

    /// Volunteers with the skill (and level) the demand needs, not already on it.
    public var qualified: Int
    /// The qualified volunteers a hard rule keeps out, grouped by the rule, largest group first.
    public var blocked: [Group]
    /// Qualified volunteers no hard rule keeps out: `rota cover` ranks them.
    public var free: [String]
    /// How many are on it already (the demand's `assigned`): they are not counted as qualified.
    public var alreadyOn: Int
}

/// Explains a roster: for each unfilled slot and short event role, how many volunteers are
/// qualified and, for each, the rule that keeps them out; and each volunteer's share of
/// the objective, rule by rule. Every reason comes from ``WhatIf``, so from the
/// independent checker's own rules.
///
/// Complexity: for U unfilled entries with Q qualified volunteers each, U·Q one-volunteer
/// checks (each O(a log a) in that volunteer's assignments), cached per assignment asked about.
public struct RosterExplainer: Sendable {
    public let problem: RosterProblem
    var whatIf: WhatIf
    let index: ProblemIndex
    private var effects: [AssignmentKey: WhatIf.Effect] = [:]

    public init(problem: RosterProblem, assignments: [Assignment]) {
        self.problem = problem
        self.whatIf = WhatIf(problem: problem, assignments: assignments)
        self.index = whatIf.index
    }

    mutating func effect(_ a: Assignment) -> WhatIf.Effect {
        if let e = effects[a.key] { return e }
        let e = whatIf.effect(of: a.volunteer, adding: [a])
        effects[a.key] = e
        return e
    }

    /// The assignments that would fill `u`: one list of options per qualified volunteer not
    /// already on it.
    public func options(for u: UnfilledDemand) -> [(volunteer: String, options: [Assignment])] {
        var result: [(String, [Assignment])] = []
        switch u.kind {
        case let .slot(requirement, _, _):
            guard let req = problem.coverage.first(where: { $0.id == requirement }), let day = problem.horizon.index(of: u.date) else { return [] }
            let instances = DemandDiagnosis(index: index).coveringInstances(of: req, day: day, slot: MinuteInterval(u.interval.start, u.interval.start + 1))
            return options(instances: instances)
        case let .eventRole(event, skill):
            guard let e = index.eventIndex[event] else { return [] }
            for volunteer in problem.volunteers where volunteer.has(skill: skill) {
                let onIt = whatIf.assignments(of: volunteer.id).contains { if case .event(event, _) = $0.target { true } else { false } }
                if !onIt, let a = whatIf.eventRole(volunteer: volunteer.id, event: e, skill: skill) { result.append((volunteer.id, [a])) }
            }
        case let .eventTeamSize(event):
            guard let e = index.eventIndex[event] else { return [] }
            for volunteer in problem.volunteers {
                let onIt = whatIf.assignments(of: volunteer.id).contains { if case .event(event, _) = $0.target { true } else { false } }
                let roles = problem.events[e].team.keys.sorted().filter { volunteer.has(skill: $0) }
                let options = roles.compactMap { whatIf.eventRole(volunteer: volunteer.id, event: e, skill: $0) }
                if !onIt, !options.isEmpty { result.append((volunteer.id, options)) }
            }
        }
        return result
    }

    /// The volunteers qualified for any of the shift instances (template, day) and on none of
    /// them, each with the instances they could take.
    func options(instances: [(template: Int, day: Int)]) -> [(volunteer: String, options: [Assignment])] {
        var result: [(String, [Assignment])] = []
        for volunteer in problem.volunteers {
            let mine = Set(whatIf.assignments(of: volunteer.id).map(\.key))
            let options = instances.filter { volunteer.has(skill: problem.templates[$0.template].requiredSkill, level: problem.templates[$0.template].minimumLevel) }
                .map { whatIf.shift(volunteer: volunteer.id, template: $0.template, day: $0.day) }
            if !options.isEmpty, !options.contains(where: { mine.contains($0.key) }) { result.append((volunteer.id, options)) }
        }
        return result
    }

    /// Why `u` is unfilled, by volunteer.
    public mutating func explain(_ u: UnfilledDemand) -> UnfilledExplanation {
        let candidates = options(for: u)
        var groups: [BlockReason: [String]] = [:]
        var free: [String] = []
        for (id, options) in candidates {
            let effects = options.map { effect($0) }
            if effects.contains(where: \.isAllowed) { free.append(id); continue }
            // The option with the fewest broken rules names the reason.
            guard let best = effects.min(by: { $0.breaks.count < $1.breaks.count }), let first = best.breaks.first,
                  let v = index.volunteerIndex[id] else { continue }
            groups[BlockReason.of(first, volunteer: problem.volunteers[v], date: u.date), default: []].append(id)
        }
        let blocked = groups.map { UnfilledExplanation.Group(reason: $0.key, volunteers: $0.value.sorted()) }
            .sorted { ($0.volunteers.count, $1.reason) > ($1.volunteers.count, $0.reason) }
        return UnfilledExplanation(qualified: candidates.count, blocked: blocked, free: free.sorted(), alreadyOn: u.assigned)
    }

    /// What each assignment costs, rule by rule: how much each of its volunteer's
    /// penalties would fall without it (negative where it helps, as an assignment that
    /// brings a volunteer closer to their target hours does). Exact for the per-assignment
    /// rules (home area, sites, times, requests, changes); a marginal share for fairness.
    /// Assignments that cost nothing are left out.
    ///
    /// Complexity: one one-volunteer check per assignment.
    public mutating func penaltiesByAssignment() -> [AssignmentKey: [String: Double]] {
        var result: [AssignmentKey: [String: Double]] = [:]
        for volunteer in problem.volunteers {
            for a in whatIf.assignments(of: volunteer.id) {
                let without = whatIf.effect(of: volunteer.id, adding: [], removing: [a.key])
                let cost = without.ruleChanges.mapValues { -$0 }
                if !cost.isEmpty { result[a.key] = cost }
            }
        }
        return result
    }

    /// Each volunteer's penalties, rule by rule (the soft and hard tiers; coverage is the
    /// roster's, not a volunteer's). Volunteers without a penalty are left out.
    public mutating func penaltiesByVolunteer() -> [String: [String: Double]] {
        var result: [String: [String: Double]] = [:]
        for volunteer in problem.volunteers {
            guard let e = whatIf.entry(volunteer.id), !e.byRule.isEmpty else { continue }
            result[volunteer.id] = e.byRule
        }
        return result
    }
}
