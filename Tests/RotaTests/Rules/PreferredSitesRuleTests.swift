import Testing
@testable import Rota

/// ``PreferredSitesRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule preferred-sites: away from preferred sites")
struct PreferredSitesRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.preferredSites, volunteers: 1) { p, rng in
            RuleHarness.setTemplates(&p, RuleHarness.windowPair(&rng), rng: &rng)
            p.volunteers[0].preferences.preferredSites = ["centre"]
            p.rules.weights.preferredSites = Double(Int.random(in: 1...5, using: &rng))
        }
    }
}
