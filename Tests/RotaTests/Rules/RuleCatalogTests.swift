import Foundation
import Testing
@testable import Rota

@Suite("Rule catalog: one unit and one test suite per rule")
struct RuleCatalogTests {
    /// Every identifier of a scenario's rules belongs to exactly one unit of the catalog;
    /// a roster file's integrity checks belong to none.
    @Test func everyRuleHasExactlyOneUnit() {
        var owners: [RuleID: Int] = [:]
        for unit in RuleCatalog.all { for id in unit.ids { owners[id, default: 0] += 1 } }
        for id in RuleID.allCases {
            let expected = id.kind == .integrity ? 0 : 1
            #expect(owners[id, default: 0] == expected, "\(id) is owned by \(owners[id, default: 0]) units")
        }
    }

    /// Each unit has its own test file next to this one, named after it.
    @Test func everyUnitHasItsSuite() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        for unit in RuleCatalog.all {
            let name = "\(type(of: unit))Tests.swift"
            #expect(files.contains(name), "no \(name) for \(unit.ids)")
        }
    }

    /// The objective's tiers come from the identifiers: the model and the checker put each
    /// penalty in the same tier.
    @Test func tiersComeFromTheIdentifiers() {
        for id in RuleID.allCases { #expect(RosterFormulation.tier(of: id.rawValue) == id.tier) }
        #expect(RuleID.allCases.filter(\.isElastic).allSatisfy { $0.tier == .hard })
        #expect(RosterFormulation.tier(of: "no-such-rule") == .soft)
    }

    /// A volunteer whose rules both models keep is covered; a volunteer with rules that
    /// neither keeps (several items a day, which only the counting model takes, and a
    /// shortest run, which only the sequence model keeps) is declined by both, and the
    /// catalog names the rule each refuses; continuity is kept by the counting model alone;
    /// min–max fairness is a master row in both.
    @Test func coverageFollowsTheCatalog() throws {
        var (problem, rng) = RuleHarness.base(seed: 3)
        problem.volunteers[0].limits.maxShiftsPerDay = 1
        var formulation = RosterFormulation(problem: problem)
        #expect(ScheduleModelKind.allCases.allSatisfy { RuleCatalog.refusal(in: $0, formulation: formulation, volunteer: 0) == nil })
        #expect(ScheduleDP(formulation: formulation, volunteer: 0) != nil)

        var continuity = problem
        continuity.rules.weights.continuity = 1
        formulation = RosterFormulation(problem: continuity)
        #expect(RuleCatalog.refusal(in: .sequence, formulation: formulation, volunteer: 0) == .continuity)
        #expect(RuleCatalog.refusal(in: .counting, formulation: formulation, volunteer: 0) == nil)
        #expect(ScheduleDP(formulation: formulation, volunteer: 0)?.counted != nil)

        var neither = problem
        RuleHarness.setTemplates(&neither, [(480, 720), (840, 1200)], rng: &rng)
        neither.volunteers[0].limits.maxShiftsPerDay = 2
        neither.volunteers[0].limits.minConsecutiveDays = 2
        formulation = RosterFormulation(problem: neither)
        #expect(RuleCatalog.refusal(in: .sequence, formulation: formulation, volunteer: 0) == .maxShiftsPerDay)
        #expect(RuleCatalog.refusal(in: .counting, formulation: formulation, volunteer: 0) == .minConsecutiveDays)
        #expect(ScheduleDP(formulation: formulation, volunteer: 0) == nil)

        problem.rules.fairness = .maxDeviation
        problem.rules.weights.fairness = 1
        problem.volunteers[0].preferences.targetHours = 10
        formulation = RosterFormulation(problem: problem)
        for model in ScheduleModelKind.allCases {
            #expect(RuleCatalog.refusal(in: model, formulation: formulation, volunteer: 0) == nil)
            #expect(FairnessRule().treatment(in: model, ScheduleContext(formulation: formulation, volunteer: 0)) == .master)
        }
        #expect(ScheduleDP(formulation: formulation, volunteer: 0) != nil)
    }
}
