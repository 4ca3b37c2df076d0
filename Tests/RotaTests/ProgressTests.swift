import RotaGLPK
import LinearProgramming
import Testing
@testable import Rota

@Suite("Progress for people: updates, unfilled hours and the event stream")
struct ProgressTests {
    /// The hours a roster leaves unfilled, as the formulation counts them during the solve,
    /// are the checker's: each unfilled slot and event role's missing people × its length.
    @Test(arguments: 0..<20)
    func unfilledHoursAreTheCheckersUnfilledDemand(seed: UInt64) {
        let problem = RandomProblems.make(seed: seed, tiny: false)
        let formulation = RosterFormulation(problem: problem)
        var x = [Double](repeating: 0, count: formulation.model.variableCount)
        var rng = SeededGenerator(seed: seed)
        for item in formulation.items where Int.random(in: 0..<3, using: &rng) == 0 { x[item.column] = 1 }
        let values = formulation.complete(x)
        let report = RosterChecker(index: formulation.index).check(formulation.assignments(from: values))
        let checked = report.unfilled.reduce(0.0) { sum, gap in
            if case .eventTeamSize = gap.kind { return sum }
            return sum + Double((gap.needed - gap.assigned) * gap.interval.length) / 60
        }
        #expect(abs(formulation.unfilledHours(at: values) - checked) < 1e-6, "seed \(seed): \(formulation.unfilledHours(at: values)) against \(checked)")
    }

    /// The stream yields updates on one clock, each improving roster, and ends with the
    /// roster; within a stage the bound never falls and the best roster never worsens.
    @Test(arguments: 0..<4)
    func theStreamIsCumulativeAndEndsWithTheRoster(seed: UInt64) async throws {
        let problem = RandomProblems.make(seed: seed, tiny: false)
        var events: [RosterSolver.Event] = []
        for try await event in RosterSolver().events(problem, options: RosterSolveOptions(timeLimit: 5, seed: seed)) { events.append(event) }
        guard case let .finished(roster)? = events.last else {
            Issue.record("seed \(seed): the stream did not end with the roster")
            return
        }
        let updates = events.compactMap { event -> RosterSolveUpdate? in if case let .update(u) = event { u } else { nil } }
        #expect(!updates.isEmpty)
        #expect(zip(updates, updates.dropFirst()).allSatisfy { $0.elapsed <= $1.elapsed + 1e-9 })
        for stage in Set(updates.map(\.stageNumber)) where stage > 0 {
            let mine = updates.filter { $0.stageNumber == stage }
            #expect(zip(mine, mine.dropFirst()).allSatisfy { $0.objective >= $1.objective - 1e-9 && ($0.bound ?? -.infinity) <= ($1.bound ?? -.infinity) + 1e-9 })
        }
        let improving = updates.filter(\.improvedRoster).count
        let rosters = events.filter { if case .improved = $0 { true } else { false } }.count
        #expect(improving == rosters, "seed \(seed): \(improving) improving updates, \(rosters) rosters")
        if let last = updates.last(where: { $0.stageNumber == roster.statistics.stages.count }), let objective = roster.statistics.objective {
            #expect(objective <= last.objective + 1e-6)
        }
    }

    /// Leaving the loop early stops the solve: its cancellation token is cancelled (the
    /// search then returns at its next check), whatever the load on the machine.
    @Test func breakingOffStopsTheSearch() async throws {
        let problem = HotlineScenario.make(days: 14, volunteers: 40)
        let token = CancellationToken()
        for try await event in RosterSolver().events(problem, options: RosterSolveOptions(timeLimit: 600, cancellation: token)) {
            if case .update = event { break }
        }
        var waited = 0
        while !token.isCancelled && waited < 300 {
            try await Task.sleep(for: .milliseconds(100))
            waited += 1
        }
        #expect(token.isCancelled, "leaving the stream did not stop the solve")
    }
}
