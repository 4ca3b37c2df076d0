/// A shift pattern offered on chosen days: start and end (a shift may cross midnight),
/// the line or site it serves, and the skill it needs.
public struct ShiftTemplate: Identifiable, Hashable, Sendable {
    public var id: String
    /// The hotline line, care station or other service this shift staffs.
    public var line: String?
    public var site: String?
    public var window: DailyWindow
    /// The skill a volunteer needs for this shift, and the level.
    public var requiredSkill: String?
    public var minimumLevel: Int
    /// The weekdays the shift is offered on; all when empty.
    public var weekdays: Set<Weekday>
    /// Dates the shift is offered on, in addition to ``weekdays`` (empty: only weekdays).
    public var dates: Set<CalendarDate>
    /// When set, the shift exists only on ``dates``.
    public var onlyOnDates: Bool

    public init(
        id: String, line: String? = nil, site: String? = nil, window: DailyWindow, requiredSkill: String? = nil,
        minimumLevel: Int = 1, weekdays: Set<Weekday> = [], dates: Set<CalendarDate> = [], onlyOnDates: Bool = false
    ) {
        self.id = id
        self.line = line
        self.site = site
        self.window = window
        self.requiredSkill = requiredSkill
        self.minimumLevel = minimumLevel
        self.weekdays = weekdays
        self.dates = dates
        self.onlyOnDates = onlyOnDates
    }

    /// Whether the template is offered on `date`.
    public func isOffered(on date: CalendarDate) -> Bool {
        if onlyOnDates { return dates.contains(date) }
        return weekdays.isEmpty || weekdays.contains(date.weekday) || dates.contains(date)
    }

    /// Hours worked in one shift.
    public var hours: Double { Double(window.duration) / 60 }
}

/// Which days a requirement applies to.
public struct DaySelector: Hashable, Sendable {
    /// Weekdays; empty means every weekday unless ``dates`` is set.
    public var weekdays: Set<Weekday>
    /// Specific dates; when non-empty, only these dates.
    public var dates: Set<CalendarDate>

    public init(weekdays: Set<Weekday> = [], dates: Set<CalendarDate> = []) {
        self.weekdays = weekdays
        self.dates = dates
    }

    public static let everyDay = DaySelector()

    public func contains(_ date: CalendarDate) -> Bool {
        if !dates.isEmpty { return dates.contains(date) }
        return weekdays.isEmpty || weekdays.contains(date.weekday)
    }
}

/// How many people a service needs.
///
/// - `.slots`: for a line (and optionally a skill), every `slotMinutes` slot of a
///   time-of-day window needs between ``minimum`` and ``maximum`` people on shifts of that
///   line that cover the whole slot. The solver meets it by choosing shifts.
/// - `.shift`: a given shift template needs that many people on each selected date.
///
/// Shortfall and excess are penalised slack, never a reason to fail: an understaffed
/// month is still solved, and the shortfall reported.
public struct CoverageRequirement: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        case slots(line: String, skill: String?, window: DailyWindow, slotMinutes: Int)
        case shift(template: String)
    }

    public var id: String
    public var target: Target
    public var days: DaySelector
    public var minimum: Int
    public var maximum: Int?
    /// Penalty per missing person per slot (or per shift), before ``priority``.
    public var underWeight: Double
    /// Penalty per extra person above ``maximum``.
    public var overWeight: Double
    /// Multiplies both weights: more important demand is filled first.
    public var priority: Double
    /// When set, ``maximum`` is a hard limit (a line has a fixed number of phones): no
    /// roster puts more people on a slot, and ``overWeight`` is unused.
    public var hardMaximum: Bool

    public init(
        id: String, target: Target, days: DaySelector = .everyDay, minimum: Int, maximum: Int? = nil,
        underWeight: Double = 1, overWeight: Double = 1, priority: Double = 1, hardMaximum: Bool = false
    ) {
        self.id = id
        self.target = target
        self.days = days
        self.minimum = minimum
        self.maximum = maximum
        self.underWeight = underWeight
        self.overWeight = overWeight
        self.priority = priority
        self.hardMaximum = hardMaximum
    }
}

/// A one-off outreach visit, health check or care-station session, staffed by a team.
public struct OutreachEvent: Identifiable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var site: String
    public var date: CalendarDate
    public var window: DailyWindow
    /// Skill → people needed with it, such as legal 2, health 1, caring 3.
    public var team: [String: Int]
    public var minTeamSize: Int
    public var maxTeamSize: Int?
    /// Multiplies the shortfall penalty.
    public var priority: Double
    /// When set, ``team`` also caps each role: no more people with a role than it needs
    /// (2 legal, 1 health, 3 caring and never a fourth carer), a hard rule.
    public var capsRoles: Bool

    public init(
        id: String, name: String? = nil, site: String, date: CalendarDate, window: DailyWindow, team: [String: Int],
        minTeamSize: Int? = nil, maxTeamSize: Int? = nil, priority: Double = 1, capsRoles: Bool = false
    ) {
        self.id = id
        self.name = name ?? id
        self.site = site
        self.date = date
        self.window = window
        self.team = team
        // Saturating: an absurd team count is reported by validation, not an overflow here.
        self.minTeamSize = minTeamSize ?? team.values.reduce(0) { $0.addingReportingOverflow(max($1, 0)).overflow ? Int.max : $0 + max($1, 0) }
        self.maxTeamSize = maxTeamSize
        self.priority = priority
        self.capsRoles = capsRoles
    }

    /// The team's skills in a stable order.
    public var teamSkills: [String] { team.keys.sorted() }
}
