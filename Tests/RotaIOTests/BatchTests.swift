import Foundation
import Rota
import RotaIO
import Testing
import Yams

/// Runs a shell command line, for the batch script and the Slurm client commands.
enum Shell {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `arguments` (the first is looked up on `PATH`) with `environment` added to
    /// this process's, writing output to files so no pipe can block.
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("rota-shell-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}

/// A province of small counties in a temporary folder: scenarios copied from the
/// fixtures, a manifest, and a plan folder.
struct Province {
    let root: String
    var manifest: String { root + "/province.yaml" }
    var plan: String { root + "/plan" }

    /// Copies `good/mini.yaml` once per county id and writes the manifest.
    init(counties: [(id: String, city: String)], timeLimit: Double = 10) throws {
        root = Rota.temporaryDirectory()
        let fm = FileManager.default
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        var lines = ["province: 测试省", "defaults: { timeLimit: \(Int(timeLimit)), gap: 0.0001 }", "counties:"]
        for c in counties {
            try fm.createDirectory(atPath: "\(root)/\(c.id)", withIntermediateDirectories: true)
            try fm.copyItem(atPath: Fixtures.path("good/mini.yaml"), toPath: "\(root)/\(c.id)/scenario.yaml")
            lines.append("  - { id: \(c.id), name: \(c.id)县, city: \(c.city), scenario: \(c.id)/scenario.yaml }")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: manifest, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// Runs task `index` of the plan's script by hand, as Slurm would.
    func runTask(_ index: Int) throws -> Shell.Output {
        try Shell.run(["bash", plan + "/province.sbatch"], environment: ["SLURM_ARRAY_TASK_ID": String(index), "ROTA": Rota.binary.path])
    }
}

@Suite("Batch plan and merge", .serialized)
struct BatchTests {
    @Test
    func manifestListsEveryProblemWithItsPosition() throws {
        let dir = Rota.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Fixtures.path("good/mini.yaml"), toPath: dir + "/a.yaml")
        let text = """
        province: 测试省
        defaults: { timeLimit: -1, gap: 2 }
        slurm: { partition: "two words", maxParallel: 0 }
        counties:
          - { id: a, city: x, scenario: a.yaml, cpus: 0 }
          - { id: a, city: x, scenario: a.yaml }
          - { id: "b c", city: x, scenario: missing.yaml }
          - { id: d, city: x, scenario: a.yaml, colour: red }
        """
        try text.write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        let error = #expect(throws: InputError.self) { try ProvinceManifest.load(path: dir + "/p.yaml") }
        let lines = error?.issues.map(\.description) ?? []
        for fragment in ["p.yaml:2:24: defaults.timeLimit", "p.yaml:2:33: defaults.gap", "p.yaml:3:21: slurm.partition", "slurm.maxParallel",
                         "p.yaml:5:47: counties[0].cpus", "p.yaml:6:11: counties[1].id: duplicate county id 'a'", "counties[2].id: a county id names its folder",
                         "counties[2].scenario: no readable file", "p.yaml:8:41: counties[3].colour: unknown key"] {
            #expect(lines.contains { $0.contains(fragment) }, "no issue with '\(fragment)' in \(lines)")
        }
    }

    @Test
    func planSizesStampsAndScriptsEveryTask() throws {
        let province = try Province(counties: [("north", "甲市"), ("south", "乙市")])
        defer { province.remove() }
        let manifest = try ProvinceManifest.load(path: province.manifest)
        let sha = try Shell.run(["sha256sum", province.manifest]).stdout.prefix(64)
        #expect(manifest.sha256 == sha)
        let plan = try BatchPlan.make(manifest: manifest, directory: province.plan, rota: "/usr/local/bin/rota")
        #expect(plan.tasks.map(\.county) == ["north", "south"])
        for task in plan.tasks {
            #expect(task.stamp.hasPrefix(String(sha) + ":"))
            #expect(task.memoryMiB == BatchPlan.memoryMiB(nonzeros: task.nonzeros))
            #expect(task.memoryMiB % BatchPlan.memoryGranuleMiB == 0 && task.memoryMiB >= BatchPlan.baseMemoryMiB)
        }
        // The same files give the same input hash; another county id another.
        #expect(plan.tasks[0].stamp != plan.tasks[1].stamp)
        #expect(plan.request.minutes == 3)  // 10 s + the 120 s margin, rounded up
        let script = plan.slurmScript()
        for line in ["#SBATCH --array=0-1", "#SBATCH --mem=\(plan.request.memoryMiB)M", "#SBATCH --time=3", "#SBATCH --cpus-per-task=1",
                     "#SBATCH --output=\(plan.directory)/logs/%A_%a.out"] {
            #expect(script.contains(line + "\n"), "missing \(line)")
        }
        #expect(plan.taskTable().split(separator: "\n").count == 3)

        // The Kubernetes Job: an Indexed Job over the same tasks, running the same script.
        let job = try #require(try Yams.load(yaml: plan.kubernetesJob(image: "rota:1", claim: "plan")) as? [String: Any])
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(job["kind"] as? String == "Job")
        #expect(spec["completionMode"] as? String == "Indexed")
        #expect(spec["completions"] as? Int == 2)
        let container = try #require(((spec["template"] as? [String: Any])?["spec"] as? [String: Any])?["containers"] as? [[String: Any]]).first
        #expect((container?["command"] as? [String])?.last == plan.directory + "/province.sbatch")
    }

    @Test
    func outputFoldersAreTheManifestsOwnAndUnique() throws {
        let province = try Province(counties: [("a", "甲市"), ("b", "甲市")])
        defer { province.remove() }
        let elsewhere = province.root + "/elsewhere/b"
        var text = try String(contentsOfFile: province.manifest, encoding: .utf8)
        text = text.replacingOccurrences(of: "scenario: b/scenario.yaml }", with: "scenario: b/scenario.yaml, out: \(elsewhere) }")
        try text.write(toFile: province.manifest, atomically: true, encoding: .utf8)
        #expect(try Rota.run(["batch", "plan", province.manifest, "--out", province.plan, "--rota", Rota.binary.path, "--quiet"]).status == 0)
        #expect(try province.runTask(1).status == 0)
        #expect(FileManager.default.fileExists(atPath: elsewhere + "/roster.json"))
        #expect(try ProvinceReport.merge(directory: province.plan).counties.map(\.state) == [.missing, .solved])

        let clash = text.replacingOccurrences(of: "out: \(elsewhere)", with: "out: counties/a")
        try clash.write(toFile: province.manifest, atomically: true, encoding: .utf8)
        let error = #expect(throws: InputError.self) { try ProvinceManifest.load(path: province.manifest) }
        #expect(error?.issues.contains { $0.message.contains("two counties write to 'counties/a'") } == true)
        try text.replacingOccurrences(of: "out: \(elsewhere)", with: "out: ../up").write(toFile: province.manifest, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try ProvinceManifest.load(path: province.manifest) }
    }

    @Test
    func rangesAreSlurmArraySyntax() {
        #expect(BatchPlan.ranges([8, 0, 1, 2, 5, 7]) == "0-2,5,7-8")
        #expect(BatchPlan.ranges([3]) == "3")
        #expect(BatchPlan.ranges([]) == "")
    }

    @Test
    func mergeTellsSolvedMissingFailedAndStaleApart() throws {
        let province = try Province(counties: [("a", "甲市"), ("b", "甲市"), ("c", "乙市"), ("d", "乙市")])
        defer { province.remove() }
        let plan = try Rota.run(["batch", "plan", province.manifest, "--out", province.plan, "--rota", Rota.binary.path, "--quiet"])
        #expect(plan.status == 0, "\(plan.stderr)")

        // a: solved by its task; c: its task fails (a log line says why); b, d: never ran.
        let task0 = try province.runTask(0)
        #expect(task0.status == 0, "\(task0.stderr)")
        try "exit=3\nstamp=\(try BatchPlan.read(directory: province.plan).tasks[2].stamp)\n".write(toFile: province.plan + "/status/2.exit", atomically: true, encoding: .utf8)
        try "task 2: county c\nthe disk is full\n".write(toFile: province.plan + "/logs/41_2.err", atomically: true, encoding: .utf8)

        var merged = try Rota.run(["batch", "merge", province.plan])
        #expect(merged.status == 1)
        var report = try ProvinceReport.merge(directory: province.plan)
        #expect(report.counties.map(\.state) == [.solved, .missing, .failed, .missing])
        #expect(report.counties[2].note?.contains("the disk is full") == true)
        #expect(report.rerun == "sbatch --array=1-3 \(province.plan)/province.sbatch")
        #expect(report.cities.map(\.name) == ["甲市", "乙市"])
        #expect(report.total.solved == 1 && report.total.needRerun == 3)
        #expect(report.counties[0].volunteers > 0 && report.counties[0].gap != nil)
        for name in ["province.json", "province.md", "province.html"] {
            #expect(FileManager.default.fileExists(atPath: province.plan + "/" + name))
        }

        // A changed input file makes the earlier roster stale once the plan is written again.
        try "\n# edited\n".appendLine(toFile: province.root + "/a/scenario.yaml")
        #expect(try Rota.run(["batch", "plan", province.manifest, "--out", province.plan, "--rota", Rota.binary.path, "--quiet"]).status == 0)
        report = try ProvinceReport.merge(directory: province.plan)
        #expect(report.counties[0].state == .stale)

        // Rerunning exactly what the report lists completes the province.
        for i in 0..<4 { #expect(try province.runTask(i).status == 0) }
        merged = try Rota.run(["batch", "merge", province.plan])
        #expect(merged.status == 0, "\(merged.stdout)\(merged.stderr)")
        report = try ProvinceReport.merge(directory: province.plan)
        #expect(report.counties.allSatisfy { $0.state == .solved } && report.rerun == nil)
        #expect(!report.manifestChanged)
    }

    @Test
    func aStoppedTaskWritesItsBestRosterAndIsOutOfTime() throws {
        let province = try Province(counties: [("a", "甲市")], timeLimit: 600)
        defer { province.remove() }
        #expect(try Rota.run(["batch", "plan", province.manifest, "--out", province.plan, "--rota", Rota.binary.path, "--quiet"]).status == 0)
        // The mini scenario solves at once, so the stop is simulated by the status a
        // signalled rota leaves (exit 4) on top of a real roster.
        #expect(try province.runTask(0).status == 0)
        let stamp = try BatchPlan.read(directory: province.plan).tasks[0].stamp
        try "exit=4\nstamp=\(stamp)\n".write(toFile: province.plan + "/status/0.exit", atomically: true, encoding: .utf8)
        let report = try ProvinceReport.merge(directory: province.plan)
        #expect(report.counties[0].state == .outOfTime)
        #expect(report.counties[0].assignments > 0)
        #expect(report.rerun != nil)
    }

    @Test
    func theScriptRefusesToRunWithoutATaskIndex() throws {
        let province = try Province(counties: [("a", "甲市")])
        defer { province.remove() }
        #expect(try Rota.run(["batch", "plan", province.manifest, "--out", province.plan, "--quiet"]).status == 0)
        let r = try Shell.run(["bash", province.plan + "/province.sbatch"], environment: ["SLURM_ARRAY_TASK_ID": "", "JOB_COMPLETION_INDEX": ""])
        #expect(r.status == 64)
        #expect(r.stderr.contains("no task index"))
        let wrong = try Shell.run(["bash", province.plan + "/province.sbatch"], environment: ["SLURM_ARRAY_TASK_ID": "9"])
        #expect(wrong.status == 64)
    }

    @Test
    func badManifestThroughTheBinaryExitsTwoWithPositions() throws {
        let dir = Rota.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "counties:\n  - { id: a, city: x, scenario: nowhere.yaml, timeLimit: 1e300 }\n".write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        let r = try Rota.run(["batch", "plan", dir + "/p.yaml", "--out", dir + "/plan"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("p.yaml:2:33: counties[0].scenario"))
        #expect(r.stderr.contains("counties[0].timeLimit"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/plan"))
    }
}

extension String {
    /// Appends the string to the file at `path`.
    func appendLine(toFile path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(utf8))
    }
}
