import Testing
@testable import Rota

/// ``MinConsecutiveDaysOffRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule min-consecutive-days-off: days off in a row at least")
struct MinConsecutiveDaysOffRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.minConsecutiveDaysOff, volunteers: 1) { p, rng in
            p.volunteers[0].limits.minConsecutiveDaysOff = Int.random(in: 2...3, using: &rng)
            p.volunteers[0].preferences.requests = [ShiftRequest(date: p.horizon.start.adding(days: 2), wantsToWork: false, weight: 20)]
        }
    }
}
