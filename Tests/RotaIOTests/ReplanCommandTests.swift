import Foundation
@testable import Rota
@testable import RotaIO
import Testing

/// `rota replan` through the binary: the changes file, the least change, the difference
/// per volunteer, and calendars that update a phone in place.
@Suite("rota replan", .serialized)
struct ReplanCommandTests {
    /// One legal line covered 08–16 by an early shift; a late shift (12–20) exists.
    static let scenario = """
        name: replan
        horizon: {start: 2026-03-02, days: 4}
        skills: [legal]
        sites: [{id: centre}]
        volunteers:
          - {id: a, name: 王芳, skills: [legal]}
          - {id: b, name: 李娜, skills: [legal], limits: {maxShiftsPerDay: 1}}
        templates:
          - {id: early, line: legal, site: centre, from: "08:00", to: "16:00", skill: legal}
          - {id: late, line: legal, site: centre, from: "12:00", to: "20:00", skill: legal}
        coverage:
          - {id: c1, line: legal, from: "08:00", to: "16:00", min: 1, max: 1}
        rules:
          weights: {fairness: 0}

        """

    @Test
    func aDepartureCancelsOnlyWhatMustGoAndThePastStays() throws {
        let m = try ScenarioFolder(Self.scenario)
        defer { m.remove() }
        #expect(try Rota.run(["solve", m.scenario, "--out", m.dir + "/v1", "--quiet", "--no-timings"]).status == 0)
        let v1 = try m.json(m.dir + "/v1/roster.json")["assignments"] as? [[String: Any]] ?? []
        let first = try #require(v1.first { $0["date"] as? String == "2026-03-04" }?["volunteer"] as? String)
        let changes = try m.write("changes.yaml", "today: 2026-03-04\nfreezeDays: 1\ndepartures:\n  - {volunteer: \(first)}\n")
        let r = try Rota.run(["replan", m.scenario, "--published", m.dir + "/v1/roster.json", "--changes", changes, "--out", m.dir + "/v2", "--no-timings"])
        #expect(r.status == 0, "\(r.stderr)")

        let diff = try m.json(m.dir + "/v2/changes.json")
        let published = v1.filter { $0["volunteer"] as? String == first && ($0["date"] as? String ?? "") >= "2026-03-04" }.count
        // Every assignment of the leaver from today is removed, each replaced by the other
        // volunteer; nothing else changes, and the past stays.
        #expect(diff["removed"] as? Int == published)
        #expect(diff["added"] as? Int == published)
        #expect(diff["moved"] as? Int == 0)
        #expect(diff["freeze"] as? [String] == ["2026-03-04", "2026-03-04"])
        let v2 = try m.json(m.dir + "/v2/roster.json")["assignments"] as? [[String: Any]] ?? []
        #expect(!v2.contains { $0["volunteer"] as? String == first && ($0["date"] as? String ?? "") >= "2026-03-04" })
        let past = v1.filter { ($0["date"] as? String ?? "") < "2026-03-04" }.map { "\($0["volunteer"]!) \($0["date"]!)" }
        #expect(Set(past).isSubset(of: v2.map { "\($0["volunteer"]!) \($0["date"]!)" }))

        // The leaver's calendar cancels each removed shift under the UID it was published with.
        let before = try String(contentsOfFile: m.dir + "/v1/calendars/\(first).ics", encoding: .utf8)
        let after = try String(contentsOfFile: m.dir + "/v2/calendars/\(first).ics", encoding: .utf8)
        #expect(after.components(separatedBy: "STATUS:CANCELLED").count - 1 == published)
        for line in before.split(separator: "\r\n") where line.hasPrefix("UID:") && line.contains("2026-03-0") {
            let date = line.split(separator: "-").suffix(3).joined(separator: "-").prefix(10)
            if date >= "2026-03-04" { #expect(after.contains(line + "\r\nDTSTAMP"), "\(line) not kept") }
        }
        #expect(after.contains("SEQUENCE:1\r\nSTATUS:CANCELLED"))
        #expect(try String(contentsOfFile: m.dir + "/v2/changes.md", encoding: .utf8).contains("取消: 2026-03-04"), "a Chinese scenario's changes speak Chinese")
        #expect(try String(contentsOfFile: m.dir + "/v2/roster.html", encoding: .utf8).contains("class=\"removed\""))

        // Replanning the new roster with no change keeps everything, cancellations included.
        let again = try Rota.run(["replan", m.scenario, "--published", m.dir + "/v2/roster.json", "--today", "2026-03-04", "--out", m.dir + "/v3", "--no-timings"])
        #expect(again.status == 0, "\(again.stderr)")
        let diff3 = try m.json(m.dir + "/v3/changes.json")
        #expect(diff3["added"] as? Int == 0 && diff3["removed"] as? Int == 0 && diff3["moved"] as? Int == 0)
        #expect(try String(contentsOfFile: m.dir + "/v3/calendars/\(first).ics", encoding: .utf8) == after)
        #expect(try Rota.run(["check", m.scenario, m.dir + "/v3/roster.json"]).status == 0)
    }

    @Test
    func aMovedShiftKeepsItsUIDWithAHigherSequence() throws {
        let m = try ScenarioFolder(Self.scenario)
        defer { m.remove() }
        #expect(try Rota.run(["solve", m.scenario, "--out", m.dir + "/v1", "--quiet"]).status == 0)
        // The line now needs its person 12–20: the early shifts become late ones. A move
        // and a swap of volunteers cost the same two changes, so the other volunteer leaves,
        // and the one who works today can only be moved.
        let v1 = try m.json(m.dir + "/v1/roster.json")["assignments"] as? [[String: Any]] ?? []
        let today = try #require(v1.first { $0["date"] as? String == "2026-03-03" }?["volunteer"] as? String)
        let other = today == "a" ? "b" : "a"
        let changes = try m.write("changes.yaml", """
            today: 2026-03-03
            departures:
              - {volunteer: \(other), from: 2026-03-03}
            coverage:
              remove: [c1]
              add:
                - {id: c2, line: legal, from: "12:00", to: "20:00", min: 1, max: 1}

            """)
        let r = try Rota.run(["replan", m.scenario, "--published", m.dir + "/v1/roster.json", "--changes", changes, "--out", m.dir + "/v2"])
        #expect(r.status == 0, "\(r.stderr)")
        let diff = try m.json(m.dir + "/v2/changes.json")
        // Each day from today the line's person works 12–20 instead of 08–16: the volunteer
        // who keeps the day is moved (a day the leaver had is a removal and an addition).
        #expect((diff["moved"] as? Int ?? 0) >= 1, "\(diff)")
        #expect((diff["moved"] as? Int ?? 0) + (diff["removed"] as? Int ?? 0) == 3)
        let person = try #require((diff["volunteers"] as? [[String: Any]])?.first { !(($0["moved"] as? [Any]) ?? []).isEmpty })
        let who = try #require(person["volunteer"] as? String)
        let move = try #require((person["moved"] as? [[String: Any]])?.first)
        let date = try #require((move["to"] as? [String: Any])?["date"] as? String)
        let moved = try #require((try m.json(m.dir + "/v2/roster.json")["assignments"] as? [[String: Any]])?.first {
            $0["date"] as? String == date && $0["volunteer"] as? String == who
        })
        #expect(moved["shift"] as? String == "late")
        // roster.json records the published UID (it is no longer this shift's default) and sequence 1.
        #expect(moved["uid"] as? String == "\(who)-shift-early-\(date)@rota")
        #expect(moved["sequence"] as? Int == 1)
        let ics = try String(contentsOfFile: m.dir + "/v2/calendars/\(who).ics", encoding: .utf8)
        #expect(ics.contains("UID:\(who)-shift-early-\(date)@rota\r\nDTSTAMP:"))
        #expect(ics.contains("SEQUENCE:1\r\nDTSTART;TZID="))
        #expect(try String(contentsOfFile: m.dir + "/v2/roster.html", encoding: .utf8).contains("class=\"changed\""))
    }

    @Test
    func badChangesAreListedWithTheirPositions() throws {
        let m = try ScenarioFolder(Self.scenario)
        defer { m.remove() }
        #expect(try Rota.run(["solve", m.scenario, "--out", m.dir + "/v1", "--quiet"]).status == 0)
        let changes = try m.write("changes.yaml", """
            today: 2027-01-01
            departures:
              - {volunteer: zz}
            absences:
              - {volunteer: a, dates: [2026-03-03], why: ill}
            events:
              remove: [nothing]
            coverage:
              add:
                - {id: c3, line: legal, from: "12:00", to: "20:00", min: 1, max: -2}

            """)
        let r = try Rota.run(["replan", m.scenario, "--published", m.dir + "/v1/roster.json", "--changes", changes, "--out", m.dir + "/v2"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("changes.yaml:5:41: absences[0].why: unknown key"), "\(r.stderr)")
        #expect(r.stderr.contains("coverage.add[0].maximum"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: m.dir + "/v2"))
        // Without the syntax slip, the references are checked, each at its place.
        try m.write("changes.yaml", try String(contentsOfFile: changes, encoding: .utf8).replacingOccurrences(of: ", why: ill", with: ""))
        let r2 = try Rota.run(["replan", m.scenario, "--published", m.dir + "/v1/roster.json", "--changes", changes, "--out", m.dir + "/v2"])
        #expect(r2.status == 2)
        for fragment in ["changes.yaml:1:8: today: 2027-01-01 is outside the horizon", "changes.yaml:3:17: departures[0].volunteer: unknown volunteer 'zz'",
                         "events.remove[0]: unknown event 'nothing'"] {
            #expect(r2.stderr.contains(fragment), "no '\(fragment)' in \(r2.stderr)")
        }
    }
}

/// A calendar entry whose text changes gets a higher SEQUENCE: a kept shift whose co-worker
/// changed names the new one, so a phone must take it as an update.
@Suite("Replanned calendars: SEQUENCE follows the text")
struct ReplanSequenceTests {
    @Test
    func aKeptShiftWhoseCoworkerChangedIsAnUpdate() throws {
        var problem = try ScenarioLoader.load(path: Fixtures.path("good/mini.yaml")).problem
        problem.volunteers.append(Volunteer(id: "c", name: "张三", skills: ["legal": 1]))
        problem.volunteers[1].skills["legal"] = 1
        let index = ProblemIndex(problem)
        let day = problem.horizon.start
        func shift(_ v: String, _ d: Int) -> Assignment {
            Assignment(volunteer: v, target: .shift(template: "day", date: day.adding(days: d)), date: day.adding(days: d),
                       interval: index.interval(template: 0, day: d), site: "centre", line: "legal", skill: "legal")
        }
        // Published: a with b on day 0, a alone on day 1. Replanned: c instead of b on day 0.
        let published = [shift("a", 0), shift("b", 0), shift("a", 1)]
        let now = [shift("a", 0), shift("c", 0), shift("a", 1)]
        let report = RosterChecker(problem: problem).check(now)
        let roster = Roster(assignments: now, unfilled: report.unfilled, totals: report.totals, objective: report.objective, limitViolations: [],
                            statistics: RosterStatistics(status: .feasible, provenOptimal: false, seconds: 0, variables: 0, constraints: 0, nonzeros: 0, stages: []))
        let result = ReplanResult(roster: roster, added: [shift("c", 0)], removed: [shift("b", 0).key], kept: [shift("a", 0), shift("a", 1)],
                                  moved: [], problem: problem)
        let replan = ReplanReport(result: result, changes: RosterChanges(), published: (published.map { ($0, CalendarIdentity.initial($0)) }, []))
        #expect(replan.identities[shift("a", 0).key]?.sequence == 1, "a's day-0 entry now names c instead of b")
        #expect(replan.identities[shift("a", 1).key] == nil, "a's day-1 entry is unchanged: default identity, sequence 0")
    }
}
