import Foundation
import Testing
@testable import RotaIO

/// Anchors and aliases are refused before Yams composes the text: an alias chain used as
/// mapping keys took time exponential in its length in every YAML reader.
@Suite("YAML anchors and aliases refused")
struct YAMLAliasGuardTests {
    @Test(arguments: [
        ("a: &a [x, x]\n", 1, 4, false),
        ("a: [x]\nb: *a\n", 2, 4, true),
        ("- *a\n", 1, 3, true),
        ("m: {k: *a}\n", 1, 8, true),
        ("l: [1, *a]\n", 1, 8, true),
        ("? *a\n: 1\n", 1, 3, true),
        ("*a : 1\n", 1, 1, true),
    ])
    func foundWhereANodeBegins(_ text: String, _ line: Int, _ column: Int, _ alias: Bool) {
        let found = YAMLAliasGuard.first(in: text)
        #expect(found?.line == line && found?.column == column && found?.alias == alias, "\(text): \(String(describing: found))")
    }

    @Test(arguments: [
        "note: a*b & c\n", "name: 'x *y &z'\n", "name: \"*not\"\n", "# *comment\nx: 1\n", "x: 1 # &comment\n",
        "text: |\n  *literal &text\n  - *more\nnext: 1\n", "from: \"08:00\"\n", "availability: mon-fri 08:00-12:00\n",
        "- {id: a, skills: [legal], email: a&b@x.cn}\n", "{\"a\": [1, 2], \"b\": \"*x\"}\n",
    ])
    func nothingElseIsTaken(_ text: String) {
        #expect(YAMLAliasGuard.first(in: text) == nil, "\(text)")
    }

    /// The 600-byte bomb: refused at once, with its position, by the scenario reader.
    @Test func theAliasBombIsRefusedWithItsPosition() throws {
        var text = "horizon: {start: 2026-03-02, days: 3}\na0: &a0 [x, x]\n"
        for k in 1...24 { text += "a\(k): &a\(k) {*a\(k - 1) : *a\(k - 1), y: *a\(k - 1)}\n" }
        let dir = Rota.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try text.write(toFile: dir + "/bomb.yaml", atomically: true, encoding: .utf8)
        do {
            _ = try ScenarioLoader.load(path: dir + "/bomb.yaml")
            Issue.record("the bomb was read")
        } catch {
            #expect(error.description.contains("bomb.yaml:2:5"), "\(error)")
            #expect(error.description.contains("anchors"), "\(error)")
        }
    }
}
