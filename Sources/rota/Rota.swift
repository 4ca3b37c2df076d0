import RotaGLPK
import ArgumentParser
import Foundation
import LinearProgramming
import Logging
import Matching
import Rota
import RotaIO

/// Exit codes, documented in `rota --help` and `docs/cli.md`.
enum Exit {
    static let ok: Int32 = 0
    static let violations: Int32 = 1
    static let badInput: Int32 = 2
    static let outputFailed: Int32 = 3
    static let interrupted: Int32 = 4
}

@main
struct RotaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rota",
        abstract: "Plan volunteer rosters with integer programming (GLPK).",
        discussion: """
        Examples:
          rota solve Examples/hotline-12338/scenario.yaml --out out/march
          rota check Examples/hotline-12338/scenario.yaml out/march/roster.json
          rota validate Examples/hotline-12338/scenario.yaml
          rota pair Examples/mentor-pairing/pairing.yaml --out out/mentors

        Exit codes:
          0  success
          1  check: the roster breaks a hard rule; batch merge: some counties must run again
          2  the input is invalid (every problem is listed with file:line:column)
          3  an output file could not be written (nothing is left half-written)
          4  solve was interrupted (Ctrl-C); the best roster found was written
          64 the command line itself is wrong
        """,
        version: RotaVersion.string,
        subcommands: [Solve.self, Check.self, Validate.self, Replan.self, Cover.self, Recruit.self, Pair.self, Generate.self, Template.self, Batch.self, Curtois.self, County.self, Version.self])

    /// Parses the command line; a misspelt command gets a "did you mean" instead of the
    /// parser's list of unexpected arguments.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, !first.hasPrefix("-") {
            let names = configuration.subcommands.map { $0._commandName } + ["help"]
            if !names.contains(first) {
                let hint = Suggestions.closest(to: first, among: names).map { " (did you mean '\($0)'?)" } ?? ""
                printError("Error: unknown command '\(first)'\(hint)\nUsage: rota <command> …  See 'rota --help' for the commands.")
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
        }
        main(arguments)
    }
}

enum RotaVersion {
    static let string = "0.1.0"
}

/// Prints issues to standard error, one per line.
func report(_ error: InputError) {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Runs `body`; an ``InputError`` is printed, every issue on its own line, and exits 2.
func orExitOnBadInput<T>(_ body: () throws(InputError) -> T) throws -> T {
    do throws(InputError) {
        return try body()
    } catch {
        report(error)
        throw ExitCode(Exit.badInput)
    }
}

/// The bytes of `path`, or exit 2 with a message.
func readFileOrExit(_ path: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
        printError("\(path): cannot read the file")
        throw ExitCode(Exit.badInput)
    }
    return data
}

/// Writes `files` into `directory` atomically, or exits 3 with a message (nothing is
/// left half-written).
func writeOrExit(_ files: [(String, Data)], into directory: String) throws {
    do throws(OutputError) {
        try AtomicWriter.write(files, into: directory)
    } catch {
        printError("\(error) (nothing in \(directory) was changed)")
        throw ExitCode(Exit.outputFailed)
    }
}

/// Writes one file atomically, or exits 3 with a message.
func writeOrExit(_ data: Data, to path: String) throws {
    do throws(OutputError) {
        try AtomicWriter.write(data, to: URL(fileURLWithPath: path))
    } catch {
        printError("\(error)")
        throw ExitCode(Exit.outputFailed)
    }
}

/// The logger behind `--verbose`: the solver's stages (`debug` adds every neighbourhood)
/// and GLPK's own log, on standard error. Messages carry ids only, never names.
func verboseLogger(debug: Bool = false) -> Logger {
    var logger = Logger(label: "rota") { StreamLogHandler.standardError(label: $0) }
    if debug { logger.logLevel = .debug }
    return logger
}

/// The scenario's problem with the changes files at `changes` applied (absences,
/// departures, demand and events), or exit 2 listing every problem of the files.
func changedProblem(_ loaded: LoadedScenario, changes: [String]) throws -> RosterProblem {
    changes.isEmpty ? loaded.problem : try loadChanges(changes, scenario: loaded).apply(to: loaded.problem)
}

/// The changes files at `paths` as one set of changes, or exit 2 listing every problem.
func loadChanges(_ paths: [String], scenario: LoadedScenario) throws -> RosterChanges {
    try orExitOnBadInput { () throws(InputError) in try RosterChangesLoader.load(paths: paths, scenario: scenario) }
}

func loadScenario(_ path: String) throws -> LoadedScenario {
    try orExitOnBadInput { () throws(InputError) in try ScenarioLoader.load(path: path) }
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the version of rota.",
        discussion: "Example:\n  rota version")

    func run() {
        print("rota \(RotaVersion.string)")
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario file (and its CSV files) without solving.",
        discussion: "Lists every problem with file:line:column and exits 2 if there is any.\n\nExample:\n  rota validate Examples/hotline-12338/scenario.yaml")

    @Argument(help: "The scenario file (YAML or JSON).") var scenario: String

    func run() throws {
        let loaded = try loadScenario(scenario)
        let p = loaded.problem
        print("\(scenario): valid — \(p.volunteers.count) volunteers, \(p.templates.count) shift templates, \(p.coverage.count) coverage requirements, \(p.events.count) events over \(p.horizon.days) days")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a roster against a scenario with the independent checker.",
        discussion: """
        Exits 1 on any hard violation, duplicated or overlapping assignments included. With \
        --against, compares a hand-edited roster with the published one: the assignments \
        added and removed, the hard violations the edit brings (and mends), and the \
        objective's change, rule by rule.

        Example:
          rota check Examples/hotline-12338/scenario.yaml out/hotline-12338/roster.json
          rota check Examples/hotline-12338/scenario.yaml edited.json --against out/hotline-12338/roster.json
        """)

    @Argument(help: "The scenario file.") var scenario: String
    @Argument(help: "A roster.json written by rota solve (or by hand).") var roster: String
    @Option(help: "The published roster.json this one was edited from: report what the edit breaks and the objective's change, rule by rule.")
    var against: String?
    @Option(help: "A changes file (as for rota replan) to apply to the scenario first, to check a replanned roster against the changed month; repeat it for several.")
    var changes: [String] = []

    func run() throws {
        var loaded = try loadScenario(scenario)
        loaded.problem = try changedProblem(loaded, changes: changes)
        let data = try readFileOrExit(roster)
        let assignments = try orExitOnBadInput { () throws(InputError) in
            try RosterDocument.assignments(fromJSON: data, file: roster, problem: loaded.problem)
        }
        if let against {
            let before = try readFileOrExit(against)
            let published = try orExitOnBadInput { () throws(InputError) in
                try RosterDocument.assignments(fromJSON: before, file: against, problem: loaded.problem)
            }
            let c = RosterComparison(problem: loaded.problem, published: published, edited: assignments)
            print("\(c.added.count) assignments added, \(c.removed.count) removed against \(against)")
            for k in c.added { print("  + \(k)") }
            for k in c.removed { print("  - \(k)") }
            for v in c.newViolations { print("new violation \(v)") }
            for v in c.mendedViolations { print("mended \(v)") }
            let kept = c.edited.violations.count - c.newViolations.count
            if kept > 0 { print("\(kept) hard violations the published roster had too") }
            print(String(format: "objective %.4f → %.4f (%+.4f)", c.published.objective.total, c.edited.objective.total, c.totalChange))
            for r in c.ruleChanges { print(String(format: "  %@: %.4f → %.4f (%+.4f)", r.rule, r.before, r.after, r.change)) }
            if !c.edited.isValid { throw ExitCode(Exit.violations) }
            return
        }
        let result = RosterChecker(problem: loaded.problem).check(assignments)
        for v in result.violations { print("violation \(v)") }
        print("\(assignments.count) assignments, \(result.violations.count) hard violations, \(result.unfilled.count) unfilled gaps")
        // The hard tier's penalty is what the elastic rules (minimum hours, pins) cost when
        // they give way; other hard violations have no price, they are simply listed above.
        print(String(format: "objective %.2f (minimums and pins that gave way %.2f, coverage %.2f, soft %.2f)",
                     result.objective.total, result.objective.hard, result.objective.coverage, result.objective.soft))
        if !result.isValid { throw ExitCode(Exit.violations) }
    }
}

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve a scenario and write the roster.",
        discussion: """
        Writes roster.json, roster.csv, totals.csv, summary.md, calendars/<volunteer>.ics, \
        roster.html (the public noticeboard), report.html (the coordinator's), calls.html \
        (the private call list), days/ and lines/ (phone views), volunteers/ and roster.xlsx \
        into --out (all of them unless --format names some). The CSV files follow the \
        scenario's language unless --csv-locale en. Every file is written \
        atomically. Ctrl-C (or SIGTERM, as a batch engine sends at its time limit) stops the \
        search and still writes the best roster found, marked as not proven optimal (exit code 4).

        Example:
          rota solve Examples/hotline-12338/scenario.yaml --time-limit 60 --out out/march --format json,html
        """)

    @Argument(help: "The scenario file (YAML or JSON).") var scenario: String
    @Option(help: "Seconds for the whole solve.") var timeLimit: Double = 60
    @Option(help: "Relative gap at which to stop (0.01 = 1%).") var gap: Double = 1e-4
    @Option(help: "Directory for the output files.") var out: String = "out"
    @Option(help: "Comma-separated formats: json,csv,md,ics,html,xlsx (default: all).") var format: String?
    @Option(help: "The language of roster.csv and totals.csv: en (for programs) or zh-CN (default: the scenario's).") var csvLocale: String?
    @Option(help: "Also write the model as a CPLEX-LP file (weighted objective) to this path.") var exportLp: String?
    @Option(help: "Override the scenario's rules.objective: lexicographic, weighted or hardThenWeighted.") var objective: String?
    @Option(help: "Seed for the improvement heuristic.") var seed: UInt64 = 1
    @Flag(help: "Show progress on standard error even when it is not a terminal (one line per improvement).") var progress = false
    @Flag(help: "Print nothing but errors.") var quiet = false
    @Flag(help: "Also print the solver's stages and GLPK's own log on standard error.") var verbose = false
    @Flag(help: "The solver's stages, every column-generation round and neighbourhood (ids only), without GLPK's log.") var debug = false
    @Flag(help: "Write no wall-clock timings in roster.json (seconds as 0): the same input and seed then give identical files.")
    var noTimings = false
    @Option(help: ArgumentHelp("A batch plan's stamp to write into roster.json (set by `rota batch plan`'s script).", visibility: .hidden))
    var stamp: String?
    @Option(help: "Calendar reminders before each shift, comma-separated: 1d,1h (the default), 30m, or none.")
    var reminders: String = "1d,1h"

    func validate() throws {
        try OptionChecks.timeLimit(timeLimit)
        try OptionChecks.gap(gap)
        if let stamp { try OptionChecks.stamp(stamp) }
        _ = try OptionChecks.reminders(reminders)
        _ = try OptionChecks.csvLocale(csvLocale)
        _ = try formats()
        _ = try objectiveMode()
    }

    func objectiveMode() throws -> ObjectiveMode? {
        guard let objective else { return nil }
        switch objective.lowercased() {
        case "lexicographic": return .lexicographic
        case "weighted": return .weighted
        case "hardthenweighted": return .hardThenWeighted
        default: throw ValidationError("--objective must be lexicographic, weighted or hardThenWeighted, not '\(objective)'")
        }
    }

    func formats() throws -> [RosterFormat] {
        guard let format else { return RosterFormat.allCases }
        return try format.split(separator: ",").map { name in
            guard let f = RosterFormat(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ValidationError("unknown format '\(name)'; use json, csv, md, ics or html")
            }
            return f
        }
    }

    func run() throws {
        let loaded = try loadScenario(scenario)
        var problem = loaded.problem
        if let mode = try objectiveMode() { problem.rules.objective = mode }
        let formats = try formats()
        let formulation = RosterFormulation(problem: problem)

        if let path = exportLp { try writeOrExit(Data(formulation.weightedModel.cplexLPText().utf8), to: path) }

        let token = CancellationToken()
        let interrupt = cancelOnInterrupt(token, saying: "\ninterrupted: stopping the search and writing the best roster found…")
        defer { interrupt.cancel() }

        var options = RosterSolveOptions(timeLimit: timeLimit, relativeGap: gap, cancellation: token, seed: seed)
        // A terminal gets one live status line; a log (or --verbose) a cumulative table.
        let terminal = isatty(STDERR_FILENO) != 0
        let verbose = self.verbose || debug
        let display: ProgressDisplay? = !quiet && (progress || terminal || verbose)
            ? ProgressDisplay(style: terminal && !verbose ? .statusLine : .table) : nil
        if let display {
            options.updates = { display.take($0) }
            options.progress = { _ in display.tick() }
        }
        if verbose && !quiet {
            // GLPK's own log slows its LPs enough to change which steps run: --debug, for
            // studying the solve, leaves it off.
            if !debug { options.logLevel = .normal }
            options.logger = verboseLogger(debug: debug)
        }
        if !quiet {
            printError("solving \(problem.name): \(formulation.model.variableCount) variables, \(formulation.model.constraintCount) constraints, \(formulation.model.nonzeroCount) nonzeros")
        }
        let roster = try RosterSolver().run(formulation, options: options)
        display?.finish()
        let interrupted = token.isCancelled
        var renderer = RosterRenderer(roster: roster, problem: problem, interrupted: interrupted, includeTimings: !noTimings)
        renderer.stamp = stamp
        renderer.coordinator = loaded.coordinator
        renderer.publishContacts = loaded.publishContacts
        renderer.locale = loaded.locale
        renderer.display = loaded.displayNames
        renderer.csvLocale = try OptionChecks.csvLocale(csvLocale)
        renderer.reminderMinutes = try OptionChecks.reminders(reminders)
        let files = renderer.render(formats)
        try writeOrExit(files, into: out)
        if !quiet {
            let s = roster.statistics
            print("\(roster.assignments.count) assignments, \(roster.unfilled.count) unfilled gaps, objective \(String(format: "%.2f", roster.objective.total))")
            print("status: \(s.provenOptimal ? "proven optimal" : "not proven optimal")\(s.gap.flatMap { s.provenOptimal ? nil : ", gap " + RosterRenderer.gapText($0) } ?? ""), \(String(format: "%.2f", s.seconds)) s")
            print("wrote \(files.count) files to \(out)")
        }
        if interrupted { throw ExitCode(Exit.interrupted) }
    }
}

struct Pair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pair two groups: mentors and mentees, officials and households, cases and counsellors.",
        discussion: """
        Writes pairs.csv, shortlists.csv, unmatched.csv (each unmatched person with the \
        reason), coverage.csv (when the file asks for a report) and matching.json into --out, \
        atomically.

        Example:
          rota pair Examples/mentor-pairing/pairing.yaml --out out/mentors
        """)

    @Argument(help: "The pairing file (YAML or JSON), which may name CSV files for both sides.") var input: String
    @Option(help: "Directory for the output files.") var out: String = "out"
    @Option(help: "Seconds the solver may take (matters only with quotas).") var timeLimit: Double = 60
    @Flag(help: "Print nothing but errors.") var quiet = false

    func validate() throws { try OptionChecks.timeLimit(timeLimit) }

    func run() throws {
        let pairing = try orExitOnBadInput { () throws(InputError) in try PairingLoader.load(path: input) }
        let result: MatchingResult
        do throws(MatchingProblemError) {
            result = try Matcher().solve(pairing.problem, reportGroups: pairing.reportGroups, options: SolveOptions(timeLimit: timeLimit))
        } catch {
            printError("\(input): \(error)")
            throw ExitCode(Exit.badInput)
        }
        let files = MatchingRenderer(result: result, pairing: pairing).render()
        try writeOrExit(files, into: out)
        if !quiet {
            let rightMatched = Set(result.pairs.map(\.right)).count
            print("\(result.pairs.count) pairs; \(rightMatched) of \(pairing.problem.right.count) \(pairing.rightLabel) matched, \(result.unmatched.count) unmatched or short")
            print("total score \(String(format: "%.2f", result.totalScore)); \(result.eligiblePairs) eligible pairs; \(result.status) in \(String(format: "%.2f", result.seconds)) s")
            for c in result.coverage { print("coverage \(c.attribute)=\(c.value): \(c.matched)/\(c.total)") }
            print("wrote \(files.count) files to \(out)")
        }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic county (scenario and CSV files) for benchmarks.",
        discussion: """
        Sizes: s (60 volunteers, 1 week, hotline only), m (306 volunteers, 5 townships, \
        4 weeks, 7 lines, 40 events, 5 care stations), l (1,000 volunteers, 20 townships, \
        150 events), xl (3,000 volunteers, 60 townships, 13 weeks, 600 events, plus \
        mentor-pairing/ 3,000 x 4,500 and household-visits/ 10,000 x 60,000). The same size \
        and seed always give the same files; they are written atomically.

        Example:
          rota generate --size m --seed 1 --out out/county-m
          rota solve out/county-m/scenario.yaml --out out/county-m/roster
        """)

    @Option(help: "s, m, l or xl.") var size: String = "m"
    @Option(help: "Seed of the generator.") var seed: UInt64 = 1
    @Option(help: "Directory for the files.") var out: String
    @Flag(help: "Print nothing but errors.") var quiet = false

    func validate() throws {
        guard CountyGenerator.Size(rawValue: size.lowercased()) != nil else {
            throw ValidationError("--size must be s, m, l or xl, not '\(size)'")
        }
    }

    func run() throws {
        let files = CountyGenerator.files(size: CountyGenerator.Size(rawValue: size.lowercased())!, seed: seed)
        try writeOrExit(files.map { ($0.path, Data($0.contents.utf8)) }, into: out)
        if !quiet {
            for f in files { print("wrote \((out as NSString).appendingPathComponent(f.path)) (\(f.contents.utf8.count) bytes)") }
        }
    }
}

struct Curtois: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The Curtois & Qu shift-scheduling benchmark, solved by Rota's own model and checker.",
        discussion: """
        Examples:
          rota curtois solve ../shared/curtois/Instance1.txt --time-limit 60 --out instance1.csv
          rota curtois evaluate ../shared/curtois/Instance1.txt instance1.csv
        """,
        subcommands: [CurtoisSolve.self, CurtoisEvaluate.self])
}

/// Ctrl-C (SIGINT) and SIGTERM, which Slurm and Kubernetes send at a task's time limit,
/// cancel `token` (after printing `message`, if any) instead of ending the process, so the
/// best roster found is still written. Cancel the returned source when done.
func cancelOnInterrupt(_ token: CancellationToken, saying message: String? = nil) -> StopSignals {
    StopSignals([SIGINT, SIGTERM].map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            if let message { printError(message) }
            token.cancel()
        }
        source.resume()
        return source
    })
}

/// The signal sources of ``cancelOnInterrupt(_:saying:)``.
struct StopSignals {
    let sources: [any DispatchSourceSignal]
    init(_ sources: [any DispatchSourceSignal]) { self.sources = sources }
    func cancel() { for s in sources { s.cancel() } }
}

/// A benchmark solve's lines: the objective (marked when a hard rule is broken), the proven
/// bound and the gap to it, the seconds; each violation on standard error.
func printSummary(_ roster: Roster, objective: Double, bound: Double?) {
    let hard = roster.limitViolations
    print("objective \(Int(objective.rounded()))" + (hard.isEmpty ? "" : " (INFEASIBLE: \(hard.count) hard violations)"))
    if let bound {
        let gap = objective > 0 ? (objective - bound) / objective : 0
        print("bound \(String(format: "%.2f", bound))  gap \(String(format: "%.2f", gap * 100))%")
    }
    print("seconds \(String(format: "%.1f", roster.statistics.seconds))")
    for v in hard { printError("violation \(v)") }
}

func readInstance(_ path: String) throws -> CurtoisInstance {
    try orExitOnBadInput { () throws(InputError) in try CurtoisInstance.read(path: path) }
}

struct CurtoisSolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve an instance; print the objective, the proven bound and the gap.",
        discussion: "Example:\n  rota curtois solve ../shared/curtois/Instance2.txt --time-limit 60 --out instance2.csv")

    @Argument(help: "An InstanceN.txt file.") var instance: String
    @Option(help: "Seconds for the whole solve.") var timeLimit: Double = 60
    @Option(help: "Write the solution as CSV (employee,day,shift) to this file.") var out: String?
    @Option(help: "Seed for the improvement heuristic.") var seed: UInt64 = 1
    @Flag(help: "Show progress on standard error (one line per improvement).") var progress = false
    @Flag(help: "Print the solver's stages and GLPK's own log on standard error.") var verbose = false
    @Option(help: "Also write the model as a CPLEX-LP file (weighted objective) to this path.") var exportLp: String?

    func validate() throws { try OptionChecks.timeLimit(timeLimit) }

    func run() throws {
        let parsed = try readInstance(instance)
        let problem = parsed.problem
        let token = CancellationToken()
        let interrupt = cancelOnInterrupt(token)
        defer { interrupt.cancel() }
        var options = RosterSolveOptions(timeLimit: timeLimit, relativeGap: 0, cancellation: token, seed: seed)
        if progress {
            // Benchmarks run in logs: the cumulative table, one line per improvement.
            let display = ProgressDisplay(style: .table)
            options.updates = { display.take($0) }
        }
        if verbose {
            options.logLevel = .normal
            options.logger = verboseLogger(debug: true)
        }
        try validateOrExit(problem, file: instance)
        let formulation = RosterFormulation(problem: problem)
        if let path = exportLp { try writeOrExit(Data(formulation.weightedModel.cplexLPText().utf8), to: path) }
        let roster = try RosterSolver().run(formulation, options: options)
        let objective = roster.objective.coverage + roster.objective.soft
        let bound = roster.statistics.stages.last.flatMap { $0.bound }.map { max(0, $0) }
        print("instance \(parsed.name): \(parsed.employees.count) staff × \(parsed.days) days × \(parsed.shifts.count) shift types")
        printSummary(roster, objective: objective, bound: bound)
        if let out { try writeOrExit(Data(CurtoisInstance.solutionCSV(roster.assignments).utf8), to: out) }
        if token.isCancelled {
            printError("interrupted: the best roster found was written")
            throw ExitCode(Exit.interrupted)
        }
    }
}

struct CurtoisEvaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Recompute a solution's objective and list every violation, with the independent checker.",
        discussion: "Exits 1 when a hard rule is broken.\n\nExample:\n  rota curtois evaluate ../shared/curtois/Instance1.txt instance1.csv")

    @Argument(help: "An InstanceN.txt file.") var instance: String
    @Argument(help: "A solution CSV: employee,day,shift.") var solution: String

    func run() throws {
        let parsed = try readInstance(instance)
        try validateOrExit(parsed.problem, file: instance)
        let data = try readFileOrExit(solution)
        let assignments = try orExitOnBadInput { () throws(InputError) in
            try parsed.assignments(fromSolutionCSV: String(decoding: data, as: UTF8.self), file: solution)
        }
        let report = RosterChecker(problem: parsed.problem).check(assignments)
        let o = report.objective.byRule
        let objective = report.objective.coverage + report.objective.soft
        print("objective \(Int(objective.rounded()))  (cover under \(Int(o["coverage.under"] ?? 0)), cover over \(Int(o["coverage.over"] ?? 0)), requests \(Int(o["requests"] ?? 0)))")
        for v in report.violations { print("violation \(v)") }
        print("\(report.violations.count) hard violations")
        if !report.isValid { throw ExitCode(Exit.violations) }
    }
}

struct County: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The neutral county hotline benchmark family (county-hotline-v1).",
        discussion: """
        Reads an instance (JSON, the family's MODEL.md), solves it with the same model and \
        solver coordinators use (hard per-slot maxima, capped event roles), and writes the \
        roster as the CSV the family's reference scorer, check.py, reads.

        Example:
          rota county solve ../shared/county/m-2.json --time-limit 20 --out m-2.csv
          python3 ../shared/county/check.py ../shared/county/m-2.json m-2.csv
        """,
        subcommands: [CountySolve.self])
}

struct CountySolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve an instance; print the objective, the proven bound and the gap.",
        discussion: "Example:\n  rota county solve ../shared/county/s-2.json --time-limit 20 --out s-2.csv")

    @Argument(help: "An instance JSON file.") var instance: String
    @Option(help: "Seconds for the whole solve.") var timeLimit: Double = 60
    @Option(help: "Relative gap at which to stop (0.01 = 1%).") var gap: Double = 1e-4
    @Option(help: "Write the roster as the family's CSV (volunteer,date,kind,id,start,end) to this file.") var out: String?
    @Option(help: "Seed for the improvement heuristic.") var seed: UInt64 = 1
    @Flag(help: "Print the solver's stages on standard error.") var verbose = false

    func validate() throws {
        try OptionChecks.timeLimit(timeLimit)
        try OptionChecks.gap(gap)
    }

    func run() throws {
        let parsed = try orExitOnBadInput { () throws(InputError) in try CountyInstance.read(path: instance) }
        let token = CancellationToken()
        let interrupt = cancelOnInterrupt(token)
        defer { interrupt.cancel() }
        var options = RosterSolveOptions(timeLimit: timeLimit, relativeGap: gap, cancellation: token, seed: seed)
        if verbose {
            options.logLevel = .normal
            options.logger = verboseLogger(debug: true)
        }
        try validateOrExit(parsed.problem, file: instance)
        let roster = try RosterSolver().run(RosterFormulation(problem: parsed.problem), options: options)
        let problem = parsed.problem
        print("instance \(parsed.name): \(problem.volunteers.count) volunteers × \(problem.horizon.days) days, \(problem.events.count) events")
        printSummary(roster, objective: roster.objective.total, bound: roster.statistics.bound)
        if let out { try writeOrExit(Data(parsed.rosterCSV(roster.assignments).utf8), to: out) }
        if token.isCancelled { throw ExitCode(Exit.interrupted) }
    }
}

struct Replan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replan a published roster after a change, with the least change.",
        discussion: """
        Reads the published roster.json and the changes (a volunteer away or leaving, demand \
        or events added or removed, pins and forbids; docs/replanning.md), keeps every \
        published assignment before --today, and re-solves so that each change costs \
        rules.weights.changes (rules.weights.frozenChanges within --freeze-days of today). \
        Writes the new roster in every format, with calendars that update a phone in place \
        (same UID, higher SEQUENCE, removed shifts cancelled), and changes.json and \
        changes.md: per volunteer what was kept, added, removed and moved.

        Example:
          rota replan Examples/hotline-12338/scenario.yaml --published out/march/roster.json \\
            --changes Examples/hotline-12338/changes.yaml --out out/march-v2
        """)

    @Argument(help: "The scenario the roster was published for.") var scenario: String
    @Option(help: "The published roster.json.") var published: String
    @Option(help: "A changes file (YAML or JSON); repeat it for several, applied in order (every change since the scenario).") var changes: [String] = []
    @Option(help: "Directory for the new roster and the changes.") var out: String = "out"
    @Option(help: "First day that may change (YYYY-MM-DD); overrides the changes file's today.") var today: String?
    @Option(help: "Days from today whose changes cost the frozen weight; overrides the changes file.") var freezeDays: Int?
    @Option(help: "Cost of one change (overrides rules.weights.changes).") var changeWeight: Double?
    @Option(help: "Cost of one change inside the freeze (overrides rules.weights.frozenChanges).") var frozenChangeWeight: Double?
    @Option(help: "Seconds for the whole solve.") var timeLimit: Double = 60
    @Option(help: "Relative gap at which to stop (0.01 = 1%).") var gap: Double = 1e-4
    @Option(help: "Seed for the improvement heuristic.") var seed: UInt64 = 1
    @Flag(help: "Print nothing but errors.") var quiet = false
    @Flag(help: "Write no wall-clock timings in roster.json.") var noTimings = false
    @Flag(help: "Accept changes dated before today (the past is otherwise kept as it was, and such a change refused); each is listed.")
    var rewritePast = false

    func validate() throws {
        try OptionChecks.timeLimit(timeLimit)
        try OptionChecks.gap(gap)
        if let today, CalendarDate(today) == nil { throw ValidationError("--today must be a date YYYY-MM-DD, not '\(today)'") }
        if let freezeDays, freezeDays < 0 || freezeDays > RosterProblem.Limits.count {
            throw ValidationError("--freeze-days must be from 0 to \(RosterProblem.Limits.count), not \(freezeDays)")
        }
        for (name, w) in [("--change-weight", changeWeight), ("--frozen-change-weight", frozenChangeWeight)] {
            if let w, !(w >= 0 && w <= RosterProblem.Limits.weight) { throw ValidationError("\(name) must be from 0 to \(Int(RosterProblem.Limits.weight)), not \(w)") }
        }
    }

    func run() throws {
        let loaded = try loadScenario(scenario)
        var problem = loaded.problem
        if let changeWeight { problem.rules.weights.changes = changeWeight }
        if let frozenChangeWeight { problem.rules.weights.frozenChanges = frozenChangeWeight }
        let publishedData = try readFileOrExit(published)
        let before = try orExitOnBadInput { () throws(InputError) in try RosterDocument.published(fromJSON: publishedData, file: published, problem: problem) }
        let (read, past) = try orExitOnBadInput { () throws(InputError) in
            try RosterChangesLoader.loadNotingPast(paths: changes, scenario: loaded, today: today.flatMap(CalendarDate.init))
        }
        var rosterChanges = read
        if !past.isEmpty, !rewritePast {
            report(RosterChangesLoader.refusal(ofPast: past))
            throw ExitCode(Exit.badInput)
        }
        for i in past { printError("rewriting the past: \(i.location): \(i.path): \(i.message)") }
        if let today { rosterChanges.today = CalendarDate(today) }
        if let freezeDays { rosterChanges.freezeDays = freezeDays }

        let token = CancellationToken()
        let interrupt = cancelOnInterrupt(token, saying: "\ninterrupted: stopping the search and writing the best roster found…")
        defer { interrupt.cancel() }
        let options = RosterSolveOptions(timeLimit: timeLimit, relativeGap: gap, cancellation: token, seed: seed)
        let result: ReplanResult
        do throws(RosterProblemError) {
            result = try Replanner().replan(problem, published: before.assignments.map(\.assignment.key), changes: rosterChanges, options: options)
        } catch {
            printError("\(changes.last ?? scenario): \(error)")
            throw ExitCode(Exit.badInput)
        }
        var report = ReplanReport(result: result, changes: rosterChanges, published: before)
        report.coordinator = loaded.coordinator
        report.publishContacts = loaded.publishContacts
        report.locale = loaded.locale
        report.displayNames = loaded.displayNames
        let files = report.files(RosterFormat.allCases, interrupted: token.isCancelled, includeTimings: !noTimings)
        try writeOrExit(files, into: out)
        if !quiet {
            print("\(result.kept.count) kept, \(result.added.count) added, \(result.removed.count) removed, \(result.moved.count) moved; \(result.roster.unfilled.count) unfilled gaps")
            print("wrote \(files.count) files to \(out)")
        }
        if token.isCancelled { throw ExitCode(Exit.interrupted) }
    }
}
