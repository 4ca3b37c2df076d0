import Foundation

/// A document Rota writes as JSON: pretty-printed with sorted keys and unescaped slashes,
/// so that the same value always gives the same bytes (golden files, diffs, determinism).
public protocol StableJSONDocument: Encodable {}

extension StableJSONDocument {
    /// Pretty, key-sorted JSON.
    public func encoded() -> Data { StableJSON.encode(self) }
}

/// The one JSON encoder setting of every document Rota writes.
enum StableJSON {
    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every document is plain values (strings, numbers, arrays, maps): encoding cannot fail.
        return (try? encoder.encode(value)) ?? Data()
    }
}
