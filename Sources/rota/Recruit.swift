import ArgumentParser
import Foundation
import LinearProgramming
import Rota
import RotaGLPK
import RotaIO

struct Recruit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Whom to recruit: the skills, the place to live, the days and hours, and how many people would fill the roster's gaps.",
        discussion: """
        Every kind of gap is served: hotline slots, care-station shifts, event roles and \
        event teams. Gaps with the same skills are grouped by a place to live from which \
        they lie within the scenario's typical travel limit; each profile is available on \
        the days and hours its gaps fall on. The best are confirmed by solving again with \
        that many such volunteers added: the figures after are the checker's on that roster. \
        When nothing is worth recommending, one line says why.

        Example:
          rota recruit Examples/hotline-12338/scenario.yaml out/march/roster.json
        """)

    @Argument(help: "The scenario file.") var scenario: String
    @Argument(help: "Its roster.json (solved first when omitted).") var roster: String?
    @Option(help: "A changes file (as for rota replan) to apply to the scenario and the roster first; repeat it for several.") var changes: [String] = []
    @Option(help: "How many profiles to list.") var top: Int = 5
    @Option(help: "How many of them to confirm by solving again.") var confirm: Int = 3
    @Option(help: "Seconds for each solve.") var timeLimit: Double = 30
    @Option(help: "Relative gap at which each solve stops.") var gap: Double = 0.01
    @Flag(help: "Print the answer as JSON.") var json = false

    func validate() throws {
        try OptionChecks.timeLimit(timeLimit)
        try OptionChecks.gap(gap)
        if top < 1 || top > 100 { throw ValidationError("--top must be from 1 to 100, not \(top)") }
        if confirm < 0 || confirm > top { throw ValidationError("--confirm must be from 0 to --top (\(top)), not \(confirm)") }
    }

    func run() throws {
        let loaded = try loadScenario(scenario)
        let problem: RosterProblem
        var rosterChanges: RosterChanges?
        if changes.isEmpty {
            problem = loaded.problem
        } else {
            let c = try loadChanges(changes, scenario: loaded)
            (problem, rosterChanges) = (c.apply(to: loaded.problem), c)
        }
        let options = RosterSolveOptions(timeLimit: timeLimit, relativeGap: gap)
        var assignments: [Assignment]
        var solved: [Assignment]?
        if let roster {
            let data = try readFileOrExit(roster)
            assignments = try orExitOnBadInput { () throws(InputError) in try RosterDocument.assignments(fromJSON: data, file: roster, problem: problem) }
            // Whoever the changes take away leaves the roster first, as in rota cover.
            if let rosterChanges { assignments = rosterChanges.split(assignments, horizon: problem.horizon).staying }
        } else {
            assignments = try RosterSolver().solve(problem, options: options).assignments
            solved = assignments
        }
        let advice = try Recruiter().recommend(problem, assignments: assignments, top: top, confirm: confirm, options: options, solvedAlready: solved)
        let words = RecruitWords(problem: problem, names: loaded.displayNames)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(RecruitAnswer(advice, words: words))
            print(String(decoding: data, as: UTF8.self))
            return
        }
        guard advice.unfilledBefore > 0 else {
            print(advice.nothingToRecommend ?? "nothing is open: no one to recruit")
            return
        }
        print(words.openLine(advice))
        if let again = advice.unfilledWithoutRecruits, roster != nil {
            print(String(format: "solved again without recruits, as each confirmation is: %.1f open person-hours", again)
                + (again < advice.unfilledBefore - 0.05 ? String(format: " (%.1f are a matter of arrangement: rota replan)", advice.unfilledBefore - again) : ""))
        }
        if !advice.recommendations.isEmpty { print("whom to recruit, by open person-hours within reach:") }
        for (i, r) in advice.recommendations.enumerated() { print(String(format: "%2d. ", i + 1) + words.line(r)) }
        if !advice.held.isEmpty {
            let reasons = Dictionary(grouping: advice.held, by: \.reason).sorted { $0.key < $1.key }
                .map { "\($0.value.count) held: \($0.key.phrase)" }.joined(separator: "; ")
            print("gaps more people cannot fill: \(reasons)")
        }
        if let why = advice.nothingToRecommend { print("nothing to recommend: \(why)") }
    }
}

/// How `rota recruit` says a profile: display names, HH:MM, dates.
struct RecruitWords {
    let problem: RosterProblem
    let names: DisplayNames

    var siteNames: [String: String] { Dictionary(problem.sites.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }) }

    func openLine(_ advice: Recruiter.Advice) -> String {
        let kinds = advice.totalsBefore.byKind.sorted { $0.key < $1.key }
            .map { String(format: "%@ %.1f", $0.key.rawValue, $0.value.personHours) }.joined(separator: ", ")
        return String(format: "the roster leaves %.1f open person-hours (%@)", advice.unfilledBefore, kinds)
    }

    func skills(_ p: Recruiter.Profile) -> String {
        if p.skills.isEmpty { return "anyone" }
        return p.skills.sorted { $0.key < $1.key }.map { $0.value > 1 ? "\(names.skills[$0.key] ?? $0.key) (level \($0.value))" : names.skills[$0.key] ?? $0.key }
            .joined(separator: " + ")
    }

    func place(_ p: Recruiter.Profile) -> String {
        guard let home = p.home else { return "living anywhere" }
        let sites = siteNames
        var text = "living at or near \(sites[home] ?? home)"
        if let area = p.area, area != home { text += " (\(sites[area] ?? area))" }
        if let cap = p.maxTravelMinutes { text += ", within \(cap) min of the work" }
        return text
    }

    func days(_ p: Recruiter.Profile) -> String {
        let order = Weekday.allCases
        return p.availability.map { w in
            let days = order.filter(w.days.contains).map { String($0.rawValue.prefix(3)).capitalized }.joined(separator: ", ")
            return "\(days) \(w.window)"
        }.joined(separator: "; ")
    }

    func serves(_ p: Recruiter.Profile) -> String {
        var seen = Set<String>()
        return p.places.map { id in names.lines[id] ?? names.templates[id] ?? problem.events.first { $0.id == id }?.name ?? id }
            .filter { seen.insert($0).inserted }.joined(separator: ", ")
    }

    func dates(_ p: Recruiter.Profile) -> String {
        let shown = p.dates.prefix(4).map(\.description).joined(separator: ", ")
        return p.dates.count > 4 ? "\(shown) and \(p.dates.count - 4) more" : shown
    }

    /// A gap in a few words: `2026-03-16 09:00–17:00 心理疏导`.
    func gap(_ u: UnfilledDemand) -> String {
        let what: String
        switch u.kind {
        case let .slot(requirement, line, _): what = line.map { names.lines[$0] ?? $0 } ?? requirement
        case let .eventRole(event, skill): what = "\(problem.events.first { $0.id == event }?.name ?? event) \(names.skills[skill] ?? skill)"
        case let .eventTeamSize(event): what = "\(problem.events.first { $0.id == event }?.name ?? event) team"
        }
        return "\(u.date) \(u.interval) \(what)"
    }

    func line(_ r: Recruiter.Recommendation) -> String {
        let p = r.profile
        var text = "\(r.people) × \(skills(p)), \(place(p)); available \(days(p)); for \(serves(p)) on \(dates(p)): "
            + String(format: "%.1f open person-hours within reach", r.reachablePersonHours)
        if let c = r.confirmation {
            text += String(format: "; confirmed by solving again: %.1f → %.1f open person-hours with %d added", r.unfilledBefore, c.unfilledAfter, r.people)
            if c.hardViolations > 0 { text += " (that roster breaks \(c.hardViolations) hard rule\(c.hardViolations == 1 ? "" : "s"))" }
        }
        return text
    }
}

/// `rota recruit --json`.
struct RecruitAnswer: Encodable {
    struct Profile: Encodable {
        var people: Int
        var skills: [String: Int]
        var home: String?
        var area: String?
        var maxTravelMinutes: Int?
        /// `Mon, Tue 08:00–15:00` per weekly window.
        var available: [String]
        var dates: [String]
        var serves: [String]
        var kinds: [String]
        /// The gaps it serves: `2026-03-16 09:00–17:00 station`.
        var gaps: [String]
        var reachablePersonHours: Double
        var unfilledBefore: Double
        var unfilledAfter: Double?
        var hardViolationsAfter: Int?
        var summary: String
    }
    var unfilledBefore: Double
    var unfilledWithoutRecruits: Double?
    var unfilledByKind: [String: Double]
    var recommendations: [Profile]
    var held: [String: Int]
    var nothingToRecommend: String?

    init(_ advice: Recruiter.Advice, words: RecruitWords) {
        unfilledBefore = advice.unfilledBefore
        unfilledWithoutRecruits = advice.unfilledWithoutRecruits
        unfilledByKind = Dictionary(uniqueKeysWithValues: advice.totalsBefore.byKind.map { ($0.key.rawValue, $0.value.personHours) })
        recommendations = advice.recommendations.map { r in
            Profile(people: r.people, skills: r.profile.skills, home: r.profile.home, area: r.profile.area, maxTravelMinutes: r.profile.maxTravelMinutes,
                    available: words.days(r.profile).components(separatedBy: "; "), dates: r.profile.dates.map(\.description),
                    serves: r.profile.places, kinds: r.profile.kinds.sorted().map(\.rawValue), gaps: r.gaps.map { words.gap(advice.unfilled[$0]) },
                    reachablePersonHours: r.reachablePersonHours, unfilledBefore: r.unfilledBefore, unfilledAfter: r.unfilledAfter,
                    hardViolationsAfter: r.confirmation?.hardViolations, summary: words.line(r))
        }
        held = Dictionary(grouping: advice.held, by: \.reason).reduce(into: [:]) { $0[$1.key.rawValue] = $1.value.count }
        nothingToRecommend = advice.nothingToRecommend
    }
}
