import LinearProgramming
import Testing
@testable import Rota

/// Small seeded counties shaped like the federation's month: a hotline of two lines with a
/// fixed number of phones (hard maxima), a care station staffed by its own shift, outreach
/// events whose roles are capped and whose teams have a minimum and a maximum size,
/// volunteers in villages with travel limits, leave, and then a changes file's absences
/// and a departure. Rosters are built greedily from a seeded order (never better than a
/// solver's, so that every kind of gap stays open) and always valid.
enum RandomCounties {
    struct Case {
        var problem: RosterProblem
        var roster: [Assignment]
        var changes: RosterChanges
    }

    static func make(seed: UInt64) -> Case {
        var rng = SeededGenerator(seed: seed &* 7_919 &+ 13)
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
        let start = CalendarDate(year: 2026, month: 3, day: 2)
        let days = int(4...7)
        let sites = [Site(id: "city"), Site(id: "centre", parent: "city"), Site(id: "east", parent: "city"), Site(id: "east-v1", parent: "east"),
                     Site(id: "west", parent: "city"), Site(id: "west-v1", parent: "west")]
        let skills = ["legal", "health", "caring"]
        let am = DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 15))
        let pm = DailyWindow(start: TimeOfDay(hour: 15), end: TimeOfDay(hour: 22))
        let templates = [
            ShiftTemplate(id: "rights-am", line: "rights", site: "centre", window: am, requiredSkill: "legal"),
            ShiftTemplate(id: "rights-pm", line: "rights", site: "centre", window: pm, requiredSkill: "legal"),
            // Overlapping both: one more person here can fill a morning gap and break the
            // phones' maximum in the afternoon.
            ShiftTemplate(id: "rights-mid", line: "rights", site: "centre", window: DailyWindow(start: TimeOfDay(hour: 11), end: TimeOfDay(hour: 18)),
                          requiredSkill: "legal"),
            ShiftTemplate(id: "psy-pm", line: "psy", site: "centre", window: pm, requiredSkill: chance(0.5) ? "health" : nil),
            ShiftTemplate(id: "station", site: chance(0.5) ? "east" : "west", window: DailyWindow(start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 17)),
                          requiredSkill: "caring"),
        ]
        let phones = int(1...2)
        var coverage = [
            CoverageRequirement(id: "rights", target: .slots(line: "rights", skill: nil, window: DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 22)), slotMinutes: 60),
                                minimum: int(1...phones), maximum: phones, underWeight: 10, hardMaximum: true),
            CoverageRequirement(id: "psy", target: .slots(line: "psy", skill: nil, window: pm, slotMinutes: 60), minimum: 1, maximum: 1, underWeight: 8, hardMaximum: true),
        ]
        coverage.append(CoverageRequirement(id: "care-station", target: .shift(template: "station"), minimum: int(1...2), underWeight: 6))
        var events: [OutreachEvent] = []
        for e in 0..<int(1...3) {
            let legal = int(0...2), health = int(0...1), caring = int(1...2)
            var team: [String: Int] = ["caring": caring]
            if legal > 0 { team["legal"] = legal }
            if health > 0 { team["health"] = health }
            let roles = team.values.reduce(0, +)
            let minimum = roles + (chance(0.4) ? int(1...2) : 0)
            events.append(OutreachEvent(
                id: "e\(e)", site: chance(0.5) ? "east-v1" : "west-v1", date: start.adding(days: int(0...(days - 1))),
                window: DailyWindow(start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 12)), team: team,
                minTeamSize: minimum, maxTeamSize: chance(0.5) ? minimum + int(0...1) : nil,
                priority: Double(int(1...2)), capsRoles: chance(0.7)))
        }
        var volunteers: [Volunteer] = []
        for v in 0..<int(7...12) {
            var s: [String: Int] = [:]
            for k in skills where chance(0.45) { s[k] = 1 }
            if s.isEmpty { s[skills[v % 3]] = 1 }
            var limits = ContractLimits()
            limits.maxShiftsPerDay = chance(0.7) ? 1 : nil
            if chance(0.4) { limits.maxHoursPerWeek = Double(int(7...21)) }
            if chance(0.3) { limits.maxConsecutiveDays = int(1...3) }
            if chance(0.4) { limits.maxTravelMinutes = int(0...2) * 20 }
            if chance(0.2) { limits.minRestMinutes = 10 * 60 }
            var availability = Availability()
            if chance(0.3) {
                availability.weekly = [WeeklyWindow(days: Set(Weekday.allCases.filter { _ in chance(0.7) }), window: chance(0.5) ? am : pm)]
            }
            if chance(0.3) { availability.exceptions = [DatedException(date: start.adding(days: int(0...(days - 1))), available: false)] }
            var preferences = Preferences()
            if chance(0.4) { preferences.targetHours = Double(int(0...21)) }
            volunteers.append(Volunteer(id: "v\(v)", name: "志愿者\(v)", skills: s, homeSite: ["centre", "east", "east-v1", "west", "west-v1"][int(0...4)],
                                        availability: availability, limits: limits, preferences: preferences))
        }
        var rules = RuleSettings()
        rules.weights.fairness = 0.5
        rules.weights.homeArea = 0.25
        rules.objective = .weighted
        let problem = RosterProblem(name: "county-\(seed)", horizon: Horizon(start: start, days: days), sites: sites, skills: skills,
                                    volunteers: volunteers, templates: templates, coverage: coverage, events: events, rules: rules)

        // A valid roster, greedily: every possible assignment in a seeded order, each kept
        // when the checker finds nothing new broken, and about one in three skipped.
        var all = RosterExplainer.allPlaces(problem).shuffled(using: &rng)
        all.removeAll { _ in chance(0.35) }
        let checker = RosterChecker(problem: problem)
        var roster: [Assignment] = []
        for a in all where checker.check(roster + [a]).violations.isEmpty { roster.append(a) }

        // A flu week and someone leaving.
        let working = Array(Set(roster.map(\.volunteer))).sorted()
        var changes = RosterChanges(today: start.adding(days: 1))
        for v in working.prefix(int(1...3)) {
            changes.absences.append(.init(volunteer: v, dates: [start.adding(days: int(1...(days - 1))), start.adding(days: int(1...(days - 1)))]))
        }
        if let last = working.last, chance(0.5) { changes.departures.append(.init(volunteer: last, from: start.adding(days: int(2...(days - 1))))) }
        return Case(problem: problem, roster: roster, changes: changes)
    }
}

extension RosterExplainer {
    /// Every assignment of every volunteer to every place, eligible or not (tests only).
    static func allPlaces(_ problem: RosterProblem) -> [Assignment] {
        let whatIf = WhatIf(problem: problem, assignments: [])
        var result: [Assignment] = []
        for v in problem.volunteers {
            for t in problem.templates.indices {
                for d in 0..<problem.horizon.days where problem.templates[t].isOffered(on: problem.horizon.date(d)) {
                    result.append(whatIf.shift(volunteer: v.id, template: t, day: d))
                }
            }
            for e in problem.events.indices {
                for skill in problem.events[e].teamSkills { if let a = whatIf.eventRole(volunteer: v.id, event: e, skill: skill) { result.append(a) } }
            }
        }
        return result
    }
}

/// Every answer a coordinator reads about a gap is the checker's: on 60 seeded counties,
/// before and after a changes file, every name said to be able to take a gap is a roster
/// the checker accepts, every qualified person not named is kept out by the rule stated
/// for them, every allowed cover candidate is valid and none is on leave, candidates come
/// in the stated order, and the totals count each unit of demand once.
@Suite("Gap answers are the checker's, on generated counties")
struct GapAnswerPropertyTests {
    static let seeds = 1...60 as ClosedRange<UInt64>

    static func signature(_ v: RuleViolation) -> String { "\(v.rule)|\(v.volunteer ?? "")|\(v.date?.description ?? "")|\(v.message)" }

    /// Violations of `assignments` that `base` does not have, by the checker on the whole roster.
    static func newViolations(_ checker: RosterChecker, _ base: CheckReport, _ assignments: [Assignment]) -> [RuleViolation] {
        let was = Set(base.violations.map(signature))
        return checker.check(assignments).violations.filter { !was.contains(signature($0)) }
    }

    /// The explanation of every gap against the whole-roster checker.
    static func checkExplanations(_ problem: RosterProblem, _ roster: [Assignment], seed: UInt64) -> (gaps: Int, named: Int, blocked: Int) {
        let checker = RosterChecker(problem: problem)
        let base = checker.check(roster)
        var explainer = RosterExplainer(problem: problem, assignments: roster)
        var named = 0, blockedSeen = 0
        for u in base.unfilled {
            let e = explainer.explain(u)
            let options = Dictionary(explainer.options(for: u).map { ($0.volunteer, $0.options) }, uniquingKeysWith: { a, _ in a })
            #expect(e.qualified == options.count, "seed \(seed)")
            #expect(e.free.count + e.blocked.reduce(0) { $0 + $1.volunteers.count } == e.qualified, "seed \(seed)")
            for id in e.free {
                named += 1
                let fits = options[id]!.contains { Self.newViolations(checker, base, roster + [$0]).isEmpty }
                #expect(fits, "seed \(seed): \(id) is said able to take \(u.kind) on \(u.date) \(u.interval), but the checker rejects every option")
            }
            for group in e.blocked {
                for id in group.volunteers {
                    blockedSeen += 1
                    let v = problem.volunteers.first { $0.id == id }!
                    var stated = false
                    for option in options[id]! {
                        let broken = Self.newViolations(checker, base, roster + [option])
                        #expect(!broken.isEmpty, "seed \(seed): \(id) said kept out (\(group.reason)) but \(option.key) breaks nothing")
                        if broken.contains(where: { BlockReason.of($0, volunteer: v, date: u.date) == group.reason }) { stated = true }
                    }
                    #expect(stated, "seed \(seed): \(id) said kept out by \(group.reason), a rule none of their options breaks")
                }
            }
            if let main = e.mainBlock { #expect(main.count == e.blocked.map(\.volunteers.count).max(), "seed \(seed)") }
        }
        return (base.unfilled.count, named, blockedSeen)
    }

    /// The people each event is short of, counted from the roster itself: the larger of its
    /// roles' shortfalls and its team's.
    static func eventShortfalls(_ problem: RosterProblem, _ roster: [Assignment]) -> (people: Int, personHours: Double) {
        var people = 0, hours = 0.0
        let index = ProblemIndex(problem)
        for (e, event) in problem.events.enumerated() {
            let mine = roster.filter { if case .event(event.id, _) = $0.target { true } else { false } }
            let roles = event.team.reduce(0) { sum, role in sum + max(0, role.value - mine.filter { $0.skill == role.key }.count) }
            let short = max(roles, event.minTeamSize - mine.count)
            people += short
            hours += Double(short) * Double(index.interval(event: e)!.length) / 60
        }
        return (people, hours)
    }

    @Test(arguments: seeds)
    func everyAnswerIsTheCheckers(seed: UInt64) throws {
        let county = RandomCounties.make(seed: seed)
        let problem = county.problem
        try problem.validate()
        #expect(RosterChecker(problem: problem).check(county.roster).isValid, "seed \(seed): the greedy roster is valid")

        // Before the changes, and after them: the absent people's assignments leave the roster.
        let changed = county.changes.apply(to: problem)
        let (staying, leaving) = county.changes.split(county.roster, horizon: problem.horizon)
        let afterCheck = RosterChecker(problem: changed).check(staying)
        #expect(afterCheck.violations.allSatisfy { $0.rule != .availability }, "seed \(seed): an absent person's assignment stayed")
        // What leaves is exactly what the changed month's checker refuses for availability.
        let refused = Set(RosterChecker(problem: changed).check(county.roster).violations.filter { $0.rule == .availability }.map { "\($0.volunteer ?? "")|\($0.date?.description ?? "")" })
        #expect(refused == Set(leaving.map { "\($0.volunteer)|\($0.date)" }), "seed \(seed)")

        for (p, roster) in [(problem, county.roster), (changed, staying)] {
            _ = Self.checkExplanations(p, roster, seed: seed)

            // Totals: each unit of demand once.
            let report = RosterChecker(problem: p).check(roster)
            let totals = UnfilledTotals(report.unfilled)
            let events = Self.eventShortfalls(p, roster)
            let eventPeople = (totals.byKind[.eventRoles]?.people ?? 0) + (totals.byKind[.eventTeamSize]?.people ?? 0)
            #expect(eventPeople == events.people, "seed \(seed): event people \(eventPeople), the roster is short of \(events.people)")
            let eventHours = (totals.byKind[.eventRoles]?.personHours ?? 0) + (totals.byKind[.eventTeamSize]?.personHours ?? 0)
            #expect(abs(eventHours - events.personHours) < 1e-9, "seed \(seed)")
            let slotPeopleHours = report.unfilled.reduce(0.0) { sum, u in
                if case .slot = u.kind { return sum + Double(u.missing * u.interval.length) / 60 }
                return sum
            }
            let slotTotals = (totals.byKind[.lineSlots]?.personHours ?? 0) + (totals.byKind[.shiftCoverage]?.personHours ?? 0)
            #expect(abs(slotTotals - slotPeopleHours) < 1e-9, "seed \(seed)")
            #expect(abs(totals.all.personHours - slotPeopleHours - events.personHours) < 1e-9, "seed \(seed)")
            #expect(UnfilledTotals.uniqueMissing(report.unfilled).reduce(0, +) == totals.all.people, "seed \(seed)")
        }

        // Cover after the changes: never the absent person on their away dates, every
        // allowed candidate valid, in the stated order.
        let away = county.changes.awayDates(in: problem.horizon)
        var advisor = CoverAdvisor(problem: changed, assignments: staying)
        let checker = RosterChecker(problem: changed)
        let base = checker.check(staying)
        for u in advisor.unfilled.prefix(6) {
            let candidates = advisor.candidates(for: u)
            for c in candidates {
                #expect(!(away[c.takes.volunteer]?.contains(u.date) ?? false), "seed \(seed): \(c.takes.volunteer) is away on \(u.date) but listed")
                if c.isAllowed {
                    var changedRoster = staying
                    if let h = c.handOver { changedRoster.removeAll { $0.key == h.gives }; changedRoster.append(h.to) }
                    changedRoster.append(c.takes)
                    #expect(Self.newViolations(checker, base, changedRoster).isEmpty, "seed \(seed): candidate \(c.takes.key) breaks a rule")
                    #expect(abs(checker.check(changedRoster).objective.total - base.objective.total - c.objectiveChange) < 1e-6, "seed \(seed)")
                }
            }
            let allowed = candidates.prefix { $0.isAllowed }
            #expect(allowed.count == candidates.filter(\.isAllowed).count, "seed \(seed): an allowed candidate after one that breaks a rule")
            for (a, b) in zip(allowed, allowed.dropFirst()) {
                #expect((a.peopleDisturbed, a.objectiveChange - 1e-9) <= (b.peopleDisturbed, b.objectiveChange), "seed \(seed): \(a.takes.key) before \(b.takes.key)")
            }
        }
        // Giving a shift away: the giver is never the taker, and every allowed answer is valid
        // on the roster without the giver's shift.
        if let given = staying.first(where: { if case .shift = $0.target { true } else { false } }) {
            let without = staying.filter { $0.key != given.key }
            let baseWithout = checker.check(without)
            for c in try #require(advisor.candidates(givingAway: given.key)) {
                #expect(c.takes.volunteer != given.volunteer, "seed \(seed)")
                guard c.isAllowed else { continue }
                var r = without
                if let h = c.handOver { r.removeAll { $0.key == h.gives }; r.append(h.to) }
                r.append(c.takes)
                #expect(Self.newViolations(checker, baseWithout, r).isEmpty, "seed \(seed): \(c.takes.key) for \(given.key)")
            }
        }
    }

    /// The suite sees what it is about: across the seeds, capped roles turn people away
    /// (`role-full`), phones turn people away (`places-full`), someone is named able to
    /// take a gap, and event teams are short beyond their roles.
    @Test func theCountiesExerciseEveryKindOfAnswer() throws {
        var reasons = Set<BlockReason>()
        var named = 0, teamBeyondRoles = 0, gaps = 0
        for seed in Self.seeds {
            let county = RandomCounties.make(seed: seed)
            let report = RosterChecker(problem: county.problem).check(county.roster)
            var explainer = RosterExplainer(problem: county.problem, assignments: county.roster)
            gaps += report.unfilled.count
            for u in report.unfilled {
                let e = explainer.explain(u)
                named += e.free.count
                reasons.formUnion(e.blocked.map(\.reason))
            }
            teamBeyondRoles += UnfilledTotals(report.unfilled).byKind[.eventTeamSize]?.people ?? 0
        }
        #expect(gaps > 100)
        #expect(named > 0)
        #expect(teamBeyondRoles > 0)
        for r in [BlockReason.roleFull, .placesFull, .travel, .onLeave, .alreadyWorking] { #expect(reasons.contains(r), "no gap turned anyone away as \(r)") }
    }
}
