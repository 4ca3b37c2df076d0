import Foundation
import Testing
import Yams

/// A small JSON Schema (2020-12) checker for the keywords `docs/scenario.schema.json`
/// uses: type, properties, required, additionalProperties, items, enum, pattern,
/// minimum, maximum, minLength, oneOf and local `$ref`s.
struct SchemaChecker {
    let root: [String: Any]

    func check(_ value: Any, against schema: [String: Any], at path: String) -> [String] {
        if let ref = schema["$ref"] as? String {
            let name = String(ref.dropFirst("#/$defs/".count))
            let defs = root["$defs"] as! [String: Any]
            return check(value, against: defs[name] as! [String: Any], at: path)
        }
        if let options = schema["oneOf"] as? [[String: Any]] {
            let passing = options.filter { check(value, against: $0, at: path).isEmpty }.count
            return passing == 1 ? [] : ["\(path): matches \(passing) of the oneOf alternatives"]
        }
        var errors: [String] = []
        if let allowed = schema["enum"] as? [String], !allowed.contains(value as? String ?? "\u{0}") {
            errors.append("\(path): \(value) is not one of \(allowed)")
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(path): expected an object"] }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { errors.append("\(path): missing \(key)") }
            for (key, v) in object {
                if let p = properties[key] as? [String: Any] {
                    errors += check(v, against: p, at: "\(path).\(key)")
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    errors += check(v, against: extra, at: "\(path).\(key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    errors.append("\(path): unexpected key \(key)")
                }
            }
        case "array":
            guard let array = value as? [Any] else { return ["\(path): expected an array"] }
            if let items = schema["items"] as? [String: Any] {
                for (i, v) in array.enumerated() { errors += check(v, against: items, at: "\(path)[\(i)]") }
            }
        case "string":
            guard let s = value as? String else { return ["\(path): expected a string"] }
            if let pattern = schema["pattern"] as? String, s.range(of: pattern, options: .regularExpression) == nil {
                errors.append("\(path): '\(s)' does not match \(pattern)")
            }
            if let n = schema["minLength"] as? Int, s.count < n { errors.append("\(path): shorter than \(n)") }
        case "integer", "number":
            let isInteger = value is Int
            guard isInteger || (schema["type"] as? String == "number" && value is Double) else { return ["\(path): expected \(schema["type"]!)"] }
            let number = (value as? Int).map(Double.init) ?? (value as? Double)!
            if let m = schema["minimum"] as? Double, number < m { errors.append("\(path): below \(m)") }
            if let m = schema["maximum"] as? Double, number > m { errors.append("\(path): above \(m)") }
        case "boolean":
            if !(value is Bool) { errors.append("\(path): expected a boolean") }
        default: break
        }
        return errors
    }

    /// A YAML node as JSON-like values, with the YAML core schema's scalar types.
    static func plain(_ node: Node) -> Any {
        switch node {
        case .mapping(let m):
            var d: [String: Any] = [:]
            for (k, v) in m { d[k.string ?? ""] = plain(v) }
            return d
        case .sequence(let s): return s.map(plain)
        case .scalar(let s):
            switch node.tag.rawValue {
            case "tag:yaml.org,2002:int": return node.int ?? s.string
            case "tag:yaml.org,2002:float": return node.float ?? s.string
            case "tag:yaml.org,2002:bool": return node.bool ?? s.string
            case "tag:yaml.org,2002:null": return NSNull()
            default: return s.string
            }
        case .alias: return NSNull()
        }
    }
}

@Suite("JSON Schema for scenarios")
struct SchemaTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var scenarios: [String] {
        let fm = FileManager.default
        let examples = repository.appendingPathComponent("Examples").path
        var found: [String] = []
        for case let file as String in fm.enumerator(atPath: examples)! where file.hasSuffix("scenario.yaml") || file.hasSuffix("scenario.json") {
            found.append("Examples/" + file)
        }
        return found.sorted() + ["Tests/RotaIOTests/Fixtures/good/mini.yaml"]
    }

    func checker() throws -> SchemaChecker {
        let data = try Data(contentsOf: Self.repository.appendingPathComponent("docs/scenario.schema.json"))
        return SchemaChecker(root: try JSONSerialization.jsonObject(with: data) as! [String: Any])
    }

    @Test func thereAreExampleScenarios() { #expect(Self.scenarios.count >= 2) }

    @Test(arguments: scenarios)
    func exampleScenarioValidatesAgainstTheSchema(_ path: String) throws {
        let text = try String(contentsOf: Self.repository.appendingPathComponent(path), encoding: .utf8)
        let node = try #require(try Yams.compose(yaml: text))
        let checker = try checker()
        let errors = checker.check(SchemaChecker.plain(node), against: checker.root, at: "$")
        #expect(errors.isEmpty, "\(path): \(errors)")
    }

    @Test func theSchemaRejectsWhatTheLoaderRejects() throws {
        let checker = try checker()
        for name in ["01-unknown-top-key", "03-hour-25", "12-days-not-a-number", "11-missing-horizon"] {
            let text = try String(contentsOfFile: Fixtures.path("bad/\(name).yaml"), encoding: .utf8)
            let node = try #require(try Yams.compose(yaml: text))
            #expect(!checker.check(SchemaChecker.plain(node), against: checker.root, at: "$").isEmpty, "\(name) should fail the schema")
        }
    }
}
