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
        #expect(recruit.stdout.contains("more psy (pm)"), "\(recruit.stdout)")
        #expect(recruit.stdout.contains("confirmed: 64.0 →"), "\(recruit.stdout)")
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
