import Foundation
import GLPK
import LinearProgramming
import Synchronization
import TestSupport
import Testing

@Suite("Time limits, cancellation, progress and warm starts")
struct LimitsAndCancellationTests {
    let solver = GLPKSolver()

    @Test func timeLimitStopsAHardMIPAndReportsHonestly() throws {
        let m = HardInstances.marketSplit()
        let r = try solver.solve(m, options: SolveOptions(timeLimit: 0.5))
        #expect(r.termination == .timeLimit)
        #expect(r.status == .feasible || r.status == .timeLimitNoSolution)
        #expect(r.seconds < 10, "stopped \(r.seconds)s after a 0.5s limit")
        if r.status == .feasible {
            #expect(m.maximumViolation(r.values) <= 1e-6)
            let bound = try #require(r.bestBound)
            #expect(bound <= r.objective! + 1e-9)
            #expect(try #require(r.gap) > 0)
        }
    }

    /// GLPK looks at its own clock only before each node; a limit that passes inside one
    /// (here: a progress handler that takes longer than the whole limit, at the root's
    /// third callback, row generation after its LP; GLPK 5.0 calls selection,
    /// preprocessing, row generation, heuristic, cut generation in that order) is seen at
    /// the next callback, and the search ends there as a time limit, not a cancellation,
    /// without reporting again. Without the check in the callback, GLPK goes on to the
    /// heuristic and reports from there.
    @Test func aLimitPassedInsideANodeStopsAtTheNextCallback() throws {
        let calls = Mutex(0)
        let model = HardInstances.marketSplit()
        var options = SolveOptions(timeLimit: 0.2)
        options.warmStart = HardInstances.trivialStart(model)
        options.progressInterval = 0
        options.progress = { _ in
            let call = calls.withLock { count in
                count += 1
                return count
            }
            if call == 3 { Thread.sleep(forTimeInterval: 0.4) }
        }
        let r = try solver.solve(model, options: options)
        #expect(r.termination == .timeLimit)
        #expect(r.status == .feasible)
        #expect(model.maximumViolation(r.values) <= 1e-6)
        #expect(calls.withLock { $0 } == 3, "the search went on reporting after its limit had passed")
    }

    @Test func zeroTimeLimitReturnsWithoutASolution() throws {
        let r = try solver.solve(HardInstances.marketSplit(), options: SolveOptions(timeLimit: 0))
        #expect(r.termination == .timeLimit)
        #expect(r.status == .timeLimitNoSolution)
    }

    @Test func taskCancellationStopsPromptlyWithTheBestSoFar() async throws {
        let m = HardInstances.marketSplit()
        let task = Task { try await solver.solve(m, options: SolveOptions()) }
        try await Task.sleep(for: .milliseconds(400))
        task.cancel()
        let r = try await task.value
        #expect(r.termination == .cancelled)
        #expect(r.status == .feasible || r.status == .cancelled)
        #expect(r.seconds < 10)
        if r.status == .feasible { #expect(m.maximumViolation(r.values) <= 1e-6) }
    }

    @Test func tokenCancelsASynchronousSolveFromAnotherThread() throws {
        let token = CancellationToken()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { token.cancel() }
        let r = try solver.solve(HardInstances.marketSplit(), options: SolveOptions(cancellation: token))
        #expect(r.termination == .cancelled)
    }

    /// A child token stops its own solve when the parent is cancelled, and cancelling
    /// the child leaves the parent (and so a sibling) running.
    @Test func childTokenFollowsItsParentAndNotTheOtherWay() throws {
        let parent = CancellationToken()
        let child = CancellationToken(parent: parent), sibling = CancellationToken(parent: parent)
        child.cancel()
        #expect(child.isCancelled && !parent.isCancelled && !sibling.isCancelled)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.3)
            parent.cancel()
        }
        // Without the parent's cancellation the solve would run to the time limit.
        let r = try solver.solve(HardInstances.marketSplit(), options: SolveOptions(timeLimit: 30, cancellation: sibling))
        #expect(r.termination == .cancelled)
        #expect(sibling.isCancelled)
    }

    @Test func alreadyCancelledTokenReturnsCancelled() throws {
        let token = CancellationToken()
        token.cancel()
        var m = Model()
        m.addVariable(kind: .integer, upperBound: 3, objective: 1)
        let r = try solver.solve(m, options: SolveOptions(cancellation: token))
        #expect(r.status == .cancelled)
    }

    @Test func progressReportsIncumbentsBoundsAndNodes() throws {
        let reports = Mutex<[SolveProgress]>([])
        var options = SolveOptions(timeLimit: 1)
        options.progressInterval = 0.05
        options.progress = { p in reports.withLock { $0.append(p) } }
        let r = try solver.solve(HardInstances.marketSplit(), options: options)
        let seen = reports.withLock { $0 }
        #expect(!seen.isEmpty)
        #expect(seen.contains { $0.isNewIncumbent && $0.incumbent != nil })
        #expect(seen.last!.nodes > 0)
        #expect(seen.allSatisfy { $0.bound != nil })
        if let last = seen.last(where: { $0.incumbent != nil }), r.status == .feasible {
            #expect(r.objective! <= last.incumbent! + 1e-9)
        }
    }

    @Test func feasibleWarmStartIsNeverWorseThanTheStart() throws {
        let m = HardInstances.marketSplit()
        let start = HardInstances.trivialStart(m)
        #expect(m.maximumViolation(start) == 0)
        let r = try solver.solve(m, options: SolveOptions(timeLimit: 0.3, warmStart: start))
        #expect(r.status == .feasible)
        #expect(r.objective! <= m.objectiveValue(start) + 1e-9)
    }

    /// A target any solution meets ends a search that could not finish in minutes at its
    /// first incumbent; the time limit is only a guard.
    @Test func objectiveTargetStopsAHardMIPAtTheFirstSolutionThatMeetsIt() throws {
        let m = HardInstances.marketSplit()
        var options = SolveOptions(timeLimit: 30)
        options.objectiveTarget = 1e9
        let r = try solver.solve(m, options: options)
        #expect(r.termination == .targetReached)
        #expect(r.status == .feasible)
        #expect(try #require(r.objective) <= 1e9)
        #expect(m.maximumViolation(r.values) <= 1e-6)
        #expect(r.seconds < 10)
    }

    /// A warm start that already meets the target is the answer, with no search at all.
    @Test func aWarmStartThatMeetsTheTargetIsReturnedAtOnce() throws {
        let m = HardInstances.marketSplit()
        let start = HardInstances.trivialStart(m)
        var options = SolveOptions(timeLimit: 30, warmStart: start)
        options.objectiveTarget = m.objectiveValue(start)
        let r = try solver.solve(m, options: options)
        #expect(r.termination == .targetReached)
        #expect(r.status == .feasible)
        #expect(r.values == start)
        #expect(r.nodes == 0)
    }

    /// A target beyond the optimum changes nothing, minimising or maximising: the search
    /// proves the optimum as it would without one.
    @Test(arguments: [ObjectiveSense.minimize, .maximize])
    func aTargetBeyondTheOptimumLeavesTheSearchAlone(sense: ObjectiveSense) throws {
        var m = Model(sense: sense)
        let x = m.addVariable(kind: .integer, upperBound: 5, objective: sense == .minimize ? -1 : 1)
        let y = m.addVariable(kind: .integer, upperBound: 5, objective: sense == .minimize ? -1 : 1)
        m.addConstraint(2 * x + 3 * y, .lessOrEqual(11))
        let optimum = sense == .minimize ? -5.0 : 5.0
        var options = SolveOptions()
        options.objectiveTarget = sense == .minimize ? optimum - 1 : optimum + 1
        let r = try solver.solve(m, options: options)
        #expect(r.status == .optimal)
        #expect(r.termination == .completed)
        #expect(r.objective == optimum)
    }

    /// Simplex iterations are counted: they measure work the same way on every machine.
    @Test func simplexIterationsAreCounted() throws {
        var m = Model(sense: .maximize)
        let x = m.addVariable(upperBound: 4, objective: 3)
        let y = m.addVariable(upperBound: 6, objective: 5)
        m.addConstraint(1 * x + 2 * y, .lessOrEqual(14))
        m.addConstraint(3 * x - 1 * y, .greaterOrEqual(0))
        m.addConstraint(1 * x - 1 * y, .lessOrEqual(2))
        let r = try solver.solve(m, options: SolveOptions())
        #expect(r.status == .optimal)
        #expect(r.iterations > 0)
        let again = try solver.solve(m, options: SolveOptions())
        #expect(again.iterations == r.iterations)
    }

    @Test func infeasibleWarmStartIsIgnored() throws {
        var m = Model(sense: .maximize)
        let x = m.addVariable(kind: .integer, upperBound: 5, objective: 1)
        m.addConstraint(2 * x, .lessOrEqual(7))
        let r = try solver.solve(m, options: SolveOptions(warmStart: [5]))
        #expect(r.status == .optimal)
        #expect(r.objective == 3)
    }
}
