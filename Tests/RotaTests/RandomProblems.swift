import LinearProgramming
@testable import Rota

/// Seeded random roster problems, small enough to check by brute force when `tiny`.
enum RandomProblems {
    static func make(seed: UInt64, tiny: Bool) -> RosterProblem {
        var rng = SeededGenerator(seed: seed)
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        func pick<T>(_ a: [T]) -> T { a[Int.random(in: 0..<a.count, using: &rng)] }
        // Start on a Friday so short horizons contain a weekend.
        let start = CalendarDate(year: 2026, month: 3, day: 6)
        let days = tiny ? Int.random(in: 2...3, using: &rng) : Int.random(in: 4...7, using: &rng)
        let sites = [Site(id: "city"), Site(id: "centre", parent: "city"), Site(id: "town", parent: "city"), Site(id: "village", parent: "town")]
        let skills = ["a", "b"]
        let windows = [
            DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 14)),
            DailyWindow(start: TimeOfDay(hour: 13), end: TimeOfDay(hour: 20)),
            DailyWindow(start: TimeOfDay(hour: 20), end: TimeOfDay(hour: 2)),
            DailyWindow(start: TimeOfDay(hour: 14), end: TimeOfDay(hour: 22)),
        ]
        let templateCount = tiny ? 2 : Int.random(in: 2...4, using: &rng)
        var templates: [ShiftTemplate] = []
        for t in 0..<templateCount {
            templates.append(ShiftTemplate(
                id: "t\(t)", line: chance(0.7) ? "L1" : "L2", site: chance(0.8) ? "centre" : "town", window: windows[t % windows.count],
                requiredSkill: chance(0.6) ? pick(skills) : nil, weekdays: chance(0.2) ? [.friday, .saturday, .monday] : []))
        }
        let volunteerCount = tiny ? 2 : Int.random(in: 3...6, using: &rng)
        var volunteers: [Volunteer] = []
        for v in 0..<volunteerCount {
            var s: [String: Int] = [:]
            for k in skills where chance(0.6) { s[k] = 1 }
            var limits = ContractLimits()
            if chance(0.5) { limits.maxShiftsPerDay = 1 }
            if chance(0.3) { limits.maxConsecutiveDays = Int.random(in: 1...2, using: &rng) }
            if chance(0.3), (limits.maxConsecutiveDays ?? 2) >= 2 { limits.minConsecutiveDays = 2 }
            if chance(0.3) { limits.minConsecutiveDaysOff = 2 }
            if chance(0.3) { limits.maxWeekends = 0 }
            if chance(0.3) { limits.maxHoursPerWeek = Double(Int.random(in: 6...20, using: &rng)) }
            if chance(0.25) { limits.minHoursPerPeriod = Double(Int.random(in: 4...14, using: &rng)) }
            if chance(0.2) { limits.maxHoursPerDay = 8 }
            if chance(0.2) { limits.minHoursPerDay = 7 }
            if chance(0.3) { limits.maxShiftsPerTemplate = ["t0": Int.random(in: 0...1, using: &rng)] }
            if chance(0.2) { limits.minRestMinutes = 8 * 60 }
            if chance(0.2) { limits.maxTravelMinutes = 20 }
            var availability = Availability()
            if chance(0.4) {
                availability.weekly = [WeeklyWindow(days: Set(Weekday.allCases.filter { _ in chance(0.7) }),
                                                    window: DailyWindow(start: TimeOfDay(hour: 7), end: TimeOfDay(hour: 21)))]
            }
            if chance(0.3) { availability.exceptions = [DatedException(date: start.adding(days: Int.random(in: 0..<days, using: &rng)), available: false)] }
            var prefs = Preferences()
            if chance(0.5) {
                prefs.requests.append(ShiftRequest(date: start.adding(days: Int.random(in: 0..<days, using: &rng)),
                                                   template: chance(0.5) ? pick(templates).id : nil, wantsToWork: chance(0.5),
                                                   weight: Double(Int.random(in: 1...3, using: &rng))))
            }
            if chance(0.2) { prefs.requests.append(ShiftRequest(template: pick(templates).id, wantsToWork: chance(0.5), weight: 1)) }
            if chance(0.3) { prefs.targetHours = Double(Int.random(in: 0...16, using: &rng)) }
            if chance(0.2) { prefs.avoidedSites = ["town"] }
            if chance(0.2) { prefs.preferredSites = ["centre"] }
            if chance(0.2) {
                prefs.preferredTimes = [WeeklyWindow(days: Set(Weekday.allCases), window: DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 20)))]
            }
            if chance(0.2) {
                prefs.undesiredTimes = [WeeklyWindow(days: Set(Weekday.allCases), window: DailyWindow(start: TimeOfDay(hour: 18), end: TimeOfDay(hour: 23)))]
            }
            volunteers.append(Volunteer(id: "v\(v)", name: "志愿者\(v)", skills: s, homeSite: pick(["centre", "town", "village"]),
                                        availability: availability, limits: limits, preferences: prefs))
        }
        var coverage: [CoverageRequirement] = []
        coverage.append(CoverageRequirement(
            id: "c-slots", target: .slots(line: "L1", skill: nil, window: DailyWindow(start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 19)), slotMinutes: 120),
            minimum: Int.random(in: 1...2, using: &rng), maximum: chance(0.5) ? 2 : nil, underWeight: 5, overWeight: 1,
            priority: Double(Int.random(in: 1...2, using: &rng))))
        if templates.contains(where: { $0.line == "L2" }) || chance(0.5) {
            coverage.append(CoverageRequirement(id: "c-shift", target: .shift(template: templates.last!.id), minimum: 1, maximum: 1, underWeight: 3, overWeight: 2))
        }
        if !templates.contains(where: { $0.line == "L1" }) { templates[0].line = "L1" }
        var events: [OutreachEvent] = []
        if chance(tiny ? 0.4 : 0.6) {
            events.append(OutreachEvent(id: "e0", site: "village", date: start.adding(days: Int.random(in: 0..<days, using: &rng)),
                                        window: DailyWindow(start: TimeOfDay(hour: 10), end: TimeOfDay(hour: 12)),
                                        team: tiny ? ["a": 1] : ["a": 1, "b": 1], minTeamSize: tiny ? 1 : 3, maxTeamSize: tiny ? 1 : 3))
        }
        var rules = RuleSettings()
        rules.minRestMinutes = chance(0.3) ? 60 : 0
        if chance(0.3) { rules.forbiddenSequences = [ForbiddenSequence(first: templates.last!.id, second: templates[0].id)] }
        rules.fairness = chance(0.5) ? .totalDeviation : .maxDeviation
        rules.weights.fairness = chance(0.7) ? 0.5 : 0
        rules.weights.homeArea = chance(0.5) ? 0.25 : 0
        rules.weights.continuity = chance(0.4) ? 0.75 : 0
        rules.objective = chance(0.5) ? .lexicographic : .weighted
        rules.weights.hard = 1000
        if chance(0.25) {
            rules.pinned = [AssignmentKey(volunteer: "v0", target: .shift(template: "t0", date: start))]
        }
        if chance(0.2) {
            rules.forbidden = [AssignmentKey(volunteer: "v1", target: .shift(template: templates.last!.id, date: start.adding(days: 1)))]
        }
        if chance(0.2) {
            rules.baseline = [AssignmentKey(volunteer: "v1", target: .shift(template: "t0", date: start)),
                              AssignmentKey(volunteer: "v0", target: .shift(template: templates.last!.id, date: start.adding(days: 1)))]
        }
        return RosterProblem(name: "random-\(seed)", horizon: Horizon(start: start, days: days), sites: sites, skills: skills,
                             volunteers: volunteers, templates: templates, coverage: coverage, events: events, rules: rules)
    }

    /// Every assignment that could be written down for `problem`, eligible or not.
    static func allAssignments(_ problem: RosterProblem) -> [Assignment] {
        let index = ProblemIndex(problem)
        var result: [Assignment] = []
        for v in problem.volunteers {
            for (t, template) in problem.templates.enumerated() {
                for d in 0..<problem.horizon.days where template.isOffered(on: problem.horizon.date(d)) {
                    result.append(Assignment(volunteer: v.id, target: .shift(template: template.id, date: problem.horizon.date(d)),
                                             date: problem.horizon.date(d), interval: index.interval(template: t, day: d),
                                             site: template.site, line: template.line, skill: template.requiredSkill))
                }
            }
            for (e, event) in problem.events.enumerated() {
                for skill in event.teamSkills {
                    result.append(Assignment(volunteer: v.id, target: .event(id: event.id, skill: skill), date: event.date,
                                             interval: index.interval(event: e)!, site: event.site, line: nil, skill: skill))
                }
            }
        }
        return result
    }
}
