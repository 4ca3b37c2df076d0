import Testing
@testable import Rota

/// ``FairnessRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule fairness: hours against a target")
struct FairnessRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.fairness, volunteers: 2) { p, rng in
            RuleHarness.setTemplates(&p, [(480, 720 + 60 * Int.random(in: 0...3, using: &rng))], rng: &rng)
            p.coverage[0].minimum = 2
            p.coverage[0].maximum = 2
            p.rules.fairness = Int.random(in: 0...1, using: &rng) == 0 ? .totalDeviation : .maxDeviation
            p.rules.weights.fairness = Double(Int.random(in: 1...4, using: &rng))
            for v in p.volunteers.indices { p.volunteers[v].preferences.targetHours = Double(Int.random(in: 0...20, using: &rng)) }
        }
    }
}
