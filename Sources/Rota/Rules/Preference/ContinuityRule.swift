import LinearProgramming

/// `continuity`: a volunteer who works two days running stays on the same line
/// (``RuleWeights/continuity`` per switch). A switch is counted on day d when a line worked
/// on d is not worked on d + 1 and d + 1 is a working day.
///
/// Terms: a switch variable per day ≥ line(d) − line(d + 1) + work(d + 1) − 1 for each
/// line worked on d, with a line indicator per day and line. Schedule models: the counting
/// model keeps yesterday's lines in its state (a switch is a cost on the transition
/// between two days' choices: a line of yesterday's choice missing from today's); the
/// sequence model declines.
struct ContinuityRule: Rule {
    var ids: [RuleID] { [.continuity] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        let weight = b.problem.rules.weights.continuity
        guard weight != 0 else { return }
        let D = b.problem.horizon.days
        var lineIndicator: [String: LinearExpression] = [:]
        func lines(_ b: Builder, _ d: Int) -> [String] {
            Array(Set(b.dayItems[v][d].compactMap { b.items[$0].line })).sorted()
        }
        func indicator(_ b: inout Builder, _ line: String, _ d: Int) -> LinearExpression {
            let key = "\(line)#\(d)"
            if let e = lineIndicator[key] { return e }
            let ids = b.dayItems[v][d].filter { b.items[$0].line == line }
            let e: LinearExpression
            if ids.isEmpty {
                e = LinearExpression()
            } else if ids.count == 1 {
                e = LinearExpression(terms: b.terms(ids))
            } else {
                let l = b.auxiliary("line_\(v)_\(d)", kind: .binary, upper: 1) { b, l in
                    for id in ids { b.model.addConstraint(terms: [LinearTerm(VariableID(b.items[id].column)), LinearTerm(l, -1)], .lessOrEqual(0)) }
                }
                b.model.addConstraint(terms: [LinearTerm(l)] + b.terms(ids, { _ in -1 }), .lessOrEqual(0))
                e = LinearExpression(l)
            }
            lineIndicator[key] = e
            return e
        }
        for d in 0..<max(D - 1, 0) {
            let today = lines(b, d)
            let next = b.work(v, d + 1)
            if today.isEmpty || next.terms.isEmpty { continue }
            let parts = today.map { line in (indicator(&b, line, d), indicator(&b, line, d + 1)) }
            let sw = b.auxiliary("switch_\(v)_\(d)", upper: 1) { b, s in
                for (now, then) in parts {
                    b.model.addConstraint(LinearExpression(s) - now - next + then, .greaterOrEqual(-1))
                }
            }
            b.penalize(.continuity, sw.index, weight)
            b.continuitySwitch[v, default: [:]][d] = sw.index
        }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        guard c.weights.continuity > 0 else { return }
        var switches = 0
        for d in 0..<max(c.problem.horizon.days - 1, 0) where c.worked[d] && c.worked[d + 1] && !c.linesByDay[d].isSubset(of: c.linesByDay[d + 1]) {
            switches += 1
        }
        findings.add(.continuity, c.weights.continuity * Double(switches))
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        guard s.problem.rules.weights.continuity != 0 else { return .notBinding }
        return model == .counting ? .kept : .unsupported
    }
}
