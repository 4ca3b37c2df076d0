/// The result of a replan: the new roster and how it differs from the published one.
public struct ReplanResult: Sendable {
    public var roster: Roster
    /// In the new roster, not in the published one.
    public var added: [Assignment]
    /// In the published roster, not in the new one.
    public var removed: [AssignmentKey]
    /// In both.
    public var kept: [Assignment]
}

/// Minimal-change replanning: re-solve after a change (someone drops out, demand is
/// added) while keeping what was published wherever possible.
///
/// The published assignments become the problem's ``RuleSettings/baseline``: each
/// assignment added or removed costs ``RuleWeights/changes`` in the soft tier, so
/// coverage is restored first and the roster otherwise stays as it was. Assignments in
/// `frozen` (typically everything before today) are pinned.
///
/// ```swift
/// var changed = problem
/// changed.volunteers.removeAll { $0.id == "v017" }          // v017 dropped out
/// let result = try Replanner().replan(changed, published: roster.assignments.map(\.key))
/// print(result.added, result.removed)
/// ```
public struct Replanner: Sendable {
    public var solver: RosterSolver

    /// A replanner over `solver`; `Replanner()` (GLPK) comes with the `RotaGLPK` module.
    public init(solver: RosterSolver) { self.solver = solver }

    /// - Parameters:
    ///   - problem: the problem after the change.
    ///   - published: the roster that was published.
    ///   - frozen: published assignments that must not move (pinned).
    public func replan(
        _ problem: RosterProblem, published: [AssignmentKey], frozen: [AssignmentKey] = [],
        options: RosterSolveOptions = RosterSolveOptions()
    ) throws(RosterProblemError) -> ReplanResult {
        var changed = problem
        let still = Self.stillValid(published, in: problem)
        changed.rules.baseline = still
        let frozenValid = Set(Self.stillValid(frozen, in: problem))
        changed.rules.pinned += frozenValid.sorted().filter { !changed.rules.pinned.contains($0) }
        let roster = try solver.solve(changed, options: options)
        let old = Set(published)
        let new = Set(roster.assignments.map(\.key))
        return ReplanResult(
            roster: roster,
            added: roster.assignments.filter { !old.contains($0.key) },
            removed: published.filter { !new.contains($0) }.sorted(),
            kept: roster.assignments.filter { old.contains($0.key) })
    }

    /// The keys whose volunteer, template or event still exist and whose date is still in
    /// the horizon.
    static func stillValid(_ keys: [AssignmentKey], in problem: RosterProblem) -> [AssignmentKey] {
        let volunteers = Set(problem.volunteers.map(\.id))
        let templates = Set(problem.templates.map(\.id))
        let events = Dictionary(problem.events.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return keys.filter { key in
            guard volunteers.contains(key.volunteer) else { return false }
            switch key.target {
            case let .shift(t, date): return templates.contains(t) && problem.horizon.index(of: date) != nil
            case let .event(id, skill): return events[id]?.team[skill] != nil
            }
        }
    }
}
