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
    /// Every place of the line is taken at that time (a hard maximum: the phones).
    case placesFull = "places-full"
    /// The event's role already has as many people as it asks for (its roles are capped).
    case roleFull = "role-full"
    /// The event's team is at its maximum size.
    case teamFull = "team-full"
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
        case .placesFull: "every place is taken then"
        case .roleFull: "the role is full"
        case .teamFull: "the team is full"
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
        case .maxHeadCount: .placesFull
        case .maxRoleSize: .roleFull
        case .maxTeamSize: .teamFull
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

    /// The rule that keeps the most qualified volunteers out, with how many it keeps out:
    /// the coarse reason a sheet prints in one cell. `nil` when nobody is qualified or
    /// someone could take it.
    public var mainBlock: (reason: BlockReason, count: Int)? {
        guard free.isEmpty, let first = blocked.first else { return nil }
        return (first.reason, first.volunteers.count)
    }

    /// The coarse kind of reason, as true as the explanation: nobody qualified (or no shift
    /// covers the time, as the checker found), every qualified person away then (leave or
    /// availability), or limits, clashes, travel, full places and other rules.
    public func reason(checkerSaid: UnfilledReason) -> UnfilledReason {
        if qualified == 0 { return checkerSaid == .noShiftCovers ? .noShiftCovers : .nobodyQualified }
        let away: Set<BlockReason> = [.onLeave, .notAvailableThen]
        if free.isEmpty, blocked.allSatisfy({ away.contains($0.reason) }) { return .qualifiedUnavailable }
        return .limits
    }
}

/// Explains a roster: for each unfilled slot and short event role, how many volunteers are
/// qualified and, for each, the rule that keeps them out; and each volunteer's share of
/// the objective, rule by rule. Every reason comes from the independent checker's own
/// rules, in two parts that together are the whole check of the roster with the person
/// added:
///
/// - the volunteer's own rules (eligibility, hours, rest, runs, …) by ``WhatIf`` on that
///   volunteer alone;
/// - the rules over the roster (a line's hard maximum of people, an event's capped roles
///   and team size) by ``RosterChecker`` on the whole roster with the option added. What
///   those rules say depends on the place taken, not on who takes it, so it is asked
///   once per place (shift instance or event role) and shared by everyone who could take it.
///
/// A volunteer is said to be able to take a gap only when both parts accept one of their
/// options; the property suite holds every such name to the checker on the whole roster.
///
/// Complexity: for U unfilled entries with Q qualified volunteers each, U·Q one-volunteer
/// checks (each O(a log a) in that volunteer's assignments), cached per assignment asked
/// about, and one whole check per place asked about (O(A log A + S·A_day), see
/// ``RosterChecker``), cached too.
public struct RosterExplainer: Sendable {
    public let problem: RosterProblem
    var whatIf: WhatIf
    let index: ProblemIndex
    let assignments: [Assignment]
    private var effects: [AssignmentKey: WhatIf.Effect] = [:]
    private var placeBreaks: [AssignmentTarget: [RuleViolation]] = [:]
    private var baseline: (checker: RosterChecker, violations: Set<String>)?

    public init(problem: RosterProblem, assignments: [Assignment]) {
        self.problem = problem
        self.assignments = assignments
        self.whatIf = WhatIf(problem: problem, assignments: assignments)
        self.index = whatIf.index
    }

    /// The rules over several volunteers that judge a place: head-counts, roles and teams.
    static let placeRules: Set<RuleID> = [.maxHeadCount, .maxRoleSize, .maxTeamSize]

    static func placeSignature(_ v: RuleViolation) -> String { "\(v.rule)|\(v.date?.description ?? "")|\(v.message)" }

    /// The hard rules over the roster that one more person on `a`'s place (its shift
    /// instance or event role) would break and the roster does not break now: the whole
    /// roster checked with `a` added, cached per place.
    mutating func placeBreaks(_ a: Assignment) -> [RuleViolation] {
        if let known = placeBreaks[a.target] { return known }
        if baseline == nil {
            let checker = RosterChecker(index: index)
            let was = checker.check(assignments).violations.filter { Self.placeRules.contains($0.rule) }
            baseline = (checker, Set(was.map(Self.placeSignature)))
        }
        let (checker, was) = baseline!
        let breaks = checker.check(assignments + [a]).violations
            .filter { Self.placeRules.contains($0.rule) && !was.contains(Self.placeSignature($0)) }
        placeBreaks[a.target] = breaks
        return breaks
    }

    /// What volunteer `a.volunteer` taking `a` breaks: their own rules first, then the
    /// roster's rules of the place. Empty when the checker accepts the roster with `a` added.
    mutating func effect(_ a: Assignment) -> WhatIf.Effect {
        if let e = effects[a.key] { return e }
        var e = whatIf.effect(of: a.volunteer, adding: [a])
        e.breaks += placeBreaks(a)
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
            return options(event: e, skill: skill)
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

    /// The options of every qualified volunteer for the place of `key` (its shift instance,
    /// or its event role), whoever holds it now; empty when the place does not resolve.
    func options(forPlaceOf key: AssignmentKey) -> [(volunteer: String, options: [Assignment])] {
        switch key.target {
        case let .shift(templateID, date):
            guard let t = index.templateIndex[templateID], let day = problem.horizon.index(of: date) else { return [] }
            return options(instances: [(t, day)])
        case let .event(id, skill):
            guard let e = index.eventIndex[id] else { return [] }
            return options(event: e, skill: skill)
        }
    }

    /// The volunteers with `skill` who are not on event `e` in any role, each with that role.
    func options(event e: Int, skill: String) -> [(volunteer: String, options: [Assignment])] {
        let id = problem.events[e].id
        return problem.volunteers.filter { $0.has(skill: skill) }.compactMap { volunteer in
            let onIt = whatIf.assignments(of: volunteer.id).contains { if case .event(id, _) = $0.target { true } else { false } }
            guard !onIt, let a = whatIf.eventRole(volunteer: volunteer.id, event: e, skill: skill) else { return nil }
            return (volunteer.id, [a])
        }
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
