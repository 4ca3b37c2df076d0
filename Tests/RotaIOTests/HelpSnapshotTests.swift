import Foundation
import Testing

/// Every command's help, 80 columns wide, pinned by a snapshot (as swift-argument-parser
/// pins its own): a change of wording or wrapping is seen in review, never silently.
/// `scripts/update-golden.sh` records them anew (ROTA_UPDATE_GOLDEN=1); a recording run fails.
@Suite("Help text snapshots")
struct HelpSnapshotTests {
    static let commands: [[String]] = [
        [], ["solve"], ["check"], ["validate"], ["replan"], ["cover"], ["recruit"], ["pair"], ["generate"],
        ["template", "volunteers"], ["batch", "plan"], ["batch", "merge"], ["curtois", "solve"], ["curtois", "evaluate"],
        ["county", "solve"],
    ]

    @Test(arguments: commands)
    func helpMatchesItsSnapshot(_ command: [String]) throws {
        let r = try Shell.run(["env", "COLUMNS=80", Rota.binary.path] + command + ["--help"])
        #expect(r.status == 0, "\(r.stderr)")
        let name = (["rota"] + command).joined(separator: "-") + ".txt"
        let url = Fixtures.root.deletingLastPathComponent().appendingPathComponent("Golden/help").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ROTA_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try r.stdout.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name) (ROTA_UPDATE_GOLDEN=1): this run compared nothing; run the tests again without it")
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(r.stdout == expected, "\(name) differs from its snapshot; run scripts/update-golden.sh if the change is intended")
        // No line of the help runs past the width it was given (but the usage line, which the
        // parser keeps whole, and an example command or a path, which cannot be broken).
        #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 || $0.hasPrefix("USAGE:") || $0.hasPrefix("  rota ") || $0.contains("/") },
                "\(name): a line is wider than 80 columns")
    }
}
