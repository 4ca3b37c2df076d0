import Testing
@testable import Rota

/// ``HomeAreaRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule home-area: hops from home")
struct HomeAreaRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.homeArea, volunteers: 1) { p, rng in
            RuleHarness.setTemplates(&p, RuleHarness.windowPair(&rng), sites: ["centre", "village"], rng: &rng)
            p.volunteers[0].homeSite = ["centre", "town", "village"][Int.random(in: 0...2, using: &rng)]
            p.rules.weights.homeArea = 0.25 * Double(Int.random(in: 1...4, using: &rng))
        }
    }
}
