/// `preferred-sites`: an assignment away from the volunteer's preferred sites, when they have any.
struct PreferredSitesRule: ItemPenaltyRule {
    var id: RuleID { .preferredSites }
    func weight(_ weights: RuleWeights) -> Double { weights.preferredSites }
    func count(_ index: ProblemIndex, _ v: Int, site: String?, interval: MinuteInterval) -> Double {
        index.awayFromPreferred(volunteer: v, site: site) ? 1 : 0
    }
}
