import LinearProgramming

/// Where a solve stands, for people: one report each time the best roster or the proven
/// bound improves, on the solve's own clock (cumulative across stages, as HiGHS's and
/// CP-SAT's logs are), with the stage in words and the hours of demand still unfilled.
///
/// ``RosterSolveOptions/updates`` receives them as they happen; ``RosterSolver/events(_:options:)``
/// streams them with each improving roster and the final one.
public struct RosterSolveUpdate: Sendable, Hashable {
    /// The stage in words: `first roster`, `warm-up`, `hard rules`, `coverage`,
    /// `wishes and fairness` or `weighted`.
    public var stage: String
    /// The stage's place among the lexicographic stages (0 before them).
    public var stageNumber: Int
    public var stageCount: Int
    /// Seconds since the solve began, and its limit.
    public var elapsed: Double
    public var timeLimit: Double?
    /// The stage's objective at the best roster so far, the stage's proven bound and the
    /// relative gap between them.
    public var objective: Double
    public var bound: Double?
    public var gap: Double?
    /// Hours of demand (slots and event roles, one hour per missing person-hour) the best
    /// roster leaves unfilled.
    public var unfilledHours: Double
    /// The step behind this change.
    public var engine: SolveEngine
    /// Whether the roster improved (otherwise the bound did).
    public var improvedRoster: Bool

    public init(stage: String, stageNumber: Int, stageCount: Int, elapsed: Double, timeLimit: Double?, objective: Double,
                bound: Double?, gap: Double?, unfilledHours: Double, engine: SolveEngine, improvedRoster: Bool) {
        self.stage = stage
        self.stageNumber = stageNumber
        self.stageCount = stageCount
        self.elapsed = elapsed
        self.timeLimit = timeLimit
        self.objective = objective
        self.bound = bound
        self.gap = gap
        self.unfilledHours = unfilledHours
        self.engine = engine
        self.improvedRoster = improvedRoster
    }

    /// A stage's name in words, from its tier's name.
    static func words(forStage name: String) -> String {
        switch name {
        case "hard": "hard rules"
        case "coverage": "coverage"
        case "soft": "wishes and fairness"
        default: name
        }
    }
}

extension RosterSolver {
    /// What ``events(_:options:)`` yields.
    public enum Event: Sendable {
        /// The best roster or the bound improved.
        case update(RosterSolveUpdate)
        /// A better roster: its assignments (after the update that announced it).
        case improved([Assignment])
        /// The solve ended: the roster, checked (always the last event).
        case finished(Roster)
    }

    /// Solves `problem` on a thread of its own and streams its progress: every update, each
    /// improving roster, and the final roster. Ending the iteration early (breaking out
    /// of the loop, or cancelling the task that iterates) stops the search. An invalid
    /// problem or options end the stream with their ``RosterProblemError``.
    ///
    /// ```swift
    /// for try await event in RosterSolver().events(problem, options: RosterSolveOptions(timeLimit: 30)) {
    ///     if case let .update(u) = event { print(u.stage, u.objective, u.bound ?? .nan) }
    /// }
    /// ```
    public func events(_ problem: RosterProblem, options: RosterSolveOptions = RosterSolveOptions()) -> AsyncThrowingStream<Event, any Error> {
        AsyncThrowingStream { continuation in
            var options = options
            let earlier = options.updates, earlierRosters = options.rosters
            options.updates = { update in
                earlier?(update)
                continuation.yield(.update(update))
            }
            options.rosters = { assignments in
                earlierRosters?(assignments)
                continuation.yield(.improved(assignments))
            }
            let prepared = options
            let task = Task {
                do {
                    let roster = try await self.solve(problem, options: prepared)
                    continuation.yield(.finished(roster))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
