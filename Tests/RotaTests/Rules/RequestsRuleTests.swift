import Testing
@testable import Rota

/// ``RequestsRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule requests: wishes to work or not")
struct RequestsRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.requests, volunteers: 1) { p, rng in
            RuleHarness.setTemplates(&p, RuleHarness.windowPair(&rng), rng: &rng)
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let date = Int.random(in: 0...2, using: &rng) == 0 ? nil : p.horizon.start.adding(days: Int.random(in: 0..<p.horizon.days, using: &rng))
                let template = Int.random(in: 0...1, using: &rng) == 0 ? nil : "t\(Int.random(in: 0...1, using: &rng))"
                guard date != nil || template != nil else { continue }
                p.volunteers[0].preferences.requests.append(ShiftRequest(date: date, template: template, wantsToWork: Int.random(in: 0...1, using: &rng) == 0,
                                                                         weight: Double(Int.random(in: 1...20, using: &rng))))
            }
        }
    }
}
