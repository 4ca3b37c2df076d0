/// `avoided-sites`: an assignment at a site the volunteer avoids (``Preferences/avoidedSites``).
struct AvoidedSitesRule: ItemPenaltyRule {
    var id: RuleID { .avoidedSites }
    func weight(_ weights: RuleWeights) -> Double { weights.avoidedSites }
    func count(_ index: ProblemIndex, _ v: Int, site: String?, interval: MinuteInterval) -> Double {
        index.avoids(volunteer: v, site: site) ? 1 : 0
    }
}
