import Testing
@testable import Rota

/// ``PinnedRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule pinned: assignments the coordinator fixed")
struct PinnedRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.pinned, volunteers: 1) { p, rng in
            p.volunteers[0].limits.maxConsecutiveDays = 1
            p.rules.pinned = [AssignmentKey(volunteer: "v0", target: .shift(template: "t0", date: p.horizon.start)),
                              AssignmentKey(volunteer: "v0", target: .shift(template: "t0", date: p.horizon.start.adding(days: Int.random(in: 1...2, using: &rng))))]
        }
    }
}
