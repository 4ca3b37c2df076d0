import Testing
@testable import LinearProgramming

/// One test per kind of invalid input: each must be reported, never crash.
@Suite("Model validation")
struct ValidationTests {
    typealias Kind = ModelValidationError.Problem.Kind

    func kinds(_ model: Model, _ options: SolveOptions = SolveOptions()) -> [Kind] {
        do {
            try model.validate(options: options)
            return []
        } catch {
            return error.problems.map(\.kind)
        }
    }

    func single(_ build: (inout Model, VariableID) -> Void) -> [Kind] {
        var m = Model()
        let x = m.addVariable(name: "x", upperBound: 10)
        build(&m, x)
        return kinds(m)
    }

    @Test func validModelPasses() {
        #expect(single { m, x in m.addConstraint(1 * x, .lessOrEqual(3)) }.isEmpty)
    }

    @Test func nanObjectiveCoefficient() {
        #expect(single { m, x in m.setObjectiveCoefficient(x, .nan) } == [.nonFiniteObjectiveCoefficient])
    }

    @Test func infiniteObjectiveCoefficient() {
        #expect(single { m, x in m.setObjectiveCoefficient(x, -.infinity) } == [.nonFiniteObjectiveCoefficient])
    }

    @Test func nonFiniteObjectiveConstant() {
        #expect(single { m, _ in m.objectiveConstant = .nan } == [.nonFiniteObjectiveConstant])
    }

    @Test func nanMatrixCoefficient() {
        #expect(single { m, x in m.addConstraint(.nan * x, .lessOrEqual(1)) } == [.nonFiniteCoefficient])
    }

    @Test func infiniteMatrixCoefficient() {
        #expect(single { m, x in m.addConstraint(Double.infinity * x, .lessOrEqual(1)) } == [.nonFiniteCoefficient])
    }

    @Test func negativeVariableIndex() {
        #expect(single { m, _ in m.addConstraint(terms: [LinearTerm(VariableID(-1), 1)], .lessOrEqual(1)) } == [.unknownVariable])
    }

    @Test func variableFromAnotherModel() {
        #expect(single { m, _ in m.addConstraint(terms: [LinearTerm(VariableID(99), 1)], .lessOrEqual(1)) } == [.unknownVariable])
    }

    @Test func crossedVariableBounds() {
        #expect(single { m, x in m.setBounds(x, lower: 5, upper: 2) } == [.invalidVariableBounds])
    }

    @Test func nanVariableBound() {
        #expect(single { m, x in m.setBounds(x, lower: .nan, upper: 2) } == [.invalidVariableBounds])
    }

    @Test func infiniteLowerBoundFromAbove() {
        #expect(single { m, x in m.setBounds(x, lower: .infinity, upper: .infinity) } == [.invalidVariableBounds])
    }

    @Test func upperBoundMinusInfinity() {
        #expect(single { m, x in m.setBounds(x, lower: -.infinity, upper: -.infinity) } == [.invalidVariableBounds])
    }

    @Test func crossedRowBounds() {
        #expect(single { m, x in m.addConstraint(1 * x, .range(3, 1)) } == [.invalidConstraintBounds])
    }

    @Test func nanRowBound() {
        #expect(single { m, x in m.addConstraint(1 * x, .equal(.nan)) } == [.invalidConstraintBounds])
    }

    @Test func infiniteEqualityRow() {
        #expect(single { m, x in m.addConstraint(1 * x, .equal(.infinity)) } == [.invalidConstraintBounds])
    }

    @Test func invalidOptions() {
        var m = Model()
        m.addVariable()
        #expect(kinds(m, SolveOptions(timeLimit: -1)) == [.invalidOption])
        #expect(kinds(m, SolveOptions(timeLimit: .nan)) == [.invalidOption])
        #expect(kinds(m, SolveOptions(relativeGap: .nan)) == [.invalidOption])
        #expect(kinds(m, SolveOptions(relativeGap: -0.1)) == [.invalidOption])
        #expect(kinds(m, SolveOptions(relativeGap: .infinity)) == [.invalidOption])
        var wrongBasis = SolveOptions()
        wrongBasis.startingBasis = Basis(rows: [.basic], columns: [.atLower, .atLower])
        #expect(kinds(m, wrongBasis) == [.invalidOption])
    }

    @Test func invalidWarmStart() {
        var m = Model()
        m.addVariable()
        m.addVariable()
        #expect(kinds(m, SolveOptions(warmStart: [1])) == [.invalidWarmStart])
        #expect(kinds(m, SolveOptions(warmStart: [1, .nan])) == [.invalidWarmStart])
    }

    @Test func everyProblemIsListedAtOnceWithNames() throws {
        var m = Model()
        let x = m.addVariable(name: "alpha", lowerBound: 3, upperBound: 1, objective: .nan)
        m.addConstraint(.infinity * x, .lessOrEqual(1), name: "cover[mon]")
        m.addConstraint(1 * x, .range(2, 1), name: "cap")
        let error = #expect(throws: ModelValidationError.self) { try m.validate() }
        let problems = try #require(error).problems
        #expect(problems.count == 4)
        let text = try #require(error).description
        #expect(text.contains("'alpha'"))
        #expect(text.contains("'cover[mon]'"))
        #expect(text.contains("'cap'"))
        #expect(text.contains("4 problems"))
    }
}
