/// `skill`: a shift needs its template's skill at its minimum level; an event role needs
/// the role's skill. Kept by construction: no column for a volunteer without the skill.
struct SkillRule: EligibilityRule {
    var ids: [RuleID] { [.skill] }

    func admits(_ v: Int, _ c: Candidate, _ index: ProblemIndex) -> Bool {
        // Properties read in place: binding the whole volunteer or template copies (and
        // retains) every field, which the formulation used to do millions of times.
        if let t = c.template {
            guard let skill = index.problem.templates[t].requiredSkill else { return true }
            return (index.problem.volunteers[v].skills[skill] ?? 0) >= index.problem.templates[t].minimumLevel
        }
        guard let skill = c.skill else { return false }
        return (index.problem.volunteers[v].skills[skill] ?? 0) >= 1
    }

    func mayAdmit(_ v: Int, template: Int?, skill: String?, _ index: ProblemIndex) -> Bool {
        admits(v, Candidate(template: template, event: nil, skill: skill, day: 0, interval: MinuteInterval(0, 0), site: nil), index)
    }

    func refusal(_ v: Int, _ c: Candidate, _ index: ProblemIndex) -> String {
        if let t = c.template {
            let template = index.problem.templates[t]
            return "shift '\(template.id)' needs \(template.requiredSkill ?? "")≥\(template.minimumLevel)"
        }
        return "event '\(c.event.map { index.problem.events[$0].id } ?? "")' role needs '\(c.skill ?? "")'"
    }
}
