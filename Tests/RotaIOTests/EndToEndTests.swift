import Foundation
import Testing

/// Runs the built `rota` executable.
enum Rota {
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["ROTA_BINARY"] { return URL(fileURLWithPath: path) }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rota")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return SchemaTests.repository.appendingPathComponent(".build/debug/rota")
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs rota with `arguments`; `interruptAfter` sends SIGINT after that many seconds.
    static func run(_ arguments: [String], interruptAfter: Double? = nil) throws -> Output {
        try run(command: binary, arguments, interruptAfter: interruptAfter)
    }

    /// Runs `command` (in the repository) with `arguments`, capturing its output.
    static func run(command: URL, _ arguments: [String], interruptAfter: Double? = nil) throws -> Output {
        let process = Process()
        process.executableURL = command
        process.arguments = arguments
        process.currentDirectoryURL = SchemaTests.repository
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let delay = interruptAfter {
            Thread.sleep(forTimeInterval: delay)
            process.interrupt()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func temporaryDirectory() -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rota-e2e-\(UUID().uuidString)")
        return url.path
    }
}

/// A temporary folder holding a scenario, for the tests that run commands on it.
struct ScenarioFolder {
    let dir = Rota.temporaryDirectory()
    var scenario: String { dir + "/scenario.yaml" }

    init(_ scenarioText: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try scenarioText.write(toFile: scenario, atomically: true, encoding: .utf8)
    }

    /// Writes `text` to `name` in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return dir + "/" + name
    }

    /// The JSON object in the file at `path`.
    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

@Suite("rota command line, end to end", .serialized)
struct EndToEndTests {
    let mini = Fixtures.path("good/mini.yaml")

    @Test func version() throws {
        let r = try Rota.run(["version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("rota "))
    }

    @Test(arguments: ["solve", "check", "validate", "version", "replan", "cover", "recruit", "batch", "template"])
    func everyCommandHasHelpWithAnExample(_ command: String) throws {
        let r = try Rota.run([command, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Example"), "\(command) --help: \(r.stdout)")
    }

    @Test func aMisspeltCommandGetsADidYouMean() throws {
        let r = try Rota.run(["solv", "x.yaml"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown command 'solv' (did you mean 'solve'?)"), "\(r.stderr)")
        #expect(try Rota.run(["help", "solve"]).status == 0)
    }

    @Test func validateAcceptsAGoodScenario() throws {
        let r = try Rota.run(["validate", mini])
        #expect(r.status == 0)
        #expect(r.stdout.contains("valid"))
    }

    @Test func validateListsEveryProblemAndExitsTwo() throws {
        let r = try Rota.run(["validate", Fixtures.path("bad/34-many-problems-at-once.yaml")])
        #expect(r.status == 2)
        #expect(r.stderr.contains("34-many-problems-at-once.yaml:11:15"))
        #expect(r.stderr.contains("unknown site 'twon' (did you mean 'town'?)"))
        #expect(r.stderr.contains("unknown key 'colour'"))
    }

    @Test func solveWritesEveryFormatAtomicallyAndTheRosterPassesCheck() throws {
        let out = Rota.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try Rota.run(["solve", mini, "--out", out, "--time-limit", "10", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: out).sorted()
        for name in ["roster.json", "roster.csv", "summary.md", "roster.html", "calendars/a.ics"] { #expect(files.contains(name), "\(files)") }
        #expect(!files.contains { $0.hasSuffix(".tmp") })
        let check = try Rota.run(["check", mini, out + "/roster.json"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("0 hard violations"))
    }

    @Test func solveWritesOnlyTheRequestedFormats() throws {
        let out = Rota.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try Rota.run(["solve", mini, "--out", out, "--time-limit", "10", "--format", "json,md", "--quiet"])
        #expect(r.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["roster.json", "summary.md"])
    }

    @Test func aBadFormatNameIsAUsageError() throws {
        let r = try Rota.run(["solve", mini, "--format", "pdf"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown format 'pdf'"))
    }

    @Test func badInputWritesNothing() throws {
        let out = Rota.temporaryDirectory()
        let r = try Rota.run(["solve", Fixtures.path("bad/03-hour-25.yaml"), "--out", out])
        #expect(r.status == 2)
        #expect(r.stderr.contains("03-hour-25.yaml:15:"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func anUnwritableOutputDirectoryExitsThree() throws {
        let blocker = Rota.temporaryDirectory()
        try Data("a file, not a directory".utf8).write(to: URL(fileURLWithPath: blocker))
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        let r = try Rota.run(["solve", mini, "--out", blocker + "/sub", "--time-limit", "5", "--quiet"])
        #expect(r.status == 3, "\(r.stderr)")
    }

    @Test func checkFlagsDuplicatedAndOverlappingAssignments() throws {
        let out = Rota.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(try Rota.run(["solve", mini, "--out", out, "--time-limit", "10", "--format", "json", "--quiet"]).status == 0)
        let url = URL(fileURLWithPath: out + "/roster.json")
        var doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var assignments = doc["assignments"] as! [[String: Any]]
        try #require(!assignments.isEmpty)
        // Duplicate the first assignment.
        assignments.append(assignments[0])
        doc["assignments"] = assignments
        try JSONSerialization.data(withJSONObject: doc).write(to: url)
        let duplicate = try Rota.run(["check", mini, url.path])
        #expect(duplicate.status == 1)
        #expect(duplicate.stdout.contains("[duplicate]"))
        // A scenario with a second template that overlaps the first: an overlapping pair.
        let scenario = out + "/two-templates.yaml"
        let text = try String(contentsOfFile: mini, encoding: .utf8).replacingOccurrences(
            of: "templates:\n", with: "templates:\n  - {id: late, line: legal, site: centre, from: \"12:00\", to: \"20:00\", skill: legal}\n")
        try text.write(toFile: scenario, atomically: true, encoding: .utf8)
        var overlapping = assignments[0]
        overlapping["shift"] = "late"
        overlapping["start"] = (overlapping["start"] as! String).replacingOccurrences(of: "T08:00", with: "T12:00")
        overlapping["end"] = (overlapping["end"] as! String).replacingOccurrences(of: "T16:00", with: "T20:00")
        assignments[assignments.count - 1] = overlapping
        doc["assignments"] = assignments
        try JSONSerialization.data(withJSONObject: doc).write(to: url)
        let overlap = try Rota.run(["check", scenario, url.path])
        #expect(overlap.status == 1)
        #expect(overlap.stdout.contains("[overlap]"), "\(overlap.stdout)")
        #expect(!overlap.stdout.contains("[times]"), "\(overlap.stdout)")
    }

    @Test func theBundledMonthSolvesAndChecks() throws {
        let out = Rota.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let scenario = "Examples/hotline-12338/scenario.yaml"
        let r = try Rota.run(["solve", scenario, "--out", out, "--time-limit", "8", "--format", "json,html"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("assignments"))
        let check = try Rota.run(["check", scenario, out + "/roster.json"])
        #expect(check.status == 0, "\(check.stdout)\n\(check.stderr)")
    }

    @Test func ctrlCStillWritesTheBestRosterMarkedInterrupted() throws {
        let out = Rota.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try Rota.run(["solve", "Examples/hotline-12338/scenario.yaml", "--out", out, "--time-limit", "300", "--format", "json"],
                             interruptAfter: 4)
        #expect(r.status == 4, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/roster.json"))) as! [String: Any]
        let solver = doc["solver"] as! [String: Any]
        #expect(solver["interrupted"] as? Bool == true)
        #expect(solver["provenOptimal"] as? Bool == false)
    }

    @Test func generateWritesTheSameCountyTwiceAndItValidates() throws {
        let a = Rota.temporaryDirectory(), b = Rota.temporaryDirectory()
        for dir in [a, b] {
            let r = try Rota.run(["generate", "--size", "s", "--seed", "5", "--out", dir, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        for name in ["scenario.yaml", "volunteers.csv"] {
            let x = try Data(contentsOf: URL(fileURLWithPath: "\(a)/\(name)")), y = try Data(contentsOf: URL(fileURLWithPath: "\(b)/\(name)"))
            #expect(x == y && !x.isEmpty, "\(name)")
        }
        let v = try Rota.run(["validate", "\(a)/scenario.yaml"])
        #expect(v.status == 0 && v.stdout.contains("60 volunteers"), "\(v.stdout)\(v.stderr)")
        let bad = try Rota.run(["generate", "--size", "xxl", "--out", a])
        #expect(bad.status == 64 && bad.stderr.contains("--size"))
    }
}
