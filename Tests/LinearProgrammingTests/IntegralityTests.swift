import Testing
@testable import LinearProgramming

/// `Model.objectiveIsIntegral`: its sufficient condition accepts integer models whose
/// continuous columns are slacks, and refuses each way an optimum could be fractional.
@Suite("Objective integrality")
struct IntegralityTests {
    /// Two binaries covering a demand of 1, with a shortfall slack: integral.
    static func covering(slackCost: Double = 10, demand: Double = 1, shareSlack: Bool = false) -> (Model, LinearExpression) {
        var m = Model(name: "cover")
        let x = m.addVariable(name: "x", kind: .binary, objective: 3)
        let y = m.addVariable(name: "y", kind: .binary, objective: 4)
        let short = m.addVariable(name: "short", lowerBound: 0, upperBound: 5, objective: slackCost)
        m.addConstraint(1 * x + 1 * y + 1 * short, .greaterOrEqual(demand))
        if shareSlack { m.addConstraint(1 * x + 1 * short, .lessOrEqual(1)) }
        var objective = LinearExpression()
        objective.add(x, 3)
        objective.add(y, 4)
        objective.add(short, slackCost)
        return (m, objective)
    }

    @Test func integerCostsAndSlacksAreIntegral() {
        let (m, objective) = Self.covering()
        #expect(m.objectiveIsIntegral(objective))
    }

    @Test func aFractionalCostIsNot() {
        let (m, objective) = Self.covering(slackCost: 2.5)
        #expect(!m.objectiveIsIntegral(objective))
    }

    @Test func aFractionalSideUnderASlackIsNot() {
        let (m, objective) = Self.covering(demand: 1.5)
        #expect(!m.objectiveIsIntegral(objective))
    }

    @Test func aContinuousColumnInTwoRowsIsNot() {
        let (m, objective) = Self.covering(shareSlack: true)
        #expect(!m.objectiveIsIntegral(objective))
    }
}
