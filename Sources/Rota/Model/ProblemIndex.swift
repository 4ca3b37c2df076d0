/// Lookups over a ``RosterProblem`` by id, and the problem's basic semantics (when a
/// shift runs, who is available), shared by the formulation, the checker and reports.
///
/// Building it is O(size of the problem); every lookup is O(1) or O(log n).
public struct ProblemIndex: Sendable {
    public let problem: RosterProblem
    public let volunteerIndex: [String: Int]
    public let templateIndex: [String: Int]
    public let eventIndex: [String: Int]
    public let network: SiteNetwork
    /// Available minutes per volunteer, in volunteer order.
    public let available: [IntervalSet]
    /// Undesired minutes per volunteer.
    public let undesired: [IntervalSet]
    /// Preferred minutes per volunteer; `nil` when the volunteer states no preference.
    public let preferred: [IntervalSet?]
    /// Forbidden successions as `first × templates + second`.
    private let forbiddenSuccessions: Set<Int>
    /// The assignments the coordinator ruled out (``RuleSettings/forbidden``), as a set.
    let forbiddenAssignments: Set<AssignmentKey>
    /// The horizon's weeks and weekends (``Horizon/weeks``, ``Horizon/weekends``), computed
    /// once: the checker asks for them per volunteer, and each costs O(days).
    let weeks: [(days: Range<Int>, isComplete: Bool)]
    let weekends: [[Int]]

    public init(_ problem: RosterProblem) {
        self.problem = problem
        weeks = problem.horizon.weeks
        weekends = problem.horizon.weekends
        func index<T: Identifiable>(_ items: [T]) -> [String: Int] where T.ID == String {
            var d: [String: Int] = [:]
            for (i, item) in items.enumerated() where d[item.id] == nil { d[item.id] = i }
            return d
        }
        volunteerIndex = index(problem.volunteers)
        templateIndex = index(problem.templates)
        eventIndex = index(problem.events)
        network = SiteNetwork(sites: problem.sites, travel: problem.travel)
        available = problem.volunteers.map { $0.availability.minutes(over: problem.horizon) }
        undesired = problem.volunteers.map {
            $0.preferences.undesiredTimes.isEmpty
                ? IntervalSet() : Availability(weekly: $0.preferences.undesiredTimes).minutes(over: problem.horizon)
        }
        preferred = problem.volunteers.map {
            $0.preferences.preferredTimes.isEmpty ? nil : Availability(weekly: $0.preferences.preferredTimes).minutes(over: problem.horizon)
        }
        var forbidden = Set<Int>()
        for s in problem.rules.forbiddenSequences {
            if let a = templateIndex[s.first], let b = templateIndex[s.second] { forbidden.insert(a * problem.templates.count + b) }
        }
        forbiddenSuccessions = forbidden
        forbiddenAssignments = Set(problem.rules.forbidden)
    }

    /// The index of `problem`, a copy of this index's problem that keeps only its volunteer
    /// `v` (and any subset of the rest: coverage, pins, baselines), reusing everything that
    /// does not depend on the volunteers: the site network, the template and event lookups,
    /// the forbidden successions. O(that volunteer's availability) instead of O(problem):
    /// ``WhatIf`` builds one per volunteer it is asked about.
    init(_ problem: RosterProblem, volunteer v: Int, of full: ProblemIndex) {
        precondition(problem.volunteers.count == 1 && problem.volunteers[0].id == full.problem.volunteers[v].id
            && problem.templates.count == full.problem.templates.count && problem.events.count == full.problem.events.count,
            "the one-volunteer problem keeps the full problem's templates and events")
        self.problem = problem
        volunteerIndex = [problem.volunteers[0].id: 0]
        templateIndex = full.templateIndex
        eventIndex = full.eventIndex
        network = full.network
        available = [full.available[v]]
        undesired = [full.undesired[v]]
        preferred = [full.preferred[v]]
        forbiddenSuccessions = full.forbiddenSuccessions
        forbiddenAssignments = Set(problem.rules.forbidden)
        weeks = full.weeks
        weekends = full.weekends
    }

    /// Whether template `second` may not be worked the day after template `first`
    /// (``RuleSettings/forbiddenSequences``). O(1).
    public func forbidsSuccession(_ first: Int, _ second: Int) -> Bool {
        forbiddenSuccessions.contains(first * problem.templates.count + second)
    }

    /// The interval of `template` on day `day`.
    public func interval(template t: Int, day: Int) -> MinuteInterval {
        problem.templates[t].window.interval(onDay: day)
    }

    /// The interval of event `e`, or nil when its date is outside the horizon.
    public func interval(event e: Int) -> MinuteInterval? {
        let event = problem.events[e]
        guard let day = problem.horizon.index(of: event.date) else { return nil }
        return event.window.interval(onDay: day)
    }

    /// The site where a template is worked: its own site, else none.
    public func site(template t: Int) -> String? { problem.templates[t].site }

    /// Minutes of rest volunteer `v` needs between two shifts.
    public func minRest(volunteer v: Int) -> Int {
        problem.volunteers[v].limits.minRestMinutes ?? problem.rules.minRestMinutes
    }

    /// The gap volunteer `v` needs between an assignment ending at site `a` and the next
    /// starting at site `b`: travel between the sites, and the rest period when both are shifts.
    public func requiredGap(volunteer v: Int, from a: String?, to b: String?, bothShifts: Bool) -> Int {
        max(network.minutes(a, b), bothShifts ? minRest(volunteer: v) : 0)
    }

    /// Hops between the volunteer's home and `site`, 0 when either is unknown.
    public func homeDistance(volunteer v: Int, site: String?) -> Int {
        guard let home = problem.volunteers[v].homeSite, let site else { return 0 }
        return network.hops(home, site) ?? 0
    }

    /// Whether `site` is one the volunteer avoids (or lies within one).
    public func avoids(volunteer v: Int, site: String?) -> Bool {
        guard let site else { return false }
        return problem.volunteers[v].preferences.avoidedSites.contains { network.isWithin(site, $0) || site == $0 }
    }

    /// Whether an assignment at `site` is away from the volunteer's preferred sites (false
    /// when they name none, or for an assignment with no site).
    public func awayFromPreferred(volunteer v: Int, site: String?) -> Bool {
        let preferred = problem.volunteers[v].preferences.preferredSites
        guard !preferred.isEmpty, let site else { return false }
        return !preferred.contains { site == $0 || network.isWithin(site, $0) }
    }

    /// Whether `interval` lies outside the volunteer's preferred times (false when none are named).
    public func outsidePreferredTimes(volunteer v: Int, _ interval: MinuteInterval) -> Bool {
        guard let preferred = preferred[v] else { return false }
        return !preferred.contains(interval)
    }

    /// Travel minutes from the volunteer's home to `site`.
    public func travelFromHome(volunteer v: Int, site: String?) -> Int {
        network.minutes(problem.volunteers[v].homeSite, site)
    }

    /// Per-template caps for volunteer `v`, by template index (`nil`: no cap).
    public func cap(volunteer v: Int, template t: Int) -> Int? {
        problem.volunteers[v].limits.maxShiftsPerTemplate[problem.templates[t].id]
    }
}
