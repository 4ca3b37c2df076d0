import Testing
@testable import Rota

/// ``PreferredTimesRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule preferred-times: outside preferred times")
struct PreferredTimesRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.preferredTimes, volunteers: 1) { p, rng in
            p.volunteers[0].preferences.preferredTimes = [WeeklyWindow(days: Set(Weekday.allCases), window: DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 16)))]
            p.rules.weights.preferredTimes = Double(Int.random(in: 1...5, using: &rng))
        }
    }
}
