import ArgumentParser
import Foundation
import LinearProgramming
import Rota
import RotaGLPK
import RotaIO

struct Recruit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Whom to recruit: the volunteer profiles that would remove the most unfilled hours per person.",
        discussion: """
        Reads the duals of the coverage rows (what one more person in each slot is worth), \
        ranks profiles (a shift template on weekdays, at weekends or every day), and \
        confirms the best by solving again with that many such volunteers added.

        Example:
          rota recruit Examples/hotline-12338/scenario.yaml out/march/roster.json
        """)

    @Argument(help: "The scenario file.") var scenario: String
    @Argument(help: "Its roster.json (solved first when omitted).") var roster: String?
    @Option(help: "A changes file (as for rota replan) to apply to the scenario first; repeat it for several.") var changes: [String] = []
    @Option(help: "How many profiles to list.") var top: Int = 5
    @Option(help: "How many of them to confirm by solving again.") var confirm: Int = 3
    @Option(help: "Seconds for each solve.") var timeLimit: Double = 30
    @Option(help: "Relative gap at which each solve stops.") var gap: Double = 0.01

    func validate() throws {
        try OptionChecks.timeLimit(timeLimit)
        try OptionChecks.gap(gap)
        if top < 1 || top > 100 { throw ValidationError("--top must be from 1 to 100, not \(top)") }
        if confirm < 0 || confirm > top { throw ValidationError("--confirm must be from 0 to --top (\(top)), not \(confirm)") }
    }

    func run() throws {
        let loaded = try loadScenario(scenario)
        let problem = try changedProblem(loaded, changes: changes)
        let options = RosterSolveOptions(timeLimit: timeLimit, relativeGap: gap)
        let unfilled: [UnfilledDemand]
        if let roster {
            let data = try readFileOrExit(roster)
            let assignments = try orExitOnBadInput { () throws(InputError) in try RosterDocument.assignments(fromJSON: data, file: roster, problem: problem) }
            unfilled = RosterChecker(problem: problem).check(assignments).unfilled
        } else {
            unfilled = try RosterSolver().solve(problem, options: options).unfilled
        }
        let before = Recruiter.unfilledHours(unfilled)
        guard before > 0 else {
            print("nothing on the hotline is unfilled: no one to recruit")
            return
        }
        let recommendations = try Recruiter().recommend(problem, unfilled: unfilled, top: top, confirm: confirm, options: options)
        print(String(format: "%.1f unfilled hotline hours; profiles by unfilled hours one person could fill:", before))
        for (i, r) in recommendations.enumerated() {
            let p = r.profile
            var line = String(format: "%2d. %d more %@ (%@), %@ %@–%@: %.1f unfilled hours each, %.1f within reach (dual worth %.2f)", i + 1, r.people,
                              p.line ?? p.template, p.template, p.days, p.window.start.description, p.window.end.description, r.hoursPerPerson,
                              r.reachableHours, r.worthPerPerson)
            if let after = r.unfilledAfter {
                line += String(format: "; confirmed: %.1f → %.1f unfilled hours with %d added", r.unfilledBefore, after, r.people)
            }
            print(line)
        }
    }
}
