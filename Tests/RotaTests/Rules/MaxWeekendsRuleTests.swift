import Testing
@testable import Rota

/// ``MaxWeekendsRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule max-weekends: weekends worked at most")
struct MaxWeekendsRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.maxWeekends, volunteers: 1) { p, rng in
            RuleHarness.setTemplates(&p, [(480, 840)], rng: &rng)
            RuleHarness.setHorizon(&p, start: RuleHarness.thursday, days: 11)
            p.volunteers[0].limits.maxWeekends = Int.random(in: 0...1, using: &rng)
        }
    }
}
