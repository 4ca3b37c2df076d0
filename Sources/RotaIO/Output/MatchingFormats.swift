import Foundation
import Matching

/// Renders a matching result as the files `rota pair` writes: `pairs.csv`,
/// `shortlists.csv`, `unmatched.csv`, `coverage.csv` (when groups are reported) and
/// `matching.json` with everything.
public struct MatchingRenderer: Sendable {
    public let result: MatchingResult
    public let pairing: LoadedPairing

    public init(result: MatchingResult, pairing: LoadedPairing) {
        self.result = result
        self.pairing = pairing
    }

    static func row(_ fields: [String]) -> String { fields.map(RosterRenderer.csvField).joined(separator: ",") }
    static func number(_ v: Double) -> String { String(format: "%.4f", v) }

    public func render() -> [(String, Data)] {
        let leftNames = Dictionary(pairing.problem.left.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let rightNames = Dictionary(pairing.problem.right.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        func csv(_ lines: [String]) -> Data { Data(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8) }
        var pairs = ["left,left_name,right,right_name,score,existing"]
        for p in result.pairs {
            pairs.append(Self.row([p.left, leftNames[p.left] ?? "", p.right, rightNames[p.right] ?? "", Self.number(p.score), p.existing ? "true" : "false"]))
        }
        var shortlists = ["side,id,rank,partner,score,chosen"]
        for s in result.shortlists {
            for (rank, e) in s.entries.enumerated() {
                shortlists.append(Self.row([s.side.rawValue, s.id, String(rank + 1), e.partner, Self.number(e.score), e.chosen ? "true" : "false"]))
            }
        }
        var unmatched = ["side,id,name,reason,must_match,partners"]
        for u in result.unmatched {
            let name = (u.side == .left ? leftNames[u.id] : rightNames[u.id]) ?? ""
            unmatched.append(Self.row([u.side.rawValue, u.id, name, u.reason.rawValue, u.mustMatch ? "true" : "false", String(u.partners)]))
        }
        var files: [(String, Data)] = [("pairs.csv", csv(pairs)), ("shortlists.csv", csv(shortlists)), ("unmatched.csv", csv(unmatched))]
        if !result.coverage.isEmpty {
            var coverage = ["attribute,value,total,matched,fraction"]
            for c in result.coverage { coverage.append(Self.row([c.attribute, c.value, String(c.total), String(c.matched), Self.number(c.fraction)])) }
            files.append(("coverage.csv", csv(coverage)))
        }
        files.append(("matching.json", json()))
        return files
    }

    func json() -> Data {
        struct Document: Encodable {
            struct PairEntry: Encodable { var left: String; var right: String; var score: Double; var existing: Bool }
            struct UnmatchedEntry: Encodable { var side: String; var id: String; var reason: String; var mustMatch: Bool; var partners: Int }
            struct ShortlistEntry: Encodable { var side: String; var id: String; var candidates: [Candidate] }
            struct Candidate: Encodable { var partner: String; var score: Double; var chosen: Bool }
            struct CoverageEntry: Encodable { var attribute: String; var value: String; var total: Int; var matched: Int }
            struct Solver: Encodable { var status: String; var seconds: Double; var eligiblePairs: Int; var variables: Int; var constraints: Int; var method: String }
            var schemaVersion = 1
            var name: String
            var left: String
            var right: String
            var totalScore: Double
            var pairs: [PairEntry]
            var unmatched: [UnmatchedEntry]
            var shortlists: [ShortlistEntry]
            var coverage: [CoverageEntry]
            var brokenExisting: [[String]]
            var solver: Solver
        }
        func round(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }
        let doc = Document(
            name: pairing.problem.name, left: pairing.leftLabel, right: pairing.rightLabel, totalScore: round(result.totalScore),
            pairs: result.pairs.map { .init(left: $0.left, right: $0.right, score: round($0.score), existing: $0.existing) },
            unmatched: result.unmatched.map { .init(side: $0.side.rawValue, id: $0.id, reason: $0.reason.rawValue, mustMatch: $0.mustMatch, partners: $0.partners) },
            shortlists: result.shortlists.map { .init(side: $0.side.rawValue, id: $0.id, candidates: $0.entries.map { .init(partner: $0.partner, score: round($0.score), chosen: $0.chosen) }) },
            coverage: result.coverage.map { .init(attribute: $0.attribute, value: $0.value, total: $0.total, matched: $0.matched) },
            brokenExisting: result.brokenExisting.map { [$0.left, $0.right] },
            solver: .init(status: result.status.description, seconds: round(result.seconds), eligiblePairs: result.eligiblePairs,
                          variables: result.variables, constraints: result.constraints, method: result.method.rawValue))
        return StableJSON.encode(doc)
    }
}
