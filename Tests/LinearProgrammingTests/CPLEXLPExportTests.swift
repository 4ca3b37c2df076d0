import Testing
@testable import LinearProgramming

@Suite("CPLEX-LP export")
struct CPLEXLPExportTests {
    @Test func writesSectionsBoundsAndIntegers() {
        var m = Model(name: "t", sense: .maximize)
        let x = m.addVariable(name: "x", lowerBound: -.infinity, upperBound: .infinity, objective: 1)
        let y = m.addVariable(name: "y", kind: .integer, lowerBound: 0, upperBound: 4, objective: -2.5)
        let z = m.addVariable(name: "z", kind: .binary)
        m.addConstraint(1 * x + 2 * y, .range(1, 3), name: "band")
        m.addConstraint(1 * z - 1 * y, .equal(0), name: "link")
        let text = m.cplexLPText()
        #expect(text.contains("Maximize\n obj: + 1 x - 2.5 y\n"))
        #expect(text.contains(" band_lo: + 1 x + 2 y >= 1\n"))
        #expect(text.contains(" band_hi: + 1 x + 2 y <= 3\n"))
        #expect(text.contains(" link: + 1 z - 1 y = 0\n"))
        #expect(text.contains(" x free\n"))
        #expect(text.contains(" 0 <= y <= 4\n"))
        #expect(text.contains("General\n y\n z\n"))
        #expect(text.hasSuffix("End\n"))
    }

    @Test func namesAreSanitisedAndDeduplicated() {
        var m = Model()
        let a = m.addVariable(name: "x[志愿者 1]", objective: 1)
        let b = m.addVariable(name: "x[志愿者 1]", objective: 1)
        let c = m.addVariable(name: "3rd", objective: 1)
        let d = m.addVariable(name: "e12", objective: 1)
        let e = m.addVariable(name: "", objective: 1)
        m.addConstraint(1 * a + 1 * b + 1 * c + 1 * d + 1 * e, .greaterOrEqual(1), name: "Bounds")
        let text = m.cplexLPText()
        #expect(text.contains("x_____1_"))
        #expect(text.contains("x1"))
        #expect(text.contains("_3rd"))
        #expect(!text.contains(" e12"))
        #expect(text.contains("x4"))
        #expect(text.contains(" r0: "))
    }

    @Test func objectiveConstantBecomesAFixedVariable() {
        var m = Model()
        m.addVariable(name: "x", objective: 1)
        m.objectiveConstant = 5
        let text = m.cplexLPText()
        #expect(text.contains("+ 5 objconst"))
        #expect(text.contains(" objconst = 1\n"))
    }
}
