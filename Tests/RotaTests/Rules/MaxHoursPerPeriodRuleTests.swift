import Testing
@testable import Rota

/// ``MaxHoursPerPeriodRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule max-hours-per-period: hours over the horizon at most")
struct MaxHoursPerPeriodRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.maxHoursPerPeriod, volunteers: 1) { p, rng in
            p.volunteers[0].limits.maxHoursPerPeriod = Double(Int.random(in: 4...30, using: &rng)) + (Int.random(in: 0...3, using: &rng) == 0 ? 0.5 : 0)
        }
    }
}
