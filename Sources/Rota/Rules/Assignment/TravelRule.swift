/// `travel`: a volunteer with ``ContractLimits/maxTravelMinutes`` takes only items whose
/// site is within that many minutes of home. Kept by construction.
struct TravelRule: EligibilityRule {
    var ids: [RuleID] { [.travel] }

    func admits(_ v: Int, _ c: Candidate, _ index: ProblemIndex) -> Bool {
        guard let cap = index.problem.volunteers[v].limits.maxTravelMinutes else { return true }
        return index.travelFromHome(volunteer: v, site: c.site) <= cap
    }

    func refusal(_ v: Int, _ c: Candidate, _ index: ProblemIndex) -> String {
        "travel \(index.travelFromHome(volunteer: v, site: c.site)) min exceeds the cap of \(index.problem.volunteers[v].limits.maxTravelMinutes ?? 0)"
    }
}
