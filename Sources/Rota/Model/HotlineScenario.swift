import LinearProgramming

/// A synthetic but realistic 12338 hotline problem, for examples, tests and benchmarks.
///
/// Seven specialty lines staffed 08:00–22:00 in two shifts (about ten operators a day),
/// volunteers in the three groups of the corps (rights/legal, health advisers, caring
/// volunteers) spread over a city → county → township → village network, and optional
/// outreach events. Availability, skills and preferences are drawn from a seeded
/// generator: the same seed gives the same problem.
public enum HotlineScenario {
    /// The seven lines, with the skill each needs and its daily window.
    public static let lines: [(id: String, skill: String, window: DailyWindow)] = [
        ("rights", "rights", DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 22))),
        ("legal", "legal", DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 22))),
        ("psychological", "psychological", DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 22))),
        ("family", "family", DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 15))),
        ("housekeeping", "housekeeping", DailyWindow(start: TimeOfDay(hour: 15), end: TimeOfDay(hour: 22))),
        ("employment", "rights", DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 15))),
        ("child-protection", "caring", DailyWindow(start: TimeOfDay(hour: 15), end: TimeOfDay(hour: 22))),
    ]

    /// Builds the problem.
    ///
    /// - Parameters:
    ///   - start: the first date.
    ///   - days: the horizon length.
    ///   - volunteers: head count; split 51 % rights/legal, 12 % health, 37 % caring.
    ///   - townships: townships in the network (each with three villages).
    ///   - events: outreach events spread over the horizon.
    ///   - seed: the generator seed.
    public static func make(
        start: CalendarDate = CalendarDate(year: 2026, month: 3, day: 2), days: Int = 7, volunteers: Int = 60,
        townships: Int = 4, events: Int = 2, seed: UInt64 = 12338
    ) -> RosterProblem {
        var rng = SeededGenerator(seed: seed)
        var sites = [Site(id: "city", name: "City", level: "city"),
                     Site(id: "hotline-centre", name: "12338 hotline centre", parent: "city", level: "centre")]
        let counties = max(1, townships / 4 + (townships % 4 == 0 ? 0 : 1))
        for c in 0..<counties { sites.append(Site(id: "county-\(c + 1)", parent: "city", level: "county")) }
        var villages: [String] = []
        for t in 0..<townships {
            let id = "township-\(t + 1)"
            sites.append(Site(id: id, parent: "county-\(t % counties + 1)", level: "township"))
            for v in 0..<3 {
                let vid = "\(id)-village-\(v + 1)"
                sites.append(Site(id: vid, parent: id, level: "village"))
                villages.append(vid)
            }
        }
        let homes = sites.filter { $0.level == "township" || $0.level == "village" }.map(\.id)

        var templates: [ShiftTemplate] = []
        var coverage: [CoverageRequirement] = []
        for line in lines {
            let morning = DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 15))
            let evening = DailyWindow(start: TimeOfDay(hour: 15), end: TimeOfDay(hour: 22))
            for (name, w) in [("am", morning), ("pm", evening)] where line.window.start <= w.start && w.end <= line.window.end {
                templates.append(ShiftTemplate(id: "\(line.id)-\(name)", line: line.id, site: "hotline-centre", window: w, requiredSkill: line.skill))
            }
            coverage.append(CoverageRequirement(
                id: "\(line.id)-cover", target: .slots(line: line.id, skill: nil, window: line.window, slotMinutes: 60),
                minimum: 1, maximum: 2, underWeight: 10, overWeight: 1, priority: line.id == "rights" || line.id == "legal" ? 2 : 1))
        }

        var people: [Volunteer] = []
        let familyNames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"]
        let givenNames = ["芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "霞"]
        for i in 0..<volunteers {
            let share = Double(i) / Double(max(volunteers, 1))
            var skills: [String: Int] = [:]
            let group: String
            if share < 0.51 {
                group = "rights-legal"
                skills["rights"] = 1
                if Int.random(in: 0..<2, using: &rng) == 0 { skills["legal"] = Int.random(in: 1...3, using: &rng) }
                if Int.random(in: 0..<4, using: &rng) == 0 { skills["family"] = 1 }
            } else if share < 0.63 {
                group = "health"
                skills["health"] = 1
                skills["psychological"] = Int.random(in: 1...2, using: &rng)
            } else {
                group = "caring"
                skills["caring"] = 1
                if Int.random(in: 0..<2, using: &rng) == 0 { skills["housekeeping"] = 1 }
                if Int.random(in: 0..<3, using: &rng) == 0 { skills["family"] = 1 }
                if Int.random(in: 0..<5, using: &rng) == 0 { skills["psychological"] = 1 }
            }
            // Availability: most are free on some weekdays, some only in the evenings or at weekends.
            var weekly: [WeeklyWindow] = []
            let pattern = Int.random(in: 0..<10, using: &rng)
            let allDays = Set(Weekday.allCases)
            if pattern < 5 {
                var free = Set(Weekday.allCases.filter { _ in Int.random(in: 0..<10, using: &rng) < 6 })
                if free.isEmpty { free = [.monday] }
                weekly.append(WeeklyWindow(days: free, window: DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 22))))
            } else if pattern < 7 {
                weekly.append(WeeklyWindow(days: allDays, window: DailyWindow(start: TimeOfDay(hour: 15), end: TimeOfDay(hour: 22))))
            } else if pattern < 8 {
                weekly.append(WeeklyWindow(days: [.saturday, .sunday], window: DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 22))))
            }
            var exceptions: [DatedException] = []
            if Int.random(in: 0..<4, using: &rng) == 0 {
                exceptions.append(DatedException(date: start.adding(days: Int.random(in: 0..<max(days, 1), using: &rng)), available: false))
            }
            var requests: [ShiftRequest] = []
            if Int.random(in: 0..<3, using: &rng) == 0 {
                requests.append(ShiftRequest(date: start.adding(days: Int.random(in: 0..<max(days, 1), using: &rng)), wantsToWork: false, weight: Double(Int.random(in: 1...3, using: &rng))))
            }
            let weeks = Double(days) / 7
            people.append(Volunteer(
                id: paddedID("v", i + 1),
                name: familyNames[Int.random(in: 0..<familyNames.count, using: &rng)] + givenNames[Int.random(in: 0..<givenNames.count, using: &rng)],
                skills: skills, groups: [group], homeSite: homes.isEmpty ? nil : homes[Int.random(in: 0..<homes.count, using: &rng)],
                availability: Availability(weekly: weekly, exceptions: exceptions),
                limits: ContractLimits(maxHoursPerWeek: 21, maxShiftsPerDay: 1, maxConsecutiveDays: 3, minRestMinutes: 11 * 60, maxTravelMinutes: 120),
                preferences: Preferences(requests: requests, targetHours: 7 * weeks)))
        }

        var outreach: [OutreachEvent] = []
        let kinds: [(String, [String: Int])] = [
            ("legal advice day", ["legal": 2, "health": 1, "caring": 3]),
            ("health check", ["health": 2, "caring": 2]),
            ("caring visits", ["caring": 3]),
        ]
        for e in 0..<events {
            let kind = kinds[e % kinds.count]
            let site = villages.isEmpty ? "city" : villages[Int.random(in: 0..<villages.count, using: &rng)]
            outreach.append(OutreachEvent(
                id: "event-\(e + 1)", name: kind.0, site: site, date: start.adding(days: (e * 3 + 1) % max(days, 1)),
                window: DailyWindow(start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 16)), team: kind.1, priority: 2))
        }

        var rules = RuleSettings()
        rules.weights.fairness = 0.1
        return RosterProblem(
            name: "hotline-12338", horizon: Horizon(start: start, days: days), sites: sites,
            travel: TravelTimes(minutesPerHop: 20),
            skills: ["rights", "legal", "psychological", "health", "family", "housekeeping", "caring"],
            volunteers: people, templates: templates, coverage: coverage, events: outreach, rules: rules)
    }
}

/// `prefix` followed by `value` padded with zeros to three digits: `v007`.
func paddedID(_ prefix: String, _ value: Int) -> String {
    let digits = String(value)
    return prefix + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
}
