import RotaGLPK
import Foundation
import Testing
@testable import RotaIO
@testable import Rota
import GLPK

/// The benchmark importer and evaluator. Instances 1–4 are copied into Fixtures (the
/// full set lives in ../shared/curtois); `instance1-607.csv` is a roster of Instance 1
/// whose cost, per the benchmark's notes, is 600 of under-cover plus 7 of requests.
@Suite("Curtois & Qu benchmark import and evaluation")
struct CurtoisTests {
    static func instance(_ n: Int) throws -> CurtoisInstance {
        try CurtoisInstance.read(path: Fixtures.path("curtois/Instance\(n).txt"))
    }

    @Test(arguments: [(1, 14, 8, 1), (2, 14, 14, 2), (3, 14, 20, 3), (4, 28, 10, 2)])
    func instancesImportWithTheirPublishedSizes(_ n: Int, _ days: Int, _ staff: Int, _ types: Int) throws {
        let i = try Self.instance(n)
        #expect(i.days == days && i.employees.count == staff && i.shifts.count == types)
        #expect(i.cover.count == days * types)
        let problem = i.problem
        try problem.validate()
        #expect(problem.horizon.start.weekday == .monday)
        #expect(problem.volunteers.allSatisfy { $0.limits.maxShiftsPerDay == 1 })
    }

    @Test func lfAndCrlfFilesReadTheSame() throws {
        let text = try String(contentsOfFile: Fixtures.path("curtois/Instance2.txt"), encoding: .utf8)
        let crlf = try CurtoisInstance.parse(text, file: "a.txt")
        let lf = try CurtoisInstance.parse(text.replacingOccurrences(of: "\r\n", with: "\n"), file: "a.txt")
        #expect(crlf.cover.count == lf.cover.count && crlf.onRequests.count == lf.onRequests.count && crlf.days == lf.days)
        #expect(text.contains("\r\n"))
    }

    @Test func aKnownFeasibleSolutionIsScoredCorrectly() throws {
        let i = try Self.instance(1)
        let csv = try String(contentsOfFile: Fixtures.path("curtois/instance1-607.csv"), encoding: .utf8)
        let assignments = try i.assignments(fromSolutionCSV: csv, file: "instance1-607.csv")
        let report = RosterChecker(problem: i.problem).check(assignments)
        #expect(report.violations.isEmpty, "\(report.violations)")
        #expect(report.objective.byRule["coverage.under"] == 600)
        #expect(report.objective.byRule["requests"] == 7)
        #expect((report.objective.byRule["coverage.over"] ?? 0) == 0)
        #expect(report.objective.coverage + report.objective.soft == 607)
        // The writer gives back the same file.
        #expect(CurtoisInstance.solutionCSV(assignments) == csv)
    }

    @Test func brokenSolutionsAreCaught() throws {
        let i = try Self.instance(1)
        let csv = try String(contentsOfFile: Fixtures.path("curtois/instance1-607.csv"), encoding: .utf8)
        // A works on their fixed day off (day 0), and a duplicate row.
        let broken = csv + "A,0,D\n" + (csv.split(separator: "\n")[1] + "\n")
        let report = RosterChecker(problem: i.problem).check(try i.assignments(fromSolutionCSV: broken, file: "broken.csv"))
        #expect(report.violations.contains { $0.rule == .availability && $0.volunteer == "A" })
        #expect(report.violations.contains { $0.rule == .duplicate })
        // Dropping every shift of one employee breaks their minimum minutes.
        let without = csv.split(separator: "\n").filter { !$0.hasPrefix("B,") }.joined(separator: "\n") + "\n"
        let short = RosterChecker(problem: i.problem).check(try i.assignments(fromSolutionCSV: without, file: "short.csv"))
        #expect(short.violations.contains { $0.rule == .minHoursPerPeriod && $0.volunteer == "B" })
    }

    @Test func malformedSolutionRowsAreReportedWithLines() throws {
        let i = try Self.instance(1)
        let error = #expect(throws: InputError.self) {
            _ = try i.assignments(fromSolutionCSV: "employee,day,shift\nA,99,D\nB,x,D\nC,3,Q\n", file: "bad.csv")
        }
        let text = try #require(error).issues.map(\.description)
        #expect(text.count == 3)
        #expect(text.contains { $0.hasPrefix("bad.csv:2") && $0.contains("outside") })
        #expect(text.contains { $0.hasPrefix("bad.csv:4") && $0.contains("unknown shift 'Q'") })
    }

    @Test func rotaCurtoisEvaluateEndToEnd() throws {
        let good = try Rota.run(["curtois", "evaluate", Fixtures.path("curtois/Instance1.txt"), Fixtures.path("curtois/instance1-607.csv")])
        #expect(good.status == 0)
        #expect(good.stdout.contains("objective 607"))
        let file = Rota.temporaryDirectory() + ".csv"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try ("employee,day,shift\nA,0,D\n").write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try Rota.run(["curtois", "evaluate", Fixtures.path("curtois/Instance1.txt"), file])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("[availability] A"))
    }
}

/// The hard tier of the benchmark is per person (minutes, runs, days off, weekends), so
/// sweeping the employees one sub-MIP at a time repairs it from an empty roster.
@Suite("Volunteer sweep")
struct VolunteerSweepTests {
    @Test(arguments: [2, 4])
    func aSweepRepairsEveryPerPersonRuleFromAnEmptyRoster(_ n: Int) throws {
        let problem = try CurtoisTests.instance(n).problem
        let formulation = RosterFormulation(problem: problem)
        let hard = formulation.objective(for: .hard)
        let empty = formulation.complete([Double](repeating: 0, count: formulation.model.variableCount))
        try #require(hard.value(at: empty) > 0, "the empty roster should break the minimum minutes")
        var search = FixAndOptimise(formulation: formulation, model: formulation.model, objective: hard, solver: GLPKSolver(), seed: 1)
        let swept = search.sweep(empty, guide: formulation.weightedObjective, until: nil, elapsed: { 0 },
                                 options: RosterSolveOptions(), progress: nil)
        #expect(hard.value(at: swept) == 0)
        #expect(formulation.model.maximumViolation(swept) <= 1e-7)
        let report = RosterChecker(problem: problem).check(formulation.assignments(from: swept))
        #expect(report.violations.isEmpty, "\(report.violations)")
        // The floor of a penalty is 0, so the hard stage is proven by the sweep alone.
        #expect(hard.floor(in: formulation.model) == 0)
    }

    /// With `onlyBreakers` the sweep re-solves only the people who break a rule of their
    /// own (the repair after a constructive roster that took the whole limit): one
    /// person's schedule cleared is mended, and nobody else's schedule moves, though the
    /// guide could improve theirs too.
    @Test func aSweepOfTheBreakersOnlyMendsThemAndTouchesNobodyElse() throws {
        let problem = try CurtoisTests.instance(2).problem
        let formulation = RosterFormulation(problem: problem)
        let hard = formulation.objective(for: .hard)
        var search = FixAndOptimise(formulation: formulation, model: formulation.model, objective: hard, solver: GLPKSolver(), seed: 1)
        let empty = formulation.complete([Double](repeating: 0, count: formulation.model.variableCount))
        // Guided by the hard tier alone, so that the weighted guide could still improve
        // most people's schedules.
        let swept = search.sweep(empty, guide: hard, until: nil, elapsed: { 0 }, options: RosterSolveOptions(), progress: nil)
        try #require(hard.value(at: swept) == 0)
        var everyone = search
        let improvable = everyone.sweep(swept, guide: formulation.weightedObjective, until: nil, elapsed: { 0 },
                                        options: RosterSolveOptions(), progress: nil)
        try #require(improvable != swept, "the weighted guide should move someone, or this test proves nothing")
        // Nobody breaks a rule: nothing to do, whatever the guide says.
        let untouched = search.sweep(swept, guide: formulation.weightedObjective, onlyBreakers: true, until: nil, elapsed: { 0 },
                                     options: RosterSolveOptions(), progress: nil)
        #expect(untouched == swept)
        // One person's schedule cleared: they break their minimum minutes.
        let cleared = formulation.itemsByVolunteer.indices.first { !formulation.itemsByVolunteer[$0].isEmpty }!
        var broken = swept
        for id in formulation.itemsByVolunteer[cleared] { broken[formulation.items[id].column] = 0 }
        broken = formulation.cleaned(broken)
        try #require(hard.value(at: broken) > 0)
        let mended = search.sweep(broken, guide: formulation.weightedObjective, onlyBreakers: true, until: nil, elapsed: { 0 },
                                  options: RosterSolveOptions(), progress: nil)
        #expect(hard.value(at: mended) == 0)
        #expect(formulation.model.maximumViolation(mended) <= 1e-7)
        for v in formulation.itemsByVolunteer.indices where v != cleared {
            for id in formulation.itemsByVolunteer[v] {
                let column = formulation.items[id].column
                #expect(mended[column] == broken[column], "volunteer \(v)'s schedule moved")
            }
        }
    }

    /// Relax-and-fix from the LP optimum: every person fixed in turn, the rest at their LP
    /// values. The roster must keep every row, and cost no less than the LP bound.
    @Test func relaxAndFixFollowsTheLPToAFeasibleRoster() throws {
        let problem = try CurtoisTests.instance(3).problem
        let formulation = RosterFormulation(problem: problem)
        let weighted = formulation.weightedObjective
        var model = formulation.model
        model.setObjective(weighted, sense: .minimize)
        let lp = try GLPKSolver().solve(model.relaxed)
        try #require(lp.status == .optimal)
        let empty = formulation.complete([Double](repeating: 0, count: model.variableCount))
        var search = FixAndOptimise(formulation: formulation, model: formulation.model, objective: weighted, solver: GLPKSolver(), seed: 1)
        let volunteers = Array(formulation.itemsByVolunteer.indices)
        let dived = search.relaxAndFix(lp.values, incumbent: empty, volunteers: volunteers, until: nil, elapsed: { 0 },
                                       options: RosterSolveOptions(), progress: nil)
        let roster = try #require(dived)
        #expect(formulation.model.maximumViolation(roster) <= 1e-7)
        #expect(formulation.items.allSatisfy { roster[$0.column] == 0 || roster[$0.column] == 1 })
        let value = weighted.value(at: roster)
        #expect(value >= (lp.objective ?? .infinity) - 1e-6)
        // Far better than the empty roster it could fall back on.
        #expect(value < weighted.value(at: empty) / 2, "\(value) against \(weighted.value(at: empty))")
    }

    @Test func theHardStageIsProvenWithoutItsLP() throws {
        let problem = try CurtoisTests.instance(4).problem
        let roster = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 10))
        let stage = try #require(roster.statistics.stages.first)
        #expect(stage.tier == "hard" && stage.status == .optimal && stage.objective == 0 && stage.bound == 0)
        #expect(roster.limitViolations.isEmpty)
    }
}
