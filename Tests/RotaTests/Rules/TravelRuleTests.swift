import Testing
@testable import Rota

/// ``TravelRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule travel: within the travel cap from home")
struct TravelRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyEligibility(.travel, volunteers: 2) { p, rng in
            p.volunteers[1].homeSite = "village"
            p.volunteers[1].limits.maxTravelMinutes = Int.random(in: 0...60, using: &rng)
            p.volunteers[0].limits.maxTravelMinutes = 0
        }
    }
}
