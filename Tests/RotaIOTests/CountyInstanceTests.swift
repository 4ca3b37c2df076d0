import RotaGLPK
import Foundation
import GLPK
import LinearProgramming
import Rota
import RotaIO
import Testing

/// The neutral county family's importer: a tiny instance in the family's format (its
/// hard maxima bind, one event with a capped role nobody can fill twice), mapped, solved
/// to optimality, and written as the family's CSV; where the family's reference scorer is
/// beside the project (`../shared/county/check.py`, as on CI), it scores the roster the
/// same as Rota.
@Suite("County family importer")
struct CountyInstanceTests {
    let instance = Fixtures.path("county/tiny.json")

    @Test
    func mapsEveryRuleAndValidates() throws {
        let county = try CountyInstance.read(path: instance)
        let problem = county.problem
        try problem.validate()
        #expect(problem.volunteers.count == 5)
        #expect(problem.templates.count == 10)
        #expect(problem.coverage.allSatisfy { $0.hardMaximum && $0.maximum != nil })
        #expect(problem.events.count == 1 && problem.events[0].capsRoles)
        #expect(problem.volunteers[0].limits.maxHoursPerWeek == 16)
        #expect(problem.volunteers[4].preferences.targetHours == 8 * 8 / 28.0)
    }

    @Test
    func badInstanceListsItsProblems() throws {
        var text = try String(contentsOfFile: instance, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"max_hours_per_week\": 8", with: "\"max_hours_per_week\": 1e300")
        text = text.replacingOccurrences(of: "\"2027-03-02\"", with: "\"2027-13-02\"")
        #expect(throws: InputError.self) { try CountyInstance.parse(Data(text.utf8), file: "tiny.json") }
    }

    /// Numbers that used to end the process: an hour of 2⁶³−1 overflowed `hour + 1`, and a
    /// num_days of 10⁸ was allocated per day after its own check had failed.
    @Test(arguments: [("\"num_days\": 8", "\"num_days\": 100000000", "num_days"),
                      ("\"slot_hours\": [", "\"slot_hours\": [9223372036854775807, ", "slot_hours[0]")])
    func hugeNumbersAreRefusedNotTrapped(_ find: String, _ replacement: String, _ path: String) throws {
        var text = try String(contentsOfFile: instance, encoding: .utf8)
        #expect(text.contains(find))
        text = text.replacingOccurrences(of: find, with: replacement)
        do {
            _ = try CountyInstance.parse(Data(text.utf8), file: "tiny.json")
            Issue.record("accepted \(replacement)")
        } catch {
            #expect(error.issues.contains { $0.path == path }, "\(error)")
        }
    }

    @Test
    func solvesToTheOptimumAndKeepsTheHardRules() throws {
        let county = try CountyInstance.read(path: instance)
        let formulation = RosterFormulation(problem: county.problem)
        var exact = formulation.model
        exact.setObjective(formulation.weightedObjective, sense: .minimize)
        let optimum = try #require(try GLPKSolver().solve(exact, options: SolveOptions(relativeGap: 0)).objective)
        let roster = try RosterSolver().run(formulation, options: RosterSolveOptions(timeLimit: 20, relativeGap: 0))
        #expect(roster.limitViolations.isEmpty)
        let value = try #require(roster.statistics.objective)
        #expect(abs(value - optimum) < 1e-6, "\(value) against the optimum \(optimum)")
        let csv = county.rosterCSV(roster.assignments)
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["volunteer", "date", "kind", "id", "start", "end"])
        // No slot over its maximum (1 on legal, 2 on general), counted from the CSV alone.
        var onDuty: [String: Int] = [:]
        for row in rows.dropFirst() where row[2] == "shift" {
            let from = Int(row[4].prefix(2))!, to = Int(row[5].prefix(2))!
            for h in from..<to { onDuty["\(row[1]) \(row[3]) \(h)", default: 0] += 1 }
        }
        for (slot, n) in onDuty { #expect(n <= (slot.contains("general") ? 2 : 1), "\(slot): \(n) on duty") }

        // The family's own scorer, where it is beside the project.
        let checker = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/county/check.py").standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: checker) else { return }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("county-tiny-\(UUID().uuidString).csv")
        try Data(csv.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", checker, instance, file.path, "--json"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "check.py: hard violations or malformed")
        let scored = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let objective = try #require(scored["objective"] as? Double ?? (scored["objective"] as? Int).map(Double.init))
        #expect(abs(objective - value) < 1e-6, "check.py scores \(objective), Rota \(value)")
    }
}
