import Testing
@testable import Rota

/// ``MinConsecutiveDaysRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule min-consecutive-days: working days in a row at least")
struct MinConsecutiveDaysRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.minConsecutiveDays, volunteers: 1) { p, rng in
            p.volunteers[0].limits.minConsecutiveDays = Int.random(in: 2...3, using: &rng)
            p.volunteers[0].preferences.requests = [ShiftRequest(date: p.horizon.start.adding(days: 2), wantsToWork: false, weight: 20)]
        }
    }
}
