import Foundation
import Testing
@testable import RotaIO

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
