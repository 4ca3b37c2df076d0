import Testing
@testable import Rota

/// One case per hard rule: the checker catches a roster broken on purpose, and accepts
/// the same roster once the rule is relaxed.
@Suite("Checker catches each broken rule")
struct CheckerRuleTests {
    static let monday = CalendarDate(year: 2026, month: 3, day: 2)

    static func base() -> RosterProblem {
        RosterProblem(
            name: "rules", horizon: Horizon(start: monday, days: 7),
            sites: [Site(id: "city"), Site(id: "centre", parent: "city"), Site(id: "town", parent: "city"), Site(id: "village", parent: "town")],
            skills: ["x", "y"],
            volunteers: [Volunteer(id: "a", skills: ["x": 1], homeSite: "centre"), Volunteer(id: "b", skills: ["y": 1], homeSite: "centre")],
            templates: [
                ShiftTemplate(id: "day", line: "L", site: "centre", window: DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 16)), requiredSkill: "x"),
                ShiftTemplate(id: "eve", line: "L", site: "centre", window: DailyWindow(start: TimeOfDay(hour: 16), end: TimeOfDay(hour: 23))),
                ShiftTemplate(id: "night", line: "L", site: "centre", window: DailyWindow(start: TimeOfDay(hour: 22), end: TimeOfDay(hour: 6))),
                ShiftTemplate(id: "early", line: "L", site: "centre", window: DailyWindow(start: TimeOfDay(hour: 5), end: TimeOfDay(hour: 10))),
                ShiftTemplate(id: "weekday", line: "L", site: "centre", window: DailyWindow(start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 12)), weekdays: [.monday]),
            ],
            events: [OutreachEvent(id: "ev", site: "village", date: monday.adding(days: 2), window: DailyWindow(start: TimeOfDay(hour: 10), end: TimeOfDay(hour: 12)),
                                   team: ["x": 1], maxTeamSize: 1)])
    }

    static func shift(_ v: String, _ t: String, _ day: Int, _ problem: RosterProblem = base()) -> Assignment {
        let index = ProblemIndex(problem)
        let ti = index.templateIndex[t]!
        return Assignment(volunteer: v, target: .shift(template: t, date: monday.adding(days: day)), date: monday.adding(days: day),
                          interval: index.interval(template: ti, day: day), site: "centre", line: "L", skill: nil)
    }

    static func event(_ v: String, skill: String = "x") -> Assignment {
        let index = ProblemIndex(base())
        return Assignment(volunteer: v, target: .event(id: "ev", skill: skill), date: monday.adding(days: 2),
                          interval: index.interval(event: 0)!, site: "village", line: nil, skill: skill)
    }

    struct Case: CustomStringConvertible, Sendable {
        var rule: String
        var mutate: @Sendable (inout RosterProblem) -> Void = { _ in }
        var roster: @Sendable () -> [Assignment]
        var description: String { rule }
    }

    static let cases: [Case] = [
        Case(rule: "duplicate", roster: { [shift("a", "day", 0), shift("a", "day", 0)] }),
        Case(rule: "unknown-volunteer", roster: { [shift("zz", "day", 0)] }),
        Case(rule: "unknown-template", roster: {
            [Assignment(volunteer: "a", target: .shift(template: "nope", date: monday), date: monday, interval: MinuteInterval(0, 60), site: nil, line: nil, skill: nil)]
        }),
        Case(rule: "unknown-event", roster: {
            [Assignment(volunteer: "a", target: .event(id: "nope", skill: "x"), date: monday, interval: MinuteInterval(0, 60), site: nil, line: nil, skill: nil)]
        }),
        Case(rule: "outside-horizon", roster: {
            [Assignment(volunteer: "a", target: .shift(template: "day", date: monday.adding(days: 9)), date: monday.adding(days: 9),
                        interval: MinuteInterval(0, 60), site: nil, line: nil, skill: nil)]
        }),
        Case(rule: "not-offered", roster: { [shift("a", "weekday", 1)] }),
        Case(rule: "skill", roster: { [shift("b", "day", 0)] }),
        Case(rule: "times", roster: { var s = shift("a", "day", 0); s.interval.end += 30; return [s] }),
        Case(rule: "availability", mutate: { $0.volunteers[0].availability.exceptions = [DatedException(date: monday, available: false)] },
             roster: { [shift("a", "day", 0)] }),
        Case(rule: "travel", mutate: { $0.volunteers[0].limits.maxTravelMinutes = 30 }, roster: { [event("a")] }),
        Case(rule: "forbidden", mutate: { $0.rules.forbidden = [AssignmentKey(volunteer: "a", target: .shift(template: "eve", date: monday))] },
             roster: { [shift("a", "eve", 0)] }),
        Case(rule: "overlap", roster: { [shift("a", "eve", 0), shift("a", "night", 0)] }),
        Case(rule: "rest", mutate: { $0.volunteers[0].limits.minRestMinutes = 60 }, roster: { [shift("a", "day", 0), shift("a", "eve", 0)] }),
        Case(rule: "rest", roster: {
            // A shift at the centre ending at 10:00, then an event in the village at 10:00: no time to travel.
            [shift("a", "early", 2), event("a")]
        }),
        Case(rule: "max-shifts-per-day", mutate: { $0.volunteers[0].limits.maxShiftsPerDay = 1 }, roster: { [shift("a", "day", 0), shift("a", "eve", 0)] }),
        Case(rule: "max-hours-per-day", mutate: { $0.volunteers[0].limits.maxHoursPerDay = 10 }, roster: { [shift("a", "day", 0), shift("a", "eve", 0)] }),
        Case(rule: "min-hours-per-day", mutate: { $0.volunteers[0].limits.minHoursPerDay = 10 }, roster: { [shift("a", "day", 0)] }),
        Case(rule: "max-hours-per-week", mutate: { $0.volunteers[0].limits.maxHoursPerWeek = 10 }, roster: { [shift("a", "day", 0), shift("a", "day", 1)] }),
        Case(rule: "min-hours-per-week", mutate: { $0.volunteers[0].limits.minHoursPerWeek = 20 }, roster: { [shift("a", "day", 0)] }),
        Case(rule: "max-hours-per-period", mutate: { $0.volunteers[0].limits.maxHoursPerPeriod = 10 }, roster: { [shift("a", "day", 0), shift("a", "day", 3)] }),
        Case(rule: "min-hours-per-period", mutate: { $0.volunteers[0].limits.minHoursPerPeriod = 9 }, roster: { [shift("a", "day", 0)] }),
        Case(rule: "max-consecutive-days", mutate: { $0.volunteers[0].limits.maxConsecutiveDays = 2 },
             roster: { [shift("a", "day", 1), shift("a", "day", 2), shift("a", "day", 3)] }),
        Case(rule: "min-consecutive-days", mutate: { $0.volunteers[0].limits.minConsecutiveDays = 2 }, roster: { [shift("a", "day", 3)] }),
        Case(rule: "min-consecutive-days-off", mutate: { $0.volunteers[0].limits.minConsecutiveDaysOff = 2 },
             roster: { [shift("a", "day", 1), shift("a", "day", 3)] }),
        Case(rule: "max-weekends", mutate: { $0.volunteers[0].limits.maxWeekends = 0 }, roster: { [shift("a", "day", 6)] }),
        Case(rule: "max-shifts-per-template", mutate: { $0.volunteers[0].limits.maxShiftsPerTemplate = ["day": 1] },
             roster: { [shift("a", "day", 0), shift("a", "day", 2)] }),
        Case(rule: "forbidden-sequence", mutate: { $0.rules.forbiddenSequences = [ForbiddenSequence(first: "eve", second: "day")] },
             roster: { [shift("a", "eve", 0), shift("a", "day", 1)] }),
        Case(rule: "pinned", mutate: { $0.rules.pinned = [AssignmentKey(volunteer: "a", target: .shift(template: "day", date: monday))] }, roster: { [] }),
        Case(rule: "event-role", roster: { [event("a", skill: "y")] }),
        Case(rule: "max-team-size", mutate: { $0.volunteers[1].skills["x"] = 1 }, roster: { [event("a"), event("b")] }),
    ]

    @Test(arguments: cases)
    func checkerCatchesTheBrokenRule(_ c: Case) {
        var problem = Self.base()
        c.mutate(&problem)
        let report = RosterChecker(problem: problem).check(c.roster())
        #expect(report.violations.contains { $0.rule.rawValue == c.rule }, "expected [\(c.rule)], got \(report.violations)")
    }

    @Test func theBaseRostersAreCleanWithoutTheRule() {
        // The same rosters against the unmodified problem raise none of the rule-specific violations.
        let relaxable: Set<String> = [
            "availability", "travel", "forbidden", "max-shifts-per-day", "max-hours-per-day", "min-hours-per-day", "max-hours-per-week",
            "min-hours-per-week", "max-hours-per-period", "min-hours-per-period", "max-consecutive-days", "min-consecutive-days",
            "min-consecutive-days-off", "max-weekends", "max-shifts-per-template", "forbidden-sequence", "pinned",
        ]
        for c in Self.cases where relaxable.contains(c.rule) {
            let report = RosterChecker(problem: Self.base()).check(c.roster())
            #expect(report.violations.isEmpty, "\(c.rule): \(report.violations)")
        }
    }

    @Test func runsTouchingTheHorizonEdgesAreExemptFromMinimums() {
        var problem = Self.base()
        problem.volunteers[0].limits.minConsecutiveDays = 3
        problem.volunteers[0].limits.minConsecutiveDaysOff = 3
        // Work on day 0 only (touches the start), then off days 1–5 (fine), then work day 6 (touches the end).
        let report = RosterChecker(problem: problem).check([Self.shift("a", "day", 0), Self.shift("a", "day", 6)])
        #expect(report.violations.isEmpty, "\(report.violations)")
    }

    @Test func objectiveCountsCoverageRequestsAndFairness() {
        var problem = Self.base()
        problem.coverage = [CoverageRequirement(id: "c", target: .shift(template: "day"), days: DaySelector(dates: [Self.monday]), minimum: 2, maximum: 2,
                                                underWeight: 10, overWeight: 1, priority: 3)]
        problem.volunteers[0].preferences.requests = [ShiftRequest(date: Self.monday, template: "eve", wantsToWork: true, weight: 2)]
        problem.volunteers[0].preferences.targetHours = 10
        problem.rules.weights.fairness = 0.5
        let report = RosterChecker(problem: problem).check([Self.shift("a", "day", 0)])
        #expect(report.objective.byRule["coverage.under"] == 30)
        #expect(report.objective.byRule["requests"] == 2)
        #expect(report.objective.byRule["fairness"] == 1)  // |8 − 10| × 0.5
        // The base problem's event is unstaffed too: one role and one team member.
        #expect(report.objective.byRule["events.under"] == 1)
        #expect(report.objective.byRule["events.team-size"] == 1)
        #expect(report.objective.coverage == 32)
        #expect(report.objective.soft == 3)
        #expect(report.unfilled.count == 3)
        #expect(report.unfilled.first { if case .slot = $0.kind { true } else { false } }?.missing == 1)
    }
}
