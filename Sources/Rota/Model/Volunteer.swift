/// A person who can be rostered.
///
/// Only ``id`` appears in logs; ``name`` may be any Unicode text and is only ever
/// written to the coordinator's own output files.
public struct Volunteer: Identifiable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// Skill name → level (1 when no level is given).
    public var skills: [String: Int]
    public var groups: [String]
    public var tags: [String]
    /// The site the volunteer lives or is based at; travel is measured from here.
    public var homeSite: String?
    public var availability: Availability
    public var limits: ContractLimits
    public var preferences: Preferences
    /// How to reach them (private; see ``VolunteerContact``).
    public var contact = VolunteerContact()

    public init(
        id: String, name: String? = nil, skills: [String: Int] = [:], groups: [String] = [], tags: [String] = [],
        homeSite: String? = nil, availability: Availability = Availability(), limits: ContractLimits = ContractLimits(),
        preferences: Preferences = Preferences()
    ) {
        self.id = id
        self.name = name ?? id
        self.skills = skills
        self.groups = groups
        self.tags = tags
        self.homeSite = homeSite
        self.availability = availability
        self.limits = limits
        self.preferences = preferences
    }

    /// Whether the volunteer has `skill` at `level` or above. `nil` asks for nothing.
    public func has(skill: String?, level: Int = 1) -> Bool {
        guard let skill else { return true }
        return (skills[skill] ?? 0) >= level
    }
}

/// How to reach a volunteer. Private: the coordinator's outputs (the call list, `rota
/// cover`) and the volunteer's own page and co-workers show it; the public noticeboard only
/// when the scenario asks, logs and files for programs never.
public struct VolunteerContact: Hashable, Sendable {
    public var phone: String?
    public var wechat: String?
    /// A free note for the coordinator ("prefers SMS", "no calls after 21:00").
    public var note: String?

    public init(phone: String? = nil, wechat: String? = nil, note: String? = nil) {
        self.phone = phone
        self.wechat = wechat
        self.note = note
    }

    /// Whether nothing is known.
    public var isEmpty: Bool { (phone ?? "").isEmpty && (wechat ?? "").isEmpty && (note ?? "").isEmpty }
}

/// When a volunteer can work: weekly recurring windows plus dated exceptions.
///
/// With no weekly windows the volunteer is available at any time, except where an
/// exception says otherwise. An assignment must lie wholly inside available time.
public struct Availability: Hashable, Sendable {
    public var weekly: [WeeklyWindow]
    public var exceptions: [DatedException]

    public init(weekly: [WeeklyWindow] = [], exceptions: [DatedException] = []) {
        self.weekly = weekly
        self.exceptions = exceptions
    }

    /// Available time over `horizon` (plus a day either side), in horizon minutes.
    /// O(days × windows).
    public func minutes(over horizon: Horizon) -> IntervalSet {
        var open: [MinuteInterval] = []
        var closed: [MinuteInterval] = []
        let span = -1...horizon.days
        if weekly.isEmpty {
            open.append(MinuteInterval(-1440, (horizon.days + 1) * 1440))
        } else {
            for d in span {
                let weekday = horizon.date(d).weekday
                for w in weekly where w.days.contains(weekday) { open.append(w.window.interval(onDay: d)) }
            }
        }
        for e in exceptions {
            let d = e.date.daysSinceEpoch - horizon.start.daysSinceEpoch
            guard span.contains(d) else { continue }
            let interval = e.window?.interval(onDay: d) ?? MinuteInterval(d * 1440, (d + 1) * 1440)
            if e.available { open.append(interval) } else { closed.append(interval) }
        }
        return IntervalSet(open).subtracting(IntervalSet(closed))
    }
}

/// A window on chosen days of every week, such as Mon–Fri 18:00–22:00.
public struct WeeklyWindow: Hashable, Sendable {
    public var days: Set<Weekday>
    public var window: DailyWindow
    public init(days: Set<Weekday>, window: DailyWindow) {
        self.days = days
        self.window = window
    }
}

/// A dated change to weekly availability: away for a day, or extra hours on a date.
public struct DatedException: Hashable, Sendable {
    public var date: CalendarDate
    /// The window affected; `nil` for the whole day.
    public var window: DailyWindow?
    /// `true` adds available time; `false` removes it.
    public var available: Bool
    public init(date: CalendarDate, window: DailyWindow? = nil, available: Bool) {
        self.date = date
        self.window = window
        self.available = available
    }
}

/// Hard limits on how much one volunteer works. `nil` means no limit.
///
/// The minimums (hours) are kept whenever possible; when they cannot be (the volunteer
/// is unavailable, say) the roster still comes back and reports the shortfall as a
/// violated limit.
public struct ContractLimits: Hashable, Sendable {
    public var minHoursPerDay: Double?
    public var maxHoursPerDay: Double?
    public var minHoursPerWeek: Double?
    public var maxHoursPerWeek: Double?
    public var minHoursPerPeriod: Double?
    public var maxHoursPerPeriod: Double?
    public var maxShiftsPerDay: Int?
    public var maxConsecutiveDays: Int?
    /// The shortest run of working days (runs that touch either end of the horizon are exempt).
    public var minConsecutiveDays: Int?
    /// The shortest run of days off (runs that touch either end of the horizon are exempt).
    public var minConsecutiveDaysOff: Int?
    public var maxWeekends: Int?
    /// Shift template id → the most times it may be worked in the horizon.
    public var maxShiftsPerTemplate: [String: Int]
    /// Minutes of rest required between two shifts (overrides the problem's default).
    public var minRestMinutes: Int?
    /// The longest one-way journey, in minutes, to an assignment.
    public var maxTravelMinutes: Int?

    public init(
        minHoursPerDay: Double? = nil, maxHoursPerDay: Double? = nil, minHoursPerWeek: Double? = nil,
        maxHoursPerWeek: Double? = nil, minHoursPerPeriod: Double? = nil, maxHoursPerPeriod: Double? = nil,
        maxShiftsPerDay: Int? = nil, maxConsecutiveDays: Int? = nil, minConsecutiveDays: Int? = nil,
        minConsecutiveDaysOff: Int? = nil, maxWeekends: Int? = nil, maxShiftsPerTemplate: [String: Int] = [:],
        minRestMinutes: Int? = nil, maxTravelMinutes: Int? = nil
    ) {
        self.minHoursPerDay = minHoursPerDay
        self.maxHoursPerDay = maxHoursPerDay
        self.minHoursPerWeek = minHoursPerWeek
        self.maxHoursPerWeek = maxHoursPerWeek
        self.minHoursPerPeriod = minHoursPerPeriod
        self.maxHoursPerPeriod = maxHoursPerPeriod
        self.maxShiftsPerDay = maxShiftsPerDay
        self.maxConsecutiveDays = maxConsecutiveDays
        self.minConsecutiveDays = minConsecutiveDays
        self.minConsecutiveDaysOff = minConsecutiveDaysOff
        self.maxWeekends = maxWeekends
        self.maxShiftsPerTemplate = maxShiftsPerTemplate
        self.minRestMinutes = minRestMinutes
        self.maxTravelMinutes = maxTravelMinutes
    }
}

extension ContractLimits {
    /// The hour limits by name, for readers, writers and validation (one list to keep).
    public static let hourFields: [(name: String, keyPath: WritableKeyPath<ContractLimits, Double?> & Sendable)] = [
        ("minHoursPerDay", \.minHoursPerDay), ("maxHoursPerDay", \.maxHoursPerDay),
        ("minHoursPerWeek", \.minHoursPerWeek), ("maxHoursPerWeek", \.maxHoursPerWeek),
        ("minHoursPerPeriod", \.minHoursPerPeriod), ("maxHoursPerPeriod", \.maxHoursPerPeriod),
    ]

    /// The whole-number limits by name.
    public static let countFields: [(name: String, keyPath: WritableKeyPath<ContractLimits, Int?> & Sendable)] = [
        ("maxShiftsPerDay", \.maxShiftsPerDay), ("maxConsecutiveDays", \.maxConsecutiveDays),
        ("minConsecutiveDays", \.minConsecutiveDays), ("minConsecutiveDaysOff", \.minConsecutiveDaysOff),
        ("maxWeekends", \.maxWeekends), ("minRestMinutes", \.minRestMinutes), ("maxTravelMinutes", \.maxTravelMinutes),
    ]
}

/// What a volunteer would like. All of it is soft.
public struct Preferences: Hashable, Sendable {
    /// Specific wishes to work or not to work, with weights.
    public var requests: [ShiftRequest]
    /// Sites the volunteer would rather not be sent to.
    public var avoidedSites: [String]
    /// Sites the volunteer would rather work at (an assignment elsewhere costs
    /// ``RuleWeights/preferredSites``). Empty: no preference.
    public var preferredSites: [String]
    /// Times of the week the volunteer would rather work in (an assignment not wholly
    /// inside them costs ``RuleWeights/preferredTimes``). Empty: no preference.
    public var preferredTimes: [WeeklyWindow]
    /// Times of the week the volunteer would rather not work.
    public var undesiredTimes: [WeeklyWindow]
    /// Hours the volunteer hopes to work over the horizon; fairness balances against it.
    public var targetHours: Double?

    public init(
        requests: [ShiftRequest] = [], avoidedSites: [String] = [], preferredSites: [String] = [], undesiredTimes: [WeeklyWindow] = [],
        preferredTimes: [WeeklyWindow] = [], targetHours: Double? = nil
    ) {
        self.requests = requests
        self.avoidedSites = avoidedSites
        self.preferredSites = preferredSites
        self.preferredTimes = preferredTimes
        self.undesiredTimes = undesiredTimes
        self.targetHours = targetHours
    }
}

/// A wish to work, or not to work, with a weight.
///
/// - date and template: that shift on that date (a benchmark "shift-on/off request");
/// - date only: any work on that date;
/// - template only: that shift type on any date.
public struct ShiftRequest: Hashable, Sendable {
    public var date: CalendarDate?
    public var template: String?
    /// `true` for a wish to work, `false` for a wish to be off.
    public var wantsToWork: Bool
    public var weight: Double

    public init(date: CalendarDate? = nil, template: String? = nil, wantsToWork: Bool, weight: Double = 1) {
        self.date = date
        self.template = template
        self.wantsToWork = wantsToWork
        self.weight = weight
    }
}
