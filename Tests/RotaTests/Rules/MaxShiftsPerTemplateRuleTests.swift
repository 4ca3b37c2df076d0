import Testing
@testable import Rota

/// ``MaxShiftsPerTemplateRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule max-shifts-per-template: shifts of one template at most")
struct MaxShiftsPerTemplateRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.maxShiftsPerTemplate, volunteers: 1) { p, rng in
            p.volunteers[0].limits.maxShiftsPerTemplate = ["t0": Int.random(in: 1...3, using: &rng)]
        }
    }
}
