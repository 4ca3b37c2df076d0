import Testing
@testable import Rota

/// ``AvoidedSitesRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule avoided-sites: sites a volunteer avoids")
struct AvoidedSitesRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.avoidedSites, volunteers: 1) { p, rng in
            RuleHarness.setTemplates(&p, RuleHarness.windowPair(&rng), rng: &rng)
            p.volunteers[0].preferences.avoidedSites = ["town"]
            p.rules.weights.avoidedSites = Double(Int.random(in: 1...5, using: &rng))
        }
    }
}
