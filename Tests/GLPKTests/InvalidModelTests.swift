import GLPK
import LinearProgramming
import Testing

/// Invalid models and options reach GLPK's entry point and come back as a thrown
/// `ModelValidationError`, never as GLPK's abort(): through `solve`, sync and async.
@Suite("Invalid models through solve")
struct InvalidModelTests {
    static func model(_ break: (inout Model) -> Void) -> Model {
        var m = Model(name: "broken", sense: .minimize)
        let x = m.addVariable(name: "x", lowerBound: 0, upperBound: 1, objective: 1)
        let y = m.addVariable(name: "y", lowerBound: 0, upperBound: 1, objective: 1)
        m.addConstraint(1 * x + 1 * y, .greaterOrEqual(1))
        `break`(&m)
        return m
    }

    static let broken: [(String, Model)] = [
        ("NaN coefficient", model { $0.addConstraint(terms: [LinearTerm(VariableID(0), .nan)], .lessOrEqual(1)) }),
        ("infinite coefficient", model { $0.addConstraint(terms: [LinearTerm(VariableID(1), .infinity)], .lessOrEqual(1)) }),
        ("crossed bounds", model { _ = $0.addVariable(name: "z", lowerBound: 2, upperBound: 1) }),
        ("NaN objective", model { _ = $0.addVariable(name: "z", lowerBound: 0, upperBound: 1, objective: .nan) }),
        ("unknown variable", model { $0.addConstraint(terms: [LinearTerm(VariableID(7))], .lessOrEqual(1)) }),
    ]

    @Test(arguments: 0..<broken.count)
    func anInvalidModelThrowsThroughSolve(_ k: Int) async throws {
        let (name, m) = Self.broken[k]
        #expect(throws: ModelValidationError.self, "\(name)") { _ = try GLPKSolver().solve(m, options: SolveOptions()) }
        await #expect(throws: ModelValidationError.self, "\(name), async") { _ = try await GLPKSolver().solve(m, options: SolveOptions()) }
    }

    static func targeting(_ target: Double) -> SolveOptions {
        var options = SolveOptions()
        options.objectiveTarget = target
        return options
    }

    @Test func invalidOptionsThrowThroughSolve() throws {
        let m = Self.model { _ in }
        for options in [SolveOptions(timeLimit: .nan), SolveOptions(timeLimit: -1), SolveOptions(relativeGap: .nan),
                        SolveOptions(warmStart: [0, 0, 0]), SolveOptions(warmStart: [.nan, 0]), Self.targeting(.nan), Self.targeting(.infinity)] {
            #expect(throws: ModelValidationError.self) { _ = try GLPKSolver().solve(m, options: options) }
        }
    }
}
