import Testing
@testable import LinearProgramming

@Suite("Model building")
struct ModelBuildingTests {
    @Test func repeatedVariablesAreMergedAndZerosDropped() {
        var m = Model()
        let x = m.addVariable(name: "x"), y = m.addVariable(name: "y"), z = m.addVariable(name: "z")
        let row = m.addConstraint(2 * x + 3 * y - 2 * x + 1 * z + 4 * z, .lessOrEqual(10))
        let c = m.constraint(row)
        #expect(c.terms == [LinearTerm(y, 3), LinearTerm(z, 5)])
        #expect(m.nonzeroCount == 2)
        // The scratch map is reset: the next row sees x fresh.
        let r2 = m.addConstraint(1 * x + 1 * x, .greaterOrEqual(1))
        #expect(m.constraint(r2).terms == [LinearTerm(x, 2)])
    }

    @Test func expressionConstantMovesToTheBounds() {
        var m = Model()
        let x = m.addVariable()
        let r = m.addConstraint(1 * x + 5, .range(6, 9))
        #expect(m.constraint(r).lowerBound == 1)
        #expect(m.constraint(r).upperBound == 4)
    }

    @Test func binaryBoundsAreClampedToZeroOne() {
        var m = Model()
        let b = m.addVariable(kind: .binary, lowerBound: -3, upperBound: 7)
        #expect(m.variable(b).lowerBound == 0)
        #expect(m.variable(b).upperBound == 1)
    }

    @Test func maximumViolationMeasuresRowsBoundsAndIntegrality() {
        var m = Model()
        let x = m.addVariable(kind: .integer, lowerBound: 0, upperBound: 5)
        let y = m.addVariable(lowerBound: 0, upperBound: 1)
        m.addConstraint(1 * x + 1 * y, .lessOrEqual(4))
        #expect(m.maximumViolation([3, 1]) == 0)
        #expect(m.maximumViolation([4, 1]) == 1)
        #expect(abs(m.maximumViolation([2.5, 0]) - 0.5) < 1e-12)
        #expect(m.maximumViolation([0, 2]) == 1)
        #expect(m.maximumViolation([0]) == .infinity)
    }

    @Test func objectiveValueIncludesTheConstant() {
        var m = Model(sense: .maximize)
        let x = m.addVariable(objective: 2)
        m.objectiveConstant = 7
        #expect(m.objectiveValue([3]) == 13)
        m.setObjective(4 * x + 1, sense: .minimize)
        #expect(m.objectiveValue([3]) == 13)
        #expect(m.sense == .minimize)
    }

    @Test func anExpressionsFloorUsesEachTermsBestBound() {
        var m = Model()
        let x = m.addVariable(lowerBound: 1, upperBound: 4)
        let y = m.addVariable(lowerBound: -2, upperBound: 3)
        let z = m.addVariable(lowerBound: 0)
        #expect((2 * x - 1 * y + 5).floor(in: m) == Double(4))  // 2·1 − 3 + 5
        #expect((3 * z).floor(in: m) == 0)
        // No finite best bound, no floor.
        #expect((-1 * z).floor(in: m) == nil)
    }

    @Test func seededGeneratorIsDeterministic() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let sa = (0..<5).map { _ in a.next() }, sb = (0..<5).map { _ in b.next() }, sc = (0..<5).map { _ in c.next() }
        #expect(sa == sb)
        #expect(sa != sc)
    }
}
