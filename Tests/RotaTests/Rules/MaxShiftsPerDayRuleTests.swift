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
}
