/// `forbidden`: an assignment the coordinator ruled out (``RuleSettings/forbidden``). Kept
/// by construction. O(1) per candidate (a set held by ``ProblemIndex``).
struct ForbiddenRule: EligibilityRule {
    var ids: [RuleID] { [.forbidden] }

    func admits(_ v: Int, _ c: Candidate, _ index: ProblemIndex) -> Bool {
        index.forbiddenAssignments.isEmpty || !index.forbiddenAssignments.contains(c.key(volunteer: v, index))
    }

    func refusal(_ v: Int, _ c: Candidate, _ index: ProblemIndex) -> String { "this assignment is forbidden" }
}
