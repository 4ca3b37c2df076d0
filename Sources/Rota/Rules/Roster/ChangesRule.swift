import LinearProgramming

/// `changes`: when replanning, each assignment added to or removed from the published
/// roster (``RuleSettings/baseline``) costs ``RuleWeights/changes``, or
/// ``RuleWeights/frozenChanges`` inside the freeze window, priced by date through
/// ``RuleSettings/changeWeight(of:eventDate:)`` on both sides.
///
/// Terms: change × (1 − x) for a published item, change × x for any other. Schedule
/// models: part of each option's cost.
struct ChangesRule: Rule {
    var ids: [RuleID] { [.changes] }

    func buildShared(_ b: inout Builder) {
        let problem = b.problem
        guard !problem.rules.baseline.isEmpty else { return }
        let itemOf = b.itemsByKey()
        let eventDates = Dictionary(problem.events.map { ($0.id, $0.date) }, uniquingKeysWith: { a, _ in a })
        func weight(_ key: AssignmentKey) -> Double { problem.rules.changeWeight(of: key, eventDate: { eventDates[$0] }) }
        let baseline = Set(problem.rules.baseline)
        for key in baseline {
            let change = weight(key)
            guard change != 0 else { continue }
            b.constant(.changes, change)
            if let id = itemOf[key] { b.penalize(.changes, b.items[id].column, -change) }
        }
        let key = RosterFormulation.keyFunction(b.index)
        for item in b.items {
            let k = key(item)
            let change = weight(k)
            if change != 0 && !baseline.contains(k) { b.penalize(.changes, item.column, change) }
        }
    }

    func check(roster c: RosterCheck, into findings: inout CheckFindings) {
        guard !c.problem.rules.baseline.isEmpty else { return }
        let baseline = Set(c.problem.rules.baseline)
        let eventDates = Dictionary(c.problem.events.map { ($0.id, $0.date) }, uniquingKeysWith: { a, _ in a })
        let changed = baseline.subtracting(c.present).union(c.present.subtracting(baseline))
        findings.add(.changes, changed.sorted().reduce(0) { $0 + c.problem.rules.changeWeight(of: $1, eventDate: { eventDates[$0] }) })
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        s.problem.rules.baseline.isEmpty ? .notBinding : .optionCost
    }
}
