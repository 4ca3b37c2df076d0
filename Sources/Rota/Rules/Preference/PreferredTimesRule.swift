/// `preferred-times`: an assignment outside the volunteer's preferred times, when they have any.
struct PreferredTimesRule: ItemPenaltyRule {
    var id: RuleID { .preferredTimes }
    func weight(_ weights: RuleWeights) -> Double { weights.preferredTimes }
    func count(_ index: ProblemIndex, _ v: Int, site: String?, interval: MinuteInterval) -> Double {
        index.outsidePreferredTimes(volunteer: v, interval) ? 1 : 0
    }
}
