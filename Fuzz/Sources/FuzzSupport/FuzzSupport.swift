import Foundation
import Rota
import RotaGLPK

/// What every fuzz target shares: a scratch folder of its own (per process) and the one
/// thing every input must survive, the library's own entry points.
public enum FuzzSupport {
    /// A folder for the files an input is written to (the readers take paths).
    public static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rota-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Writes `data` to `name` in the scratch folder and returns its path.
    public static func file(_ name: String, _ data: Data) -> String {
        let url = scratch.appendingPathComponent(name)
        try? data.write(to: url)
        return url.path
    }

    /// What an accepted problem must survive: the model built and a solve with no time,
    /// which ends by running the independent checker on its roster.
    public static func exercise(_ problem: RosterProblem) {
        _ = try? RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 0, improve: false))
    }
}

/// libFuzzer's driver, for a target that supplies its own entry point (SwiftPM names an
/// executable's entry `<Module>_main`; libFuzzer's own `main` is then never linked).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

extension FuzzSupport {
    /// Runs libFuzzer with the process's arguments on `target`.
    public static func run(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, target)
    }
}
