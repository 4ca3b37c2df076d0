import RotaGLPK
import Foundation
import LinearProgramming
import Matching
import Testing
@testable import Rota
@testable import RotaIO

/// Writing a set of files is all or nothing.
@Suite("All-or-nothing output")
struct AllOrNothingOutputTests {
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rota-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func contents(_ url: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let base = url.standardizedFileURL.path
        guard let files = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { return [:] }
        for case let file as URL in files {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[String(file.standardizedFileURL.path.dropFirst(base.count))] = FileManager.default.contents(atPath: file.path)
            }
        }
        return result
    }

    @Test func aWriteThatFailsPartWayLeavesTheEarlierSetUntouched() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try AtomicWriter.write([("roster.json", Data("old".utf8)), ("calendars/a.ics", Data("old a".utf8))], into: out.path)
        let before = Self.contents(out)
        #expect(before.count == 2)
        // The second file's name is too long for any file system: the write fails part-way,
        // after the first file of the new set was written.
        let tooLong = String(repeating: "x", count: 300) + ".ics"
        let error = #expect(throws: OutputError.self) {
            try AtomicWriter.write([("roster.json", Data("new".utf8)), ("calendars/\(tooLong)", Data("new b".utf8))], into: out.path)
        }
        #expect(error?.path.hasSuffix(tooLong) == true, "the message names the file that failed")
        #expect(Self.contents(out) == before)
        // No staging folder is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func aFolderInTheWayFailsBeforeAnythingMoves() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try AtomicWriter.write([("a.txt", Data("old".utf8))], into: out.path)
        try FileManager.default.createDirectory(at: out.appendingPathComponent("summary.md"), withIntermediateDirectories: true)
        let error = #expect(throws: OutputError.self) {
            try AtomicWriter.write([("a.txt", Data("new".utf8)), ("summary.md", Data("new".utf8))], into: out.path)
        }
        #expect(error?.path.hasSuffix("summary.md") == true)
        #expect(FileManager.default.contents(atPath: out.appendingPathComponent("a.txt").path) == Data("old".utf8))
    }

    @Test func aCompleteSetReplacesTheFilesItNamesAndKeepsOthers() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try AtomicWriter.write([("a.txt", Data("old".utf8)), ("notes.txt", Data("mine".utf8))], into: out.path)
        try AtomicWriter.write([("a.txt", Data("new".utf8)), ("sub/b.txt", Data("b".utf8))], into: out.path)
        #expect(Self.contents(out) == ["/a.txt": Data("new".utf8), "/notes.txt": Data("mine".utf8), "/sub/b.txt": Data("b".utf8)])
    }

    @Test func theBinaryNamesTheFileThatFailedAndExits3() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("roster.html"), withIntermediateDirectories: true)
        try Data("earlier".utf8).write(to: out.appendingPathComponent("roster.json"))
        let r = try Rota.run(["solve", Fixtures.path("good/mini.yaml"), "--time-limit", "5", "--out", out.path, "--quiet"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("roster.html"), "\(r.stderr)")
        #expect(FileManager.default.contents(atPath: out.appendingPathComponent("roster.json").path) == Data("earlier".utf8))
    }
}

@Suite("Calendar file names")
struct CalendarFileNameTests {
    @Test func plainIdsAreTheirOwnNames() {
        #expect(RosterRenderer.fileName("v001") == "v001")
        #expect(RosterRenderer.fileName("王芳-2") == "王芳-2")
    }

    @Test func idsThatWouldCollideOrOverflowGetDistinctBoundedNames() {
        let a = RosterRenderer.fileName("a b"), b = RosterRenderer.fileName("a_b")
        #expect(a != b)
        #expect(b == "a_b")
        let long = RosterRenderer.fileName(String(repeating: "x", count: 100_000))
        #expect(long.utf8.count <= RosterRenderer.maximumFileNameBytes)
        #expect(long != RosterRenderer.fileName(String(repeating: "x", count: 99_999)))
        #expect(RosterRenderer.fileName("../../etc/passwd").contains("/") == false)
    }
}

@Suite("CSV positions")
struct CSVPositionTests {
    @Test func recordsStartOnTheirPhysicalLines() {
        let layout = CSVLines("id,name\nx1,\"Li\nNa\"\nx2,Wu\r\n\nx3,\"a \"\"b\"\"\"\n")
        #expect(layout.line(ofRecord: 0) == 1)
        #expect(layout.line(ofRecord: 1) == 2)
        #expect(layout.line(ofRecord: 2) == 4)
        #expect(layout.line(ofRecord: 3) == 5)
        #expect(layout.line(ofRecord: 4) == 6)
        #expect(layout.unterminatedQuote == nil)
    }

    @Test func anUnterminatedQuoteIsFound() {
        #expect(CSVLines("id,name\nx1,\"Li Na,legal\nx2,Wu\n").unterminatedQuote == 2)
        #expect(CSVLines("id,name\nx1,\"Li \"\"Na\n").unterminatedQuote == 2)
    }

    static func scenario(csv: String) throws -> (URL, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rota-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let base = try String(contentsOfFile: Fixtures.path("good/mini.yaml"), encoding: .utf8)
        try base.replacingOccurrences(of: "volunteers:", with: "volunteersFile: people.csv\nvolunteers:")
            .write(to: directory.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        try csv.write(to: directory.appendingPathComponent("people.csv"), atomically: true, encoding: .utf8)
        return (directory, directory.appendingPathComponent("s.yaml").path)
    }

    @Test func theVolunteerReaderReportsPhysicalLinesAfterAQuotedNewline() throws {
        let (directory, path) = try Self.scenario(csv: "id,name,skills,target_hours\nx1,\"Li\nNa\",legal,8\nx2,Wu,legal,abc\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: InputError.self) { _ = try ScenarioLoader.load(path: path) }
        #expect(error?.issues.map(\.description).contains { $0.contains("people.csv:4:4") } == true, "\(String(describing: error))")
    }

    @Test func theVolunteerReaderRefusesAnUnterminatedQuote() throws {
        let (directory, path) = try Self.scenario(csv: "id,name,skills\nx1,\"Li Na,legal\nx2,Wu,legal\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: InputError.self) { _ = try ScenarioLoader.load(path: path) }
        #expect(error?.issues.map(\.description).contains { $0.contains("people.csv:2") && $0.contains("never closed") } == true)
    }
}

@Suite("Numbers out of range")
struct NumberRangeTests {
    static func mini() throws -> RosterProblem { try ScenarioLoader.load(path: Fixtures.path("good/mini.yaml")).problem }

    @Test func hugeNumbersAreRefusedWithTheirPath() throws {
        var problem = try Self.mini()
        problem.volunteers[0].limits.minConsecutiveDays = 1_000_000_000
        problem.volunteers[0].limits.minRestMinutes = Int.max
        problem.volunteers[0].preferences.targetHours = 1e308
        problem.coverage[0].priority = 1e308
        problem.travel.minutesPerHop = Int.max
        let error = #expect(throws: RosterProblemError.self) { try problem.validate() }
        let paths = Set(error?.issues.map(\.path) ?? [])
        #expect(paths.isSuperset(of: ["volunteers[0].limits.minConsecutiveDays", "volunteers[0].limits.minRestMinutes",
                                      "volunteers[0].preferences.targetHours", "coverage[0].priority", "travel.minutesPerHop"]), "\(paths)")
    }

    @Test func aNegativeHorizonIsRefusedWithoutATrap() throws {
        var problem = try Self.mini()
        problem.horizon.days = -1
        let error = #expect(throws: RosterProblemError.self) { try problem.validate() }
        #expect(error?.issues.contains { $0.path == "horizon.days" } == true)
    }

    @Test func optionsOutOfRangeAreErrorsNotTraps() throws {
        let problem = try Self.mini()
        for limit in [Double.nan, -1, .infinity] {
            #expect(throws: RosterProblemError.self) { _ = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: limit)) }
        }
        #expect(throws: RosterProblemError.self) { _ = try RosterSolver().solve(problem, options: RosterSolveOptions(relativeGap: .nan)) }
    }

    @Test func theMatcherRefusesBadOptionsAndNumbers() throws {
        let left = [Participant(id: "a", location: Location(x: 1e300, y: 0))]
        let right = [Participant(id: "b", location: Location(x: 0, y: 0))]
        let problem = MatchingProblem(name: "t", left: left, right: right, filters: [.maxDistance(1e-300)])
        let error = #expect(throws: MatchingProblemError.self) { _ = try Matcher().solve(problem) }
        let paths = Set(error?.issues.map(\.path) ?? [])
        #expect(paths.contains("left[0].x") && paths.contains("filters[0].maxDistance"), "\(paths)")
        let fine = MatchingProblem(name: "t", left: [Participant(id: "a")], right: [Participant(id: "b")])
        #expect(throws: MatchingProblemError.self) { _ = try Matcher().solve(fine, options: SolveOptions(timeLimit: .nan)) }
    }

    @Test func theRosterReaderRefusesAnotherOffsetAndHoursThatDoNotAddUp() throws {
        let (problem, roster) = try GoldenOutputTests.fixture()
        let good = RosterDocument(roster: roster, problem: problem).encoded()
        #expect(throws: Never.self) { _ = try RosterDocument.assignments(fromJSON: good, file: "r.json", problem: problem) }
        var text = String(decoding: good, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"2026-03-02T08:00:00+08:00\"", with: "\"2026-03-02T08:00:00Z\"")
        text = text.replacingOccurrences(of: "\"hours\" : 2", with: "\"hours\" : 1e308")
        let error = #expect(throws: InputError.self) { _ = try RosterDocument.assignments(fromJSON: Data(text.utf8), file: "r.json", problem: problem) }
        let messages = error?.issues.map(\.message) ?? []
        #expect(messages.contains { $0.contains("not in the horizon's time zone") && $0.contains("2026-03-02T16:00:00+08:00") }, "\(messages)")
        #expect(messages.contains { $0.contains("does not match the start and end") }, "\(messages)")
        // Placed at the assignment's line in the file, as for every other input.
        let offsetIssue = error?.issues.first { $0.message.contains("time zone") }
        #expect(offsetIssue?.location.line == 3, "\(String(describing: offsetIssue?.location))")
        // A decoding error too is placed, at the entry that does not decode.
        let broken = text.replacingOccurrences(of: "\"volunteer\" : \"b\"", with: "\"volunteer\" : 7")
        let decoding = #expect(throws: InputError.self) { _ = try RosterDocument.assignments(fromJSON: Data(broken.utf8), file: "r.json", problem: problem) }
        #expect(decoding?.issues.first?.path == "assignments[2].volunteer", "\(String(describing: decoding))")
        #expect(decoding?.issues.first?.location.line == 33, "\(String(describing: decoding))")
    }

    @Test func curtoisNumbersAreCheckedWithTheirLines() {
        let text = """
        SECTION_HORIZON
        7
        SECTION_SHIFTS
        D,-600,
        SECTION_STAFF
        A,D=9223372036854775807,2400,0,5,1,1,2
        SECTION_COVER
        99,D,1,100,1
        -3,D,1,100,1
        """
        let error = #expect(throws: InputError.self) { _ = try CurtoisInstance.parse(text, file: "x.txt") }
        let lines = Set(error?.issues.compactMap(\.location.line) ?? [])
        #expect(lines.isSuperset(of: [4, 6, 8, 9]), "\(String(describing: error))")
    }
}

@Suite("Command-line options", .serialized)
struct CommandLineOptionTests {
    @Test(arguments: [
        ["solve", "Tests/RotaIOTests/Fixtures/good/mini.yaml"],
        ["pair", "Tests/RotaIOTests/Fixtures/good-pairing.yaml"],
        ["curtois", "solve", "Tests/RotaIOTests/Fixtures/curtois/Instance1.txt"],
        ["county", "solve", "Tests/RotaIOTests/Fixtures/county/tiny.json"],
    ])
    func aTimeLimitOutOfRangeIsRefusedByName(_ command: [String]) throws {
        for value in ["nan", "-1", "inf", "1e300"] {
            let r = try Rota.run(command + ["--time-limit", value, "--out", Rota.temporaryDirectory()])
            #expect(r.status == 64, "\(command) --time-limit \(value): exit \(r.status)")
            #expect(r.stderr.contains("--time-limit"), "\(r.stderr)")
        }
    }

    @Test func curtoisSolveReportsBadInputWithExit2AndTheLine() throws {
        let directory = URL(fileURLWithPath: Rota.temporaryDirectory())
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.txt")
        try "SECTION_HORIZON\n1000000000\nSECTION_SHIFTS\nD,480,\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try Rota.run(["curtois", "solve", file.path, "--time-limit", "1"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.txt:2"), "\(r.stderr)")
    }

    /// A Curtois-format instance large enough that no solve finishes in a few seconds:
    /// 60 staff × 84 days × 3 shifts, seeded covers and requests.
    static func largeCurtoisInstance() -> String {
        var rng = SeededGenerator(seed: 17)
        var text = "SECTION_HORIZON\n84\n\nSECTION_SHIFTS\nE,480,\nD,480,E\nL,480,E|D\n\nSECTION_STAFF\n"
        for e in 0..<60 { text += "S\(e),E=84|D=84|L=\(Int.random(in: 10...40, using: &rng)),28800,19200,5,2,2,6\n" }
        text += "\nSECTION_SHIFT_ON_REQUESTS\n"
        for _ in 0..<300 { text += "S\(Int.random(in: 0..<60, using: &rng)),\(Int.random(in: 0..<84, using: &rng)),\(["E", "D", "L"].randomElement(using: &rng)!),\(Int.random(in: 1...3, using: &rng))\n" }
        text += "\nSECTION_COVER\n"
        for d in 0..<84 { for shift in ["E", "D", "L"] { text += "\(d),\(shift),\(Int.random(in: 8...14, using: &rng)),100,1\n" } }
        return text
    }

    @Test func curtoisSolveStopsOnCtrlCWritesTheBestRosterAndExits4() throws {
        let directory = URL(fileURLWithPath: Rota.temporaryDirectory())
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let instance = directory.appendingPathComponent("Large.txt"), out = directory.appendingPathComponent("large.csv").path
        try Self.largeCurtoisInstance().write(to: instance, atomically: true, encoding: .utf8)
        let r = try Rota.run(["curtois", "solve", instance.path, "--time-limit", "300", "--out", out], interruptAfter: 4)
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains("interrupted"))
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test func curtoisEvaluateRejectsUnknownEmployeesAndDays() throws {
        let directory = URL(fileURLWithPath: Rota.temporaryDirectory())
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("s.csv")
        try "employee,day,shift\nNOBODY,0,D\nA,99,D\nA,-3,D\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try Rota.run(["curtois", "evaluate", "Tests/RotaIOTests/Fixtures/curtois/Instance1.txt", file.path])
        #expect(r.status == 2)
        for line in [":2", ":3", ":4"] { #expect(r.stderr.contains("s.csv\(line)"), "\(r.stderr)") }
    }
}
