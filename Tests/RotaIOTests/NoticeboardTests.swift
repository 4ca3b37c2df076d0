import Foundation
import Testing
@testable import Rota
@testable import RotaIO

/// `roster.html` is the public noticeboard and `report.html` the coordinator's: the gaps
/// with their reason first and in words, the version, the contact and page numbers on the
/// board and nothing about costs; costs, fairness and the solve in the report, and no
/// internal weight in either.
@Suite("The noticeboard and the coordinator's report")
struct NoticeboardTests {
    func rendered(_ locale: RosterLocale, pinned: Bool = false) throws -> [String: String] {
        var (problem, roster) = try GoldenOutputTests.fixture()
        if pinned {
            // A replanned roster carries the pin and change weights in its objective.
            roster.objective.byRule["pinned"] = -10_000
            roster.objective.byRule["changes"] = 5
        }
        problem.volunteers[0].preferences.targetHours = 20
        var renderer = RosterRenderer(roster: roster, problem: problem, includeTimings: false)
        renderer.locale = locale
        renderer.coordinator = CoordinatorContact(name: "张老师", phone: "0771-12338")
        return Dictionary(uniqueKeysWithValues: renderer.render([.html]).map { ($0.0, String(decoding: $0.1, as: UTF8.self)) })
    }

    @Test(arguments: [RosterLocale.zhCN, .en])
    func theBoardIsForEveryoneTheReportForTheCoordinator(locale: RosterLocale) throws {
        let files = try rendered(locale, pinned: true)
        let board = try #require(files["roster.html"])
        let report = try #require(files["report.html"])
        let t = locale.pick
        // The board: the gaps before the grid, each reason written out (no tooltip), the
        // contact, the version, page numbers in print; no cost, no penalty, no pin.
        let gaps = try #require(board.range(of: "<h2>" + t("Gaps", "缺岗") + "</h2>"))
        let grid = try #require(board.range(of: "<h2>" + t("Roster", "排班") + "</h2>"))
        #expect(gaps.lowerBound < grid.lowerBound)
        #expect(!board.contains(" title=\""), "a reason only in a tooltip")
        #expect(board.contains("class=\"why\""))
        #expect(board.contains("0771-12338"))
        #expect(board.contains(t("version ", "版本 ")))
        #expect(board.contains("counter(page)"))
        for cost in ["pinned", "-10000", "penalty", "扣分", "fairness", "objective", "目标值", "bound", "下界"] {
            #expect(!board.contains(cost), "the noticeboard shows '\(cost)'")
        }
        // The report: the solve, costs by rule and by volunteer, hours against targets,
        // and who could have come; the pin and change weights left out.
        for expected in [t("Costs by rule", "各规则代价"), t("Hours and fairness", "工时与公平"), t("The solve", "求解情况"),
                         t("coordinator's report", "协调人报告"), t("target", "目标")] {
            #expect(report.contains(expected), "report.html lacks \(expected)")
        }
        #expect(!report.contains("pinned") && !report.contains("-10000") && !report.contains(">changes<"), "an internal weight in the report")
    }

    @Test func aTeamLargerThanItsRolesIsFlagged() throws {
        var (problem, roster) = try GoldenOutputTests.fixture()
        // One caring place asked for, two people on it (the scenario allowing one more).
        problem.events[0].team = ["caring": 1]
        problem.events[0].minTeamSize = 1
        problem.events[0].maxTeamSize = 2
        let index = ProblemIndex(problem)
        let second = Assignment(volunteer: "a", target: .event(id: "visit", skill: "caring"), date: problem.events[0].date,
                                interval: index.interval(event: 0)!, site: "town", line: nil, skill: "caring")
        roster.assignments.append(second)
        var renderer = RosterRenderer(roster: roster, problem: problem, includeTimings: false)
        renderer.locale = .zhCN
        let files = Dictionary(uniqueKeysWithValues: renderer.render([.html, .md]).map { ($0.0, String(decoding: $0.1, as: UTF8.self)) })
        for name in ["roster.html", "report.html", "summary.md"] {
            #expect(files[name]?.contains("超出所需1人") == true, "\(name) does not flag the team")
        }
        #expect(renderer.teamsAboveRoles() == ["visit": 1])
    }
}

/// An event's team is as large as it asks unless the scenario allows more.
@Suite("Teams as asked")
struct TeamsAsAskedTests {
    func load(_ event: String) throws -> RosterProblem {
        let dir = Rota.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = """
            horizon: {start: 2026-03-02, days: 7}
            skills: [legal, health]
            sites: [{id: town}]
            volunteers: [{id: a, skills: [legal]}]
            events:
              - {id: e, site: town, date: 2026-03-03, from: "09:00", to: "12:00", team: {legal: 2, health: 1}\(event)}

            """
        try text.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(path: dir + "/s.yaml").problem
    }

    @Test func theRolesAreTheCapUnlessTheScenarioSaysMore() throws {
        #expect(try load("").events[0].maxTeamSize == 3)
        #expect(try load(", minTeamSize: 4").events[0].maxTeamSize == 4)
        #expect(try load(", extraPlaces: 2").events[0].maxTeamSize == 5)
        #expect(try load(", maxTeamSize: 9").events[0].maxTeamSize == 9)
    }

    @Test(arguments: [", extraPlaces: -1", ", extraPlaces: 2, maxTeamSize: 5", ", extraPlaces: 1000000000"])
    func aContradictionIsRefusedAtItsLine(event: String) throws {
        do {
            _ = try load(event)
            Issue.record("accepted \(event)")
        } catch let error as InputError {
            #expect(error.description.contains("s.yaml:6:"), "\(error)")
            #expect(error.description.contains("extraPlaces"), "\(error)")
        }
    }
}

/// Phones, WeChat ids and notes: read from the sheet and the scenario (Chinese or English
/// headers), checked at their cell, and shown only where a coordinator or the volunteer
/// needs them.
@Suite("Contacts, kept private")
struct ContactTests {
    static let scenario = """
        horizon: {start: 2026-03-02, days: 3}
        skills: [legal]
        sites: [{id: centre}]
        volunteersFile: volunteers.csv
        templates:
          - {id: am, line: legal, site: centre, from: "08:00", to: "12:00", skill: legal}
        coverage:
          - {id: legal, line: legal, from: "08:00", to: "12:00", min: 2}

        """

    func folder(_ sheet: String, publish: Bool = false) throws -> ScenarioFolder {
        let f = try ScenarioFolder((publish ? "publishContacts: true\n" : "") + Self.scenario)
        try f.write("volunteers.csv", sheet)
        return f
    }

    @Test func theSheetsContactsAreReadAndCheckedAtTheirCell() throws {
        let f = try folder("编号,姓名,技能,电话,微信,备注\nv1,王芳,legal,138 0013 8000,wangfang_88,只接短信\nv2,李娜,legal,,,\n")
        defer { f.remove() }
        let problem = try ScenarioLoader.load(path: f.scenario).problem
        #expect(problem.volunteers[0].contact == VolunteerContact(phone: "138 0013 8000", wechat: "wangfang_88", note: "只接短信"))
        #expect(problem.volunteers[1].contact.isEmpty)

        let bad = try folder("id,name,skills,phone,wechat\nv1,A,legal,call me,ok\nv2,B,legal,123,has space\n")
        defer { bad.remove() }
        do {
            _ = try ScenarioLoader.load(path: bad.scenario)
            Issue.record("a bad phone was accepted")
        } catch {
            let text = error.description
            #expect(text.contains("volunteers.csv:2:4") && text.contains("'call me'"), "\(text)")
            #expect(text.contains("volunteers.csv:3:4") && text.contains("'123'"), "\(text)")
            #expect(text.contains("volunteers.csv:3:5") && text.contains("WeChat"), "\(text)")
        }
    }

    @Test func contactsAreOnThePrivateOutputsOnly() throws {
        let f = try folder("编号,姓名,技能,电话,微信\nv1,王芳,legal,13800138000,wf88\nv2,李娜,legal,13900139000,\n")
        defer { f.remove() }
        let solved = try Rota.run(["solve", f.scenario, "--out", f.dir + "/out", "--quiet", "--time-limit", "5"])
        #expect(solved.status == 0, "\(solved.stderr)")
        func read(_ name: String) throws -> String { try String(contentsOfFile: f.dir + "/out/" + name, encoding: .utf8) }
        // The call list and the volunteer's own page (her co-worker's phone for a swap).
        let calls = try read("calls.html")
        #expect(calls.contains("13800138000") && calls.contains("13900139000") && calls.contains("wf88"))
        #expect(try read("volunteers/v1.html").contains("☎ 13900139000"))
        #expect(try read("volunteers/v1.html").contains("13800138000"), "her own contact on file")
        // Never on the public board, in the report, or in the files for programs.
        for name in ["roster.html", "report.html", "roster.json", "roster.csv", "summary.md", "totals.csv"] {
            #expect(!(try read(name)).contains("13800138000"), "\(name) shows a phone")
        }
        #expect(!solved.stdout.contains("138") && !solved.stderr.contains("138"))
        // rota cover shows how to reach a candidate on the terminal, not in --json.
        let json = try read("roster.json")
        #expect(!json.contains("wf88"))

        // Published only when the scenario asks.
        let p = try folder("编号,姓名,技能,电话\nv1,王芳,legal,13800138000\nv2,李娜,legal,13900139000\n", publish: true)
        defer { p.remove() }
        #expect(try Rota.run(["solve", p.scenario, "--out", p.dir + "/out", "--quiet", "--time-limit", "5"]).status == 0)
        #expect(try String(contentsOfFile: p.dir + "/out/roster.html", encoding: .utf8).contains("13800138000"))
    }

    @Test func coverNamesThePhoneOnTheTerminalOnly() throws {
        let f = try folder("编号,姓名,技能,电话\nv1,王芳,legal,13800138000\nv2,李娜,legal,13900139000\nv3,张婷,legal,13700137000\n")
        defer { f.remove() }
        #expect(try Rota.run(["solve", f.scenario, "--out", f.dir + "/out", "--quiet", "--time-limit", "5"]).status == 0)
        let args = ["cover", f.scenario, f.dir + "/out/roster.json", "--date", "2026-03-02", "--line", "legal", "--from", "08:00"]
        let text = try Rota.run(args)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains(" ☎ 1"), "\(text.stdout)")
        let json = try Rota.run(args + ["--json"])
        #expect(json.status == 0 && !json.stdout.contains("☎") && !json.stdout.contains("13700137000"), "\(json.stdout)")
    }
}

/// The phone views: a page per day and per line, linked from the board; a sticky date
/// column on the grid; a large team folded on a volunteer's page.
@Suite("Phone views")
struct PhoneViewTests {
    @Test func eachDayAndEachLineHasItsPage() throws {
        let (problem, roster) = try GoldenOutputTests.fixture()
        var renderer = RosterRenderer(roster: roster, problem: problem, includeTimings: false)
        renderer.locale = .zhCN
        let files = Dictionary(uniqueKeysWithValues: renderer.render([.html]).map { ($0.0, String(decoding: $0.1, as: UTF8.self)) })
        let monday = try #require(files["days/2026-03-02.html"])
        #expect(monday.contains("今天谁值班") && monday.contains("王芳") && monday.contains("08:00–16:00"))
        let tuesday = try #require(files["days/2026-03-03.html"])
        #expect(tuesday.contains("缺1人") && tuesday.contains("关爱走访, 东村"), "the day's gap and event")
        let line = try #require(files["lines/legal.html"])
        #expect(line.contains("2026-03-02") && line.contains("2026-03-04") && line.contains("缺1人"))
        let board = try #require(files["roster.html"])
        #expect(board.contains("href=\"days/2026-03-02.html\"") && board.contains("href=\"lines/legal.html\""))
        #expect(board.contains("position:sticky"))
    }

    @Test func aLargeTeamIsFoldedOnAVolunteersPage() throws {
        var (problem, roster) = try GoldenOutputTests.fixture()
        problem.events[0].team = ["caring": 9]
        problem.events[0].minTeamSize = 9
        let index = ProblemIndex(problem)
        for i in 0..<8 {
            problem.volunteers.append(Volunteer(id: "x\(i)", name: "队员\(i)", skills: ["caring": 1]))
            roster.assignments.append(Assignment(volunteer: "x\(i)", target: .event(id: "visit", skill: "caring"), date: problem.events[0].date,
                                                 interval: index.interval(event: 0)!, site: "town", line: nil, skill: "caring"))
        }
        var renderer = RosterRenderer(roster: roster, problem: problem, includeTimings: false)
        renderer.locale = .zhCN
        let files = Dictionary(uniqueKeysWithValues: renderer.render([.html]).map { ($0.0, String(decoding: $0.1, as: UTF8.self)) })
        let page = try #require(files["volunteers/b.html"])
        #expect(page.contains("<details><summary>另有3人</summary>"), "\(page)")
    }
}

/// Chinese-first references: a skill, line, shift template or site written by its display
/// name in the scenario or the sheet stands for its id; a name that could be two is refused
/// with both named.
@Suite("References by display name")
struct DisplayNameReferenceTests {
    static let scenario = """
        horizon: {start: 2026-03-02, days: 3}
        skills: [legal, health]
        displayNames: {skills: {legal: 法律, health: 健康}, lines: {legal: 法律咨询}, templates: {am: 上午班}}
        sites: [{id: county, name: 东县}, {id: east, name: 东山乡, parent: 东县}]
        volunteersFile: volunteers.csv
        templates:
          - {id: am, line: legal, site: 东山乡, from: "08:00", to: "12:00", skill: 法律}
        coverage:
          - {id: c, line: 法律咨询, from: "08:00", to: "12:00", min: 1}
          - {id: s, template: 上午班, min: 1}
        events:
          - {id: e, site: 东县, date: 2026-03-03, from: "09:00", to: "12:00", team: {健康: 1, legal: 1}}

        """

    @Test func namesStandForTheirIds() throws {
        let f = try ScenarioFolder(Self.scenario)
        defer { f.remove() }
        try f.write("volunteers.csv", "编号,姓名,技能,所属站点,不去站点\nv1,王芳,法律:2;健康,东山乡,东县\n")
        let problem = try ScenarioLoader.load(path: f.scenario).problem
        #expect(problem.volunteers[0].skills == ["legal": 2, "health": 1])
        #expect(problem.volunteers[0].homeSite == "east" && problem.volunteers[0].preferences.avoidedSites == ["county"])
        #expect(problem.templates[0].requiredSkill == "legal" && problem.templates[0].site == "east")
        #expect(problem.sites[1].parent == "county")
        #expect(problem.coverage[0].target == .slots(line: "legal", skill: nil, window: DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 12)), slotMinutes: 60))
        #expect(problem.coverage[1].target == .shift(template: "am"))
        #expect(problem.events[0].site == "county" && problem.events[0].team == ["health": 1, "legal": 1])
    }

    @Test func aNameOfTwoIsRefusedWithBoth() throws {
        let f = try ScenarioFolder(Self.scenario.replacingOccurrences(of: "{id: east, name: 东山乡, parent: 东县}",
                                                                      with: "{id: east, name: 东山乡, parent: 东县}, {id: east2, name: 东山乡, parent: county}"))
        defer { f.remove() }
        try f.write("volunteers.csv", "编号,姓名,技能,所属站点\nv1,王芳,法律,东山乡\n")
        do {
            _ = try ScenarioLoader.load(path: f.scenario)
            Issue.record("an ambiguous site was accepted")
        } catch {
            let text = error.description
            #expect(text.contains("volunteers.csv:2:4") && text.contains("'east' or 'east2'"), "\(text)")
        }
    }
}
