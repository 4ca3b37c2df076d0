import Testing
@testable import Rota

/// ``SkillRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule skill: shifts and roles need their skill")
struct SkillRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyEligibility(.skill, volunteers: 2) { p, rng in
            p.skills = ["legal", "health"]
            p.volunteers[1].skills = Int.random(in: 0...1, using: &rng) == 0 ? ["legal": 1] : ["health": 1]
            p.templates[0].minimumLevel = Int.random(in: 1...2, using: &rng)
        }
    }
}
