import GLPK
import LinearProgramming
import Testing

@Suite("CPLEX-LP round trip through GLPK's reader")
struct LPRoundTripTests {
    let solver = GLPKSolver()

    func roundTrip(_ m: Model) throws {
        let text = m.cplexLPText()
        let back = try GLPKModelReader.model(fromCPLEXLP: text)
        #expect(back.variableCount >= m.variableCount)
        let a = try solver.solve(m), b = try solver.solve(back)
        #expect(a.status == b.status, "\(m.name)")
        if let x = a.objective, let y = b.objective {
            #expect(abs(x - y) <= 1e-7 * max(1, abs(x)), "\(m.name): \(x) vs \(y)")
        }
    }

    @Test(arguments: 0..<20)
    func randomMIPs(seed: UInt64) throws {
        try roundTrip(RandomMIPTests.knapsack(seed: seed).0)
        try roundTrip(RandomMIPTests.setCover(seed: seed).0)
        try roundTrip(RandomMIPTests.assignment(seed: seed).0)
    }

    @Test func lpWithRangesFreeVariablesConstantsAndAwkwardNames() throws {
        var m = Model(name: "awkward model", sense: .maximize)
        let x = m.addVariable(name: "x[王芳,周一]", lowerBound: -.infinity, upperBound: 8, objective: 1.5)
        let y = m.addVariable(name: "1y", lowerBound: -2, upperBound: .infinity, objective: -0.25)
        let z = m.addVariable(name: "max", kind: .integer, lowerBound: 0, upperBound: 3, objective: 2)
        m.objectiveConstant = -3.75
        m.addConstraint(1 * x + 1 * y + 1 * z, .range(-4, 6), name: "band")
        m.addConstraint(1 * x - 2 * y, .lessOrEqual(1e-3), name: "tiny")
        m.addConstraint(1 * y, .free, name: "unused")
        try roundTrip(m)
    }

    @Test func readerReportsMalformedTextAsAnError() {
        #expect(throws: CPLEXLPReadError.self) {
            _ = try GLPKModelReader.model(fromCPLEXLP: "Minimize\n obj: + 1 x\nSubject To\n c: x >=\nEnd\n")
        }
    }
}
