import Foundation
import Rota
import Testing
@testable import RotaIO

/// Volunteer sheets kept as `.xlsx` workbooks, read directly: the fixtures are written by
/// openpyxl (`Fixtures/xlsx/make.py`), once with inline strings as openpyxl writes them and
/// once with shared strings as Excel writes them, with a rich-text name and a date cell.
@Suite("Spreadsheets in: .xlsx workbooks")
struct XLSXInputTests {
    static let scenario = """
        name: workbook
        horizon: {start: 2026-03-02, days: 7}
        skills: [legal]
        volunteersFile: volunteers.xlsx
        templates:
          - {id: day, line: legal, from: "08:00", to: "16:00", skill: legal}

        """

    func load(workbook: String) throws -> RosterProblem {
        let dir = Rota.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Fixtures.path("xlsx/\(workbook)"), toPath: dir + "/volunteers.xlsx")
        try Self.scenario.write(toFile: dir + "/scenario.yaml", atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(path: dir + "/scenario.yaml").problem
    }

    @Test(arguments: ["volunteers.xlsx", "volunteers-shared-strings.xlsx"])
    func aWorkbookReadsLikeItsSheet(_ workbook: String) throws {
        let problem = try load(workbook: workbook)
        #expect(problem.volunteers.map(\.id) == ["v001", "v002", "v003", "v004"])
        // The rich-text name is its runs joined.
        #expect(problem.volunteers.map(\.name) == ["王芳", "李娜", "张敏", "赵琳"])
        let weekly = Dictionary(problem.volunteers.map { ($0.id, $0.availability.weekly) }, uniquingKeysWith: { a, _ in a })
        #expect(weekly["v001"] == [WeeklyWindow(days: [.tuesday, .thursday], window: DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 22)))])
        #expect(weekly["v004"]?.first?.days == Set(Weekday.allCases))
        // A date cell (a serial number with a date format) is the date the coordinator typed.
        #expect(problem.volunteers[1].availability.exceptions.map(\.date) == [CalendarDate(year: 2026, month: 3, day: 4)])
        #expect(problem.volunteers[0].limits.maxHoursPerWeek == 20)
        #expect(problem.volunteers[2].limits.maxHoursPerWeek == 12.5)
    }

    /// A bad cell is reported at the workbook's row and column (F3: row 3, column 6).
    @Test func aBadCellIsReportedAtItsRowAndColumn() throws {
        do {
            _ = try load(workbook: "bad-volunteers.xlsx")
            Issue.record("a bad number was accepted")
        } catch let error as InputError {
            let issue = try #require(error.issues.first { $0.path.hasPrefix("volunteers[1]") })
            #expect(issue.location.file.hasSuffix("volunteers.xlsx"))
            #expect(issue.location.line == 3 && issue.location.column == 6, "\(issue)")
        }
    }

    /// A file that starts like a ZIP archive but is none is refused with the reason, never a crash.
    @Test(arguments: [Data([0x50, 0x4B, 0x03, 0x04]) + Data(repeating: 7, count: 64), Data([0x50, 0x4B, 0x03, 0x04])])
    func aBrokenWorkbookIsAnIssue(_ bytes: Data) throws {
        #expect(throws: XLSXSheet.Failure.self) { try XLSXSheet(data: bytes) }
        var reader = NodeReader(file: "s.yaml")
        let dir = Rota.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try bytes.write(to: URL(fileURLWithPath: dir + "/v.xlsx"))
        #expect(SheetTable.read(path: dir + "/v.xlsx", display: "v.xlsx", key: "volunteersFile", reader: &reader) == nil)
        #expect(reader.issues.first?.message.contains("cannot read the workbook") == true)
    }

    @Test func cellReferencesAndNumbers() {
        #expect(XLSXSheet.columnIndex("A1") == 0)
        #expect(XLSXSheet.columnIndex("AB12") == 27)
        #expect(XLSXSheet.columnIndex("XFD1048576") == 16_383)
        #expect(XLSXSheet.columnIndex("1A") == nil)
        #expect(XLSXSheet.columnIndex("ABCD1") == nil)
        #expect(XLSXSheet.columnIndex("") == nil)
        #expect(XLSXSheet.format(13_800_138_000, as: .number) == "13800138000")
        #expect(XLSXSheet.format(12.5, as: .number) == "12.5")
        #expect(XLSXSheet.format(46_085, as: .date) == "2026-03-04")
        #expect(XLSXSheet.format(1.0 / 3.0, as: .time) == "08:00")
        #expect(XLSXSheet.Styles.kind(ofCode: "yyyy/m/d") == .date)
        #expect(XLSXSheet.Styles.kind(ofCode: "h:mm") == .time)
        #expect(XLSXSheet.Styles.kind(ofCode: "0.00E+00") == .number)
        #expect(XLSXSheet.Styles.kind(ofCode: "[Red]0.00;\"days\"") == .number)
    }
}
