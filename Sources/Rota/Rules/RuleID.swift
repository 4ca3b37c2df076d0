/// Every rule Rota knows, by one stable name: the name a violation carries, the key of its
/// penalty in ``ObjectiveBreakdown/byRule`` and ``RosterFormulation/rules``, and the name
/// reports print. The raw value is the name in files (`roster.json`, `summary.md`).
///
/// The catalog (`RuleCatalog`) holds one unit per rule that states its rows, its check
/// and its treatment in the schedule model; `RuleID.integrity` names are not rules of a
/// scenario but of a roster file's consistency (an unknown volunteer, a duplicate line).
public enum RuleID: String, CaseIterable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    // MARK: Who may take what (kept by construction: no column for an ineligible pair)
    case skill
    case availability
    case travel
    case forbidden

    // MARK: A roster's consistency (the checker's own, no row)
    case duplicate
    case unknownVolunteer = "unknown-volunteer"
    case unknownTemplate = "unknown-template"
    case unknownEvent = "unknown-event"
    case outsideHorizon = "outside-horizon"
    case notOffered = "not-offered"
    case eventRole = "event-role"
    case times

    // MARK: One volunteer's hard rules
    case overlap
    case rest
    case maxShiftsPerDay = "max-shifts-per-day"
    case maxHoursPerDay = "max-hours-per-day"
    case minHoursPerDay = "min-hours-per-day"
    case maxHoursPerWeek = "max-hours-per-week"
    case maxHoursPerPeriod = "max-hours-per-period"
    case minHoursPerWeek = "min-hours-per-week"
    case minHoursPerPeriod = "min-hours-per-period"
    case maxConsecutiveDays = "max-consecutive-days"
    case minConsecutiveDays = "min-consecutive-days"
    case minConsecutiveDaysOff = "min-consecutive-days-off"
    case maxWeekends = "max-weekends"
    case maxShiftsPerTemplate = "max-shifts-per-template"
    case forbiddenSequence = "forbidden-sequence"

    // MARK: One volunteer's wishes (soft)
    case requests
    case avoidedSites = "avoided-sites"
    case undesiredTimes = "undesired-times"
    case preferredSites = "preferred-sites"
    case preferredTimes = "preferred-times"
    case homeArea = "home-area"
    case continuity
    case fairness

    // MARK: Demand
    case coverageUnder = "coverage.under"
    case coverageOver = "coverage.over"
    case maxHeadCount = "max-head-count"
    case eventsUnder = "events.under"
    case eventsTeamSize = "events.team-size"
    case maxRoleSize = "max-role-size"
    case maxTeamSize = "max-team-size"

    // MARK: The coordinator's hand
    case pinned
    case changes

    /// What a rule is about.
    public enum Kind: String, Sendable, CaseIterable {
        /// Who may take what: an ineligible pair gets no column.
        case eligibility
        /// A roster file's own consistency, checked but never modelled.
        case integrity
        /// A hard limit on one volunteer's schedule.
        case volunteer
        /// A volunteer's wish, or fairness: a penalty.
        case preference
        /// Shifts, slots and event teams to staff.
        case demand
        /// Pins and changes against a published roster.
        case coordinator
    }

    public var kind: Kind {
        switch self {
        case .skill, .availability, .travel, .forbidden: .eligibility
        case .duplicate, .unknownVolunteer, .unknownTemplate, .unknownEvent, .outsideHorizon, .notOffered, .eventRole, .times: .integrity
        case .overlap, .rest, .maxShiftsPerDay, .maxHoursPerDay, .minHoursPerDay, .maxHoursPerWeek, .maxHoursPerPeriod,
             .minHoursPerWeek, .minHoursPerPeriod, .maxConsecutiveDays, .minConsecutiveDays, .minConsecutiveDaysOff,
             .maxWeekends, .maxShiftsPerTemplate, .forbiddenSequence: .volunteer
        case .requests, .avoidedSites, .undesiredTimes, .preferredSites, .preferredTimes, .homeArea, .continuity, .fairness: .preference
        case .coverageUnder, .coverageOver, .maxHeadCount, .eventsUnder, .eventsTeamSize, .maxRoleSize, .maxTeamSize: .demand
        case .pinned, .changes: .coordinator
        }
    }

    /// The objective's tier of the rule's penalty (see ``ObjectiveMode``): shortfalls against
    /// a volunteer's minimum hours and broken pins are hard-tier penalties, unmet demand is
    /// coverage, everything else soft. A rule that is never broken has no penalty; it is
    /// listed in the soft tier for completeness.
    public var tier: RosterFormulation.Tier {
        switch self {
        case .minHoursPerWeek, .minHoursPerPeriod, .pinned: .hard
        case .coverageUnder, .coverageOver, .eventsUnder, .eventsTeamSize: .coverage
        default: .soft
        }
    }

    /// Hard rules the solver may break when nothing else is possible (a minimum of hours that
    /// availability cannot meet, a pin that conflicts with another rule), at the hard tier's
    /// weight. Rota reports them in ``Roster/limitViolations``; no other hard rule is broken.
    public var isElastic: Bool { self == .minHoursPerWeek || self == .minHoursPerPeriod || self == .pinned }

    public var description: String { rawValue }

    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }
}
