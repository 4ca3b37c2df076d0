import Testing
@testable import Rota

/// ``CoverageRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule coverage.under, coverage.over, max-head-count: head-counts against minimum and maximum")
struct CoverageRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.coverageUnder, volunteers: 2) { p, rng in
            RuleHarness.setTemplates(&p, [(480, 840), (780, 1200)], rng: &rng)
            RuleHarness.setHorizon(&p, start: p.horizon.start, days: 2)
            let minimum = Int.random(in: 1...2, using: &rng)
            p.coverage = [CoverageRequirement(id: "line", target: .slots(line: "hotline", skill: nil, window: DailyWindow(start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 19)), slotMinutes: 120),
                                              minimum: minimum, maximum: minimum + Int.random(in: 0...1, using: &rng),
                                              underWeight: Double(Int.random(in: 1...9, using: &rng)), overWeight: Double(Int.random(in: 0...3, using: &rng)),
                                              hardMaximum: Int.random(in: 0...1, using: &rng) == 0)]
            if Int.random(in: 0...1, using: &rng) == 0 {
                p.coverage.append(CoverageRequirement(id: "shift", target: .shift(template: "t1"), minimum: 1, maximum: 1, underWeight: 4, overWeight: 2,
                                                      hardMaximum: Int.random(in: 0...1, using: &rng) == 0))
            }
        }
    }
}
