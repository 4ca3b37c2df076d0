import RotaGLPK
import LinearProgramming
import Testing
@testable import Rota

/// ``ContinuityRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule continuity: staying on one line")
struct ContinuityRuleTests {
    static func configure(_ p: inout RosterProblem, _ rng: inout SeededGenerator) {
        RuleHarness.setTemplates(&p, [(480, 720), (780, 1080)], lines: ["legal", "family"], rng: &rng)
        for v in p.volunteers.indices { p.volunteers[v].limits.maxShiftsPerDay = 1 }
        p.rules.weights.continuity = Double(Int.random(in: 1...9, using: &rng))
    }

    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.continuity, volunteers: 1, configure: Self.configure)
    }

    /// Three volunteers on two lines under a continuity weight: the counting model covers
    /// them all, so column generation runs; its bound is at most the optimum and its dive
    /// is a roster.
    @Test(arguments: 0..<8)
    func columnGenerationCoversContinuity(seed: UInt64) throws {
        var (problem, rng) = RuleHarness.base(seed: seed, volunteers: 3)
        Self.configure(&problem, &rng)
        problem.horizon = Horizon(start: RuleHarness.thursday, days: 7, timeZone: "UTC")
        for c in problem.coverage.indices { problem.coverage[c].minimum = 2; problem.coverage[c].maximum = 2 }
        let formulation = RosterFormulation(problem: problem)
        try ScheduleProblems.expectColumnGenerationCoversAll(formulation, counted: true, seed: seed)
    }
}
