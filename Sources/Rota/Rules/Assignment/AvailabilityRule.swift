/// `availability`: a volunteer takes only items inside their available time (weekly
/// windows, dated exceptions, leave) for the whole of the item. Kept by construction.
struct AvailabilityRule: EligibilityRule {
    var ids: [RuleID] { [.availability] }

    func admits(_ v: Int, _ c: Candidate, _ index: ProblemIndex) -> Bool { index.available[v].contains(c.interval) }

    func refusal(_ v: Int, _ c: Candidate, _ index: ProblemIndex) -> String { "not available for the whole assignment" }
}
