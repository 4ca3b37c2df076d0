import Testing
@testable import Rota

/// ``MinimumHoursRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule min-hours-per-week, min-hours-per-period: minimum hours a week and over the horizon")
struct MinimumHoursRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.minHoursPerWeek, volunteers: 1) { p, rng in
            RuleHarness.setTemplates(&p, [(480, 720 + 60 * Int.random(in: 0...3, using: &rng))], rng: &rng)
            RuleHarness.setHorizon(&p, start: RuleHarness.monday, days: Int.random(in: 7...9, using: &rng))
            if Int.random(in: 0...2, using: &rng) > 0 { p.volunteers[0].limits.minHoursPerWeek = Double(Int.random(in: 4...30, using: &rng)) }
            if Int.random(in: 0...1, using: &rng) == 0 { p.volunteers[0].limits.minHoursPerPeriod = Double(Int.random(in: 4...40, using: &rng)) }
            p.volunteers[0].availability.exceptions = [DatedException(date: p.horizon.start.adding(days: Int.random(in: 0..<p.horizon.days, using: &rng)), available: false)]
        }
    }
}
