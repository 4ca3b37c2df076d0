import Foundation
import Testing

/// `rota solve` shows progress to people: a cumulative table in a log, one live status line
/// on a terminal (run here under `script`, which gives the command a pseudo-terminal).
@Suite("Progress for people: the solve's table and status line")
struct ProgressCommandTests {
    static let scenario = "Tests/RotaIOTests/Fixtures/good/mini.yaml"

    @Test func aLogGetsOneTableOnOneClock() throws {
        let out = Rota.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try Rota.run(["solve", Self.scenario, "--time-limit", "5", "--progress", "--out", out, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.contains("time") && $0.contains("best") && $0.contains("bound") && $0.contains("unfilled") })
        let rows = lines[(header + 1)...].filter { $0.range(of: #"^\s*\d+\.\ds  "#, options: .regularExpression) != nil }
        #expect(!rows.isEmpty, "\(r.stderr)")
        let times = rows.compactMap { Double($0.trimmingCharacters(in: .whitespaces).prefix { $0 != "s" }) }
        #expect(times == times.sorted(), "the table's clock runs backwards: \(times)")
        #expect(!r.stderr.contains("\u{1B}["), "a log must not get terminal escapes")
        // People read rounded numbers: no 64.94999999999995.
        #expect(r.stdout.range(of: #"\d\.\d{5,}"#, options: .regularExpression) == nil, "\(r.stdout)")
    }

    @Test func aTerminalGetsOneLiveLine() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let out = Rota.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let command = "\(Rota.binary.path) solve \(Self.scenario) --time-limit 5 --out \(out) --format json"
        let r = try Rota.run(command: URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("\r\u{1B}[K"), "no status line: \(r.stdout.debugDescription)")
        #expect(r.stdout.contains(" · best ") && r.stdout.contains(" · gap "), "\(r.stdout.debugDescription)")
        #expect(!r.stdout.contains("found by"), "a terminal gets the line, not the table")
    }
}
