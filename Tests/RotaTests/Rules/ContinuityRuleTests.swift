import Testing
@testable import Rota

/// ``ContinuityRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule continuity: staying on one line")
struct ContinuityRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.continuity, volunteers: 1) { p, rng in
            RuleHarness.setTemplates(&p, [(480, 720), (780, 1080)], lines: ["legal", "family"], rng: &rng)
            p.volunteers[0].limits.maxShiftsPerDay = 1
            p.rules.weights.continuity = Double(Int.random(in: 1...9, using: &rng))
        }
    }
}
