import LinearProgramming
import Testing
@testable import Rota

/// `rota recruit`'s claims, held to the checker on 50 generated counties: every kind of gap is
/// served or said to be held by its place; a recruit of a profile could take each gap the
/// profile claims (the explainer, on the roster with the recruit added, names them free or
/// kept out only by the place being full); every confirmed figure is the checker's on the
/// confirming roster, and solving again gives the same figure.
@Suite("Recruiting: every claim re-solves to its figure")
struct RecruitPropertyTests {
    static let seeds: [UInt64] = Array(1...50)
    static let options = RosterSolveOptions(timeLimit: 20)

    @Test(arguments: seeds)
    func everyClaimIsTheCheckers(seed: UInt64) throws {
        let county = RandomCounties.make(seed: seed)
        let problem = county.problem
        let roster = county.roster
        let advice = try Recruiter().recommend(problem, assignments: roster, top: 4, confirm: 2, options: Self.options)
        #expect(abs(advice.unfilledBefore - UnfilledTotals(RosterChecker(problem: problem).check(roster).unfilled).all.personHours) < 1e-9, "seed \(seed)")
        // The gaps served are the checker's of the roster the advice stands on (solved
        // again without recruits when confirming).
        let report = RosterChecker(problem: problem).check(advice.roster)
        #expect(report.unfilled == advice.unfilled, "seed \(seed)")
        let counted = UnfilledTotals.uniqueMissing(report.unfilled)

        // Every counted gap is served by some profile or held; none is both.
        let served = Set(advice.recommendations.flatMap(\.gaps))
        let held = Set(advice.held.map(\.gap))
        #expect(served.isDisjoint(with: held), "seed \(seed)")
        var explainer = RosterExplainer(problem: problem, assignments: advice.roster)
        for h in advice.held {
            let e = explainer.explain(report.unfilled[h.gap])
            #expect(e.free.isEmpty && e.blocked.allSatisfy { RecruitNeeds.placeReasons.contains($0.reason) } || h.reason == .other,
                    "seed \(seed): gap \(h.gap) said held by \(h.reason), explained \(e.blocked.map(\.reason))")
        }

        // What the confirmations are compared with: the scenario solved again, no recruit.
        if let without = advice.unfilledWithoutRecruits {
            let again = try RosterSolver().solve(problem, options: Self.options)
            #expect(abs(UnfilledTotals(RosterChecker(problem: problem).check(again.assignments).unfilled).all.personHours - without) < 1e-9, "seed \(seed)")
            #expect(advice.recommendations.allSatisfy { $0.unfilledBefore == without })
        }

        let network = SiteNetwork(sites: problem.sites, travel: problem.travel)
        for r in advice.recommendations {
            #expect(r.people >= 1 && r.people <= Recruiter.maximumPeoplePerProfile)
            let reachable = r.gaps.reduce(0.0) { $0 + Double(counted[$1] * report.unfilled[$1].interval.length) / 60 }
            #expect(r.reachablePersonHours <= reachable + 1e-9, "seed \(seed): \(r.profile.skills) claims more than its gaps hold")
            // A recruit of the profile could take each gap it claims.
            let added = Recruiter.adding(r.profile, count: 1, to: problem)
            let recruit = try #require(added.volunteers.last)
            var withRecruit = RosterExplainer(problem: added, assignments: advice.roster)
            for g in r.gaps {
                let u = report.unfilled[g]
                let e = withRecruit.explain(u)
                let reason = e.blocked.first { $0.volunteers.contains(recruit.id) }?.reason
                #expect(e.free.contains(recruit.id) || reason.map(RecruitNeeds.placeReasons.contains) == true,
                        "seed \(seed): the recruit \(r.profile.skills) @ \(r.profile.home ?? "-") cannot take \(u.kind) on \(u.date) (\(reason.map(\.rawValue) ?? "not qualified"))")
                if let cap = r.profile.maxTravelMinutes, let site = site(of: u, in: problem) {
                    #expect(network.minutes(r.profile.home, site) <= cap, "seed \(seed): the profile's home is out of reach of \(site)")
                }
            }
            guard let c = r.confirmation else { continue }
            // The stated figure is the checker's on the confirming roster, of the scenario
            // with exactly the profile's people added.
            #expect(c.problem.volunteers == Recruiter.adding(r.profile, count: r.people, to: problem).volunteers, "seed \(seed)")
            let check = RosterChecker(problem: c.problem).check(c.assignments)
            #expect(check.violations.isEmpty, "seed \(seed): the confirming roster breaks \(check.violations.map(\.rule))")
            #expect(abs(UnfilledTotals(check.unfilled).all.personHours - c.unfilledAfter) < 1e-9, "seed \(seed)")
            // And solving again gives the same figure.
            let again = try RosterSolver().solve(Recruiter.adding(r.profile, count: r.people, to: problem), options: Self.options)
            let figure = UnfilledTotals(RosterChecker(problem: c.problem).check(again.assignments).unfilled).all.personHours
            #expect(abs(figure - c.unfilledAfter) < 1e-9, "seed \(seed): stated \(c.unfilledAfter), re-solved \(figure)")
        }
        // The one-line reason exactly when no tried profile lowers the open hours.
        let helped = advice.recommendations.contains { ($0.unfilledAfter ?? .infinity) < $0.unfilledBefore - 1e-9 }
        let untried = !advice.recommendations.isEmpty && advice.recommendations.allSatisfy { $0.confirmation == nil }
        #expect((advice.nothingToRecommend == nil) == (helped || untried || advice.unfilledBefore <= 0), "seed \(seed)")
    }

    func site(of u: UnfilledDemand, in problem: RosterProblem) -> String? {
        switch u.kind {
        case .slot: nil // the shift's site; the hotline's shifts share one
        case let .eventRole(e, _), let .eventTeamSize(e): problem.events.first { $0.id == e }?.site
        }
    }

    /// Across the seeds, profiles serve every kind of gap, and some confirmations help.
    @Test func theCountiesExerciseEveryKind() throws {
        var kinds = Set<UnfilledTotals.Kind>()
        var helped = 0
        for seed in Self.seeds.prefix(8) {
            let county = RandomCounties.make(seed: seed)
            let advice = try Recruiter().recommend(county.problem, assignments: county.roster, top: 6, confirm: 1, options: Self.options)
            for r in advice.recommendations { kinds.formUnion(r.profile.kinds) }
            if let first = advice.recommendations.first, let after = first.unfilledAfter, after < first.unfilledBefore { helped += 1 }
        }
        #expect(kinds == Set(UnfilledTotals.Kind.allCases), "kinds served: \(kinds)")
        #expect(helped >= 4)
    }
}

/// Recruiting for a county's places: a care station in a village, an event in the same
/// township, and a team whose capped roles are full.
@Suite("Recruiting for care stations and events, by place")
struct RecruitPlacesTests {
    static let monday = CalendarDate(year: 2026, month: 3, day: 2)

    static func problem(teamBeyondCappedRoles: Bool = false) -> RosterProblem {
        let sites = [Site(id: "county", name: "东县", level: "county"), Site(id: "east", name: "东山乡", parent: "county", level: "township"),
                     Site(id: "east-v1", name: "东山村", parent: "east", level: "village"), Site(id: "west", name: "西河乡", parent: "county", level: "township")]
        var volunteers: [Volunteer] = []
        for i in 0..<2 {
            var v = Volunteer(id: "v\(i)", skills: ["legal": 1], homeSite: "west")
            v.limits.maxTravelMinutes = 20
            volunteers.append(v)
        }
        let station = ShiftTemplate(id: "station", site: "east-v1", window: DailyWindow(start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 17)), requiredSkill: "caring",
                                    weekdays: [.saturday, .sunday])
        var events = [OutreachEvent(id: "law-day", name: "法律咨询日", site: "east", date: monday.adding(days: 1),
                                    window: DailyWindow(start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 12)), team: ["legal": 1, "health": 1], minTeamSize: 2)]
        if teamBeyondCappedRoles {
            events = [OutreachEvent(id: "talk", name: "讲座", site: "west", date: monday.adding(days: 2),
                                    window: DailyWindow(start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 12)), team: ["legal": 1], minTeamSize: 2, capsRoles: true)]
            return RosterProblem(name: "held", horizon: Horizon(start: monday, days: 7), sites: sites, skills: ["legal", "health", "caring"],
                                 volunteers: volunteers, events: events)
        }
        return RosterProblem(name: "places", horizon: Horizon(start: monday, days: 7), sites: sites, skills: ["legal", "health", "caring"],
                             volunteers: volunteers, templates: [station],
                             coverage: [CoverageRequirement(id: "care", target: .shift(template: "station"), days: DaySelector(weekdays: [.saturday, .sunday]),
                                                            minimum: 1, underWeight: 5)], events: events)
    }

    @Test
    func eachGapGetsItsSkillItsPlaceAndItsDays() throws {
        let problem = Self.problem()
        let roster = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 10))
        let advice = try Recruiter().recommend(problem, assignments: roster.assignments, top: 5, confirm: 3, options: RosterSolveOptions(timeLimit: 10))
        // The station's two weekend days (16 h), the event's health role and its legal
        // role (the legal volunteers live 60 min away, beyond their 20).
        #expect(advice.unfilledBefore == 16 + 3 + 3)
        let caring = try #require(advice.recommendations.first)
        #expect(caring.profile.skills == ["caring": 1])
        #expect(caring.profile.home == "east-v1" && caring.profile.area == "east")
        #expect(caring.profile.availability == [WeeklyWindow(days: [.saturday, .sunday], window: DailyWindow(start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 17)))])
        #expect(caring.profile.kinds == [.shiftCoverage])
        #expect(caring.people == 1)
        #expect(caring.unfilledAfter == 6)
        let skills = Set(advice.recommendations.map(\.profile.skills))
        #expect(skills == [["caring": 1], ["health": 1], ["legal": 1]])
        for r in advice.recommendations where r.profile.skills != ["caring": 1] {
            #expect(r.profile.home == "east" && r.profile.kinds == [.eventRoles])
            #expect(r.unfilledAfter == 19)
        }
        #expect(advice.nothingToRecommend == nil)
    }

    @Test
    func aTeamHeldByItsCappedRolesIsNotARecruitingMatter() throws {
        let problem = Self.problem(teamBeyondCappedRoles: true)
        let roster = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 10))
        let advice = try Recruiter().recommend(problem, assignments: roster.assignments, top: 5, confirm: 3, options: RosterSolveOptions(timeLimit: 10))
        #expect(advice.unfilledBefore == 3)
        #expect(advice.recommendations.isEmpty)
        #expect(advice.held.map(\.reason) == [.roleFull])
        let why = try #require(advice.nothingToRecommend)
        #expect(why.contains("the role is full"), "\(why)")
    }
}
