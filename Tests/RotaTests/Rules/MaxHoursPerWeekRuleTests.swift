import Testing
@testable import Rota

/// ``MaxHoursPerWeekRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule max-hours-per-week: hours a week at most")
struct MaxHoursPerWeekRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.maxHoursPerWeek, volunteers: 1) { p, rng in
            RuleHarness.setTemplates(&p, [(480, 720 + 60 * Int.random(in: 0...3, using: &rng))], rng: &rng)
            RuleHarness.setHorizon(&p, start: RuleHarness.thursday, days: 9)
            p.volunteers[0].limits.maxHoursPerWeek = Double(Int.random(in: 4...24, using: &rng))
            p.volunteers[0].limits.maxShiftsPerDay = 1
        }
    }
}
