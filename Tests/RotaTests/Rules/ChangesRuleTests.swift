import Testing
@testable import Rota

/// ``ChangesRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule changes: changes against the published roster")
struct ChangesRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.changes, volunteers: 1) { p, rng in
            let days = p.horizon.days
            p.rules.baseline = (0..<days).filter { _ in Int.random(in: 0...1, using: &rng) == 0 }.map {
                AssignmentKey(volunteer: "v0", target: .shift(template: "t0", date: p.horizon.start.adding(days: $0)))
            }
            p.rules.weights.changes = Double(Int.random(in: 1...9, using: &rng))
            if Int.random(in: 0...1, using: &rng) == 0 { p.rules.freeze = p.horizon.start...p.horizon.start.adding(days: 1) }
        }
    }
}
