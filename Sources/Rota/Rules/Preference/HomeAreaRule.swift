/// `home-area`: the hops of the site network between the volunteer's home and the
/// assignment's site (city → county → township → village), per assignment.
struct HomeAreaRule: ItemPenaltyRule {
    var id: RuleID { .homeArea }
    func weight(_ weights: RuleWeights) -> Double { weights.homeArea }
    func count(_ index: ProblemIndex, _ v: Int, site: String?, interval: MinuteInterval) -> Double {
        Double(index.homeDistance(volunteer: v, site: site))
    }
}
