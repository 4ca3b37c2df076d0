import Testing
@testable import Rota

/// ``NoOverlapRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule overlap: one thing at a time")
struct NoOverlapRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.overlap, volunteers: 1) { p, rng in
            RuleHarness.setTemplates(&p, [(480, 840), (780, 1200)], rng: &rng)
        }
    }
}
