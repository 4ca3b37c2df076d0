import Foundation
import LinearProgramming
import Testing
@testable import Rota
@testable import RotaIO

/// The output formats, byte for byte, for a fixed roster (built by hand, so the files do
/// not depend on the solver). The files are never rewritten silently: after an intended
/// change, `scripts/update-golden.sh` rewrites them (ROTA_UPDATE_GOLDEN=1), and a run that
/// records fails, so a recording can never pass for a comparison.
@Suite("Golden output files")
struct GoldenOutputTests {
    static func fixture() throws -> (RosterProblem, Roster) {
        var problem = try ScenarioLoader.load(path: Fixtures.path("good/mini.yaml")).problem
        problem.events = [OutreachEvent(id: "visit", name: "关爱走访, 东村", site: "town", date: CalendarDate(year: 2026, month: 3, day: 3),
                                        window: DailyWindow(start: TimeOfDay(hour: 17), end: TimeOfDay(hour: 19)), team: ["caring": 2])]
        let index = ProblemIndex(problem)
        let day = CalendarDate(year: 2026, month: 3, day: 2)
        let assignments = [
            Assignment(volunteer: "a", target: .shift(template: "day", date: day), date: day, interval: index.interval(template: 0, day: 0),
                       site: "centre", line: "legal", skill: "legal"),
            Assignment(volunteer: "a", target: .shift(template: "day", date: day.adding(days: 2)), date: day.adding(days: 2),
                       interval: index.interval(template: 0, day: 2), site: "centre", line: "legal", skill: "legal"),
            Assignment(volunteer: "b", target: .event(id: "visit", skill: "caring"), date: day.adding(days: 1),
                       interval: index.interval(event: 0)!, site: "town", line: nil, skill: "caring"),
        ]
        let report = RosterChecker(problem: problem).check(assignments)
        let stats = RosterStatistics(status: .feasible, provenOptimal: false, objective: 42, bound: 40, gap: 2.0 / 42, seconds: 1.5,
                                     variables: 9, constraints: 7, nonzeros: 20,
                                     stages: [StageStatistics(tier: "coverage", status: .feasible, termination: .timeLimit, objective: 42, bound: 40, seconds: 1.5)])
        let roster = Roster(assignments: assignments, unfilled: report.unfilled, totals: report.totals, objective: report.objective,
                            limitViolations: report.violations, statistics: stats)
        return (problem, roster)
    }

    @Test func everyFormatMatchesItsGoldenFile() throws {
        let (problem, roster) = try Self.fixture()
        var renderer = RosterRenderer(roster: roster, problem: problem, includeTimings: false)
        renderer.coordinator = CoordinatorContact(name: "张老师", phone: "0771-12338")
        let files = renderer.render(RosterFormat.allCases)
        #expect(Set(files.map(\.0)) == ["roster.json", "roster.csv", "totals.csv", "summary.md", "calendars/a.ics", "calendars/b.ics", "roster.html", "report.html", "calls.html", "days/2026-03-02.html", "days/2026-03-03.html", "days/2026-03-04.html", "lines/legal.html", "roster.xlsx",
                                        "volunteers/index.html", "volunteers/a.html", "volunteers/b.html"])
        let golden = Fixtures.root.deletingLastPathComponent().appendingPathComponent("Golden/mini")
        let update = ProcessInfo.processInfo.environment["ROTA_UPDATE_GOLDEN"] == "1"
        for (name, data) in files {
            let url = golden.appendingPathComponent(name)
            if update {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
                Issue.record("recorded \(name) (ROTA_UPDATE_GOLDEN=1): this run compared nothing; run the tests again without it")
                continue
            }
            let expected = try Data(contentsOf: url)
            #expect(data == expected, "\(name) differs from its golden file; run scripts/update-golden.sh if the change is intended")
        }
    }

    @Test func renderingTwiceGivesTheSameBytes() throws {
        let (problem, roster) = try Self.fixture()
        let a = RosterRenderer(roster: roster, problem: problem, includeTimings: false).render(RosterFormat.allCases)
        let b = RosterRenderer(roster: roster, problem: problem, includeTimings: false).render(RosterFormat.allCases)
        #expect(a.map(\.1) == b.map(\.1))
    }

    @Test func icsIsValidRFC5545() throws {
        let (problem, roster) = try Self.fixture()
        let calendars = RosterRenderer(roster: roster, problem: problem).ics()
        for (_, text) in calendars {
            let lines = text.components(separatedBy: "\r\n").dropLast()
            #expect(text.hasSuffix("\r\n"))
            #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
            #expect(lines.allSatisfy { $0.utf8.count <= 75 }, "content lines are folded at 75 octets")
            #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == lines.filter { $0 == "END:VEVENT" }.count)
            #expect(lines.contains("TZID:Asia/Shanghai"))
            #expect(lines.contains { $0.hasPrefix("DTSTART;TZID=Asia/Shanghai:") })
        }
    }

    @Test func jsonRoundTripsThroughTheReader() throws {
        let (problem, roster) = try Self.fixture()
        let data = RosterDocument(roster: roster, problem: problem).encoded()
        let back = try RosterDocument.assignments(fromJSON: data, file: "roster.json", problem: problem)
        #expect(back == roster.assignments)
        let doc = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        for key in ["schemaVersion", "assignments", "unfilled", "volunteers", "objective", "solver"] { #expect(doc[key] != nil, "\(key)") }
        let first = (doc["assignments"] as! [[String: Any]])[0]
        #expect(first["start"] as? String == "2026-03-02T08:00:00+08:00")
    }

    @Test func csvQuotesFieldsAndCarriesABOM() throws {
        let (problem, roster) = try Self.fixture()
        let csv = RosterRenderer(roster: roster, problem: problem).csv()
        #expect(csv.hasPrefix("\u{FEFF}volunteer,name,date,weekday,start,end,end_date"))
        #expect(csv.contains("a,王芳,2026-03-02,Mon,08:00,16:00,2026-03-02,shift,day,,legal,centre,legal,8"))
        #expect(RosterRenderer.csvField("关爱走访, 东村") == "\"关爱走访, 东村\"")
        #expect(RosterRenderer.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }
}
