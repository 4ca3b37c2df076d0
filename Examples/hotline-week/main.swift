// One week of the 12338 hotline, built in code: 7 specialty lines staffed 08:00–22:00,
// 60 volunteers in the three groups of the corps, and two outreach events.
// Prints the roster, line by line, and every slot or role left unfilled with its reason.
import RotaGLPK
import Rota

// Optional arguments: days, volunteers, events (defaults 7, 60, 2).
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let days = arguments.count > 0 ? arguments[0] : 7
let volunteers = arguments.count > 1 ? arguments[1] : 60
let events = arguments.count > 2 ? arguments[2] : 2
let problem = HotlineScenario.make(days: days, volunteers: volunteers, events: events)
let roster = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 60))

print("12338 hotline, week of \(problem.horizon.start): \(roster.assignments.count) assignments")
let stats = roster.statistics
print("status \(stats.status), gap \(stats.gap.map { "\($0)" } ?? "-"), \(stats.seconds) s, \(stats.variables) variables, \(stats.constraints) rows, \(stats.nonzeros) nonzeros")
for stage in stats.stages { print("  stage \(stage.tier): \(stage.status) objective \(stage.objective ?? .nan) bound \(stage.bound ?? .nan) in \(stage.seconds) s") }
let names = Dictionary(uniqueKeysWithValues: problem.volunteers.map { ($0.id, $0.name) })
for date in problem.horizon.dates {
    print("\n\(date) (\(date.weekday.rawValue))")
    for a in roster.assignments where a.date == date {
        let what: String
        switch a.target {
        case let .shift(template, _): what = template
        case let .event(id, skill): what = "\(id) as \(skill)"
        }
        print("  \(what.padding(toLength: 28, withPad: " ", startingAt: 0)) \(a.volunteer) \(names[a.volunteer] ?? "")")
    }
}
print("\nUnfilled:")
if roster.unfilled.isEmpty { print("  nothing") }
for u in roster.unfilled {
    print("  \(u.date) \(u.kind): \(u.missing) missing (\(u.reason.rawValue))")
}
print("\nObjective by rule:")
for (rule, value) in roster.objective.byRule.sorted(by: { $0.key < $1.key }) { print("  \(rule): \(value)") }
