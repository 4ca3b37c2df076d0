import Foundation
import Testing
@testable import RotaIO
import Rota

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static var badScenarios: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path("bad"))) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    }
}

/// Every file in `Fixtures/bad` must be rejected with the messages (and positions) its
/// `.expected` file lists, one `POSITION|message fragment` per line.
@Suite("Bad scenario and CSV corpus")
struct BadInputCorpusTests {
    @Test func theCorpusHasAtLeastThirtyCases() {
        #expect(Fixtures.badScenarios.count >= 30)
    }

    @Test(arguments: Fixtures.badScenarios)
    func badFileIsRejectedWithItsMessages(_ name: String) throws {
        let file = Fixtures.path("bad/\(name)")
        let expectedFile = Fixtures.path("bad/\((name as NSString).deletingPathExtension).expected")
        let expected = try String(contentsOfFile: expectedFile, encoding: .utf8).split(separator: "\n").map(String.init)
        let error = #expect(throws: InputError.self) { _ = try ScenarioLoader.load(path: file) }
        let issues = try #require(error).issues
        for line in expected {
            let parts = line.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let position = parts[0], fragment = parts[1]
            let match = issues.contains { issue in
                guard issue.description.contains(fragment) else { return false }
                if position.isEmpty { return true }
                let location = issue.location.description
                if position.contains(".csv") { return location.hasSuffix(position) || location.contains(position + ":") }
                let lineColumn = "\(issue.location.line ?? 0):\(issue.location.column ?? 0)"
                return lineColumn.hasPrefix(position) && location.hasPrefix(file)
            }
            #expect(match, "\(name): expected '\(line)' among:\n\(issues.map(\.description).joined(separator: "\n"))")
        }
    }

    @Test func theGoodBaseScenarioLoads() throws {
        let loaded = try ScenarioLoader.load(path: Fixtures.path("good/mini.yaml"))
        #expect(loaded.problem.volunteers.map(\.name) == ["王芳", "b"])
        #expect(loaded.problem.volunteers[1].skills == ["caring": 2])
    }
}

@Suite("Volunteer CSV")
struct VolunteerCSVTests {
    @Test func theBundledSpreadsheetExportReads() throws {
        let scenario = try ScenarioLoader.load(path: SchemaTests.repository.appendingPathComponent("Examples/hotline-12338/scenario.yaml").path)
        let volunteers = scenario.problem.volunteers
        #expect(volunteers.count == 84)
        let first = try #require(volunteers.first)
        #expect(first.id == "v001")
        #expect(first.name == "郭艳")
        #expect(first.skills == ["rights": 1, "legal": 1])
        #expect(first.availability.weekly.first?.days == [.tuesday, .thursday, .saturday])
        #expect(first.limits.maxHoursPerWeek == 21)
        #expect(first.preferences.targetHours == 28)
        // The CSV position of a volunteer's field is known for later errors.
        #expect(scenario.location(of: "volunteers[1].homeSite").description.hasSuffix("volunteers.csv:3:5"))
    }

    @Test func englishHeadersBOMAndPreferredSitesRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rota-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = try String(contentsOfFile: Fixtures.path("good/mini.yaml"), encoding: .utf8)
        try base.replacingOccurrences(of: "volunteers:", with: "volunteersFile: people.csv\nvolunteers:")
            .write(to: directory.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        try "\u{FEFF}ID,Name,Skills,preferred_sites,off_dates\r\nx1,\"Li, Na\",legal:3|caring,town,2026-03-03\r\n"
            .write(to: directory.appendingPathComponent("people.csv"), atomically: true, encoding: .utf8)
        let problem = try ScenarioLoader.load(path: directory.appendingPathComponent("s.yaml").path).problem
        let v = try #require(problem.volunteers.first)
        #expect(v.id == "x1" && v.name == "Li, Na")
        #expect(v.skills == ["legal": 3, "caring": 1])
        #expect(v.preferences.preferredSites == ["town"])
        #expect(v.preferences.requests == [ShiftRequest(date: CalendarDate(year: 2026, month: 3, day: 3), wantsToWork: false, weight: 1)])
    }
}
