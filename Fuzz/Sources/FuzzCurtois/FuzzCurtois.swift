import Foundation
import FuzzSupport
import Rota
import RotaIO

/// A Curtois & Qu instance: parsed, validated, and when valid, formulated and checked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start = bytes else { return 0 }
    let text = String(decoding: Data(bytes: start, count: count), as: UTF8.self)
    if let instance = try? CurtoisInstance.parse(text, file: "fuzz.txt") {
        let problem = instance.problem
        if (try? problem.validate()) != nil { FuzzSupport.exercise(problem) }
        _ = try? instance.assignments(fromSolutionCSV: "employee,day,shift\n", file: "fuzz.csv")
    }
    return 0
}

@_cdecl("FuzzCurtois_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.run(argc, argv, fuzz)
}
