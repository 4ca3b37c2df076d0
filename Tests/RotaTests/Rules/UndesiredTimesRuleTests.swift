import Testing
@testable import Rota

/// ``UndesiredTimesRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule undesired-times: times a volunteer would rather not work")
struct UndesiredTimesRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.undesiredTimes, volunteers: 1) { p, rng in
            p.volunteers[0].preferences.undesiredTimes = [WeeklyWindow(days: [.friday, .saturday, .sunday], window: DailyWindow(start: TimeOfDay(hour: 11), end: TimeOfDay(hour: 23)))]
            p.rules.weights.undesiredTimes = Double(Int.random(in: 1...5, using: &rng))
        }
    }
}
