import Testing
@testable import Rota

/// ``MinHoursPerDayRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule min-hours-per-day: hours on a working day at least")
struct MinHoursPerDayRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.minHoursPerDay, volunteers: 1) { p, rng in
            RuleHarness.setTemplates(&p, RuleHarness.windowPair(&rng), rng: &rng)
            p.volunteers[0].limits.minHoursPerDay = Double(Int.random(in: 4...9, using: &rng))
        }
    }
}
