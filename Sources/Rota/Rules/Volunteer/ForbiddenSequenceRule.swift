import LinearProgramming

/// `forbidden-sequence`: template B is never worked the day after template A
/// (``RuleSettings/forbiddenSequences``; a night then an early shift, say).
///
/// Rows: x(A, d) + x(B, d + 1) ≤ 1, as a conflict written with the volunteer's others
/// (``ConflictCover``). Schedule models: kept through which option of
/// yesterday may precede which of today (``RosterFormulation/mayFollow(_:_:)``).
struct ForbiddenSequenceRule: Rule {
    var ids: [RuleID] { [.forbiddenSequence] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        let D = b.problem.horizon.days
        for s in b.problem.rules.forbiddenSequences {
            guard let t1 = b.index.templateIndex[s.first], let t2 = b.index.templateIndex[s.second] else { continue }
            for d in 0..<max(D - 1, 0) {
                if let a = b.shiftItem[v][t1 * D + d], let c = b.shiftItem[v][t2 * D + d + 1] {
                    b.conflictPair(a, c)
                }
            }
        }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        for s in c.problem.rules.forbiddenSequences {
            guard let t1 = c.index.templateIndex[s.first], let t2 = c.index.templateIndex[s.second] else { continue }
            for d in 0..<max(c.problem.horizon.days - 1, 0) where c.templatesByDay[d].contains(t1) && c.templatesByDay[d + 1].contains(t2) {
                c.fail(&findings, .forbiddenSequence, d, "'\(s.first)' followed by '\(s.second)' the next day")
            }
        }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        s.problem.rules.forbiddenSequences.isEmpty ? .notBinding : .kept
    }
}
