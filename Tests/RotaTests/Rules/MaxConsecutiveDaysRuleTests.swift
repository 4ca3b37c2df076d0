import Testing
@testable import Rota

/// ``MaxConsecutiveDaysRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule max-consecutive-days: working days in a row at most")
struct MaxConsecutiveDaysRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.maxConsecutiveDays, volunteers: 1) { p, rng in
            p.volunteers[0].limits.maxConsecutiveDays = Int.random(in: 0...3, using: &rng)
        }
    }
}
