import Foundation
import Rota
import Yams

/// Reads a YAML or JSON file (a byte-order mark tolerated) into a node tree; an unreadable
/// file or a syntax error is an ``InputError`` with the position.
func readDocument(path: String) throws(InputError) -> Node? {
    let text: String
    do {
        text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        throw InputError(issues: [InputIssue(location: SourceLocation(file: path), path: "", message: "cannot read the file: \(error.localizedDescription)")])
    }
    return try composeDocument(text, file: path)
}

/// Parses YAML or JSON text into a node tree, mapping syntax errors to positions.
func composeDocument(_ text: String, file: String) throws(InputError) -> Node? {
    if let found = YAMLAliasGuard.first(in: text) {
        throw InputError(issues: [InputIssue(location: SourceLocation(file: file, line: found.line, column: found.column), path: "",
                                             message: "YAML \(found.alias ? "aliases (*name)" : "anchors (&name)") are not supported: write the values out")])
    }
    do {
        return try Yams.compose(yaml: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
    } catch {
        throw InputError(issues: [ScenarioLoader.syntaxIssue(error, file: file)])
    }
}

/// The recorded position of `path`, or of its nearest recorded parent (`a.b[3].c` → `a.b[3]` → `a.b` → `a`).
func nearestMark(_ marks: [String: SourceLocation], _ path: String, file: String) -> SourceLocation {
    var p = path
    while true {
        if let m = marks[p] { return m }
        guard let cut = p.lastIndex(where: { $0 == "." || $0 == "[" }) else { return SourceLocation(file: file) }
        p = String(p[..<cut])
    }
}

/// Reads a Yams node tree, recording every problem with its file position and key path
/// instead of stopping at the first.
///
/// JSON documents are read by the same code: JSON is YAML's flow style, and Yams keeps
/// line and column marks for both.
struct NodeReader {
    let file: String
    var issues: [InputIssue] = []
    /// The position of every key path read, so later (domain) errors can be placed.
    var marks: [String: SourceLocation] = [:]

    init(file: String) { self.file = file }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    mutating func fail(_ node: Node?, _ path: String, _ message: String, suggestion: String? = nil) {
        issues.append(InputIssue(location: location(node), path: path, message: message, suggestion: suggestion))
    }

    mutating func record(_ node: Node?, _ path: String) {
        if marks[path] == nil { marks[path] = location(node) }
    }

    /// The mapping at `node` with only `allowed` keys; unknown keys are reported with a
    /// suggestion, and `required` keys that are missing too.
    mutating func mapping(_ node: Node?, _ path: String, allowed: [String], required: [String] = []) -> [String: Node]? {
        guard let node else { return nil }
        record(node, path)
        guard case let .mapping(m) = node else {
            fail(node, path, "expected a mapping (key: value pairs), found \(describe(node))")
            return nil
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in m {
            guard let key = keyNode.scalar?.string else {
                fail(keyNode, path, "keys must be plain names")
                continue
            }
            let sub = path.isEmpty ? key : "\(path).\(key)"
            if !allowed.contains(key) {
                fail(keyNode, sub, "unknown key '\(key)'", suggestion: Suggestions.closest(to: key, among: allowed))
                continue
            }
            if result[key] != nil { fail(keyNode, sub, "duplicate key '\(key)'"); continue }
            result[key] = value
            record(value, sub)
        }
        for key in required where result[key] == nil {
            fail(node, path.isEmpty ? key : "\(path).\(key)", "missing required key '\(key)'")
        }
        return result
    }

    /// The items of the sequence at `node`.
    mutating func sequence(_ node: Node?, _ path: String) -> [Node]? {
        guard let node else { return nil }
        record(node, path)
        guard case let .sequence(s) = node else {
            fail(node, path, "expected a list, found \(describe(node))")
            return nil
        }
        for (i, item) in s.enumerated() { record(item, "\(path)[\(i)]") }
        return Array(s)
    }

    mutating func string(_ node: Node?, _ path: String) -> String? {
        guard let node else { return nil }
        guard let s = node.scalar?.string else {
            fail(node, path, "expected text, found \(describe(node))")
            return nil
        }
        return s
    }

    mutating func int(_ node: Node?, _ path: String) -> Int? {
        guard let node else { return nil }
        guard let s = node.scalar?.string, let v = Int(s.trimmingCharacters(in: .whitespaces)) else {
            fail(node, path, "expected a whole number, found \(describe(node))")
            return nil
        }
        return v
    }

    mutating func double(_ node: Node?, _ path: String) -> Double? {
        guard let node else { return nil }
        guard let s = node.scalar?.string, let v = Double(s.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            fail(node, path, "expected a number, found \(describe(node))")
            return nil
        }
        return v
    }

    mutating func bool(_ node: Node?, _ path: String) -> Bool? {
        guard let node else { return nil }
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            fail(node, path, "expected true or false, found \(describe(node))")
            return nil
        }
    }

    mutating func date(_ node: Node?, _ path: String) -> CalendarDate? {
        guard let s = string(node, path) else { return nil }
        guard let d = CalendarDate(s) else {
            fail(node, path, "expected a date as YYYY-MM-DD, found '\(s)'")
            return nil
        }
        return d
    }

    mutating func time(_ node: Node?, _ path: String) -> TimeOfDay? {
        guard let s = string(node, path) else { return nil }
        guard let t = TimeOfDay(s) else {
            fail(node, path, "expected a time of day as HH:MM between 00:00 and 24:00, found '\(s)'")
            return nil
        }
        return t
    }

    /// A `from`/`to` pair as a daily window. An end at or before its start is read as
    /// crossing midnight only when `allowCrossing` is set.
    mutating func window(_ fields: [String: Node], _ path: String, required: Bool = true, allowCrossing: Bool = true) -> DailyWindow? {
        let from = fields["from"], to = fields["to"]
        if from == nil && to == nil && !required { return nil }
        if from == nil { fail(fields["to"], "\(path).from", "missing required key 'from'") }
        if to == nil { fail(fields["from"], "\(path).to", "missing required key 'to'") }
        guard let start = time(from, "\(path).from"), let end = time(to, "\(path).to") else { return nil }
        if end.minutes <= start.minutes && !allowCrossing {
            fail(to, "\(path).to", "the end \(end) is not after the start \(start)")
            return nil
        }
        if start.minutes == 1440 { fail(from, "\(path).from", "a window cannot start at 24:00"); return nil }
        return DailyWindow(start: start, end: end)
    }

    mutating func weekdays(_ node: Node?, _ path: String) -> Set<Weekday>? {
        guard let node else { return nil }
        var names: [(String, Node)] = []
        if let s = node.scalar?.string {
            names = s.split(separator: ",").map { (String($0).trimmingCharacters(in: .whitespaces), node) }
        } else if let items = sequence(node, path) {
            for (i, item) in items.enumerated() { if let s = string(item, "\(path)[\(i)]") { names.append((s, item)) } }
        }
        var result = Set<Weekday>()
        for (name, n) in names {
            if let range = Self.weekdayRange(name) { result.formUnion(range); continue }
            fail(n, path, "unknown weekday '\(name)'", suggestion: Suggestions.closest(to: name.lowercased(), among: Weekday.allCases.map { String($0.rawValue.prefix(3)) }))
        }
        return result
    }

    /// Chinese names of weekdays (周一, 星期一, 礼拜一, … 周日, 周天, 星期天), by weekday.
    static let chineseWeekdays: [String: Weekday] = {
        var names: [String: Weekday] = [:]
        let digits = ["一", "二", "三", "四", "五", "六"]
        for prefix in ["周", "星期", "礼拜"] {
            for (i, d) in digits.enumerated() { names[prefix + d] = Weekday.allCases[i] }
            names[prefix + "日"] = .sunday
            names[prefix + "天"] = .sunday
        }
        return names
    }()

    /// A weekday by its English or Chinese name.
    static func weekday(_ name: String) -> Weekday? { Weekday(name: name) ?? chineseWeekdays[name] }

    /// `mon`, `monday`, `mon-fri`, `weekdays`, `weekends`, `daily`; in Chinese `周一`,
    /// `星期三`, `周一至周五` (also `到`, `-`, `~`), `工作日`, `周末`, `每天`.
    static func weekdayRange(_ text: String) -> [Weekday]? {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        switch t {
        case "daily", "every day", "all", "每天", "每日", "天天", "全周", "全天": return Weekday.allCases
        case "weekdays", "工作日", "周一至周五": return Array(Weekday.allCases.prefix(5))
        case "weekends", "weekend", "周末", "双休日": return [.saturday, .sunday]
        default: break
        }
        let parts = t.split(whereSeparator: { "-–~～至到".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 2, let a = weekday(parts[0]), let b = weekday(parts[1]) {
            let all = Weekday.allCases
            let i = all.firstIndex(of: a)!, j = all.firstIndex(of: b)!
            return i <= j ? Array(all[i...j]) : Array(all[i...] + all[...j])
        }
        return weekday(t).map { [$0] }
    }

    mutating func stringList(_ node: Node?, _ path: String) -> [String]? {
        guard let node else { return nil }
        if let s = node.scalar?.string, !s.isEmpty {
            return [s]
        }
        guard let items = sequence(node, path) else { return nil }
        return items.enumerated().compactMap { string($1, "\(path)[\($0)]") }
    }

    mutating func dateList(_ node: Node?, _ path: String) -> [CalendarDate]? {
        guard let node else { return nil }
        guard let items = sequence(node, path) else { return nil }
        return items.enumerated().compactMap { date($1, "\(path)[\($0)]") }
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): s.string.isEmpty ? "nothing" : "'\(s.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

/// Positions of key paths (`assignments[3].start`, `weights.fairness`,
/// `coverage_min.legal[2][5]`) in a JSON or YAML text, for readers that decode with
/// `Decodable` (which keeps no positions). The text is composed with Yams on the first
/// question only (O(size of the text), once) and walked along each path (O(path)); the
/// nearest node on the way answers when the path goes further than the document, the
/// file alone when the text does not parse. For reporting errors, not for reading.
final class PathLocator {
    let text: String
    let file: String
    private lazy var root: Node? = YAMLAliasGuard.first(in: text) != nil ? nil
        : try? Yams.compose(yaml: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)

    init(text: String, file: String) {
        self.text = text
        self.file = file
    }

    func location(of path: String) -> SourceLocation {
        guard var node = root else { return SourceLocation(file: file) }
        // "a.b[3][4].c" → a, b, [3], [4], c
        var steps: [String] = []
        var word = ""
        for ch in path {
            switch ch {
            case ".":
                if !word.isEmpty { steps.append(word); word = "" }
            case "[":
                if !word.isEmpty { steps.append(word) }
                word = "["
            case "]":
                steps.append(word + "]"); word = ""
            default:
                word.append(ch)
            }
        }
        if !word.isEmpty { steps.append(word) }
        for step in steps {
            let next: Node?
            if step.hasPrefix("["), let i = Int(step.dropFirst().dropLast()), case let .sequence(items) = node {
                next = items.indices.contains(i) ? items[i] : nil
            } else if case let .mapping(pairs) = node {
                next = pairs.first { $0.key.scalar?.string == step }?.value
            } else {
                next = nil
            }
            guard let next else { break }
            node = next
        }
        guard let mark = node.mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }
}

extension PathLocator {
    /// Where a `DecodingError` happened, as a key path (`assignments[2].start`), or "".
    static func path(of error: any Error) -> String {
        let context: DecodingError.Context?
        switch error as? DecodingError {
        case let .keyNotFound(_, c)?, let .typeMismatch(_, c)?, let .valueNotFound(_, c)?, let .dataCorrupted(c)?: context = c
        default: context = nil
        }
        var path = ""
        for key in context?.codingPath ?? [] {
            if let i = key.intValue { path += "[\(i)]" } else { path += (path.isEmpty ? "" : ".") + key.stringValue }
        }
        return path
    }

    /// The one issue for a JSON `data` that does not decode as `what` ("a roster
    /// document"): placed at the entry that failed, with the decoder's reason.
    static func decodingIssue(_ error: any Error, in data: Data, file: String, what: String) -> InputIssue {
        let path = path(of: error)
        let at = PathLocator(text: String(decoding: data, as: UTF8.self), file: file).location(of: path)
        return InputIssue(location: at, path: path, message: "not \(what): \(reason(error))")
    }

    /// The decoder's reason in words.
    static func reason(_ error: any Error) -> String {
        switch error as? DecodingError {
        case let .keyNotFound(key, context)?: "missing key '\(key.stringValue)' at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case let .typeMismatch(_, context)?: "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case let .dataCorrupted(context)?: context.debugDescription
        default: "\(error)"
        }
    }
}
