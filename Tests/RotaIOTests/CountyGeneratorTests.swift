import RotaGLPK
import Foundation
import Matching
import Rota
import Testing
@testable import RotaIO

/// `rota generate`: deterministic, loadable, the sizes the benchmark suite promises, and
/// solvable end to end.
@Suite("Synthetic county generator")
struct CountyGeneratorTests {
    static func load(_ files: [CountyGenerator.File]) throws -> (LoadedScenario, String) {
        let directory = Rota.temporaryDirectory()
        try AtomicWriter.write(files.map { ($0.path, Data($0.contents.utf8)) }, into: directory)
        return (try ScenarioLoader.load(path: directory + "/scenario.yaml"), directory)
    }

    @Test func theSameSeedGivesTheSameFilesAndAnotherSeedDoesNot() {
        let a = CountyGenerator.files(size: .m, seed: 7)
        #expect(a == CountyGenerator.files(size: .m, seed: 7))
        #expect(a != CountyGenerator.files(size: .m, seed: 8))
    }

    @Test(arguments: CountyGenerator.Size.allCases)
    func everySizeLoadsWithItsPromisedShape(_ size: CountyGenerator.Size) throws {
        let files = CountyGenerator.files(size: size, seed: 1)
        let (loaded, _) = try Self.load(files)
        let p = loaded.problem
        #expect(p.volunteers.count == size.volunteers)
        #expect(p.horizon.days == size.days)
        #expect(p.events.count == size.events)
        #expect(p.sites.filter { $0.level == "township" }.count == size.townships)
        #expect(Set(p.templates.compactMap(\.line)).filter { !$0.hasPrefix("care-station") }.count == 7)
        #expect(p.templates.filter { $0.line?.hasPrefix("care-station") == true }.count == size.careStations)
        let groups = Dictionary(grouping: p.volunteers, by: { $0.groups.first ?? "" }).mapValues(\.count)
        #expect(groups["rights-legal"] == size.groups.rightsLegal && groups["health"] == size.groups.health && groups["caring"] == size.groups.caring)
        #expect(files.contains { $0.path == "mentor-pairing/pairing.yaml" } == (size == .xl))
        // A real hotline: phones cap every line's hour, demand varies by weekday and hour,
        // teams cap their roles, and volunteers give day parts.
        let hotline = p.coverage.filter { if case .slots = $0.target { true } else { false } }
        #expect(!hotline.isEmpty && hotline.allSatisfy { $0.hardMaximum && $0.maximum == 2 })
        #expect(Set(hotline.map(\.minimum)) == [1, 2])
        #expect(hotline.contains { !$0.days.weekdays.isEmpty && $0.days.weekdays.count < 7 })
        #expect(p.events.allSatisfy { $0.capsRoles })
        let windows = Set(p.volunteers.flatMap { $0.availability.weekly.map { "\($0.window.start)-\($0.window.end)" } })
        #expect(windows.isSuperset(of: ["08:00-22:00", "15:00-22:00", "08:00-15:00"]), "\(windows)")
    }

    @Test func theFestivalWeekIsUnderstaffedOnPurpose() throws {
        let (loaded, _) = try Self.load(CountyGenerator.files(size: .m, seed: 1))
        let p = loaded.problem
        let festival = p.horizon.start.adding(days: 2)
        let away = p.volunteers.filter { v in v.availability.exceptions.contains { $0.date == festival && !$0.available } }
        #expect(Double(away.count) > 0.25 * Double(p.volunteers.count))
    }

    @Test func sizeSSolvesToOptimalAndPassesTheChecker() throws {
        let (loaded, _) = try Self.load(CountyGenerator.files(size: .s, seed: 3))
        let roster = try RosterSolver().solve(loaded.problem, options: RosterSolveOptions(timeLimit: 30))
        #expect(roster.statistics.provenOptimal)
        let report = RosterChecker(problem: loaded.problem).check(roster.assignments)
        #expect(report.violations.filter { !$0.isElastic }.isEmpty)
        #expect(!roster.assignments.isEmpty)
    }

    @Test func generatedPairingsLoadAndStayWithinTheirTownship() throws {
        let directory = Rota.temporaryDirectory()
        let files = CountyGenerator.mentorPairing(mentors: 40, girls: 60, townships: 4, seed: 2)
            + CountyGenerator.householdVisits(officials: 30, households: 200, townships: 4, seed: 2)
        try AtomicWriter.write(files.map { ($0.path, Data($0.contents.utf8)) }, into: directory)
        for name in ["mentor-pairing", "household-visits"] {
            let pairing = try PairingLoader.load(path: "\(directory)/\(name)/pairing.yaml")
            let result = try Matcher().solve(pairing.problem)
            #expect(result.status == .optimal)
            #expect(!result.pairs.isEmpty)
            let town = Dictionary(uniqueKeysWithValues: (pairing.problem.left + pairing.problem.right).map { ($0.id, $0.text["township"]) })
            #expect(result.pairs.allSatisfy { town[$0.left]! == town[$0.right]! }, "\(name)")
        }
    }
}
