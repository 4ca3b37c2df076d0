import LinearProgramming

/// `requests`: a volunteer's wishes to work or not on a date, a template on a date, or a
/// template at all (``Preferences/requests``), each at its own weight × ``RuleWeights/requests``.
///
/// Terms: a wish to work costs its weight × (1 − hit), a wish not to work its weight × hit,
/// where hit is the item (a template on a date), the day's work indicator (a date), or
/// every item of the template. Schedule models: part of each option's cost.
struct RequestsRule: Rule {
    var ids: [RuleID] { [.requests] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        let weights = b.problem.rules.weights
        guard weights.requests != 0 else { return }
        let horizon = b.problem.horizon
        for r in b.problem.volunteers[v].preferences.requests {
            let w = r.weight * weights.requests
            let t = r.template.flatMap { b.index.templateIndex[$0] }
            if let date = r.date {
                guard let d = horizon.index(of: date) else { continue }
                let hit: LinearExpression
                if let t {
                    hit = b.shiftItem[v][t * horizon.days + d].map { LinearExpression(VariableID(b.items[$0].column)) } ?? LinearExpression()
                } else {
                    hit = b.work(v, d)
                }
                if r.wantsToWork {
                    b.constant(.requests, w)
                    b.penalize(.requests, hit, -w)
                } else {
                    b.penalize(.requests, hit, w)
                }
            } else if let t {
                for id in b.itemsByVolunteer[v] where b.items[id].template != nil && (b.items[id].template == t) != r.wantsToWork {
                    b.penalize(.requests, b.items[id].column, w)
                }
            }
        }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        var penalty = 0.0
        let allTemplates = c.mine.compactMap(\.template)
        for r in c.volunteer.preferences.requests {
            let t = r.template.flatMap { c.index.templateIndex[$0] }
            if let date = r.date {
                guard let d = c.problem.horizon.index(of: date) else { continue }
                let hit = t.map { c.templatesByDay[d].contains($0) } ?? c.worked[d]
                if hit != r.wantsToWork { penalty += r.weight }
            } else if let t {
                penalty += r.weight * Double(allTemplates.filter { r.wantsToWork ? $0 != t : $0 == t }.count)
            }
        }
        findings.add(.requests, c.weights.requests * penalty)
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        s.problem.rules.weights.requests == 0 || s.volunteer.preferences.requests.isEmpty ? .notBinding : .optionCost
    }
}
