import Testing
@testable import Rota

/// ``EventTeamsRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule events.under, events.team-size, max-role-size, max-team-size: an outreach event's team")
struct EventTeamsRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.eventsUnder, volunteers: 2) { p, rng in
            RuleHarness.setTemplates(&p, [(480, 720)], rng: &rng)
            RuleHarness.setHorizon(&p, start: p.horizon.start, days: 2)
            p.skills = ["legal", "health"]
            p.volunteers[1].skills = ["legal": 1, "health": 1]
            let size = Int.random(in: 1...2, using: &rng)
            p.events = [OutreachEvent(id: "visit", site: "village", date: p.horizon.start.adding(days: 1), window: DailyWindow(start: TimeOfDay(hour: 13), end: TimeOfDay(hour: 17)),
                                      team: ["legal": Int.random(in: 1...2, using: &rng), "health": 1], minTeamSize: size, maxTeamSize: size + Int.random(in: 0...1, using: &rng),
                                      capsRoles: Int.random(in: 0...1, using: &rng) == 0)]
        }
    }
}
