import LinearProgramming

/// `pinned`: an assignment the coordinator fixed (``RuleSettings/pinned``). Elastic: a pin
/// that conflicts with another hard rule gives way at the hard tier's weight and is
/// reported.
///
/// Terms: hard × (1 − x) for the pinned item (the whole weight when it has no column).
/// Schedule models: part of each option's cost.
struct PinnedRule: Rule {
    var ids: [RuleID] { [.pinned] }

    func buildShared(_ b: inout Builder) {
        let pinned = b.problem.rules.pinned
        guard !pinned.isEmpty else { return }
        let hard = b.problem.rules.weights.hard
        let itemOf = b.itemsByKey()
        for key in pinned {
            b.constant(.pinned, hard)
            if let id = itemOf[key] { b.penalize(.pinned, b.items[id].column, -hard) }
        }
    }

    func check(roster c: RosterCheck, into findings: inout CheckFindings) {
        let broken = c.problem.rules.pinned.filter { !c.present.contains($0) }
        for p in broken { findings.fail(.pinned, volunteer: p.volunteer, "pinned assignment \(p.target) is missing") }
        findings.add(.pinned, c.weights.hard * Double(broken.count))
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        let id = s.volunteer.id
        return s.problem.rules.pinned.contains { $0.volunteer == id } ? .optionCost : .notBinding
    }
}
