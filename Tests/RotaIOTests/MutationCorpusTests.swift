import Foundation
import Testing

/// A generated corpus of invalid-but-parseable scenarios, run through the built `rota`
/// binary as a subprocess, so that a crash fails a test instead of ending the test run.
///
/// The base (`Fixtures/mutation/base.yaml`) states every number the scenario format has.
/// Each mutant replaces one of those numbers with an edge value (0, −1, NaN, ±∞, 1e308,
/// 1e-308, Int.max, a number too large for any integer, text, a list, a huge string).
/// Every mutant must either be refused with exit 2 and a message naming the file, or be
/// solved (exit 0): never a signal, never another exit code.
@Suite("Mutated scenarios through the binary")
struct MutationCorpusTests {
    /// The values each number of the base is replaced with.
    static let edgeValues = [
        "0", "-1", "-0", "0.5", ".nan", ".inf", "-.inf", "1e308", "-1e308", "1e-308", "1e18",
        "9223372036854775807", "-9223372036854775808", "99999999999999999999999", "4294967296",
        "1000000000", "\"text\"", "[1, 2]", String(repeating: "9", count: 5_000),
    ]

    /// Numbers in the base that are not part of a date or a quoted time.
    static let number = try! NSRegularExpression(pattern: #"(?<![\w\-"\.:])(-?\d+(?:\.\d+)?)(?![\w\-:"\.])"#)

    /// Every mutant, named by line and value: (name, text).
    static func mutants() throws -> [(name: String, text: String)] {
        let base = try String(contentsOfFile: Fixtures.path("mutation/base.yaml"), encoding: .utf8)
        let lines = base.components(separatedBy: "\n")
        var result: [(String, String)] = []
        for (i, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            let ns = line as NSString
            for match in number.matches(in: line, range: NSRange(location: 0, length: ns.length)) {
                for (k, value) in edgeValues.enumerated() {
                    var copy = lines
                    copy[i] = ns.replacingCharacters(in: match.range(at: 1), with: value)
                    result.append(("line\(i + 1)-col\(match.range(at: 1).location + 1)-value\(k)", copy.joined(separator: "\n")))
                }
            }
        }
        // Huge ids and names, and a huge list.
        result.append(("huge-id", base.replacingOccurrences(of: "id: v3", with: "id: v\(String(repeating: "x", count: 100_000))")))
        result.append(("huge-name", base.replacingOccurrences(of: "name: 李娜", with: "name: \(String(repeating: "娜", count: 100_000))")))
        let many = (0..<5_000).map { "        - {date: 2026-03-0\(2 + $0 % 7), work: true, weight: \($0 % 5)}" }.joined(separator: "\n")
        result.append(("huge-request-list", base.replacingOccurrences(of: "      requests:\n", with: "      requests:\n\(many)\n")))
        return result
    }

    @Test func theCorpusHasAtLeastAThousandScenarios() throws {
        #expect(try Self.mutants().count >= 1_000)
    }

    @Test func everyMutantIsRefusedWithAMessageOrSolved() throws {
        let mutants = try Self.mutants()
        let directory = URL(fileURLWithPath: Rota.temporaryDirectory())
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let failures = Locked<[String]>([])
        let refused = Locked(0)
        DispatchQueue.concurrentPerform(iterations: mutants.count) { i in
            let (name, text) = mutants[i]
            let file = directory.appendingPathComponent("\(name).yaml")
            do {
                try text.write(to: file, atomically: true, encoding: .utf8)
                let out = directory.appendingPathComponent("\(name)-out").path
                let r = try Rota.runToFiles(["solve", file.path, "--time-limit", "2", "--out", out], in: directory)
                if r.signalled {
                    failures.mutate { $0.append("\(name): killed by signal \(r.status)\n\(r.stderr.suffix(600))") }
                } else if r.status == 2 {
                    refused.mutate { $0 += 1 }
                    if !r.stderr.contains(file.path) { failures.mutate { $0.append("\(name): exit 2 without the file's name: \(r.stderr.prefix(300))") } }
                } else if r.status != 0 {
                    failures.mutate { $0.append("\(name): exit \(r.status): \(r.stderr.suffix(300))") }
                }
            } catch {
                failures.mutate { $0.append("\(name): \(error)") }
            }
        }
        #expect(failures.value.isEmpty, "\(failures.value.count) of \(mutants.count) mutants:\n\(failures.value.prefix(20).joined(separator: "\n"))")
        // The corpus is mostly invalid: if nearly nothing is refused, the mutation went wrong.
        #expect(refused.value > mutants.count / 2)
    }
}

/// A value shared between the iterations of a concurrent loop.
final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func mutate(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}

extension Rota {
    struct FileOutput {
        var status: Int32
        /// Whether the process was ended by a signal (a crash), `status` being the signal.
        var signalled: Bool
        var stderr: String
    }

    /// Runs rota with its output in files (no pipe can fill up and block it, however long
    /// a crash's backtrace). Waits for the exit.
    static func runToFiles(_ arguments: [String], in directory: URL) throws -> FileOutput {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = SchemaTests.repository
        let errURL = directory.appendingPathComponent("stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: errURL.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let err = try FileHandle(forWritingTo: errURL)
        defer { try? FileManager.default.removeItem(at: errURL) }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        var environment = ProcessInfo.processInfo.environment
        // A crash's symbolicated backtrace takes a second; the test needs only the signal.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        try err.close()
        let text = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return FileOutput(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal, stderr: text)
    }
}
