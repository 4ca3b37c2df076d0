import Foundation
import Testing
@testable import Rota
@testable import RotaIO

/// The pages and calendars in the coordinators' language: labels, weekdays, reasons and
/// explanations in Chinese, lines, templates and skills by their display names; the
/// machine files keep their English keys.
@Suite("Outputs in the coordinators' language")
struct LocaleOutputTests {
    func rendered(_ locale: RosterLocale) throws -> [String: String] {
        let (problem, roster) = try GoldenOutputTests.fixture()
        var renderer = RosterRenderer(roster: roster, problem: problem, includeTimings: false)
        renderer.locale = locale
        renderer.display = DisplayNames(lines: ["legal": "法律咨询"], templates: ["day": "白班"], skills: ["caring": "关爱"])
        renderer.coordinator = CoordinatorContact(name: "张老师", phone: "0771-12338")
        return Dictionary(uniqueKeysWithValues: renderer.render(RosterFormat.allCases).map { ($0.0, String(decoding: $0.1, as: UTF8.self)) })
    }

    @Test func chinesePagesSpeakChinese() throws {
        let files = try rendered(.zhCN)
        let html = try #require(files["roster.html"])
        #expect(html.contains("<html lang=\"zh-CN\">"))
        for expected in ["<th>日期</th>", "周一", "<th>法律咨询</th>", "外出服务活动", "关爱"] {
            #expect(html.contains(expected), "roster.html lacks \(expected)")
        }
        for english in ["<th>date</th>", "Outreach events", "missing (", "not proven optimal", ">mon<"] {
            #expect(!html.contains(english), "roster.html still says \(english)")
        }
        let page = try #require(files["volunteers/a.html"])
        #expect(page.contains("周一") && page.contains("法律咨询 (白班)") && page.contains("请联系协调人"))
        let calendar = try #require(files["calendars/a.ics"])
        #expect(calendar.contains("SUMMARY:法律咨询 (白班)") && calendar.contains("协调人："))
        // roster.json keeps its keys; the spreadsheets speak the coordinators' language.
        #expect(files["roster.json"]?.contains("\"assignments\"") == true)
        #expect(files["roster.csv"]?.hasPrefix("\u{FEFF}编号,姓名,日期,星期,") == true && files["roster.csv"]?.contains(",周一,") == true, "\(files["roster.csv"] ?? "")")
        #expect(files["totals.csv"]?.hasPrefix("\u{FEFF}编号,姓名,小时") == true)
    }

    /// `--csv-locale en` keeps the English headers a program reads, whatever the pages speak.
    @Test func theCSVCanStayEnglishForPrograms() throws {
        let (problem, roster) = try GoldenOutputTests.fixture()
        var renderer = RosterRenderer(roster: roster, problem: problem, includeTimings: false)
        renderer.locale = .zhCN
        renderer.csvLocale = .en
        #expect(renderer.csv().hasPrefix("\u{FEFF}volunteer,name,date,weekday,") && renderer.csv().contains(",Mon,"))
        let bad = try Rota.run(["solve", Fixtures.path("good/mini.yaml"), "--csv-locale", "fr", "--out", Rota.temporaryDirectory()])
        #expect(bad.status == 64 && bad.stderr.contains("--csv-locale"), "\(bad.stderr)")
    }

    @Test func englishStaysEnglish() throws {
        let html = try #require(try rendered(.en)["roster.html"])
        #expect(html.contains("<html lang=\"en\">") && html.contains("<th>date</th>") && html.contains("<th>法律咨询</th>"))
    }

    @Test func theScenarioChoosesOrTheNamesDo() throws {
        let dir = Rota.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let base = "horizon: {start: 2026-03-02, days: 3}\nvolunteers: [{id: a, name: NAME}]\n"
        func load(_ text: String) throws -> LoadedScenario {
            try text.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
            return try ScenarioLoader.load(path: dir + "/s.yaml")
        }
        #expect(try load(base.replacingOccurrences(of: "NAME", with: "王芳")).locale == .zhCN)
        #expect(try load(base.replacingOccurrences(of: "NAME", with: "Anna")).locale == .en)
        #expect(try load("locale: en\n" + base.replacingOccurrences(of: "NAME", with: "王芳")).locale == .en)
        let named = try load("displayNames: {lines: {legal: 法律咨询}, skills: {legal: 法律}}\n" + base.replacingOccurrences(of: "NAME", with: "王芳"))
        #expect(named.displayNames.lines == ["legal": "法律咨询"] && named.displayNames.skills == ["legal": "法律"])
        do {
            _ = try load("locale: zh-TW\n" + base.replacingOccurrences(of: "NAME", with: "王芳"))
            Issue.record("an unknown locale was accepted")
        } catch let error as InputError {
            #expect(error.issues.contains { $0.path == "locale" && $0.message.contains("zh-CN or en") })
        }
    }

    /// The same gap on every day of the horizon is one row of the page's gap list, with its
    /// dates, not one row a day.
    @Test func theSameGapOnManyDaysIsOneRow() throws {
        let (problem, _) = try GoldenOutputTests.fixture()
        let report = RosterChecker(problem: problem).check([])
        let roster = Roster(assignments: [], unfilled: report.unfilled, totals: report.totals, objective: report.objective,
                            limitViolations: [], statistics: RosterStatistics(status: .feasible, provenOptimal: false, objective: nil, bound: nil,
                                                                              gap: nil, seconds: 0, variables: 0, constraints: 0, nonzeros: 0, stages: []))
        let html = RosterRenderer(roster: roster, problem: problem).html()
        let list = try #require(html.components(separatedBy: "<h2>Unfilled, and who could have come</h2>").last)
        let legalRows = list.components(separatedBy: "<tr>").filter { $0.contains("<td>legal</td>") }
        #expect(legalRows.count == 1, "\(legalRows)")
        #expect(legalRows.first?.contains("2026-03-02 – 03-04 (3 days)") == true, "\(legalRows)")
    }
}
