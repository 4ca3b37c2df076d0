/// `undesired-times`: an assignment that touches the volunteer's undesired times.
struct UndesiredTimesRule: ItemPenaltyRule {
    var id: RuleID { .undesiredTimes }
    func weight(_ weights: RuleWeights) -> Double { weights.undesiredTimes }
    func count(_ index: ProblemIndex, _ v: Int, site: String?, interval: MinuteInterval) -> Double {
        index.undesired[v].intersects(interval) ? 1 : 0
    }
}
