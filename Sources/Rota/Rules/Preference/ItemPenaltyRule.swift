import LinearProgramming

/// A soft rule that costs each assignment on its own: a weight from ``RuleWeights`` times
/// a count for the item (1 for an avoided site, the hops from home for the home area).
///
/// Terms: weight × count on each item's column; the checker sums the same count over the
/// volunteer's assignments. Schedule models: part of each option's cost.
protocol ItemPenaltyRule: Rule {
    var id: RuleID { get }
    /// The rule's weight.
    func weight(_ weights: RuleWeights) -> Double
    /// The count for volunteer `v` taking an item at `site` during `interval`.
    func count(_ index: ProblemIndex, _ v: Int, site: String?, interval: MinuteInterval) -> Double
}

extension ItemPenaltyRule {
    var ids: [RuleID] { [id] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        let w = weight(b.problem.rules.weights)
        guard w != 0 else { return }
        for id in b.itemsByVolunteer[v] {
            let item = b.items[id]
            let n = count(b.index, v, site: item.site, interval: item.interval)
            if n > 0 { b.penalize(self.id, item.column, w * n) }
        }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        let n = c.mine.reduce(0.0) { $0 + count(c.index, c.v, site: $1.site, interval: $1.interval) }
        findings.add(id, weight(c.weights) * n)
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        weight(s.problem.rules.weights) == 0 ? .notBinding : .optionCost
    }
}
