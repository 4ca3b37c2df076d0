import ArgumentParser
import Foundation
import Rota
import RotaIO

struct Cover: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Who could take a shift or an unfilled gap, ranked by the change of the objective.",
        discussion: """
        Each candidate is the roster with the change applied and checked whole by the \
        independent checker: its cost rule by rule (over target hours, an undesired time, \
        …) and, when it would break a hard rule, which. Moves of two are included: A takes \
        it and B takes A's assignment that is in the way. Candidates within every hard rule \
        come first, then the fewest people disturbed, then the objective's change.

        With --changes, the changes are applied to the roster first: the assignments of a \
        volunteer who is now away leave it (they are listed), and the gaps they open are \
        the ones to cover. With --give-away VOLUNTEER and a shift (--date, --line, --from), \
        it answers who could take that volunteer's shift instead, swaps included.

        Example:
          rota cover Examples/hotline-12338/scenario.yaml out/march/roster.json --gap 1
          rota cover Examples/hotline-12338/scenario.yaml out/march/roster.json --date 2026-03-05 --line legal --from 15:00
          rota cover Examples/hotline-12338/scenario.yaml out/march/roster.json --date 2026-03-05 --line legal --from 15:00 --give-away v017
        """)

    @Argument(help: "The scenario file.") var scenario: String
    @Argument(help: "The roster.json.") var roster: String
    @Option(help: "A changes file (as for rota replan) to apply to the scenario first; repeat it for several.") var changes: [String] = []
    @Option(help: "The unfilled gap to cover: its number in roster.json's unfilled list, from 1.") var gap: Int?
    @Option(help: "The shift's date (YYYY-MM-DD), with --line and --from.") var date: String?
    @Option(help: "The shift's line.") var line: String?
    @Option(help: "The shift's start (HH:MM).") var from: String?
    @Option(help: "The volunteer who gives the shift (--date, --line, --from) away: who could take it instead.") var giveAway: String?
    @Option(help: "Show at most this many candidates.") var limit: Int = 10
    @Flag(help: "Print the candidates as JSON.") var json = false

    func validate() throws {
        let byShift = [date, line, from].compactMap { $0 }.count
        if (gap == nil) == (byShift == 0) || (byShift != 0 && byShift != 3) {
            throw ValidationError("give either --gap N, or --date, --line and --from together")
        }
        if let gap, gap < 1 { throw ValidationError("--gap counts from 1, not \(gap)") }
        if let date, CalendarDate(date) == nil { throw ValidationError("--date must be YYYY-MM-DD, not '\(date)'") }
        if let from, TimeOfDay(from) == nil { throw ValidationError("--from must be HH:MM, not '\(from)'") }
        if limit < 1 || limit > 1_000 { throw ValidationError("--limit must be from 1 to 1000, not \(limit)") }
        if giveAway != nil, byShift != 3 { throw ValidationError("--give-away needs the shift: --date, --line and --from") }
    }

    func run() throws {
        let loaded = try loadScenario(scenario)
        let problem: RosterProblem
        let rosterChanges: RosterChanges?
        if changes.isEmpty {
            (problem, rosterChanges) = (loaded.problem, nil)
        } else {
            let c = try loadChanges(changes, scenario: loaded)
            (problem, rosterChanges) = (c.apply(to: loaded.problem), c)
        }
        let data = try readFileOrExit(roster)
        var assignments = try orExitOnBadInput { () throws(InputError) in try RosterDocument.assignments(fromJSON: data, file: roster, problem: problem) }
        let names = Dictionary(problem.volunteers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        func who(_ id: String) -> String { names[id].map { $0.isEmpty ? id : "\($0) \(id)" } ?? id }
        // The coordinator's terminal shows how to reach each candidate (never --json).
        let phones = Dictionary(problem.volunteers.compactMap { v in v.contact.phone.map { (v.id, $0) } }, uniquingKeysWith: { a, _ in a })
        func reach(_ id: String) -> String { phones[id].map { " ☎ \($0)" } ?? "" }
        // The changes first: whoever is now away leaves the shifts of those days.
        var leaving: [Assignment] = []
        if let rosterChanges {
            (assignments, leaving) = rosterChanges.split(assignments, horizon: problem.horizon)
            if !json {
                print("the changes take \(leaving.count) assignment\(leaving.count == 1 ? "" : "s") out of the roster")
                for a in leaving { print("  - \(who(a.volunteer)): \(a.date) \(a.interval) \(a.target)") }
            }
        }
        var advisor = CoverAdvisor(problem: problem, assignments: assignments)
        let candidates: [CoverAdvisor.Candidate]
        let what: String
        if let gap {
            guard gap <= advisor.unfilled.count else {
                printError("\(roster): --gap \(gap), but the roster has \(advisor.unfilled.count) unfilled gap\(advisor.unfilled.count == 1 ? "" : "s")")
                throw ExitCode(Exit.badInput)
            }
            let u = advisor.unfilled[gap - 1]
            candidates = advisor.candidates(for: u)
            what = "gap \(gap): \(u.date) \(u.interval) \(describe(u, problem: problem))"
        } else if let giveAway {
            guard let (shift, found) = advisor.candidates(givingAway: giveAway, line: line!, date: CalendarDate(date!)!, start: TimeOfDay(from!)!) else {
                printError("\(roster): \(giveAway) has no shift of line '\(line!)' from \(from!) on \(date!)")
                throw ExitCode(Exit.badInput)
            }
            candidates = found
            what = "\(who(giveAway))'s shift \(date!) \(shift.interval) \(line!), given away"
        } else {
            guard let (templates, found) = advisor.candidates(line: line!, date: CalendarDate(date!)!, start: TimeOfDay(from!)!) else {
                printError("\(scenario): no shift of line '\(line!)' starts at \(from!) on \(date!)")
                throw ExitCode(Exit.badInput)
            }
            candidates = found
            what = "\(date!) \(line!) from \(from!) (\(templates.joined(separator: ", ")))"
        }
        let shown = Array(candidates.prefix(limit))
        if json {
            let entries = shown.map { c in
                CoverEntry(volunteer: c.takes.volunteer, takes: c.takes.target.description, date: c.takes.date.description,
                           from: MinuteInterval.timeOfDay(c.takes.interval.start).description,
                           to: MinuteInterval.timeOfDay(c.takes.interval.end).description,
                           handOver: c.handOver.map { .init(gives: $0.gives.target.description, to: $0.to.volunteer, isSwap: $0.to.volunteer == giveAway) },
                           allowed: c.isAllowed, peopleDisturbed: c.peopleDisturbed, objectiveChange: c.objectiveChange, ruleChanges: c.ruleChanges,
                           breaks: c.breaks.map { .init(rule: $0.rule.rawValue, volunteer: $0.volunteer, date: $0.date?.description, message: $0.message) })
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(CoverAnswer(question: what, leaving: leaving.map { $0.key.description }, candidates: entries)), as: UTF8.self))
            return
        }
        print("who could cover \(what): \(candidates.filter(\.isAllowed).count) within every hard rule, \(candidates.count) in all")
        for (i, c) in shown.enumerated() {
            var line = String(format: "%2d. %@%@ %+.2f", i + 1, who(c.takes.volunteer), reach(c.takes.volunteer), c.objectiveChange)
            if let h = c.handOver {
                line += h.to.volunteer == giveAway ? " — a swap: \(who(h.to.volunteer)) takes \(h.gives.target)"
                    : " — move of two: \(who(h.to.volunteer)) takes \(h.gives.target)"
            }
            let costs = c.ruleChanges.sorted { (abs($0.value), $1.key) > (abs($1.value), $0.key) }.map { String(format: "%@ %+.2f", $0.key, $0.value) }
            if !costs.isEmpty { line += " (" + costs.joined(separator: ", ") + ")" }
            print(line)
            for b in c.breaks { print("      breaks \(b)") }
        }
    }

    func describe(_ u: UnfilledDemand, problem: RosterProblem) -> String {
        switch u.kind {
        case let .slot(r, line, _): "\(line ?? r), \(u.missing) missing"
        case let .eventRole(e, s): "event \(e), role \(s), \(u.missing) missing"
        case let .eventTeamSize(e): "event \(e), team size, \(u.missing) missing"
        }
    }
}

/// `rota cover --json`: the question, what the changes took out, and the candidates.
struct CoverAnswer: Encodable {
    var question: String
    /// Assignments the changes took out of the roster (`v017 legal-pm 2026-03-05`).
    var leaving: [String]
    var candidates: [CoverEntry]
}

/// One candidate of `rota cover --json`.
struct CoverEntry: Encodable {
    struct HandOver: Encodable {
        var gives: String
        var to: String
        /// The giver of a `--give-away` shift takes the taker's shift in exchange.
        var isSwap: Bool
    }
    struct Break: Encodable {
        var rule: String
        var volunteer: String?
        var date: String?
        var message: String
    }
    var volunteer: String
    var takes: String
    var date: String
    var from: String
    var to: String
    var handOver: HandOver?
    var allowed: Bool
    var peopleDisturbed: Int
    var objectiveChange: Double
    var ruleChanges: [String: Double]
    var breaks: [Break]
}
