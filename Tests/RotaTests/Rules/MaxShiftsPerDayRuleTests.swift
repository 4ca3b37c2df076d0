import LinearProgramming
import Testing
@testable import Rota

/// ``MaxShiftsPerDayRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule max-shifts-per-day: assignments a day")
struct MaxShiftsPerDayRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.maxShiftsPerDay, volunteers: 1) { p, rng in
            RuleHarness.setTemplates(&p, [(480, 720), (840, 1200)], rng: &rng)
            p.volunteers[0].limits.maxShiftsPerDay = Int.random(in: 1...2, using: &rng)
        }
    }

    /// Several items a day: three windows on two lines (apart, or meeting at noon), a limit
    /// of 2–3 or none, and at random a daily minimum that one short item misses, a daily
    /// maximum, rest between items, continuity and a weekly cap. The counting model covers
    /// the volunteer and its cheapest path is brute force's (``RuleHarness``'s third check).
    @Test(arguments: 0..<20)
    func severalItemsADayInTheCountingModel(seed: UInt64) throws {
        let configure: (inout RosterProblem, inout SeededGenerator) -> Void = { p, rng in
            let noon = Bool.random(using: &rng) ? 720 : 780
            RuleHarness.setTemplates(&p, [(480, 720), (noon, 1020), (1080, 1260)], lines: ["legal", "family", "legal"], rng: &rng)
            p.volunteers[0].limits.maxShiftsPerDay = [2, 3, nil][Int.random(in: 0...2, using: &rng)]
            if Bool.random(using: &rng) { p.volunteers[0].limits.minHoursPerDay = 5 }
            if Bool.random(using: &rng) { p.volunteers[0].limits.maxHoursPerDay = 8 }
            if Bool.random(using: &rng) { p.rules.minRestMinutes = 60 }
            if Bool.random(using: &rng) { p.rules.weights.continuity = Double(Int.random(in: 1...3, using: &rng)) }
            if Bool.random(using: &rng) { p.volunteers[0].limits.maxHoursPerWeek = Double(Int.random(in: 8...16, using: &rng)) }
        }
        try RuleHarness.verify(.maxShiftsPerDay, seed: seed, configure: configure)
        var (problem, rng) = RuleHarness.base(seed: seed)
        configure(&problem, &rng)
        let formulation = RosterFormulation(problem: problem)
        let context = ScheduleContext(formulation: formulation, volunteer: 0)
        if context.severalADay {
            let dp = try #require(ScheduleDP(formulation: formulation, volunteer: 0), "seed \(seed): no schedule model")
            #expect(dp.counted != nil, "seed \(seed): several items a day, but not the counting model")
        }
    }

    /// Three volunteers who may each take two items a day (with a date they would rather
    /// not work, on the day's work indicator) sharing the cover: the counting model covers
    /// them, column generation runs, its bound is at most the optimum and its dive a roster.
    @Test(arguments: 0..<8)
    func columnGenerationCoversSeveralADay(seed: UInt64) throws {
        var (problem, rng) = RuleHarness.base(seed: seed, volunteers: 3)
        RuleHarness.setTemplates(&problem, [(480, 720), (780, 1020), (1080, 1260)], lines: ["legal", "family", "legal"], rng: &rng)
        problem.horizon = Horizon(start: RuleHarness.thursday, days: 7, timeZone: "UTC")
        for v in problem.volunteers.indices {
            problem.volunteers[v].limits.maxShiftsPerDay = 2
            problem.volunteers[v].limits.maxHoursPerWeek = Double(Int.random(in: 12...24, using: &rng))
            problem.volunteers[v].preferences.requests = [ShiftRequest(date: problem.horizon.start.adding(days: Int.random(in: 0..<7, using: &rng)),
                                                                       wantsToWork: false, weight: 5)]
        }
        for c in problem.coverage.indices { problem.coverage[c].minimum = 2; problem.coverage[c].maximum = 2 }
        let formulation = RosterFormulation(problem: problem)
        #expect(!formulation.workIndicator.isEmpty, "seed \(seed): no work indicator of its own")
        try ScheduleProblems.expectColumnGenerationCoversAll(formulation, counted: true, seed: seed)
    }

    /// The sequence model still declines a volunteer who may take two items of one day.
    @Test func theSequenceModelDeclinesSeveralADay() throws {
        var (problem, rng) = RuleHarness.base(seed: 3)
        RuleHarness.setTemplates(&problem, [(480, 720), (840, 1200)], rng: &rng)
        problem.volunteers[0].limits.maxShiftsPerDay = 2
        let formulation = RosterFormulation(problem: problem)
        let context = ScheduleContext(formulation: formulation, volunteer: 0)
        #expect(context.severalADay)
        #expect(MaxShiftsPerDayRule().treatment(in: .sequence, context) == .unsupported)
        #expect(MaxShiftsPerDayRule().treatment(in: .counting, context) == .kept)
    }
}
