import Testing
@testable import Rota

/// ``MaxHoursPerDayRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule max-hours-per-day: hours a day at most")
struct MaxHoursPerDayRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.maxHoursPerDay, volunteers: 1) { p, rng in
            RuleHarness.setTemplates(&p, RuleHarness.windowPair(&rng), rng: &rng)
            p.volunteers[0].limits.maxHoursPerDay = Double(Int.random(in: 4...9, using: &rng))
        }
    }
}
