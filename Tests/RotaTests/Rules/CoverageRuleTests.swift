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

    /// Hourly slots between the same template boundaries have the same head-count, so they
    /// share a row: 08–12 (covered by 08–12 and 08–15) and 12–15 (by 08–15 alone) with
    /// minimum 2 then 1 are three shortfall rows, not seven, and two hard maxima, each
    /// slack costing the sum of its slots'. The verification above proves the merged rows
    /// and the checker agree; this proves the merge happens, so that a change undoing it
    /// fails here.
    @Test func slotsWithTheSameHeadCountShareARow() throws {
        var (p, rng) = RuleHarness.base(seed: 1, volunteers: 2)
        RuleHarness.setTemplates(&p, [(480, 720), (480, 900)], rng: &rng)
        RuleHarness.setHorizon(&p, start: RuleHarness.monday, days: 1)
        func hourly(_ id: String, _ from: Int, _ to: Int, minimum: Int, maximum: Int) -> CoverageRequirement {
            CoverageRequirement(id: id, target: .slots(line: "hotline", skill: nil, window: DailyWindow(start: TimeOfDay(hour: from), end: TimeOfDay(hour: to)), slotMinutes: 60),
                                minimum: minimum, maximum: maximum, underWeight: 3, overWeight: 0, hardMaximum: true)
        }
        // 08–10 needs 2 (at most 2), 10–15 needs 1 (at most 1): shortfall rows {08–10},
        // {10–12}, {12–15}; hard maxima {08–12} at the least of 2 and 1, and {12–15}.
        p.coverage = [hourly("morning", 8, 10, minimum: 2, maximum: 2), hourly("day", 10, 15, minimum: 1, maximum: 1)]
        try p.validate()
        let f = RosterFormulation(problem: p)
        let members = f.coverageSlots.values.map { $0.count }.sorted()
        #expect(members == [2, 2, 3])
        // Each row's slack costs its slots' sum; its hours are theirs.
        let under = f.rules[RuleID.coverageUnder.rawValue]!
        let costs = f.coverageSlots.keys.map { column in under.terms.filter { $0.variable.index == column }.map(\.coefficient).reduce(0, +) }
        let weight = p.rules.weights.coverage * 3
        #expect(costs.sorted() == [2 * weight, 2 * weight, 3 * weight])
        #expect(f.demandHours.map(\.hours).sorted() == [2, 2, 3])
        // Hard maxima: rows over items of both volunteers (a volunteer's own rows, such as
        // the two templates' overlap, hold one), each at most 1.
        var volunteerOf: [Int: Int] = [:]
        for item in f.items { volunteerOf[item.column] = item.volunteer }
        let hardRows = f.model.constraints.filter { c in
            c.terms.allSatisfy { volunteerOf[$0.variable.index] != nil } && Set(c.terms.map { volunteerOf[$0.variable.index]! }).count > 1
        }
        #expect(hardRows.map(\.upperBound) == [1, 1])
        #expect(hardRows.map(\.terms.count).sorted() == [2, 4])
    }
}

