import Foundation
import Rota
import Testing
@testable import RotaIO

/// Volunteer sheets as Chinese Windows saves them: GB18030 ("CSV (逗号分隔)"), UTF-16 with
/// tabs ("Unicode text"), UTF-8 with a BOM; availability written in Chinese.
@Suite("Spreadsheets in: encodings and Chinese weekdays")
struct SpreadsheetInputTests {
    static let sheet = """
        编号,姓名,技能,可服务时间
        v001,王芳,legal,"周二,周四 08:00-22:00"
        v002,李娜,legal,周一至周五 8:00～12:00；周末 09:00-17:00
        v003,张敏,legal,"工作日 15:00-22:00; 星期六、星期天 08:00-12:00"
        v004,赵琳,legal,每天 08:00至22:00

        """

    static let scenario = """
        name: sheets
        horizon: {start: 2026-03-02, days: 7}
        skills: [legal]
        volunteersFile: volunteers.csv
        templates:
          - {id: day, line: legal, from: "08:00", to: "16:00", skill: legal}

        """

    func load(_ data: Data) throws -> RosterProblem {
        let dir = Rota.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try data.write(to: URL(fileURLWithPath: dir + "/volunteers.csv"))
        try Self.scenario.write(toFile: dir + "/scenario.yaml", atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(path: dir + "/scenario.yaml").problem
    }

    func expectTheSheet(_ problem: RosterProblem) {
        let weekly = Dictionary(problem.volunteers.map { ($0.id, $0.availability.weekly) }, uniquingKeysWith: { a, _ in a })
        let workweek: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
        #expect(problem.volunteers.map(\.name) == ["王芳", "李娜", "张敏", "赵琳"])
        #expect(weekly["v001"] == [WeeklyWindow(days: [.tuesday, .thursday], window: DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 22)))])
        #expect(weekly["v002"] == [WeeklyWindow(days: workweek, window: DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 12))),
                                   WeeklyWindow(days: [.saturday, .sunday], window: DailyWindow(start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 17)))])
        #expect(weekly["v003"] == [WeeklyWindow(days: workweek, window: DailyWindow(start: TimeOfDay(hour: 15), end: TimeOfDay(hour: 22))),
                                   WeeklyWindow(days: [.saturday, .sunday], window: DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 12)))])
        #expect(weekly["v004"]?.first?.days == Set(Weekday.allCases))
    }

    @Test
    func gb18030AsExcelSavesItOnChineseWindows() throws {
        let data = try #require(Self.sheet.data(using: TextDecoding.gb18030))
        #expect(String(data: data, encoding: .utf8) == nil, "the fixture must not be UTF-8")
        expectTheSheet(try load(data))
    }

    @Test
    func utf16WithTabsAsUnicodeText() throws {
        let tabbed = Self.sheet.replacingOccurrences(of: ",\"周二,周四", with: "\t\"周二,周四")
            .split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                // Commas between fields become tabs; the quoted cell keeps its comma.
                var out = "", quoted = false
                for c in line { if c == "\"" { quoted.toggle() }; out.append(c == "," && !quoted ? "\t" : c) }
                return out
            }.joined(separator: "\n")
        var data = Data([0xFF, 0xFE])
        data.append(try #require(tabbed.data(using: .utf16LittleEndian)))
        expectTheSheet(try load(data))
    }

    @Test
    func utf8WithAByteOrderMark() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(Self.sheet.utf8))
        expectTheSheet(try load(data))
    }

    @Test
    func aMisspeltChineseDayIsReportedAtItsCell() throws {
        let bad = Self.sheet.replacingOccurrences(of: "每天 08:00至22:00", with: "周八 08:00-22:00")
        let error = #expect(throws: InputError.self) { try load(Data(bad.utf8)) }
        #expect(error?.issues.contains { $0.location.line == 5 && $0.message.contains("周一至周五 08:00-22:00") && $0.message.contains("周八") } == true,
                "\(error?.issues ?? [])")
    }

    /// The blank sheet, as CSV or (`--out x.xlsx`) as a real workbook (a ZIP of Office Open
    /// XML, not CSV text under that name), byte-stable, reads back as a volunteers file.
    @Test(arguments: ["volunteers.csv", "volunteers.xlsx"])
    func theBlankSheetReadsBack(_ name: String) throws {
        let dir = Rota.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try Rota.run(["template", "volunteers", "--out", dir + "/" + name])
        #expect(r.status == 0, "\(r.stderr)")
        let written = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
        if name.hasSuffix(".xlsx") {
            #expect(written.prefix(2) == Data("PK".utf8), "not a ZIP archive")
            #expect(written == VolunteerSheetTemplate.xlsx())
        } else {
            #expect(written == Data(VolunteerSheetTemplate.csv().utf8))
        }
        let scenario = """
            name: sheet
            horizon: {start: 2026-03-02, days: 7}
            skills: [legal, rights]
            sites: [{id: township-1}]
            volunteersFile: \(name)
            templates: [{id: day, line: legal, from: "08:00", to: "12:00", skill: legal}]

            """
        try scenario.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        let v = try #require(try ScenarioLoader.load(path: dir + "/s.yaml").problem.volunteers.first)
        #expect(v.name == "王芳" && v.skills == ["legal": 2, "rights": 1] && v.homeSite == "township-1")
        #expect(v.availability.weekly.count == 2 && v.limits.maxHoursPerWeek == 21 && v.preferences.targetHours == 28)
        #expect(v.contact == VolunteerContact(phone: "138 0013 8000", wechat: "wangfang_88", note: "只接短信"))
    }
}
