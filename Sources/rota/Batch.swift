import ArgumentParser
import Foundation
import RotaIO

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plan a province's counties as one batch array (Slurm, or a Kubernetes Indexed Job), and merge the results.",
        discussion: """
        Rota schedules no jobs itself: `plan` writes the array script, the batch engine runs \
        one `rota solve` per county, and `merge` gathers the rosters into one report. The \
        manifest format is in docs/batch.md.

        Example:
          rota batch plan province.yaml --out runs/province
          sbatch runs/province/province.sbatch
          rota batch merge runs/province
        """,
        subcommands: [BatchPlanCommand.self, BatchMerge.self])
}

struct BatchPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Check every county's scenario and write the Slurm array script, its task table and a Kubernetes Indexed Job.",
        discussion: """
        Writes plan.json, tasks.tsv, province.sbatch, province-job.yaml, logs/ and status/ \
        into --out, atomically. Each task solves one county into counties/<id>/ under --out. \
        Every problem of the manifest and of every scenario is listed (exit 2).

        Example:
          rota batch plan province.yaml --out runs/province
          sbatch runs/province/province.sbatch
        """)

    @Argument(help: "The province manifest (YAML or JSON).") var manifest: String
    @Option(help: "The plan folder; tasks write their rosters below it.") var out: String
    @Option(help: "The rota executable the tasks run (default: this one).") var rota: String?
    @Option(help: "The container image of the Kubernetes Job.") var image: String = "rota:latest"
    @Option(help: "The ReadWriteMany volume claim the Kubernetes Job mounts at the plan folder.") var claim: String = "rota-plan"
    @Flag(help: "Print nothing but errors.") var quiet = false

    func validate() throws {
        for (name, value) in [("--image", image), ("--claim", claim)] where value.isEmpty || value.contains(where: { $0.isNewline || $0 == " " }) {
            throw ValidationError("\(name) must be one word, not '\(value)'")
        }
        if let rota, !FileManager.default.isExecutableFile(atPath: rota) { throw ValidationError("--rota: no executable at \(rota)") }
    }

    func run() throws {
        let executable = rota.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? ownExecutable()
        let plan = try orExitOnBadInput { () throws(InputError) in
            try BatchPlan.make(manifest: ProvinceManifest.load(path: manifest), directory: out, rota: executable)
        }
        try writeOrExit(plan.files(image: image, claim: claim), into: out)
        if !quiet {
            let r = plan.request
            print("\(plan.tasks.count) counties of \(plan.province); each task: \(r.cpus) CPU, \(r.memoryMiB) MiB, \(r.minutes) min")
            print("submit: sbatch \(plan.directory)/\(BatchPlan.slurmFile)")
            print("then:   rota batch merge \(plan.directory)")
        }
    }

    /// The absolute path of the running executable.
    func ownExecutable() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

struct BatchMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge a plan's rosters into one province report (JSON, Markdown, HTML).",
        discussion: """
        Writes province.json, province.md and province.html into the plan folder (or --out), \
        atomically. Lists the tasks that failed, ran out of time, are missing or stale, with \
        the one sbatch command that reruns exactly those. Exit 0 when every county is \
        solved, 1 when some must run again.

        Example:
          rota batch merge runs/province
        """)

    @Argument(help: "The plan folder written by `rota batch plan`.") var directory: String
    @Option(help: "Folder for the report (default: the plan folder).") var out: String?
    @Flag(help: "Print nothing but errors.") var quiet = false

    func run() throws {
        let report = try orExitOnBadInput { () throws(InputError) in try ProvinceReport.merge(directory: directory) }
        try writeOrExit(report.files(), into: out ?? directory)
        if !quiet {
            let t = report.total
            print("\(t.counties) counties: \(t.solved) solved, \(t.needRerun) to rerun; unfilled \(ProvinceReport.hours(t.unfilledHours)) h, \(t.eventsShort) events short")
            for c in report.counties where c.state.needsRerun { print("  task \(c.index) \(c.county): \(c.state.rawValue)\(c.note.map { " (\($0))" } ?? "")") }
            if report.manifestChanged { print("the manifest has changed since the plan: run rota batch plan again") }
            if let rerun = report.rerun { print("rerun: \(rerun)") }
            print("wrote province.json, province.md, province.html to \(out ?? directory)")
        }
        if report.rerun != nil { throw ExitCode(Exit.violations) }
    }
}
