import Foundation
import Testing

/// The layering of docs/ARCHITECTURE.md, checked on the sources: the domain, the matching
/// and the IO layer never import GLPK (only `GLPK` imports `CGLPK`, and only `RotaGLPK`
/// and the command line wire GLPK in).
@Suite("Architecture")
struct ArchitectureTests {
    static func imports(of target: String) throws -> [String: Set<String>] {
        let folder = SchemaTests.repository.appendingPathComponent("Sources/\(target)")
        var result: [String: Set<String>] = [:]
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)! where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            let modules = text.split(separator: "\n").compactMap { line -> String? in
                let words = line.split(separator: " ")
                guard let i = words.firstIndex(of: "import"), i + 1 < words.count, words[..<i].allSatisfy({ $0.hasPrefix("@") || ["public", "internal", "private"].contains($0) }) else { return nil }
                return String(words[i + 1])
            }
            result[url.lastPathComponent] = Set(modules)
        }
        return result
    }

    @Test(arguments: ["Rota", "Matching", "RotaIO", "LinearProgramming"])
    func theDomainAndIOLayersNeverImportGLPK(_ target: String) throws {
        let files = try Self.imports(of: target)
        #expect(!files.isEmpty)
        for (file, modules) in files {
            #expect(modules.isDisjoint(with: ["GLPK", "CGLPK", "RotaGLPK"]), "\(target)/\(file) imports \(modules.sorted())")
        }
    }

    @Test func onlyTheGLPKTargetImportsTheCLibrary() throws {
        for target in ["Rota", "Matching", "RotaIO", "LinearProgramming", "RotaGLPK", "rota"] {
            for (file, modules) in try Self.imports(of: target) { #expect(!modules.contains("CGLPK"), "\(target)/\(file)") }
        }
    }

    /// Every public type of a library module is curated in its DocC catalog (`` ``Type`` ``),
    /// so the catalog stays true as the module grows.
    @Test(arguments: ["Rota", "RotaIO", "LinearProgramming", "Matching", "GLPK", "RotaGLPK"])
    func everyPublicTypeIsInItsCatalog(_ module: String) throws {
        let root = SchemaTests.repository.appendingPathComponent("Sources/\(module)")
        let fm = FileManager.default
        var catalog = ""
        var declared: Set<String> = []
        for case let path as String in fm.enumerator(atPath: root.path)! where path.hasSuffix(".swift") || path.hasSuffix(".md") {
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            if path.hasSuffix(".md") && path.contains(".docc/") { catalog += text }
            guard path.hasSuffix(".swift") else { continue }
            for line in text.split(separator: "\n") {
                for kind in ["public struct ", "public enum ", "public protocol ", "public final class ", "public class ", "public actor "] where line.hasPrefix(kind) {
                    declared.insert(String(line.dropFirst(kind.count).prefix { $0.isLetter || $0.isNumber }))
                }
            }
        }
        let missing = declared.filter { !catalog.contains("``\($0)``") }.sorted()
        #expect(missing.isEmpty, "\(module).docc does not curate \(missing)")
    }
}
