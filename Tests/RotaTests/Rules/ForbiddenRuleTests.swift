import Testing
@testable import Rota

/// ``ForbiddenRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule forbidden: assignments the coordinator ruled out")
struct ForbiddenRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyEligibility(.forbidden, volunteers: 2) { p, rng in
            let d = Int.random(in: 0..<p.horizon.days, using: &rng)
            p.rules.forbidden = [AssignmentKey(volunteer: "v\(Int.random(in: 0...1, using: &rng))", target: .shift(template: "t0", date: p.horizon.start.adding(days: d)))]
        }
    }
}
