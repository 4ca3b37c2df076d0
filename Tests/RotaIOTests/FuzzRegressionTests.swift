import Foundation
import Testing

/// Every input the fuzzers (`scripts/fuzz.sh`) ever kept, replayed through the built
/// binary: each must be read and answered (exit 0, 1 or 2), never end the process.
@Suite("Fuzzer findings, replayed")
struct FuzzRegressionTests {
    static let root = Fixtures.root.appendingPathComponent("fuzz-regressions")

    /// The kept inputs of one fuzz target.
    static func findings(_ target: String) -> [URL] {
        let folder = root.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// A scratch folder holding `name` with the finding's bytes, and the path of that copy.
    static func stage(_ finding: URL, as name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(contentsOf: finding).write(to: url)
        return url.path
    }


    @Test(arguments: ["FuzzScenario", "FuzzVolunteerCSV", "FuzzPairing", "FuzzCurtois", "FuzzRoster", "FuzzChanges", "FuzzManifest", "FuzzPlan"])
    func everyFindingIsAnsweredWithoutACrash(_ target: String) throws {
        let directory = URL(fileURLWithPath: Rota.temporaryDirectory())
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for finding in Self.findings(target) {
            let arguments: [String]
            switch target {
            case "FuzzScenario":
                arguments = ["solve", try Self.stage(finding, as: "s.yaml", in: directory), "--time-limit", "1", "--out", directory.appendingPathComponent("out").path]
            case "FuzzVolunteerCSV":
                _ = try Self.stage(finding, as: "volunteers.csv", in: directory)
                try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("csv-host.yaml"))).write(to: directory.appendingPathComponent("s.yaml"))
                arguments = ["solve", directory.appendingPathComponent("s.yaml").path, "--time-limit", "1", "--out", directory.appendingPathComponent("out").path]
            case "FuzzPairing":
                arguments = ["pair", try Self.stage(finding, as: "p.yaml", in: directory), "--time-limit", "1", "--out", directory.appendingPathComponent("out").path]
            case "FuzzCurtois":
                let solution = directory.appendingPathComponent("empty.csv")
                try "employee,day,shift\n".write(to: solution, atomically: true, encoding: .utf8)
                arguments = ["curtois", "evaluate", try Self.stage(finding, as: "i.txt", in: directory), solution.path]
            case "FuzzChanges":
                // Applied to the mini scenario: the reasons and candidates of every gap.
                let empty = directory.appendingPathComponent("empty.json")
                try #"{"assignments": []}"#.write(to: empty, atomically: true, encoding: .utf8)
                arguments = ["cover", Fixtures.path("good/mini.yaml"), empty.path, "--changes", try Self.stage(finding, as: "c.yaml", in: directory), "--gap", "1"]
            case "FuzzManifest":
                arguments = ["batch", "plan", try Self.stage(finding, as: "p.yaml", in: directory), "--out", directory.appendingPathComponent("plan").path]
            case "FuzzPlan":
                let plan = directory.appendingPathComponent("plan")
                try FileManager.default.createDirectory(at: plan, withIntermediateDirectories: true)
                try Data(contentsOf: finding).write(to: plan.appendingPathComponent("plan.json"))
                arguments = ["batch", "merge", plan.path]
            default:
                arguments = ["check", Fixtures.path("good/mini.yaml"), try Self.stage(finding, as: "roster.json", in: directory)]
            }
            let r = try Rota.runToFiles(arguments, in: directory)
            #expect(!r.signalled && [0, 1, 2].contains(r.status), "\(finding.lastPathComponent): exit \(r.status)\(r.signalled ? " (signal)" : ""): \(r.stderr.suffix(400))")
        }
    }
}
