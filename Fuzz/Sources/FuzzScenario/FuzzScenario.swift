import Foundation
import FuzzSupport
import RotaIO

/// A scenario file (YAML or JSON): read, validated, and when valid, formulated and checked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start = bytes else { return 0 }
    let text = String(decoding: Data(bytes: start, count: count), as: UTF8.self)
    if let loaded = try? ScenarioLoader.load(text: text, file: "fuzz.yaml", baseDirectory: FuzzSupport.scratch.path) {
        FuzzSupport.exercise(loaded.problem)
    }
    return 0
}

@_cdecl("FuzzScenario_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.run(argc, argv, fuzz)
}
