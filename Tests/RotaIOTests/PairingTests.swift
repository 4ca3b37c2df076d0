import RotaGLPK
import Foundation
import Matching
import Testing
@testable import RotaIO

@Suite("Pairing files")
struct PairingFileTests {
    static var badFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: Fixtures.path("bad-pairing"))) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test func theGoodFileLoads() throws {
        let loaded = try PairingLoader.load(path: Fixtures.path("good-pairing.yaml"))
        #expect(loaded.problem.left.map(\.name) == ["王芳", "李娜"])
        #expect(loaded.problem.left[0].sets["interests"] == ["music", "art"])
        #expect(loaded.problem.right[0].numbers["age"] == 12)
        #expect(loaded.problem.left[0].maximumPartners == 2)
        let result = try Matcher().solve(loaded.problem)
        #expect(result.pairs.map { "\($0.left)-\($0.right)" } == ["m1-g1", "m2-g2"])
    }

    @Test(arguments: badFiles)
    func badPairingFileIsRejected(_ name: String) throws {
        let file = Fixtures.path("bad-pairing/\(name)")
        let expected = try String(contentsOfFile: file.replacingOccurrences(of: ".yaml", with: ".expected"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let error = #expect(throws: InputError.self) { _ = try PairingLoader.load(path: file) }
        let issues = try #require(error).issues
        for line in expected {
            let parts = line.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let match = issues.contains { i in
                i.description.contains(parts[1]) && (parts[0].isEmpty || i.location.description.contains(parts[0]) || "\(i.location.line ?? 0):\(i.location.column ?? 0)".hasPrefix(parts[0]))
            }
            #expect(match, "\(name): expected '\(line)' among \(issues.map(\.description))")
        }
    }

    @Test func rotaPairWritesEveryFileAndNothingOnBadInput() throws {
        let out = Rota.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let good = try Rota.run(["pair", "Examples/case-referral/pairing.yaml", "--out", out])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted()
                == ["coverage.csv", "matching.json", "pairs.csv", "shortlists.csv", "unmatched.csv"])
        let unmatched = try Data(contentsOf: URL(fileURLWithPath: out + "/unmatched.csv"))
        #expect(unmatched.starts(with: [0xEF, 0xBB, 0xBF] + Array("side,id,name,reason".utf8)))

        let nothing = Rota.temporaryDirectory()
        let bad = try Rota.run(["pair", Fixtures.path("bad-pairing/p02-bad-age.yaml"), "--out", nothing])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("right-bad-age.csv:3:4"))
        #expect(!FileManager.default.fileExists(atPath: nothing))
    }

    @Test func theMentorExampleMatchesWithinCapacities() throws {
        let loaded = try PairingLoader.load(path: SchemaTests.repository.appendingPathComponent("Examples/mentor-pairing/pairing.yaml").path)
        #expect(loaded.problem.left.count == 260)
        #expect(loaded.problem.right.count == 383)
        let result = try Matcher().solve(loaded.problem, reportGroups: loaded.reportGroups)
        #expect(result.status == .optimal)
        let perMentor = Dictionary(grouping: result.pairs, by: \.left).mapValues(\.count)
        let capacity = Dictionary(uniqueKeysWithValues: loaded.problem.left.map { ($0.id, $0.maximumPartners) })
        #expect(perMentor.allSatisfy { $0.value <= capacity[$0.key]! })
        #expect(Set(result.pairs.map(\.right)).count == result.pairs.count)
        #expect(result.pairs.count > 300)
    }
}
