/// Everything a roster is planned from: the horizon, the people, the places, the demand
/// and the rules.
///
/// A problem is plain data and `Sendable`; build it in code or load it with `RotaIO`.
/// ``validate()`` lists every inconsistency (duplicate ids, unknown references,
/// impossible numbers) before anything is solved.
public struct RosterProblem: Sendable {
    public var name: String
    public var horizon: Horizon
    public var sites: [Site]
    public var travel: TravelTimes
    /// The skills in use. When empty, any skill named by a volunteer counts as known.
    public var skills: [String]
    public var volunteers: [Volunteer]
    public var templates: [ShiftTemplate]
    public var coverage: [CoverageRequirement]
    public var events: [OutreachEvent]
    public var rules: RuleSettings

    public init(
        name: String = "roster", horizon: Horizon, sites: [Site] = [], travel: TravelTimes = TravelTimes(),
        skills: [String] = [], volunteers: [Volunteer] = [], templates: [ShiftTemplate] = [],
        coverage: [CoverageRequirement] = [], events: [OutreachEvent] = [], rules: RuleSettings = RuleSettings()
    ) {
        self.name = name
        self.horizon = horizon
        self.sites = sites
        self.travel = travel
        self.skills = skills
        self.volunteers = volunteers
        self.templates = templates
        self.coverage = coverage
        self.events = events
        self.rules = rules
    }

    /// The hotline lines, each once, in the order of their first shift template: the order
    /// the sheets show them in. O(templates).
    public var lines: [String] {
        var seen = Set<String>()
        return templates.compactMap(\.line).filter { seen.insert($0).inserted }
    }
}

/// What a single assignment is: a shift on a date, or a role at an event.
public enum AssignmentTarget: Hashable, Sendable, Comparable, CustomStringConvertible {
    case shift(template: String, date: CalendarDate)
    case event(id: String, skill: String)

    /// `legal-pm 2026-03-05`, or `event legal-day-0306 (legal)`: what a message names.
    public var description: String {
        switch self {
        case let .shift(t, d): "\(t) \(d)"
        case let .event(e, s): "event \(e) (\(s))"
        }
    }

    public static func < (a: AssignmentTarget, b: AssignmentTarget) -> Bool {
        switch (a, b) {
        case let (.shift(t1, d1), .shift(t2, d2)): (d1, t1) < (d2, t2)
        case let (.event(e1, s1), .event(e2, s2)): (e1, s1) < (e2, s2)
        case (.shift, .event): true
        case (.event, .shift): false
        }
    }
}

/// A volunteer and a target: the key of an assignment, used for pins, bans and diffs.
public struct AssignmentKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var volunteer: String
    public var target: AssignmentTarget
    public init(volunteer: String, target: AssignmentTarget) {
        self.volunteer = volunteer
        self.target = target
    }
    public static func < (a: AssignmentKey, b: AssignmentKey) -> Bool {
        (a.target, a.volunteer) < (b.target, b.volunteer)
    }

    /// `v017 legal-pm 2026-03-05`, or `v017 event legal-day-0306 (legal)`.
    public var description: String { "\(volunteer) \(target)" }
}

/// How the three tiers of the objective are combined.
public enum ObjectiveMode: Hashable, Sendable {
    /// Solved in stages: first the hard tier (limits that had to give way, pins), then
    /// coverage with the hard tier held at its best value, then the soft rules with both
    /// held. No weight in a lower tier can ever buy a worse higher tier. The default.
    case lexicographic
    /// One objective: the weighted sum of every rule's penalty, with the hard tier
    /// weighted by ``RuleWeights/hard``. Used by benchmarks whose published objective is a
    /// weighted sum.
    case weighted
    /// Two stages: the hard tier first (so elastic minimums are met whenever possible),
    /// then the weighted sum of coverage and soft penalties with the hard tier held. This is
    /// how benchmarks with hard minimums and a weighted objective are solved.
    case hardThenWeighted
}

/// How fairness measures distance from each volunteer's target hours.
public enum FairnessMode: Hashable, Sendable {
    /// The sum over volunteers of |hours − target|.
    case totalDeviation
    /// The largest |hours − target| over volunteers (min–max).
    case maxDeviation
}

/// Multipliers for every penalised rule. A weight of 0 switches the rule off.
public struct RuleWeights: Hashable, Sendable {
    /// Hard-tier slack in the weighted mode: a minimum that had to give way, a broken pin.
    public var hard: Double = 10_000
    /// Multiplies every coverage requirement's under/over weights.
    public var coverage: Double = 1
    /// Multiplies event shortfalls (per missing team member, times the event's priority).
    public var events: Double = 1
    /// Multiplies the weights of volunteers' shift requests.
    public var requests: Double = 1
    /// Per assignment at a site the volunteer avoids.
    public var avoidedSites: Double = 1
    /// Per assignment overlapping a volunteer's undesired times.
    public var undesiredTimes: Double = 1
    /// Per assignment away from a volunteer's preferred sites (when they name any).
    public var preferredSites: Double = 1
    /// Per assignment not wholly inside a volunteer's preferred times (when they name any).
    public var preferredTimes: Double = 1
    /// Per hour of deviation from a volunteer's target hours.
    public var fairness: Double = 0.1
    /// Per edge of the site network between home and the assignment's site.
    public var homeArea: Double = 0.05
    /// Per change of line between two consecutive working days.
    public var continuity: Double = 0
    /// Per assignment added to or removed from ``RuleSettings/baseline`` when replanning.
    public var changes: Double = 5
    /// Per change on a date inside ``RuleSettings/freeze`` (the next few days, whose
    /// people have made their plans): heavier than ``changes``.
    public var frozenChanges: Double = 50

    public init() {}
}

extension RuleWeights {
    /// Every weight by name, for readers and validation (one list to keep).
    public static let fields: [(name: String, keyPath: WritableKeyPath<RuleWeights, Double> & Sendable)] = [
        ("hard", \.hard), ("coverage", \.coverage), ("events", \.events), ("requests", \.requests),
        ("avoidedSites", \.avoidedSites), ("undesiredTimes", \.undesiredTimes), ("preferredSites", \.preferredSites),
        ("preferredTimes", \.preferredTimes), ("fairness", \.fairness), ("homeArea", \.homeArea),
        ("continuity", \.continuity), ("changes", \.changes), ("frozenChanges", \.frozenChanges),
    ]
}

/// Rules that apply to everyone, plus the objective's shape.
public struct RuleSettings: Hashable, Sendable {
    /// Minutes of rest between two shifts, unless a volunteer's limits say otherwise.
    public var minRestMinutes: Int
    /// Template pairs that may not be worked on consecutive days (first, then second).
    public var forbiddenSequences: [ForbiddenSequence]
    public var weights: RuleWeights
    public var objective: ObjectiveMode
    public var fairness: FairnessMode
    /// Assignments that must be kept (a hard rule; a pin that cannot be kept is reported).
    public var pinned: [AssignmentKey]
    /// Assignments that must not be made.
    public var forbidden: [AssignmentKey]
    /// A published roster to stay close to when replanning: each assignment added to or
    /// removed from it costs ``RuleWeights/changes``.
    public var baseline: [AssignmentKey]
    /// Dates on which a change to ``baseline`` costs ``RuleWeights/frozenChanges`` instead
    /// of ``RuleWeights/changes``; `nil`: no freeze.
    public var freeze: ClosedRange<CalendarDate>?

    /// The cost of adding or removing `key` against the baseline: frozen or not by the
    /// date it falls on (an event's own date; `eventDate` resolves it).
    public func changeWeight(of key: AssignmentKey, eventDate: (String) -> CalendarDate?) -> Double {
        let date: CalendarDate?
        switch key.target {
        case let .shift(_, d): date = d
        case let .event(id, _): date = eventDate(id)
        }
        if let freeze, let date, freeze.contains(date) { return weights.frozenChanges }
        return weights.changes
    }

    public init(
        minRestMinutes: Int = 0, forbiddenSequences: [ForbiddenSequence] = [], weights: RuleWeights = RuleWeights(),
        objective: ObjectiveMode = .lexicographic, fairness: FairnessMode = .totalDeviation,
        pinned: [AssignmentKey] = [], forbidden: [AssignmentKey] = [], baseline: [AssignmentKey] = []
    ) {
        self.minRestMinutes = minRestMinutes
        self.forbiddenSequences = forbiddenSequences
        self.weights = weights
        self.objective = objective
        self.fairness = fairness
        self.pinned = pinned
        self.forbidden = forbidden
        self.baseline = baseline
    }
}

/// Template `first` on one day may not be followed by template `second` the next day.
public struct ForbiddenSequence: Hashable, Sendable {
    public var first: String
    public var second: String
    public init(first: String, second: String) {
        self.first = first
        self.second = second
    }
}
