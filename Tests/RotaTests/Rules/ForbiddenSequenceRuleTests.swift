import Testing
@testable import Rota

/// ``ForbiddenSequenceRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule forbidden-sequence: no template B the day after template A")
struct ForbiddenSequenceRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.forbiddenSequence, volunteers: 1) { p, rng in
            RuleHarness.setTemplates(&p, RuleHarness.windowPair(&rng), rng: &rng)
            p.rules.forbiddenSequences = [ForbiddenSequence(first: "t1", second: "t0")]
        }
    }
}
