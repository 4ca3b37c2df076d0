import Testing
@testable import Rota

/// ``AvailabilityRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule availability: only inside available time")
struct AvailabilityRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyEligibility(.availability, volunteers: 2) { p, rng in
            p.volunteers[0].availability.exceptions = [DatedException(date: p.horizon.start.adding(days: Int.random(in: 0..<p.horizon.days, using: &rng)), available: false)]
            p.volunteers[1].availability.weekly = [WeeklyWindow(days: Set(Weekday.allCases), window: DailyWindow(start: TimeOfDay(hour: 7), end: TimeOfDay(hour: Int.random(in: 13...21, using: &rng))))]
        }
    }
}
