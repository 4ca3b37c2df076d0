import Foundation
import FuzzSupport
import LinearProgramming
import Matching
import RotaGLPK
import RotaIO

/// A pairing file: read, and when valid, matched (the flow or the MIP, with a short limit).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start = bytes else { return 0 }
    let path = FuzzSupport.file("pairing.yaml", Data(bytes: start, count: count))
    if let pairing = try? PairingLoader.load(path: path) {
        _ = try? Matcher().solve(pairing.problem, reportGroups: pairing.reportGroups, options: SolveOptions(timeLimit: 1))
    }
    return 0
}

@_cdecl("FuzzPairing_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.run(argc, argv, fuzz)
}
