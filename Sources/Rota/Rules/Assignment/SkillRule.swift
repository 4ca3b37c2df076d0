/// `skill`: a shift needs its template's skill at its minimum level; an event role needs
/// the role's skill. Kept by construction: no column for a volunteer without the skill.
struct SkillRule: EligibilityRule {
    var ids: [RuleID] { [.skill] }

    func admits(_ v: Int, _ c: Candidate, _ index: ProblemIndex) -> Bool {
        let volunteer = index.problem.volunteers[v]
        if let t = c.template {
            let template = index.problem.templates[t]
            return volunteer.has(skill: template.requiredSkill, level: template.minimumLevel)
        }
        return c.skill.map { volunteer.has(skill: $0) } ?? false
    }

    func refusal(_ v: Int, _ c: Candidate, _ index: ProblemIndex) -> String {
        if let t = c.template {
            let template = index.problem.templates[t]
            return "shift '\(template.id)' needs \(template.requiredSkill ?? "")≥\(template.minimumLevel)"
        }
        return "event '\(c.event.map { index.problem.events[$0].id } ?? "")' role needs '\(c.skill ?? "")'"
    }
}
