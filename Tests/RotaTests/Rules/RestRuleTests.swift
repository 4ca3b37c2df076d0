import Testing
@testable import Rota

/// ``RestRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule rest: rest and travel between assignments")
struct RestRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.rest, volunteers: 1) { p, rng in
            RuleHarness.setTemplates(&p, RuleHarness.windowPair(&rng), rng: &rng)
            p.rules.minRestMinutes = [60, 480, 660, 720][Int.random(in: 0...3, using: &rng)]
            if Int.random(in: 0...1, using: &rng) == 0 { p.travel.minutesPerHop = 30 }
        }
    }
}
