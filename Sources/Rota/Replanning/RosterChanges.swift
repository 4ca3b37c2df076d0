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

    /// The dates each absent or departing volunteer is away, within `horizon`.
    func awayDates(in horizon: Horizon) -> [String: Set<CalendarDate>] {
        var away: [String: Set<CalendarDate>] = [:]
        for a in absences { away[a.volunteer, default: []].formUnion(a.dates) }
        let lastDay = horizon.date(horizon.days - 1)
        for d in departures {
            var day = max(d.from, horizon.start)
            while day <= lastDay {
                away[d.volunteer, default: []].insert(day)
                day = day.adding(days: 1)
            }
        }
        return away
    }

    /// `assignments` (a published roster) split by these changes: the assignments that stay,
    /// and those the changes take away — a volunteer's on the dates they are now away (an
    /// assignment that runs into such a date included), those of events removed, and those
    /// forbidden. `rota cover --changes` asks who covers what the second list leaves open.
    ///
    /// Complexity: O(assignments + dates of absence).
    public func split(_ assignments: [Assignment], horizon: Horizon) -> (staying: [Assignment], leaving: [Assignment]) {
        let away = awayDates(in: horizon)
        let removedEvents = Set(self.removedEvents)
        let forbidden = Set(forbids)
        let minutesPerDay = MinuteInterval.minutesPerDay
        func leaves(_ a: Assignment) -> Bool {
            if forbidden.contains(a.key) { return true }
            if case let .event(id, _) = a.target, removedEvents.contains(id) { return true }
            guard let dates = away[a.volunteer], a.interval.length > 0 else { return false }
            // The days the assignment runs on (a night shift touches two).
            let first = a.interval.start / minutesPerDay, last = (a.interval.end - 1) / minutesPerDay
            return (first...last).contains { dates.contains(horizon.date($0)) }
        }
        var staying: [Assignment] = [], leaving: [Assignment] = []
        for a in assignments { if leaves(a) { leaving.append(a) } else { staying.append(a) } }
        return (staying, leaving)
    }

    /// Changes dated before the first changeable day (``today``, or `today` when given):
    /// an absence or departure in the past, an event added or removed on a past date, a
    /// pin or forbid of a past shift. The past is what happened; a replan refuses these
    /// unless the coordinator says the past is to be rewritten. Key paths are the changes
    /// file's (`absences[0].dates[1]`). Empty when there is no today.
    ///
    /// Complexity: O(changes + events).
    public func pastChanges(in problem: RosterProblem, today: CalendarDate? = nil) -> [RosterProblemError.Issue] {
        guard let today = today ?? self.today else { return [] }
        var issues: [RosterProblemError.Issue] = []
        func past(_ path: String, _ what: String, _ date: CalendarDate) {
            issues.append(RosterProblemError.Issue(path: path, message: "\(what) on \(date), before today (\(today))"))
        }
        for (i, a) in absences.enumerated() {
            for (j, d) in a.dates.enumerated() where d < today { past("absences[\(i)].dates[\(j)]", "an absence of '\(a.volunteer)'", d) }
        }
        for (i, d) in departures.enumerated() where d.from < today { past("departures[\(i)].from", "the departure of '\(d.volunteer)'", d.from) }
        for (i, e) in addedEvents.enumerated() where e.date < today { past("events.add[\(i)]", "event '\(e.id)'", e.date) }
        let eventDates = Dictionary(problem.events.map { ($0.id, $0.date) }, uniquingKeysWith: { a, _ in a })
        for (i, id) in removedEvents.enumerated() {
            if let d = eventDates[id], d < today { past("events.remove[\(i)]", "removing event '\(id)'", d) }
        }
        for (name, keys) in [("pin", pins), ("forbid", forbids)] {
            for (i, k) in keys.enumerated() {
                let date: CalendarDate? = switch k.target {
                case let .shift(_, d): d
                case let .event(id, _): eventDates[id] ?? addedEvents.first { $0.id == id }?.date
                }
                if let date, date < today { past("\(name)[\(i)]", "\(name == "pin" ? "a pin" : "a forbid") of \(k)", date) }
            }
        }
        return issues
    }

    /// The problem after the changes: absences and departures as unavailable dates, demand
    /// and events added, replaced or removed, pins and forbids added, the freeze window set.
    ///
    /// Complexity: O(volunteers + dates of absence + demand + events).
    public func apply(to problem: RosterProblem) -> RosterProblem {
        var changed = problem
        let away = awayDates(in: problem.horizon)
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
