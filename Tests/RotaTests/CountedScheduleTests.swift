import RotaGLPK
import GLPK
import LinearProgramming
import Testing
@testable import Rota

/// Random one-volunteer problems shaped like the federation's hotline: one assignment a
/// day, shifts of 4, 5 and 7 hours, an outreach role, a weekly hour cap, a longest run of
/// working days, minimum hours per week and per period, target hours under fairness, and
/// date requests. The horizon starts on a Monday and runs into a second week.
enum CountedProblems {
    static func make(seed: UInt64, volunteers: Int = 1) -> RosterProblem {
        var rng = SeededGenerator(seed: seed)
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        let start = CalendarDate(year: 2027, month: 3, day: 1)  // a Monday
        let days = Int.random(in: 7...8, using: &rng)
        let spans = [(8, 12), (12, 17), (8, 15), (15, 22)]
        let templates = spans.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng)).map { a, b in
            ShiftTemplate(id: "t\(a)-\(b)", line: "legal", window: DailyWindow(start: TimeOfDay(hour: a), end: TimeOfDay(hour: b)), requiredSkill: "legal")
        }
        var limits = ContractLimits(maxShiftsPerDay: 1)
        if chance(0.7) { limits.maxHoursPerWeek = Double(Int.random(in: 8...24, using: &rng)) }
        if chance(0.6) { limits.maxConsecutiveDays = Int.random(in: 1...4, using: &rng) }
        if chance(0.3) { limits.minHoursPerWeek = Double(Int.random(in: 4...12, using: &rng)) }
        if chance(0.3) { limits.minHoursPerPeriod = Double(Int.random(in: 4...20, using: &rng)) }
        if chance(0.3) { limits.maxHoursPerPeriod = Double(Int.random(in: 12...30, using: &rng)) }
        if let low = limits.minHoursPerWeek, let high = limits.maxHoursPerWeek { limits.minHoursPerWeek = min(low, high) }
        if let low = limits.minHoursPerPeriod, let high = limits.maxHoursPerPeriod { limits.minHoursPerPeriod = min(low, high) }
        var availability = Availability()
        if chance(0.5) { availability.exceptions = [DatedException(date: start.adding(days: Int.random(in: 0..<days, using: &rng)), available: false)] }
        var requests: [ShiftRequest] = []
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            requests.append(ShiftRequest(date: start.adding(days: Int.random(in: 0..<days, using: &rng)), wantsToWork: chance(0.5),
                                         weight: Double([5, 20].randomElement(using: &rng)!)))
        }
        // A target under fairness: a rule the sequence model does not keep.
        let target = Double(Int.random(in: 0...30, using: &rng))
        var rules = RuleSettings()
        // Rest into the next day: 15–22 then 08–12 leaves 10 hours.
        if chance(0.5) { rules.minRestMinutes = 660 }
        rules.objective = .weighted
        rules.weights.fairness = 1
        rules.weights.homeArea = 0
        rules.weights.hard = 100
        rules.weights.events = 70
        let coverage = templates.map { t in
            CoverageRequirement(id: "c-\(t.id)", target: .shift(template: t.id), minimum: volunteers > 1 ? 2 : 1, maximum: volunteers > 1 ? 2 : 1,
                                underWeight: Double(Int.random(in: 1...40, using: &rng)), overWeight: 3)
        }
        var events: [OutreachEvent] = []
        if chance(0.6) {
            events.append(OutreachEvent(id: "e", site: "township", date: start.adding(days: Int.random(in: 0..<days, using: &rng)),
                                        window: DailyWindow(start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 16)), team: ["legal": 1],
                                        minTeamSize: 0, maxTeamSize: 1))
        }
        let people = (0..<volunteers).map { v in
            Volunteer(id: "v\(v)", skills: ["legal": 1], homeSite: "township", availability: availability, limits: limits,
                      preferences: Preferences(requests: requests, targetHours: target))
        }
        return RosterProblem(name: "counted-\(seed)", horizon: Horizon(start: start, days: days, timeZone: "UTC"),
                             sites: [Site(id: "township")], skills: ["legal"], volunteers: people, templates: Array(templates),
                             coverage: coverage, events: events, rules: rules)
    }
}

@Suite("Counted schedule model equals brute force, its own costs match the model's")
struct CountedScheduleTests {
    /// The volunteer's schedule model is the counting one, and its cheapest path is the
    /// cheapest schedule the MIP accepts, where a schedule costs its options' costs plus
    /// what the MIP's own auxiliaries (fairness deviation, hour shortfalls) cost for it at
    /// their least feasible values: the rows and the model's treatment agree.
    @Test(arguments: 0..<80)
    func cheapestPathIsTheCheapestScheduleTheModelAccepts(seed: UInt64) throws {
        let problem = CountedProblems.make(seed: seed)
        try problem.validate()
        let formulation = RosterFormulation(problem: problem)
        let search = ScheduleSearch(formulation: formulation, objectives: [formulation.weightedObjective], seed: seed)
        let dp = try #require(search.schedules.first, "seed \(seed): unsupported")
        #expect(dp.counted != nil, "seed \(seed): the sequence model took a counted volunteer")
        #expect(dp.pricesExactly)
        var rng = SeededGenerator(seed: seed &+ 7)
        let costs = (0..<dp.optionCount).map { _ in Double(Int.random(in: -60...20, using: &rng)) }
        let costOf = Dictionary(uniqueKeysWithValues: (0..<dp.optionCount).map { (dp.item[$0], costs[$0]) })
        let own = formulation.auxiliaries.indices.filter { formulation.auxiliaryOwners[$0] == 0 }.map { formulation.auxiliaries[$0].column }
        func modelCost(_ schedule: [Int]) -> Double {
            var x = [Double](repeating: 0, count: formulation.model.variableCount)
            for id in schedule { x[formulation.items[id].column] = 1 }
            let complete = formulation.complete(x)
            return schedule.reduce(0.0) { $0 + costOf[$1]! } + own.reduce(0.0) { $0 + search.guide[$1] * complete[$1] }
        }
        let feasible = ScheduleProblems.feasibleSchedules(formulation)
        let brute = try #require(feasible.map(modelCost).min())
        let found = dp.best(costs: costs, shortfallRate: 0)
        let best = try #require(found.best, "seed \(seed): no path")
        #expect(abs(best.cost - brute) < 1e-6, "seed \(seed): DP \(best.cost), brute force \(brute)")
        #expect(abs(found.bound - brute) < 1e-6)
        let schedule = best.path.filter { $0 >= 0 }.map { dp.item[$0] }
        #expect(feasible.contains(schedule), "seed \(seed): the path breaks a row")
        #expect(abs(modelCost(schedule) - best.cost) < 1e-6)
        // Column generation's cost of a schedule is the same function.
        for s in feasible.prefix(50) {
            #expect(abs(search.ownCost(s, 0) + s.reduce(0.0) { $0 + costOf[$1]! } - modelCost(s)) < 1e-6)
        }
    }

    /// Three such volunteers share the cover: column generation applies, its bound is at
    /// most the MIP's optimum, and its dive is a roster the checker accepts.
    @Test(arguments: 0..<20)
    func columnGenerationBoundIsValidAndItsDiveIsARoster(seed: UInt64) throws {
        let problem = CountedProblems.make(seed: seed, volunteers: 3)
        try problem.validate()
        let formulation = RosterFormulation(problem: problem)
        let objective = formulation.weightedObjective
        let optimum = try ScheduleProblems.weightedOptimum(formulation)
        let search = ScheduleSearch(formulation: formulation, objectives: [objective], seed: seed)
        #expect(search.schedules.count == 3)
        var columns = try #require(ColumnGeneration(search: search), "seed \(seed): column generation declined")
        columns.add(schedulesOf: formulation.complete([Double](repeating: 0, count: formulation.model.variableCount)))
        try ScheduleProblems.expectBoundBelowAndDiveARoster(&columns, formulation, optimum: optimum, seed: seed)
    }

    /// The whole solve on the three-volunteer problems reaches the optimum (the sweep, the
    /// columns and branch-and-cut together), and the checker agrees with its objective.
    @Test(arguments: 0..<10)
    func solveReachesTheOptimum(seed: UInt64) throws {
        let problem = CountedProblems.make(seed: seed, volunteers: 3)
        let formulation = RosterFormulation(problem: problem)
        let optimum = try ScheduleProblems.weightedOptimum(formulation)
        let roster = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 20, relativeGap: 0))
        let value = try #require(roster.statistics.objective)
        #expect(abs(value - optimum) < 1e-6, "seed \(seed): \(value) against the optimum \(optimum)")
    }
}
