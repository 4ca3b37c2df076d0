import LinearProgramming

/// One person doing one thing at one time.
public struct Assignment: Hashable, Sendable, Comparable {
    public var volunteer: String
    public var target: AssignmentTarget
    /// The date the assignment starts on.
    public var date: CalendarDate
    /// Start and end in horizon minutes (see ``Horizon``).
    public var interval: MinuteInterval
    public var site: String?
    public var line: String?
    /// The skill the volunteer uses.
    public var skill: String?

    public init(volunteer: String, target: AssignmentTarget, date: CalendarDate, interval: MinuteInterval, site: String?, line: String?, skill: String?) {
        self.volunteer = volunteer
        self.target = target
        self.date = date
        self.interval = interval
        self.site = site
        self.line = line
        self.skill = skill
    }

    public var key: AssignmentKey { AssignmentKey(volunteer: volunteer, target: target) }
    public var hours: Double { Double(interval.length) / 60 }

    public static func < (a: Assignment, b: Assignment) -> Bool {
        (a.interval.start, a.target, a.volunteer) < (b.interval.start, b.target, b.volunteer)
    }
}

/// Why demand was left unfilled, from the most to the least fundamental cause.
public enum UnfilledReason: String, Hashable, Sendable, Codable {
    /// No shift template covers this time for the line, so no one could be placed.
    case noShiftCovers = "no-shift-covers"
    /// No volunteer has the skill needed.
    case nobodyQualified = "nobody-qualified"
    /// Qualified volunteers exist, but none is available then.
    case qualifiedUnavailable = "qualified-unavailable"
    /// Qualified, available volunteers exist, but their limits, rest rules or other
    /// assignments kept them away.
    case limits = "limits"
}

/// Demand the roster does not meet.
public struct UnfilledDemand: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A coverage slot (or a whole shift, for `.shift` requirements).
        case slot(requirement: String, line: String?, skill: String?)
        /// Team members with a skill at an event.
        case eventRole(event: String, skill: String)
        /// People short of the event's minimum team size.
        case eventTeamSize(event: String)
    }
    public var kind: Kind
    public var date: CalendarDate
    public var interval: MinuteInterval
    public var needed: Int
    public var assigned: Int
    public var reason: UnfilledReason
    public var missing: Int { needed - assigned }
}

/// Per-volunteer totals.
public struct VolunteerTotals: Hashable, Sendable {
    public var volunteer: String
    public var hours: Double
    public var shifts: Int
    public var events: Int
    public var weekends: Int
}

/// The objective, rule by rule, as recomputed by ``RosterChecker``.
public struct ObjectiveBreakdown: Hashable, Sendable {
    /// Rule name → penalty.
    public var byRule: [String: Double]
    /// Penalty per tier: hard (limits that gave way, broken pins), coverage, soft.
    public var hard: Double
    public var coverage: Double
    public var soft: Double
    /// hard + coverage + soft (each already weighted).
    public var total: Double { hard + coverage + soft }
}

/// How the solve went.
public struct RosterStatistics: Sendable {
    /// The final stage's status: `.optimal` only when every stage was proven optimal.
    public var status: SolveStatus
    public var provenOptimal: Bool
    /// The final stage's objective, its proven bound and their relative gap.
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    public var seconds: Double
    public var variables: Int
    public var constraints: Int
    public var nonzeros: Int
    /// One entry per solved stage (tier), in order.
    public var stages: [StageStatistics]
    /// Which engines ran: how many volunteers the schedule models covered, and whether
    /// column generation bounded the final stage (`nil` when the search was off).
    public var engines: EngineUse? = nil
    /// Heuristic steps the solver refused (a bug in Rota, reported rather than swallowed
    /// or fatal; the step was skipped). Empty in a healthy solve.
    public var incidents: [String] = []
}

/// How much of a solve the decomposition carried: the volunteers with something to do,
/// how many of them each schedule model covered (the rest were left to the MIP steps),
/// and whether column generation ran and bounded the final stage.
public struct EngineUse: Sendable, Hashable {
    public var volunteers: Int
    /// Volunteers kept by the sequence model (runs, weekends, successions; `ScheduleDP`).
    public var sequenceModel: Int
    /// Volunteers kept by the counting model (week and horizon hours, fairness; `CountedSchedule`).
    public var countingModel: Int
    public var columnGeneration: Bool
    /// Volunteers with something to do that no schedule model covers, by the rule that
    /// kept them out (the rule catalog's first refusal; `model-size` when the model's state
    /// would be too large). Empty when the models cover everyone.
    public var declinedBy: [String: Int] = [:]
    /// The step that produced the roster returned.
    public var rosterFrom: SolveEngine = .emptyRoster
    /// The step that proved the final stage's bound (`nil`: no bound).
    public var boundFrom: SolveEngine? = nil
}

/// A step of the solve, named in ``EngineUse`` as the source of the roster or the bound.
public enum SolveEngine: String, Sendable, Hashable, CaseIterable {
    /// Nothing improved on the empty roster (heuristics off, or a zero time limit).
    case emptyRoster = "empty-roster"
    /// The pinned assignments, kept as they were.
    case pinnedStart = "pinned-start"
    /// The schedule search's first pass (a constructive roster by whole schedules) and its sweeps.
    case scheduleSearch = "schedule-search"
    /// The weighted warm-up before lexicographic stages (RENS and fix-and-optimise).
    case weightedWarmUp = "weighted-warm-up"
    /// The hard stage's volunteer sweep.
    case volunteerSweep = "volunteer-sweep"
    /// Column generation: a rounding of the pattern LP mended by the schedule search.
    case columnGenerationRounding = "column-generation-rounding"
    /// Column generation: RINS around the pattern LP (the stage's MIP over the items where
    /// the LP and the roster differ).
    case columnGenerationRINS = "column-generation-rins"
    /// Column generation: a price-and-dive.
    case columnGenerationDive = "column-generation-dive"
    /// Column generation: the master MIP over the schedules found.
    case columnGenerationMaster = "column-generation-master"
    /// Column generation's Lagrangian bound (for a bound).
    case columnGeneration = "column-generation"
    /// The LP-guided start (RENS) on the compact model.
    case relaxationStart = "relaxation-start"
    /// The compact model's LP relaxation (for a bound).
    case linearRelaxation = "linear-relaxation"
    /// Fix-and-optimise over windows of days and groups of volunteers.
    case fixAndOptimise = "fix-and-optimise"
    /// GLPK's branch-and-cut on the whole model.
    case branchAndCut = "branch-and-cut"
    /// The objective's floor: every penalty is non-negative (for a bound).
    case objectiveFloor = "objective-floor"
}

/// One lexicographic stage (or the single weighted stage).
public struct StageStatistics: Sendable {
    public var tier: String
    public var status: SolveStatus
    public var termination: SolveTermination
    public var objective: Double?
    public var bound: Double?
    public var seconds: Double
}

/// A solved roster: what was assigned, what is still open and why, and how good it is.
///
/// A roster always comes back, even for an understaffed month: ``unfilled`` says exactly
/// what could not be staffed and why, and ``limitViolations`` lists any volunteer minimum
/// or pin that had to give way.
public struct Roster: Sendable {
    public var assignments: [Assignment]
    public var unfilled: [UnfilledDemand]
    public var totals: [VolunteerTotals]
    public var objective: ObjectiveBreakdown
    /// Hard rules the roster breaks (empty for every roster Rota produces, except minimums
    /// and pins that could not be met, which are listed here).
    public var limitViolations: [RuleViolation]
    public var statistics: RosterStatistics
}
