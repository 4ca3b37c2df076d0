import Foundation
import Testing

/// `rota cover`, `rota recruit` and `rota check --against` through the binary, on an
/// understaffed copy of the mini scenario.
@Suite("Coordinator commands, end to end", .serialized)
struct CoordinatorCommandTests {
    static let scenario = """
        name: short
        horizon: {start: 2026-03-02, days: 7}
        skills: [legal, psy]
        sites: [{id: centre}]
        volunteers:
          - {id: a, name: 王芳, skills: [legal], limits: {maxHoursPerWeek: 24}}
          - {id: b, name: 李娜, skills: [legal], limits: {maxHoursPerWeek: 24}}
        templates:
          - {id: am, line: legal, site: centre, from: "08:00", to: "16:00", skill: legal}
          - {id: pm, line: psy, site: centre, from: "14:00", to: "22:00", skill: psy}
        coverage:
          - {id: legal, line: legal, from: "08:00", to: "16:00", min: 1, max: 1}
          - {id: psy, line: psy, from: "14:00", to: "22:00", min: 1}

        """

    @Test
    func coverExplainsAndRanksAndRecruitConfirms() throws {
        let f = try ScenarioFolder(Self.scenario)
        defer { f.remove() }
        #expect(try Rota.run(["solve", f.scenario, "--out", f.dir + "/out", "--quiet"]).status == 0)
        let summary = try String(contentsOfFile: f.dir + "/out/summary.md", encoding: .utf8)
        // a and b can do 3 mornings each a week: the 7th morning is unfilled, both at their limit.
        // A Chinese scenario's summary speaks Chinese (locale zh-CN by default).
        #expect(summary.contains("2名合格：2人已达每周上限（王芳 a、李娜 b）"), "\(summary)")
        #expect(summary.contains("无人具备资格"))

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: f.dir + "/out/roster.json"))) as? [String: Any]
        let unfilled = json?["unfilled"] as? [[String: Any]] ?? []
        let legal = try #require(unfilled.firstIndex { $0["line"] as? String == "legal" })
        let cover = try Rota.run(["cover", f.scenario, f.dir + "/out/roster.json", "--gap", String(legal + 1)])
        #expect(cover.status == 0, "\(cover.stderr)")
        #expect(cover.stdout.contains("0 within every hard rule, 2 in all"), "\(cover.stdout)")
        #expect(cover.stdout.contains("breaks [max-hours-per-week]"))
        let byShift = try Rota.run(["cover", f.scenario, f.dir + "/out/roster.json", "--date", "2026-03-02", "--line", "legal", "--from", "08:00", "--json"])
        #expect(byShift.status == 0, "\(byShift.stderr)")
        #expect(byShift.stdout.contains("\"volunteer\""))
        #expect(try Rota.run(["cover", f.scenario, f.dir + "/out/roster.json", "--gap", "99"]).status == 2)
        #expect(try Rota.run(["cover", f.scenario, f.dir + "/out/roster.json"]).status == 64)

        let recruit = try Rota.run(["recruit", f.scenario, f.dir + "/out/roster.json", "--time-limit", "10"])
        #expect(recruit.status == 0, "\(recruit.stderr)")
        // Nobody has psy: every afternoon (56 h) needs a psy volunteer at the centre, three
        // of them at 24 h a week; the one morning the legal pair cannot reach needs one more.
        #expect(recruit.stdout.contains("the roster leaves 64.0 open person-hours"), "\(recruit.stdout)")
        #expect(recruit.stdout.contains(" 1. 3 × psy, living at or near centre; available Mon, Tue, Wed, Thu, Fri, Sat, Sun 14:00–22:00"), "\(recruit.stdout)")
        #expect(recruit.stdout.contains("confirmed by solving again: 64.0 → 8.0 open person-hours with 3 added"), "\(recruit.stdout)")
        #expect(recruit.stdout.contains(" 2. 1 × legal"), "\(recruit.stdout)")
        let recruitJSON = try Rota.run(["recruit", f.scenario, f.dir + "/out/roster.json", "--time-limit", "10", "--confirm", "1", "--json"])
        #expect(recruitJSON.status == 0, "\(recruitJSON.stderr)")
        let answer = try JSONSerialization.jsonObject(with: Data(recruitJSON.stdout.utf8)) as? [String: Any]
        let first = try #require((answer?["recommendations"] as? [[String: Any]])?.first)
        #expect(first["people"] as? Int == 3 && first["unfilledAfter"] as? Double == 8 && first["home"] as? String == "centre", "\(first)")
        #expect((first["available"] as? [String]) == ["Mon, Tue, Wed, Thu, Fri, Sat, Sun 14:00–22:00"], "\(first)")
    }

    @Test
    func checkAgainstTheRosterItWasEditedFrom() throws {
        let f = try ScenarioFolder(Self.scenario)
        defer { f.remove() }
        #expect(try Rota.run(["solve", f.scenario, "--out", f.dir + "/out", "--quiet"]).status == 0)
        let published = f.dir + "/out/roster.json"
        var doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: published))) as? [String: Any])
        var assignments = doc["assignments"] as? [[String: Any]] ?? []
        // Give one of a's mornings to b, who is then over the weekly limit.
        let i = try #require(assignments.firstIndex { $0["volunteer"] as? String == "a" })
        assignments[i]["volunteer"] = "b"
        doc["assignments"] = assignments
        try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: f.dir + "/edited.json"))
        let r = try Rota.run(["check", f.scenario, f.dir + "/edited.json", "--against", published])
        #expect(r.status == 1)
        #expect(r.stdout.contains("1 assignments added, 1 removed"), "\(r.stdout)")
        #expect(r.stdout.contains("new violation [max-hours-per-week] b"), "\(r.stdout)")
        #expect(r.stdout.contains("objective"))
        let same = try Rota.run(["check", f.scenario, published, "--against", published])
        #expect(same.status == 0)
        #expect(same.stdout.contains("0 assignments added, 0 removed"))
    }
}

/// What the coordinator's commands tell, through the binary on the bundled March month and
/// its flu week: the past refused with its line, a replanned roster checked against the
/// changed month, cover after the changes without the absent people, and no raw Swift
/// value in any file or message.
@Suite("Coordinator answers on the bundled month, end to end", .serialized)
struct CoordinatorAnswerTests {
    static let example = "Examples/hotline-12338/"

    /// Patterns a raw Swift value prints as: never for a person to read.
    static let rawValuePatterns = ["MinuteInterval(", "Optional(", "(template:", "shift(template", "event(id:", "CalendarDate(", "TimeOfDay(",
                                   "AssignmentKey(", "AssignmentTarget", "Swift.", "RuleID."]

    static func rawValues(in text: String) -> [String] { rawValuePatterns.filter { text.contains($0) } }

    /// Every regular file below `dir`, as text.
    static func texts(below dir: String) -> [(String, String)] {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: dir) else { return [] }
        return walker.compactMap { $0 as? String }.compactMap { path in
            guard let data = fm.contents(atPath: dir + "/" + path) else { return nil }
            return (path, String(decoding: data, as: UTF8.self))
        }
    }

    @Test
    func thePastIsRefusedCoverSkipsTheAbsentAndNothingRawIsPrinted() throws {
        let dir = Rota.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let scenario = Self.example + "scenario.yaml", flu = Self.example + "flu.yaml", changes = Self.example + "changes.yaml"
        var printed: [(String, String)] = []
        func run(_ arguments: [String]) throws -> Rota.Output {
            let r = try Rota.run(arguments)
            printed.append(("rota \(arguments.joined(separator: " "))", r.stdout + r.stderr))
            return r
        }
        let solved = try run(["solve", scenario, "--time-limit", "20", "--out", dir + "/march"])
        #expect(solved.status == 0, "\(solved.stderr)")
        let published = dir + "/march/roster.json"

        // An absence before today: refused at its line, nothing written.
        let past = dir + "/past.yaml"
        try "today: 2026-03-16\nabsences:\n  - {volunteer: v044, dates: [2026-03-10, 2026-03-17]}\n".write(toFile: past, atomically: true, encoding: .utf8)
        let refused = try run(["replan", scenario, "--published", published, "--changes", past, "--out", dir + "/past", "--time-limit", "5"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("past.yaml:3:"), "\(refused.stderr)")
        #expect(refused.stderr.contains("absences[0].dates[0]"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/past"))
        let rewritten = try run(["replan", scenario, "--published", published, "--changes", past, "--out", dir + "/past", "--time-limit", "5", "--rewrite-past"])
        #expect(rewritten.status == 0, "\(rewritten.stderr)")
        #expect(rewritten.stderr.contains("rewriting the past: ") && rewritten.stderr.contains("past.yaml:3:"), "\(rewritten.stderr)")
        #expect(rewritten.stderr.contains("absences[0].dates[0]: an absence of 'v044' on 2026-03-10"), "\(rewritten.stderr)")

        // The flu week replanned, then checked against the changed month (and the published
        // roster, which has the ill on their shifts, refused by it).
        let replanned = try run(["replan", scenario, "--published", published, "--changes", changes, "--changes", flu, "--out", dir + "/flu", "--time-limit", "20"])
        #expect(replanned.status == 0, "\(replanned.stderr)")
        let check = try run(["check", scenario, dir + "/flu/roster.json", "--changes", changes, "--changes", flu])
        #expect(check.status == 0, "\(check.stdout)")
        let stale = try run(["check", scenario, published, "--changes", changes, "--changes", flu])
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("violation [availability]"), "\(stale.stdout)")

        // Cover on the published roster with the flu applied: the ill leave their shifts,
        // and none of them is a candidate for a shift one of them leaves in the flu week.
        let ill = ["v044", "v045", "v046", "v047", "v048", "v049", "v050", "v051", "v052", "v053", "v057", "v059", "v065", "v070"]
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: published))) as? [String: Any])
        let left = try #require((doc["assignments"] as? [[String: Any]] ?? []).first {
            ill.contains($0["volunteer"] as? String ?? "") && ($0["date"] as? String ?? "") >= "2026-03-16" && ($0["date"] as? String ?? "") <= "2026-03-22"
                && $0["line"] != nil
        })
        let from = String((left["start"] as? String ?? "").dropFirst(11).prefix(5))
        let cover = try run(["cover", scenario, published, "--changes", changes, "--changes", flu, "--date", left["date"] as? String ?? "",
                             "--line", left["line"] as? String ?? "", "--from", from, "--limit", "1000"])
        #expect(cover.status == 0, "\(cover.stderr)")
        #expect(cover.stdout.contains("the changes take "), "\(cover.stdout)")
        let candidates = cover.stdout.components(separatedBy: "\n").filter { $0.range(of: #"^\s*\d+\. "#, options: .regularExpression) != nil }
        #expect(!candidates.isEmpty, "\(cover.stdout)")
        // The taker (a move of two may hand a shift of another week to someone ill now).
        for line in candidates {
            let taker = line.components(separatedBy: " — ").first ?? line
            for v in ill { #expect(!taker.contains(" \(v) "), "\(line)") }
        }
        let json = try run(["cover", scenario, published, "--changes", changes, "--changes", flu, "--gap", "1", "--json"])
        #expect(json.status == 0)

        // Whom to recruit for the flu week: the gaps a replan cannot fill, each profile
        // confirmed, every figure printed with its words (scanned below with the rest).
        let recruit = try run(["recruit", scenario, published, "--changes", changes, "--changes", flu, "--time-limit", "5", "--confirm", "1", "--top", "3"])
        #expect(recruit.status == 0, "\(recruit.stderr)")
        #expect(recruit.stdout.contains("solved again without recruits, as each confirmation is: "), "\(recruit.stdout)")
        #expect(recruit.stdout.contains("confirmed by solving again: ") || recruit.stdout.contains("nothing to recommend: "), "\(recruit.stdout)")
        #expect(json.stdout.contains("\"from\" : \""), "\(json.stdout.prefix(400))")

        for (file, text) in Self.texts(below: dir) + printed {
            #expect(Self.rawValues(in: text).isEmpty, "\(file) prints a raw value: \(Self.rawValues(in: text))")
        }
    }
}
