/// The result of a replan: the new roster and how it differs from the published one.
public struct ReplanResult: Sendable {
    /// A published assignment replaced by another of the same volunteer on the same date
    /// (another shift, line or event role): one change for the volunteer's calendar, which
    /// updates the entry in place.
    public struct Move: Sendable, Hashable {
        public var from: AssignmentKey
        public var to: Assignment
    }

    public var roster: Roster
    /// In the new roster, not in the published one, and not a move.
    public var added: [Assignment]
    /// In the published roster, not in the new one, and not a move.
    public var removed: [AssignmentKey]
    /// Published and kept.
    public var kept: [Assignment]
    /// Published and replaced on the same date.
    public var moved: [Move]
    /// The problem that was solved: the published month's with the changes applied.
    public var problem: RosterProblem

    /// Assignments that differ from the published roster: each move counts once.
    public var changeCount: Int { added.count + removed.count + moved.count }
}

/// Minimal-change replanning: re-solve after a change (someone drops out, demand is
/// added) while keeping what was published wherever possible.
///
/// The published assignments become the problem's ``RuleSettings/baseline``: each
/// assignment added or removed costs ``RuleWeights/changes`` in the soft tier (and
/// ``RuleWeights/frozenChanges`` on the dates of ``RuleSettings/freeze``), so coverage is
/// restored first and the roster otherwise stays as it was. Published assignments before
/// ``RosterChanges/today`` are the past and are pinned.
///
/// ```swift
/// let changes = RosterChanges(today: march(10), departures: [.init(volunteer: "v017", from: march(10))])
/// let result = try Replanner().replan(problem, published: roster.assignments.map(\.key), changes: changes)
/// print(result.added, result.removed, result.moved)
/// ```
public struct Replanner: Sendable {
    public var solver: RosterSolver

    /// A replanner over `solver`; `Replanner()` (GLPK) comes with the `RotaGLPK` module.
    public init(solver: RosterSolver) { self.solver = solver }

    /// Applies `changes` to `problem` (the published month's) and replans.
    ///
    /// The past is the caller's to guard: a set of changes read when it was written is
    /// checked against its own today by ``RosterChanges/pastChanges(in:today:)`` (`rota
    /// replan` refuses a change dated before its file's today unless told to rewrite the
    /// past). Changes joined from several files (``RosterChanges/followed(by:)``) carry the
    /// last file's today, before which the earlier files' changes may rightly fall.
    ///
    /// - Throws: the changes' references that do not resolve, or the changed problem's
    ///   issues (an added requirement with a bad window, say), all together.
    public func replan(
        _ problem: RosterProblem, published: [AssignmentKey], changes: RosterChanges,
        options: RosterSolveOptions = RosterSolveOptions()
    ) throws(RosterProblemError) -> ReplanResult {
        let issues = changes.issues(in: problem)
        if !issues.isEmpty { throw RosterProblemError(issues: issues) }
        let changed = changes.apply(to: problem)
        let today = changes.today ?? problem.horizon.start
        let eventDates = Dictionary(changed.events.map { ($0.id, $0.date) }, uniquingKeysWith: { a, _ in a })
        let past = published.filter { key in
            switch key.target {
            case let .shift(_, date): date < today
            case let .event(id, _): eventDates[id].map { $0 < today } ?? false
            }
        }
        return try replan(changed, published: published, frozen: past, options: options)
    }

    /// - Parameters:
    ///   - problem: the problem after the change.
    ///   - published: the roster that was published.
    ///   - frozen: published assignments that must not move (pinned).
    ///   - options: the solve's options (time limit, gap, seed, cancellation).
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
        return Self.difference(roster: roster, published: published, problem: changed)
    }

    /// Splits the new roster against the published keys into kept, added, removed and
    /// moved (a removal and an addition of one volunteer on one date, paired in order).
    ///
    /// Complexity: O(a log a) in the assignments of both rosters.
    static func difference(roster: Roster, published: [AssignmentKey], problem: RosterProblem) -> ReplanResult {
        let old = Set(published)
        let new = Set(roster.assignments.map(\.key))
        var added = roster.assignments.filter { !old.contains($0.key) }.sorted()
        var removed = Array(Set(published.filter { !new.contains($0) })).sorted()
        let kept = roster.assignments.filter { old.contains($0.key) }
        let eventDates = Dictionary(problem.events.map { ($0.id, $0.date) }, uniquingKeysWith: { a, _ in a })
        func date(_ key: AssignmentKey) -> CalendarDate? {
            switch key.target {
            case let .shift(_, d): d
            case let .event(id, _): eventDates[id]
            }
        }
        var addedBy: [String: [Int]] = [:]  // "volunteer|date" → indices into `added`
        for (i, a) in added.enumerated() { addedBy["\(a.volunteer)|\(a.date)", default: []].append(i) }
        var moved: [ReplanResult.Move] = []
        var usedAdded = Set<Int>(), usedRemoved = Set<Int>()
        for (j, r) in removed.enumerated() {
            guard let d = date(r), var candidates = addedBy["\(r.volunteer)|\(d)"], !candidates.isEmpty else { continue }
            let i = candidates.removeFirst()
            addedBy["\(r.volunteer)|\(d)"] = candidates
            moved.append(ReplanResult.Move(from: r, to: added[i]))
            usedAdded.insert(i)
            usedRemoved.insert(j)
        }
        added = added.enumerated().filter { !usedAdded.contains($0.offset) }.map(\.element)
        removed = removed.enumerated().filter { !usedRemoved.contains($0.offset) }.map(\.element)
        return ReplanResult(roster: roster, added: added, removed: removed, kept: kept, moved: moved, problem: problem)
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
