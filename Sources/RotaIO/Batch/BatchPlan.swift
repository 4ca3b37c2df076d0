import Crypto
import Foundation
import Rota

/// A province's counties as the tasks of one batch array, and the files that run them:
/// a Slurm array script, the task table it reads, and the same plan as a Kubernetes
/// Indexed Job. Written by `rota batch plan`; read back by `rota batch merge`.
///
/// Rota schedules nothing itself: the batch engine runs the tasks, each an ordinary
/// `rota solve` of one county, writing into `counties/<id>/` of the plan folder with a
/// stamp (the manifest's SHA-256 and a hash of the county's input files) that the merge
/// compares, so a roster from an older plan is never mixed into a new report.
public struct BatchPlan: Codable, Sendable, Equatable, StableJSONDocument {
    /// The version of `plan.json`.
    public static let formatVersion = 1

    /// One task of the array: one county.
    public struct Task: Codable, Sendable, Equatable {
        /// The array index (`SLURM_ARRAY_TASK_ID`, `JOB_COMPLETION_INDEX`).
        public var index: Int
        public var county: String
        public var name: String?
        public var city: String
        /// The scenario, absolute.
        public var scenario: String
        /// The task's output folder: relative to the plan folder (`counties/<id>` unless the
        /// manifest says otherwise), or absolute.
        public var out: String
        public var volunteers: Int
        /// Nonzeros of the county's model: what the memory estimate is made from.
        public var nonzeros: Int
        public var timeLimit: Double
        public var gap: Double
        public var cpus: Int
        /// Estimated peak memory of the solve, in MiB (see ``memoryMiB(nonzeros:)``).
        public var memoryMiB: Int
        /// `<manifest SHA-256>:<input hash>`: written into the task's `roster.json`.
        public var stamp: String
    }

    /// What the Slurm script asks for each task (an array shares one request: the largest).
    public struct Request: Codable, Sendable, Equatable {
        public var cpus: Int
        public var memoryMiB: Int
        /// The task's wall-time limit in minutes: the longest solve plus the margin.
        public var minutes: Int
        public var partition: String?
        public var account: String?
        public var maxParallel: Int?
    }

    public var formatVersion: Int
    public var province: String
    /// The manifest, absolute.
    public var manifest: String
    public var manifestSHA256: String
    /// The plan folder, absolute: tasks write below it.
    public var directory: String
    /// The `rota` executable the tasks run (overridden by `ROTA` in the task's environment).
    public var rota: String
    public var request: Request
    public var tasks: [Task]

    // MARK: Sizing

    /// Memory every solve needs whatever its size, in MiB: the process, GLPK, the domain
    /// model. A 60-volunteer week measured 35 MB peak (release build, this project's
    /// 2-core machine); the base leaves room for the allocator and the output.
    public static let baseMemoryMiB = 256
    /// Memory per nonzero of the county's model, in bytes. Measured peak resident memory
    /// grows by about 0.4 KB per nonzero (15 k nonzeros: 35 MB; 110 k: 71 MB, generated
    /// S and L); five times that covers the copies made by the heuristics.
    public static let bytesPerNonzero = 2_048
    /// Memory requests are rounded up to a multiple of this, in MiB.
    public static let memoryGranuleMiB = 64
    /// The least time a task is given beyond its solve's limit, in seconds: reading the
    /// scenario, formulating it and writing the roster.
    public static let minimumTimeMargin = 120.0
    /// Seconds a stopped pod has to write its best roster (Slurm's `KillWait` is 30 s too).
    public static let terminationGraceSeconds = 30
    /// The margin as a share of the solve's limit, when that is more than the minimum.
    public static let relativeTimeMargin = 0.25

    /// The memory estimate of a county whose model has `nonzeros` nonzeros, in MiB.
    public static func memoryMiB(nonzeros: Int) -> Int {
        let raw = baseMemoryMiB + (max(0, nonzeros) * bytesPerNonzero + (1 << 20) - 1) / (1 << 20)
        return (raw + memoryGranuleMiB - 1) / memoryGranuleMiB * memoryGranuleMiB
    }

    /// The wall-time limit of a task whose solve may take `seconds`, in whole minutes.
    public static func minutes(solveSeconds seconds: Double, margin: Double?) -> Int {
        let extra = max(minimumTimeMargin, relativeTimeMargin * seconds, margin ?? 0)
        return max(1, Int(((seconds + extra) / 60).rounded(.up)))
    }

    // MARK: Planning

    /// Plans `manifest` into `directory`: loads and checks every county's scenario (every
    /// problem of every county is thrown together), sizes each task from its model, and
    /// stamps it. `rota` is the executable the tasks run.
    ///
    /// Complexity: one load and one formulation per county, linear in the model's nonzeros.
    public static func make(manifest: ProvinceManifest, directory: String, rota: String) throws(InputError) -> BatchPlan {
        var issues: [InputIssue] = []
        var tasks: [Task] = []
        for (i, county) in manifest.counties.enumerated() {
            let loaded: LoadedScenario
            do throws(InputError) {
                loaded = try ScenarioLoader.load(path: county.scenario)
            } catch {
                issues += error.issues
                continue
            }
            let model = RosterFormulation(problem: loaded.problem).model
            let stamp = manifest.sha256 + ":" + inputHash(county: county, files: loaded.sourceFiles)
            tasks.append(Task(index: i, county: county.id, name: county.name, city: county.city, scenario: county.scenario,
                              out: county.out, volunteers: loaded.problem.volunteers.count, nonzeros: model.nonzeroCount,
                              timeLimit: county.timeLimit, gap: county.gap, cpus: county.cpus,
                              memoryMiB: memoryMiB(nonzeros: model.nonzeroCount), stamp: stamp))
        }
        if !issues.isEmpty { throw InputError(issues: issues) }
        let longest = tasks.map(\.timeLimit).max() ?? 0
        let request = Request(cpus: tasks.map(\.cpus).max() ?? 1, memoryMiB: tasks.map(\.memoryMiB).max() ?? baseMemoryMiB,
                              minutes: minutes(solveSeconds: longest, margin: manifest.slurm.timeMargin),
                              partition: manifest.slurm.partition, account: manifest.slurm.account, maxParallel: manifest.slurm.maxParallel)
        return BatchPlan(formatVersion: formatVersion, province: manifest.province, manifest: manifest.file, manifestSHA256: manifest.sha256,
                         directory: URL(fileURLWithPath: directory).standardizedFileURL.path, rota: rota, request: request, tasks: tasks)
    }

    /// A hash of what the county's roster depends on: its id, time limit and gap, and the
    /// bytes of every file its scenario was read from. 16 hex digits of SHA-256.
    static func inputHash(county: ProvinceManifest.County, files: [String]) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(county.id)\n\(county.timeLimit)\n\(county.gap)\n".utf8))
        for file in files {
            hasher.update(data: Data("\(file)\n".utf8))
            hasher.update(data: FileManager.default.contents(atPath: file) ?? Data())
        }
        return hasher.finalize().prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Files

    /// The name of the plan document in the plan folder.
    public static let planFile = "plan.json"
    /// The Slurm array script.
    public static let slurmFile = "province.sbatch"
    /// The task table the script reads.
    public static let taskTableFile = "tasks.tsv"
    /// The Kubernetes Indexed Job.
    public static let kubernetesFile = "province-job.yaml"

    /// The absolute output folder of `task`.
    public func outputFolder(of task: Task) -> String {
        task.out.hasPrefix("/") ? task.out : URL(fileURLWithPath: directory).appendingPathComponent(task.out).path
    }

    /// Every file of the plan, relative to the plan folder.
    public func files(image: String, claim: String) -> [(String, Data)] {
        [(Self.planFile, encoded()),
         (Self.taskTableFile, Data(taskTable().utf8)),
         (Self.slurmFile, Data(slurmScript().utf8)),
         (Self.kubernetesFile, Data(kubernetesJob(image: image, claim: claim).utf8)),
         ("logs/README.txt", Data("Each task's standard output and error: <job id>_<task index>.out and .err.\n".utf8)),
         ("status/README.txt", Data("Each task's exit code and stamp, written when its solve ends: <task index>.exit.\n".utf8))]
    }


    /// Reads `plan.json` from a plan folder.
    public static func read(directory: String) throws(InputError) -> BatchPlan {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(planFile).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(issues: [InputIssue(location: SourceLocation(file: path), path: "", message: "no plan here: run `rota batch plan MANIFEST --out \(directory)` first")])
        }
        let plan: BatchPlan
        do {
            plan = try JSONDecoder().decode(BatchPlan.self, from: data)
        } catch {
            throw InputError(issues: [PathLocator.decodingIssue(error, in: data, file: path, what: "a batch plan")])
        }
        guard plan.formatVersion == formatVersion else {
            throw InputError(issues: [InputIssue(location: SourceLocation(file: path), path: "formatVersion", message: "plan format \(plan.formatVersion); this rota reads \(formatVersion)")])
        }
        return plan
    }

    /// One line per task, tab-separated, under a header: index, county, scenario, output
    /// folder, time limit, gap, stamp. The script selects its line by index.
    public func taskTable() -> String {
        var lines = ["index\tcounty\tscenario\tout\ttimeLimit\tgap\tstamp"]
        for t in tasks {
            lines.append([String(t.index), t.county, t.scenario, t.out, Self.number(t.timeLimit), Self.number(t.gap), t.stamp].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number as the command line reads it, without an exponent where avoidable.
    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }

    /// A string as one bash word, in single quotes.
    static func shellQuoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// A short, DNS-safe name for the array and the Kubernetes Job: `rota-` and the first
    /// 10 hex digits of the manifest's hash (province names are often Chinese).
    public var jobName: String { "rota-" + manifestSHA256.prefix(10) }

    /// `0-5`, `0-5%2`: the indices of every task.
    var arraySpec: String {
        let indices = tasks.map(\.index)
        return Self.ranges(indices) + (request.maxParallel.map { "%\($0)" } ?? "")
    }

    /// Indices as Slurm's array syntax: `0-3,7,9-10`.
    public static func ranges(_ indices: [Int]) -> String {
        let sorted = Array(Set(indices)).sorted()
        var parts: [String] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? "\(sorted[i])" : "\(sorted[i])-\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }

    /// The Slurm array script: one `rota solve` per task, reading its line of the task
    /// table. It also runs as a Kubernetes Indexed Job (`JOB_COMPLETION_INDEX`) and by
    /// hand (`SLURM_ARRAY_TASK_ID=3 bash province.sbatch`).
    public func slurmScript() -> String {
        let dir = directory
        var s = """
        #!/bin/bash
        # Rota batch plan: \(province.replacingOccurrences(of: "\n", with: " ")), \(tasks.count) counties, one array task each.
        # Written by `rota batch plan` from \(manifest) (sha256 \(manifestSHA256)).
        # Submit:        sbatch \(dir)/\(Self.slurmFile)
        # Rerun some:    sbatch --array=INDICES \(dir)/\(Self.slurmFile)
        # Then merge:    rota batch merge \(dir)
        # Memory and time are the largest task's (an array shares one request); every
        # task's own estimate is in plan.json.
        #SBATCH --job-name=\(jobName)
        #SBATCH --array=\(arraySpec)
        #SBATCH --cpus-per-task=\(request.cpus)
        #SBATCH --mem=\(request.memoryMiB)M
        #SBATCH --time=\(request.minutes)
        #SBATCH --output=\(dir)/logs/%A_%a.out
        #SBATCH --error=\(dir)/logs/%A_%a.err

        """
        if let p = request.partition { s += "#SBATCH --partition=\(p)\n" }
        if let a = request.account { s += "#SBATCH --account=\(a)\n" }
        s += """
        set -u
        PLAN=\(Self.shellQuoted(dir))
        ROTA="${ROTA:-\(rota.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "$", with: "\\$").replacingOccurrences(of: "`", with: "\\`"))}"
        INDEX="${SLURM_ARRAY_TASK_ID:-${JOB_COMPLETION_INDEX:-}}"
        if [ -z "$INDEX" ]; then
          echo "no task index: submit with sbatch, run as a Kubernetes Indexed Job, or set SLURM_ARRAY_TASK_ID" >&2
          exit 64
        fi
        LINE=$(awk -F '\\t' -v i="$INDEX" 'NR > 1 && $1 == i' "$PLAN/\(Self.taskTableFile)")
        if [ -z "$LINE" ]; then
          echo "task $INDEX is not in $PLAN/\(Self.taskTableFile)" >&2
          exit 64
        fi
        IFS=$'\\t' read -r _ COUNTY SCENARIO OUT TIME GAP STAMP <<< "$LINE"
        mkdir -p "$PLAN/status"
        rm -f "$PLAN/status/$INDEX.exit"
        echo "task $INDEX: county $COUNTY, time limit $TIME s, gap $GAP" >&2
        # rota runs in the background so that a stop signal (Slurm's time limit, scancel,
        # a pod's termination) reaches it: it then writes its best roster and exits 4.
        case "$OUT" in /*) DEST=$OUT ;; *) DEST=$PLAN/$OUT ;; esac
        "$ROTA" solve "$SCENARIO" --time-limit "$TIME" --gap "$GAP" --out "$DEST" --stamp "$STAMP" --progress &
        PID=$!
        SIGNALLED=0
        trap 'SIGNALLED=1; kill -TERM "$PID" 2>/dev/null' TERM INT
        wait "$PID"; CODE=$?
        if [ "$SIGNALLED" = 1 ]; then wait "$PID" 2>/dev/null; AGAIN=$?; [ "$AGAIN" != 127 ] && CODE=$AGAIN; fi
        printf 'exit=%s\\nstamp=%s\\n' "$CODE" "$STAMP" > "$PLAN/status/$INDEX.exit.tmp"
        mv -f "$PLAN/status/$INDEX.exit.tmp" "$PLAN/status/$INDEX.exit"
        exit "$CODE"

        """
        return s
    }

    /// The same plan as a Kubernetes Indexed Job: `completions` = tasks, the pod runs the
    /// Slurm script, which picks its county by `JOB_COMPLETION_INDEX`. The plan folder
    /// must be mounted at the same path (a `ReadWriteMany` claim named `claim`) and
    /// `image` must hold `rota` on its `PATH`.
    public func kubernetesJob(image: String, claim: String) -> String {
        let parallelism = min(tasks.count, request.maxParallel ?? tasks.count)
        func q(_ s: String) -> String {
            // A YAML double-quoted scalar.
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return """
        # Kubernetes Indexed Job for \(tasks.count) counties: the same tasks as \(Self.slurmFile).
        # Written by `rota batch plan` from \(manifest) (sha256 \(manifestSHA256)).
        # The plan folder \(directory) must be mounted at the same path in every pod (a
        # ReadWriteMany volume); the image must have rota on its PATH. Then:
        #   kubectl apply -f \(Self.kubernetesFile)
        #   rota batch merge \(directory)
        # Failed indexes are retried once each (backoffLimitPerIndex, Kubernetes 1.29 or newer).
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: \(jobName)
          labels:
            app.kubernetes.io/name: rota
            app.kubernetes.io/component: batch-plan
        spec:
          completionMode: Indexed
          completions: \(tasks.count)
          parallelism: \(parallelism)
          backoffLimitPerIndex: 1
          maxFailedIndexes: \(tasks.count)
          template:
            metadata:
              labels:
                app.kubernetes.io/name: rota
            spec:
              restartPolicy: Never
              # Each pod's time limit, as Slurm's --time: the kubelet then sends SIGTERM and
              # rota writes its best roster within the grace period.
              activeDeadlineSeconds: \(request.minutes * 60)
              terminationGracePeriodSeconds: \(Self.terminationGraceSeconds)
              containers:
                - name: rota
                  image: \(q(image))
                  command: ["/bin/bash", \(q(directory + "/" + Self.slurmFile))]
                  env:
                    - name: ROTA
                      value: "rota"
                  resources:
                    requests:
                      cpu: "\(request.cpus)"
                      memory: "\(request.memoryMiB)Mi"
                    limits:
                      memory: "\(request.memoryMiB)Mi"
                  volumeMounts:
                    - name: plan
                      mountPath: \(q(directory))
              volumes:
                - name: plan
                  persistentVolumeClaim:
                    claimName: \(q(claim))

        """
    }
}
