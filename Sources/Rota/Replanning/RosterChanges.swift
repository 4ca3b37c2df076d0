/// What changed since a roster was published: the input of a replan.
///
/// A coordinator's month after the 25th: a volunteer falls ill or leaves, a township asks
/// for an extra outreach day, a line needs one more person in the evenings, someone must
/// (or must not) take a particular shift. ``apply(to:)`` turns the published month's
/// problem into the changed one; ``Replanner`` then solves it with the least change.
public struct RosterChanges: Hashable, Sendable {
    /// A volunteer who is away on some dates (ill, travelling).
    public struct Absence: Hashable, Sendable {
        public var volunteer: String
        public var dates: [CalendarDate]
        public init(volunteer: String, dates: [CalendarDate]) {
            self.volunteer = volunteer
            self.dates = dates
        }
    }

    /// A volunteer who leaves: unavailable from `from` to the end of the horizon.
    public struct Departure: Hashable, Sendable {
        public var volunteer: String
        public var from: CalendarDate
        public init(volunteer: String, from: CalendarDate) {
            self.volunteer = volunteer
            self.from = from
        }
    }

    /// The first day that may still change; published assignments before it are the past
    /// and are kept exactly (pinned). `nil`: the horizon's first day.
    public var today: CalendarDate?
    /// Days from ``today`` in which a change costs ``RuleWeights/frozenChanges`` instead of
    /// ``RuleWeights/changes``: the people on those shifts have made their plans.
    public var freezeDays: Int
    public var absences: [Absence]
    public var departures: [Departure]
    /// Coverage requirements added (or, with an existing id, replaced).
    public var addedCoverage: [CoverageRequirement]
    /// Ids of coverage requirements removed.
    public var removedCoverage: [String]
    /// Outreach events added (or, with an existing id, replaced).
    public var addedEvents: [OutreachEvent]
    /// Ids of events removed (cancelled).
    public var removedEvents: [String]
    /// Assignments that must be made.
    public var pins: [AssignmentKey]
    /// Assignments that must not be made.
    public var forbids: [AssignmentKey]

    /// Three days of freeze: the people on this week's next shifts keep them unless
    /// coverage needs otherwise.
    public static let defaultFreezeDays = 3

    public init(
        today: CalendarDate? = nil, freezeDays: Int = defaultFreezeDays, absences: [Absence] = [], departures: [Departure] = [],
        addedCoverage: [CoverageRequirement] = [], removedCoverage: [String] = [], addedEvents: [OutreachEvent] = [],
        removedEvents: [String] = [], pins: [AssignmentKey] = [], forbids: [AssignmentKey] = []
    ) {
        self.today = today
        self.freezeDays = freezeDays
        self.absences = absences
        self.departures = departures
        self.addedCoverage = addedCoverage
        self.removedCoverage = removedCoverage
        self.addedEvents = addedEvents
        self.removedEvents = removedEvents
        self.pins = pins
        self.forbids = forbids
    }

    /// These changes followed by `later` (a second changes file of the same month): lists are
    /// joined; `later`'s today and freeze days win.
    public func followed(by later: RosterChanges) -> RosterChanges {
        RosterChanges(today: later.today ?? today, freezeDays: later.freezeDays, absences: absences + later.absences,
                      departures: departures + later.departures, addedCoverage: addedCoverage + later.addedCoverage,
                      removedCoverage: removedCoverage + later.removedCoverage, addedEvents: addedEvents + later.addedEvents,
                      removedEvents: removedEvents + later.removedEvents, pins: pins + later.pins, forbids: forbids + later.forbids)
    }

    /// Every reference that does not resolve in `problem`, as issues with key paths of
    /// the changes file (`absences[2].volunteer`). Numbers and dates of added demand are
    /// checked by the changed problem's own validation.
    public func issues(in problem: RosterProblem) -> [RosterProblemError.Issue] {
        var issues: [RosterProblemError.Issue] = []
        let volunteers = Set(problem.volunteers.map(\.id))
        let coverage = Set(problem.coverage.map(\.id))
        let events = Set(problem.events.map(\.id))
        func inHorizon(_ d: CalendarDate) -> Bool { problem.horizon.index(of: d) != nil }
        if let today, !inHorizon(today) { issues.append(RosterProblemError.Issue(path: "today", message: "\(today) is outside the horizon")) }
        if freezeDays < 0 || freezeDays > RosterProblem.Limits.count {
            issues.append(RosterProblemError.Issue(path: "freezeDays", message: "must be from 0 to \(RosterProblem.Limits.count), not \(freezeDays)"))
        }
        for (i, a) in absences.enumerated() {
            if !volunteers.contains(a.volunteer) { issues.append(RosterProblemError.Issue(path: "absences[\(i)].volunteer", message: "unknown volunteer '\(a.volunteer)'")) }
            for (j, d) in a.dates.enumerated() where !inHorizon(d) {
                issues.append(RosterProblemError.Issue(path: "absences[\(i)].dates[\(j)]", message: "\(d) is outside the horizon"))
            }
        }
        for (i, d) in departures.enumerated() {
            if !volunteers.contains(d.volunteer) { issues.append(RosterProblemError.Issue(path: "departures[\(i)].volunteer", message: "unknown volunteer '\(d.volunteer)'")) }
            if !inHorizon(d.from) { issues.append(RosterProblemError.Issue(path: "departures[\(i)].from", message: "\(d.from) is outside the horizon")) }
        }
        for (i, id) in removedCoverage.enumerated() where !coverage.contains(id) {
            issues.append(RosterProblemError.Issue(path: "coverage.remove[\(i)]", message: "unknown coverage requirement '\(id)'"))
        }
        for (i, id) in removedEvents.enumerated() where !events.contains(id) {
            issues.append(RosterProblemError.Issue(path: "events.remove[\(i)]", message: "unknown event '\(id)'"))
        }
        return issues
    }

    /// The window of dates in which changes are frozen: ``freezeDays`` days from the first
    /// changeable day, clipped to the horizon; `nil` when there are none.
    public func freezeWindow(in horizon: Horizon) -> ClosedRange<CalendarDate>? {
        let first = today ?? horizon.start
        let last = min(first.adding(days: freezeDays - 1), horizon.date(horizon.days - 1))
        return freezeDays > 0 && first <= last ? first...last : nil
    }

    /// The problem after the changes: absences and departures as unavailable dates, demand
    /// and events added, replaced or removed, pins and forbids added, the freeze window set.
    ///
    /// Complexity: O(volunteers + dates of absence + demand + events).
    public func apply(to problem: RosterProblem) -> RosterProblem {
        var changed = problem
        var away: [String: Set<CalendarDate>] = [:]
        for a in absences { away[a.volunteer, default: []].formUnion(a.dates) }
        let lastDay = problem.horizon.date(problem.horizon.days - 1)
        for d in departures {
            var day = max(d.from, problem.horizon.start)
            while day <= lastDay {
                away[d.volunteer, default: []].insert(day)
                day = day.adding(days: 1)
            }
        }
        for (i, v) in changed.volunteers.enumerated() {
            guard let dates = away[v.id] else { continue }
            let already = Set(v.availability.exceptions.filter { !$0.available && $0.window == nil }.map(\.date))
            changed.volunteers[i].availability.exceptions.removeAll { dates.contains($0.date) }
            changed.volunteers[i].availability.exceptions += dates.union(already).sorted().map { DatedException(date: $0, window: nil, available: false) }
        }
        let removedCoverage = Set(self.removedCoverage).union(addedCoverage.map(\.id))
        changed.coverage.removeAll { removedCoverage.contains($0.id) }
        changed.coverage += addedCoverage
        let removedEvents = Set(self.removedEvents).union(addedEvents.map(\.id))
        changed.events.removeAll { removedEvents.contains($0.id) }
        changed.events += addedEvents
        changed.rules.pinned += pins.filter { !changed.rules.pinned.contains($0) }
        changed.rules.forbidden += forbids.filter { !changed.rules.forbidden.contains($0) }
        changed.rules.freeze = freezeWindow(in: problem.horizon)
        return changed
    }
}
