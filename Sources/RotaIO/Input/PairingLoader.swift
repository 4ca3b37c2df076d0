import Foundation
import Matching
import Rota
import SwiftCSV
import Yams

/// A pairing file read from disk.
public struct LoadedPairing: Sendable {
    public var problem: MatchingProblem
    /// Right-side attributes to report coverage by.
    public var reportGroups: [String]
    public var leftLabel: String
    public var rightLabel: String
}

/// Reads a pairing file for `rota pair`: YAML (or JSON) naming both sides (inline or as
/// CSV files), the eligibility filters, the score formula, quotas, existing pairs and the
/// shortlist size. Every problem is reported together, with file, line (or CSV row) and
/// column. The format is described in `docs/pairing-format.md`.
public enum PairingLoader {
    static let topKeys = ["name", "left", "right", "filters", "score", "quotas", "existing", "stability", "shortlist", "report"]
    static let sideKeys = ["label", "file", "people", "sets", "numbers", "capacity", "mustMatch", "priority"]

    public static func load(path: String) throws(InputError) -> LoadedPairing {
        let root = try readDocument(path: path)
        var reader = NodeReader(file: path)
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard let root, let top = reader.mapping(root, "", allowed: topKeys, required: ["left", "right"]) else {
            if reader.issues.isEmpty { reader.fail(nil, "", "the pairing file is empty") }
            throw InputError(issues: reader.issues)
        }
        let left = side(top["left"], "left", base: base, defaultMax: 1, reader: &reader)
        let right = side(top["right"], "right", base: base, defaultMax: 1, reader: &reader)
        var filters: [EligibilityFilter] = []
        for (i, node) in (reader.sequence(top["filters"], "filters") ?? []).enumerated() {
            let p = "filters[\(i)]"
            guard let f = reader.mapping(node, p, allowed: ["sameText", "textEquals", "covers", "overlaps", "maxDistance"]), f.count == 1,
                  let (kind, value) = f.first else {
                if reader.issues.last?.path.hasPrefix(p) != true { reader.fail(node, p, "a filter is one of sameText, textEquals, covers, overlaps, maxDistance") }
                continue
            }
            switch kind {
            case "sameText": if let k = reader.string(value, "\(p).sameText") { filters.append(.sameText(k)) }
            case "maxDistance": if let d = reader.double(value, "\(p).maxDistance") { filters.append(.maxDistance(d)) }
            default:
                guard let pair = reader.mapping(value, "\(p).\(kind)", allowed: ["left", "right"], required: ["left", "right"]),
                      let l = reader.string(pair["left"], "\(p).\(kind).left"), let r = reader.string(pair["right"], "\(p).\(kind).right") else { continue }
                filters.append(kind == "textEquals" ? .textEquals(left: l, right: r) : kind == "covers" ? .covers(left: l, right: r) : .overlaps(left: l, right: r))
            }
        }
        var terms: [ScoreTerm] = []
        var baseScore = 0.0
        if let s = reader.mapping(top["score"], "score", allowed: ["base", "terms"]) {
            baseScore = reader.double(s["base"], "score.base") ?? 0
            for (i, node) in (reader.sequence(s["terms"], "score.terms") ?? []).enumerated() {
                let p = "score.terms[\(i)]"
                let kinds = ["distance", "shared", "overlapFraction", "sameText", "numberDifference", "rightNumber"]
                guard let f = reader.mapping(node, p, allowed: kinds), f.count == 1, let (kind, value) = f.first else { continue }
                if kind == "distance" {
                    if let w = reader.double(value, "\(p).distance") { terms.append(.distance(weight: w)) }
                    continue
                }
                if kind == "rightNumber" {
                    guard let t = reader.mapping(value, "\(p).rightNumber", allowed: ["key", "weight"], required: ["key", "weight"]),
                          let k = reader.string(t["key"], "\(p).rightNumber.key"), let w = reader.double(t["weight"], "\(p).rightNumber.weight") else { continue }
                    terms.append(.rightNumber(key: k, weight: w))
                    continue
                }
                guard let t = reader.mapping(value, "\(p).\(kind)", allowed: ["left", "right", "weight"], required: ["left", "right", "weight"]),
                      let l = reader.string(t["left"], "\(p).\(kind).left"), let r = reader.string(t["right"], "\(p).\(kind).right"),
                      let w = reader.double(t["weight"], "\(p).\(kind).weight") else { continue }
                switch kind {
                case "shared": terms.append(.shared(left: l, right: r, weight: w))
                case "overlapFraction": terms.append(.overlapFraction(left: l, right: r, weight: w))
                case "sameText": terms.append(.sameText(left: l, right: r, weight: w))
                default: terms.append(.numberDifference(left: l, right: r, weight: w))
                }
            }
        }
        var quotas: [GroupQuota] = []
        for (i, node) in (reader.sequence(top["quotas"], "quotas") ?? []).enumerated() {
            let p = "quotas[\(i)]"
            guard let q = reader.mapping(node, p, allowed: ["side", "attribute", "max"], required: ["side", "attribute", "max"]),
                  let sideName = reader.string(q["side"], "\(p).side"), let attribute = reader.string(q["attribute"], "\(p).attribute"),
                  let maximum = reader.int(q["max"], "\(p).max") else { continue }
            guard sideName == "left" || sideName == "right" else {
                reader.fail(q["side"], "\(p).side", "expected 'left' or 'right', found '\(sideName)'")
                continue
            }
            quotas.append(GroupQuota(side: sideName == "left" ? .left : .right, attribute: attribute, maximum: maximum))
        }
        var existing: [Pair] = []
        if let node = top["existing"] {
            if let file = node.scalar?.string {
                existing = existingPairs(file: file.hasPrefix("/") ? file : base + "/" + file, display: file, reader: &reader)
            } else {
                for (i, item) in (reader.sequence(node, "existing") ?? []).enumerated() {
                    guard let e = reader.mapping(item, "existing[\(i)]", allowed: ["left", "right"], required: ["left", "right"]),
                          let l = reader.string(e["left"], "existing[\(i)].left"), let r = reader.string(e["right"], "existing[\(i)].right") else { continue }
                    existing.append(Pair(left: l, right: r))
                }
            }
        }
        var threshold = 0.0
        if let s = reader.mapping(top["stability"], "stability", allowed: ["threshold"]) { threshold = reader.double(s["threshold"], "stability.threshold") ?? 0 }
        let problem = MatchingProblem(
            name: reader.string(top["name"], "name") ?? "matching", left: left.people, right: right.people, filters: filters, score: terms,
            baseScore: baseScore, quotas: quotas, existing: existing, stabilityThreshold: threshold,
            shortlistSize: reader.int(top["shortlist"], "shortlist") ?? 3)
        var issues = reader.issues
        do throws(MatchingProblemError) {
            try problem.validate()
        } catch {
            for i in error.issues {
                // Participant paths (left[3].x) map to their CSV row or YAML item.
                let location = nearestMark(reader.marks, i.path, file: path)
                issues.append(InputIssue(location: location, path: i.path, message: i.message))
            }
        }
        if !issues.isEmpty { throw InputError(issues: issues) }
        return LoadedPairing(problem: problem, reportGroups: reader.stringList(top["report"], "report") ?? [],
                             leftLabel: left.label, rightLabel: right.label)
    }

    static func side(_ node: Node?, _ name: String, base: String, defaultMax: Int, reader: inout NodeReader) -> (label: String, people: [Participant]) {
        guard let s = reader.mapping(node, name, allowed: sideKeys) else { return (name, []) }
        let label = reader.string(s["label"], "\(name).label") ?? name
        let sets = Set(reader.stringList(s["sets"], "\(name).sets") ?? [])
        let numbers = Set(reader.stringList(s["numbers"], "\(name).numbers") ?? [])
        var minimum = 0, maximum = defaultMax
        if let c = reader.mapping(s["capacity"], "\(name).capacity", allowed: ["min", "max"]) {
            minimum = reader.int(c["min"], "\(name).capacity.min") ?? 0
            maximum = reader.int(c["max"], "\(name).capacity.max") ?? defaultMax
        }
        let mustMatch = reader.bool(s["mustMatch"], "\(name).mustMatch") ?? false
        let priority = reader.double(s["priority"], "\(name).priority") ?? 1
        var people: [Participant] = []
        if let file = reader.string(s["file"], "\(name).file") {
            people += csvPeople(path: file.hasPrefix("/") ? file : base + "/" + file, display: file, side: name, sets: sets, numbers: numbers,
                                defaults: (minimum, maximum, mustMatch, priority), reader: &reader)
        }
        for item in reader.sequence(s["people"], "\(name).people") ?? [] {
            let p = "\(name)[\(people.count)]"
            guard let f = reader.mapping(item, p, allowed: ["id", "name", "text", "numbers", "sets", "x", "y", "minPartners", "maxPartners", "mustMatch", "priority"],
                                         required: ["id"]),
                  let id = reader.string(f["id"], "\(p).id") else { continue }
            var person = Participant(id: id, name: reader.string(f["name"], "\(p).name"), minimumPartners: reader.int(f["minPartners"], "\(p).minPartners") ?? minimum,
                                     maximumPartners: reader.int(f["maxPartners"], "\(p).maxPartners") ?? maximum,
                                     mustMatch: reader.bool(f["mustMatch"], "\(p).mustMatch") ?? mustMatch, priority: reader.double(f["priority"], "\(p).priority") ?? priority)
            if let t = reader.mapping(f["text"], "\(p).text", allowed: ScenarioDecoder.anyKeys(f["text"])) {
                for k in t.keys.sorted() { person.text[k] = reader.string(t[k], "\(p).text.\(k)") }
            }
            if let t = reader.mapping(f["numbers"], "\(p).numbers", allowed: ScenarioDecoder.anyKeys(f["numbers"])) {
                for k in t.keys.sorted() { person.numbers[k] = reader.double(t[k], "\(p).numbers.\(k)") }
            }
            if let t = reader.mapping(f["sets"], "\(p).sets", allowed: ScenarioDecoder.anyKeys(f["sets"])) {
                for k in t.keys.sorted() { person.sets[k] = Set(reader.stringList(t[k], "\(p).sets.\(k)") ?? []) }
            }
            if let x = reader.double(f["x"], "\(p).x"), let y = reader.double(f["y"], "\(p).y") { person.location = Location(x: x, y: y) }
            people.append(person)
        }
        return (label, people)
    }

    /// Participants from CSV or an `.xlsx` workbook (``SheetTable``): `id` is required; `name`, `x`, `y`, `min_partners`,
    /// `max_partners`, `must_match`, `priority` are understood; columns listed under
    /// `sets` are split on `;`, those under `numbers` must be numbers, the rest are text.
    static func csvPeople(
        path: String, display: String, side: String, sets: Set<String>, numbers: Set<String>,
        defaults: (Int, Int, Bool, Double), reader: inout NodeReader
    ) -> [Participant] {
        guard let table = SheetTable.read(path: path, display: display, key: "\(side).file", reader: &reader) else { return [] }
        let header = table.header.map(\.trimmed)
        guard let idColumn = header.firstIndex(of: "id") else {
            reader.issues.append(InputIssue(location: SourceLocation(file: display, line: 1), path: "\(side).file", message: "the file needs an 'id' column"))
            return []
        }
        for declared in sets.union(numbers).sorted() where !header.contains(declared) {
            reader.issues.append(InputIssue(location: SourceLocation(file: display, line: 1), path: "\(side).file",
                                            message: "no column '\(declared)' (declared under sets or numbers)",
                                            suggestion: Suggestions.closest(to: declared, among: header)))
        }
        var people: [Participant] = []
        for (line, row) in table.rows {
            let p = "\(side)[\(people.count)]"
            let used = (row.lastIndex { !$0.trimmed.isEmpty } ?? -1) + 1
            if used == 0 { continue }
            if used > header.count {
                reader.issues.append(InputIssue(location: SourceLocation(file: display, line: line, column: header.count + 1), path: p,
                                                message: "row has \(used) fields but the header has \(header.count)"))
                continue
            }
            func fail(_ c: Int, _ message: String) {
                reader.issues.append(InputIssue(location: SourceLocation(file: display, line: line, column: c + 1), path: "\(p).\(header[c])", message: message))
            }
            reader.marks[p] = SourceLocation(file: display, line: line, column: 1)
            let id = row[idColumn].trimmed
            if id.isEmpty { fail(idColumn, "the id is empty"); continue }
            var person = Participant(id: id, minimumPartners: defaults.0, maximumPartners: defaults.1, mustMatch: defaults.2, priority: defaults.3)
            var x: Double?, y: Double?
            for (c, name) in header.enumerated() where c != idColumn && c < row.count {
                let value = row[c].trimmed
                if value.isEmpty { continue }
                reader.marks["\(p).\(name)"] = SourceLocation(file: display, line: line, column: c + 1)
                func number() -> Double? {
                    guard let v = Double(value), v.isFinite else { fail(c, "expected a number, found '\(value)'"); return nil }
                    return v
                }
                func whole() -> Int? {
                    guard let v = Int(value) else { fail(c, "expected a whole number, found '\(value)'"); return nil }
                    return v
                }
                switch name {
                case "name": person.name = value
                case "x": x = number()
                case "y": y = number()
                case "min_partners": if let v = whole() { person.minimumPartners = v }
                case "max_partners": if let v = whole() { person.maximumPartners = v }
                case "priority": if let v = number() { person.priority = v }
                case "must_match":
                    switch value.lowercased() {
                    case "true", "yes", "1", "是": person.mustMatch = true
                    case "false", "no", "0", "否": person.mustMatch = false
                    default: fail(c, "expected true or false, found '\(value)'")
                    }
                default:
                    if sets.contains(name) {
                        person.sets[name] = Set(VolunteerCSV.split(value))
                    } else if numbers.contains(name) {
                        person.numbers[name] = number()
                    } else {
                        person.text[name] = value
                    }
                }
            }
            if let x, let y { person.location = Location(x: x, y: y) }
            people.append(person)
        }
        return people
    }

    static func existingPairs(file: String, display: String, reader: inout NodeReader) -> [Pair] {
        guard let table = SheetTable.read(path: file, display: display, key: "existing", reader: &reader) else { return [] }
        guard let l = table.header.firstIndex(of: "left"), let r = table.header.firstIndex(of: "right") else {
            reader.issues.append(InputIssue(location: SourceLocation(file: display, line: 1), path: "existing", message: "the file needs 'left' and 'right' columns"))
            return []
        }
        return table.rows.compactMap { _, row in
            guard row.count > max(l, r), !row[l].isEmpty, !row[r].isEmpty else { return nil }
            return Pair(left: row[l], right: row[r])
        }
    }
}
