import Crypto
import Foundation
import LinearProgramming
import Rota
import Yams

/// A province's counties, each planned as one task of a batch array: the file that
/// `rota batch plan` reads.
///
/// ```yaml
/// province: 示例省
/// defaults: { timeLimit: 60, gap: 0.001, cpus: 1 }
/// slurm: { partition: rota, account: federation, timeMargin: 120 }
/// counties:
///   - id: county-01
///     name: 一县
///     city: city-a
///     scenario: county-01/scenario.yaml     # relative to this file
///     out: counties/county-01               # relative to the plan folder (the default)
///     timeLimit: 30                         # overrides the default
/// ```
///
/// Every problem of the manifest and of every county's scenario is reported together,
/// each at `file:line:column`. The format is documented in `docs/batch.md`.
public struct ProvinceManifest: Sendable, Equatable {
    /// One county: one scenario, solved by one task.
    public struct County: Sendable, Equatable {
        /// A file-name-safe id, unique in the manifest: the task's output folder.
        public var id: String
        /// The county's display name (any Unicode), for the report.
        public var name: String?
        /// The city the county belongs to (the report's subtotal).
        public var city: String
        /// The scenario's path, absolute.
        public var scenario: String
        /// The task's output folder: relative to the plan folder (default `counties/<id>`),
        /// or absolute.
        public var out: String
        /// Seconds for the solve.
        public var timeLimit: Double
        /// Relative gap at which the solve stops.
        public var gap: Double
        /// CPUs requested for the task.
        public var cpus: Int
    }

    /// Options of the Slurm script; all optional.
    public struct Slurm: Sendable, Equatable {
        public var partition: String?
        public var account: String?
        /// Seconds added to the longest solve's time limit for the task's own limit
        /// (loading, formulating, writing); at least ``BatchPlan/minimumTimeMargin``.
        public var timeMargin: Double?
        /// At most this many tasks at once (`--array=0-N%K`).
        public var maxParallel: Int?
    }

    public var province: String
    public var counties: [County]
    public var slurm: Slurm
    /// The manifest's path, absolute.
    public var file: String
    /// SHA-256 of the manifest's bytes, in lower-case hex: what every task's roster carries.
    public var sha256: String

    /// Default solve time per county, in seconds.
    public static let defaultTimeLimit = 60.0
    /// Default relative gap.
    public static let defaultGap = 1e-4
    /// The most counties one manifest may list: Slurm's default `MaxArraySize` is 1,001
    /// (indices 0–1,000).
    public static let maximumCounties = 1_000
    /// The most CPUs a task may ask for.
    public static let maximumCPUs = 256
    /// The longest county id (it names a folder).
    public static let maximumIdLength = 64

    static let topKeys = ["province", "defaults", "slurm", "counties"]
    static let defaultKeys = ["timeLimit", "gap", "cpus"]
    static let slurmKeys = ["partition", "account", "timeMargin", "maxParallel"]
    static let countyKeys = ["id", "name", "city", "scenario", "out", "timeLimit", "gap", "cpus"]

    /// Reads and checks the manifest at `path`; every problem is thrown together.
    public static func load(path: String) throws(InputError) -> ProvinceManifest {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(issues: [InputIssue(location: SourceLocation(file: path), path: "", message: "cannot read the file")])
        }
        let root = try composeDocument(String(decoding: data, as: UTF8.self), file: path)
        var reader = NodeReader(file: path)
        guard let root, let top = reader.mapping(root, "", allowed: topKeys, required: ["counties"]) else {
            if reader.issues.isEmpty { reader.fail(nil, "", "the manifest is empty") }
            throw InputError(issues: reader.issues)
        }
        let base = URL(fileURLWithPath: absolute).deletingLastPathComponent().path
        let province = reader.string(top["province"], "province") ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent

        var defaultTime = defaultTimeLimit, defaultGap = Self.defaultGap, defaultCPUs = 1
        if let d = reader.mapping(top["defaults"], "defaults", allowed: defaultKeys) {
            defaultTime = checkedTime(d["timeLimit"], "defaults.timeLimit", &reader) ?? defaultTime
            defaultGap = checkedGap(d["gap"], "defaults.gap", &reader) ?? defaultGap
            defaultCPUs = checkedCPUs(d["cpus"], "defaults.cpus", &reader) ?? defaultCPUs
        }
        var slurm = Slurm()
        if let s = reader.mapping(top["slurm"], "slurm", allowed: slurmKeys) {
            slurm.partition = checkedWord(s["partition"], "slurm.partition", &reader)
            slurm.account = checkedWord(s["account"], "slurm.account", &reader)
            if let m = reader.double(s["timeMargin"], "slurm.timeMargin") {
                if let why = SolveOptions.timeLimitIssue(m) { reader.fail(s["timeMargin"], "slurm.timeMargin", why) } else { slurm.timeMargin = m }
            }
            if let k = reader.int(s["maxParallel"], "slurm.maxParallel") {
                if k < 1 || k > maximumCounties { reader.fail(s["maxParallel"], "slurm.maxParallel", "must be from 1 to \(maximumCounties), not \(k)") } else { slurm.maxParallel = k }
            }
        }

        var counties: [County] = []
        var seen: [String: Int] = [:]
        var outputs: [String: Int] = [:]
        let list = reader.sequence(top["counties"], "counties") ?? []
        if list.isEmpty, reader.issues.isEmpty { reader.fail(top["counties"], "counties", "list at least one county") }
        if list.count > maximumCounties {
            reader.fail(top["counties"], "counties", "at most \(maximumCounties) counties in one manifest (Slurm's default MaxArraySize), not \(list.count)")
        }
        for (i, node) in list.enumerated() {
            let p = "counties[\(i)]"
            guard let c = reader.mapping(node, p, allowed: countyKeys, required: ["id", "city", "scenario"]) else { continue }
            let id = reader.string(c["id"], "\(p).id")
            if let id {
                if let why = idIssue(id) { reader.fail(c["id"], "\(p).id", why) }
                if let first = seen[id] { reader.fail(c["id"], "\(p).id", "duplicate county id '\(id)' (first at counties[\(first)])") } else { seen[id] = i }
            }
            let city = reader.string(c["city"], "\(p).city")
            if let city, city.isEmpty || city.contains(where: \.isNewline) { reader.fail(c["city"], "\(p).city", "must be a non-empty single line") }
            let name = reader.string(c["name"], "\(p).name")
            var scenario: String?
            if let s = reader.string(c["scenario"], "\(p).scenario") {
                let resolved = s.hasPrefix("/") ? s : base + "/" + s
                let standard = URL(fileURLWithPath: resolved).standardizedFileURL.path
                if standard.contains(where: { $0 == "\t" || $0.isNewline }) {
                    reader.fail(c["scenario"], "\(p).scenario", "a path with a tab or a line break cannot be written to the task table")
                } else if !FileManager.default.isReadableFile(atPath: standard) {
                    reader.fail(c["scenario"], "\(p).scenario", "no readable file at \(standard)")
                } else {
                    scenario = standard
                }
            }
            var out = id.map { "counties/\($0)" }
            if let o = reader.string(c["out"], "\(p).out") {
                let standard = o.hasPrefix("/") ? URL(fileURLWithPath: o).standardizedFileURL.path : o
                if o.isEmpty || o.contains(where: { $0 == "\t" || $0.isNewline }) || o.split(separator: "/").contains("..") {
                    reader.fail(c["out"], "\(p).out", "an output folder is a path without '..', a tab or a line break")
                    out = nil
                } else {
                    out = standard
                }
            }
            if let o = out {
                if let first = outputs[o] { reader.fail(c["out"] ?? c["id"], "\(p).out", "two counties write to '\(o)' (first: counties[\(first)])") } else { outputs[o] = i }
            }
            let time = checkedTime(c["timeLimit"], "\(p).timeLimit", &reader) ?? defaultTime
            let gap = checkedGap(c["gap"], "\(p).gap", &reader) ?? defaultGap
            let cpus = checkedCPUs(c["cpus"], "\(p).cpus", &reader) ?? defaultCPUs
            if let id, let city, let scenario, let out {
                counties.append(County(id: id, name: name, city: city, scenario: scenario, out: out, timeLimit: time, gap: gap, cpus: cpus))
            }
        }
        if !reader.issues.isEmpty { throw InputError(issues: reader.issues) }
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return ProvinceManifest(province: province, counties: counties, slurm: slurm, file: absolute, sha256: digest)
    }

    /// Why `id` cannot name a county's folder, or `nil`: letters, digits, `.`, `_` and `-`,
    /// not starting with `.` or `-`, at most ``maximumIdLength`` characters.
    static func idIssue(_ id: String) -> String? {
        let allowed = id.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
        if id.isEmpty || id.count > maximumIdLength || !allowed || id.hasPrefix(".") || id.hasPrefix("-") {
            return "a county id names its folder: 1 to \(maximumIdLength) ASCII letters, digits, '.', '_' or '-', not starting with '.' or '-'"
        }
        return nil
    }

    private static func checkedTime(_ node: Node?, _ path: String, _ reader: inout NodeReader) -> Double? {
        guard let t = reader.double(node, path) else { return nil }
        if let why = SolveOptions.timeLimitIssue(t) { reader.fail(node, path, why); return nil }
        return t
    }

    private static func checkedGap(_ node: Node?, _ path: String, _ reader: inout NodeReader) -> Double? {
        guard let g = reader.double(node, path) else { return nil }
        if let why = SolveOptions.relativeGapIssue(g) { reader.fail(node, path, why); return nil }
        return g
    }

    private static func checkedCPUs(_ node: Node?, _ path: String, _ reader: inout NodeReader) -> Int? {
        guard let n = reader.int(node, path) else { return nil }
        if n < 1 || n > maximumCPUs { reader.fail(node, path, "must be from 1 to \(maximumCPUs), not \(n)"); return nil }
        return n
    }

    /// A Slurm partition or account name: one word that a `#SBATCH` line can hold.
    private static func checkedWord(_ node: Node?, _ path: String, _ reader: inout NodeReader) -> String? {
        guard let w = reader.string(node, path) else { return nil }
        if idIssue(w) != nil { reader.fail(node, path, "must be one word of ASCII letters, digits, '.', '_' or '-'"); return nil }
        return w
    }
}
