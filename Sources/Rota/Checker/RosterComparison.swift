/// A hand-edited roster against the published one, both judged by the independent
/// checker: which assignments differ, which hard rules the edit breaks (and which it
/// mends), and how the objective changes, rule by rule. `rota check --against`.
public struct RosterComparison: Sendable {
    /// One rule's penalty before and after.
    public struct RuleChange: Sendable, Hashable {
        public var rule: String
        public var before: Double
        public var after: Double
        public var change: Double { after - before }
    }

    public var published: CheckReport
    public var edited: CheckReport
    /// In the edited roster, not in the published one.
    public var added: [AssignmentKey]
    /// In the published roster, not in the edited one.
    public var removed: [AssignmentKey]
    /// Hard violations of the edited roster that the published one did not have.
    public var newViolations: [RuleViolation]
    /// Hard violations of the published roster that the edit mends.
    public var mendedViolations: [RuleViolation]
    /// Every rule whose penalty changed, the largest change first.
    public var ruleChanges: [RuleChange]
    /// The objective's change (edited − published).
    public var totalChange: Double { edited.objective.total - published.objective.total }

    /// Checks both rosters against `problem`.
    ///
    /// Complexity: two checks (see ``RosterChecker``) and O(A log A) to compare.
    public init(problem: RosterProblem, published: [Assignment], edited: [Assignment]) {
        let checker = RosterChecker(problem: problem)
        self.published = checker.check(published)
        self.edited = checker.check(edited)
        let before = Set(published.map(\.key)), after = Set(edited.map(\.key))
        added = after.subtracting(before).sorted()
        removed = before.subtracting(after).sorted()
        // A violation is the same when its rule, volunteer and date are (messages carry numbers).
        func signature(_ v: RuleViolation) -> String { "\(v.rule)|\(v.volunteer ?? "")|\(v.date?.description ?? "")" }
        let was = Set(self.published.violations.map(signature)), now = Set(self.edited.violations.map(signature))
        newViolations = self.edited.violations.filter { !was.contains(signature($0)) }
        mendedViolations = self.published.violations.filter { !now.contains(signature($0)) }
        let old = self.published.objective.byRule, new = self.edited.objective.byRule
        ruleChanges = Set(old.keys).union(new.keys).map { RuleChange(rule: $0, before: old[$0] ?? 0, after: new[$0] ?? 0) }
            .filter { abs($0.change) > Self.tolerance }
            .sorted { (abs($0.change), $1.rule) > (abs($1.change), $0.rule) }
    }

    /// Changes smaller than this are rounding, not a change.
    static let tolerance = 1e-9
}
