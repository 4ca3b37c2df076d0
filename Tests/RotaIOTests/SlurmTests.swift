import Foundation
import RotaIO
import Testing

/// The Slurm cluster the tests submit to: the one `scripts/slurm-cluster.sh start` runs,
/// found through `SLURM_CONF` (default `/var/tmp/rota-slurm/slurm.conf`).
enum SlurmCluster {
    static var conf: String {
        ProcessInfo.processInfo.environment["SLURM_CONF"] ?? (ProcessInfo.processInfo.environment["ROTA_SLURM_DIR"] ?? "/var/tmp/rota-slurm") + "/slurm.conf"
    }

    /// Set by `.ci/run` after it started the cluster: then a missing cluster fails the run
    /// instead of skipping the test.
    static var required: Bool { ProcessInfo.processInfo.environment["ROTA_REQUIRE_SLURM"] == "1" }

    /// Whether `sinfo` answers and shows a node that can take work.
    static let available: Bool = {
        guard FileManager.default.fileExists(atPath: conf),
              let r = try? Shell.run(["sinfo", "-h", "-o", "%T"], environment: ["SLURM_CONF": conf]), r.status == 0 else { return false }
        return r.stdout.split(separator: "\n").contains { ["idle", "mixed", "allocated"].contains($0.trimmingCharacters(in: .whitespaces)) }
    }()

    static let skipReason: Comment = """
        SKIPPED LOUDLY: no Slurm cluster answers here (SLURM_CONF=\(conf)). \
        Start one with `scripts/slurm-cluster.sh start`; .ci/run starts it and fails when this is skipped.
        """

    static func run(_ arguments: [String]) throws -> Shell.Output {
        try Shell.run(arguments, environment: ["SLURM_CONF": conf])
    }
}

@Suite("A province on a real Slurm cluster", .serialized)
struct SlurmTests {
    /// Seconds the array may take before the test gives up and cancels it.
    static let arrayDeadline = 600

    @Test
    func theClusterIsThereWhenCIRequiresIt() {
        if !SlurmCluster.available {
            if SlurmCluster.required {
                Issue.record("ROTA_REQUIRE_SLURM=1 but no Slurm cluster answers (SLURM_CONF=\(SlurmCluster.conf)): the Slurm test would be skipped")
            } else {
                FileHandle.standardError.write(Data("\n*** \(SlurmCluster.skipReason) ***\n\n".utf8))
            }
        }
    }

    /// Six generated S counties in two cities, submitted as one array, waited for, merged,
    /// and every county's roster checked by the independent checker.
    @Test(.enabled(if: SlurmCluster.available, SlurmCluster.skipReason))
    func aProvinceOfSixCountiesRunsAsOneArray() throws {
        let root = Rota.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var lines = ["province: 测试省", "defaults: { timeLimit: 30, gap: 0.001 }", "slurm: { partition: rota }", "counties:"]
        for seed in 1...6 {
            let id = "county-\(seed)"
            let g = try Rota.run(["generate", "--size", "s", "--seed", String(seed), "--out", "\(root)/\(id)", "--quiet"])
            #expect(g.status == 0, "\(g.stderr)")
            lines.append("  - { id: \(id), name: \(seed)县, city: \(seed <= 3 ? "甲市" : "乙市"), scenario: \(id)/scenario.yaml }")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: root + "/province.yaml", atomically: true, encoding: .utf8)
        let plan = root + "/plan"
        let planned = try Rota.run(["batch", "plan", root + "/province.yaml", "--out", plan, "--rota", Rota.binary.path])
        #expect(planned.status == 0, "\(planned.stderr)")

        let submitted = try SlurmCluster.run(["sbatch", "--parsable", plan + "/province.sbatch"])
        try #require(submitted.status == 0, "sbatch: \(submitted.stderr)")
        let job = submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // Wait until no task of the array is queued or running.
        let start = Date()
        while true {
            let q = try SlurmCluster.run(["squeue", "-h", "-j", job, "-o", "%i %T"])
            if q.status == 0, q.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { break }
            if Date().timeIntervalSince(start) > Double(Self.arrayDeadline) {
                _ = try? SlurmCluster.run(["scancel", job])
                Issue.record("the array \(job) did not finish in \(Self.arrayDeadline) s: \(q.stdout)")
                return
            }
            Thread.sleep(forTimeInterval: 1)
        }

        let merged = try Rota.run(["batch", "merge", plan])
        #expect(merged.status == 0, "\(merged.stdout)\(merged.stderr)")
        let report = try ProvinceReport.merge(directory: plan)
        #expect(report.counties.count == 6)
        #expect(report.counties.allSatisfy { $0.state == .solved }, "\(report.counties.map { "\($0.county): \($0.state) \($0.note ?? "")" })")
        #expect(report.cities.map(\.counties) == [3, 3])
        #expect(report.rerun == nil)
        for c in report.counties {
            let logs = try FileManager.default.contentsOfDirectory(atPath: plan + "/logs")
            #expect(logs.contains("\(job)_\(c.index).err"), "no Slurm log of task \(c.index)")
            let check = try Rota.run(["check", "\(root)/\(c.county)/scenario.yaml", "\(plan)/counties/\(c.county)/roster.json"])
            #expect(check.status == 0, "\(c.county): \(check.stdout)\(check.stderr)")
        }
    }
}
