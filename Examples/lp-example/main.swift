// A tiny staffing LP/MIP solved through the LinearProgramming layer and GLPK.
// Three volunteers, two shifts; each shift needs one person; minimise cost.
import GLPK
import LinearProgramming

var model = Model(name: "tiny-staffing", sense: .minimize)
let cost: [[Double]] = [[4, 2], [3, 5], [6, 1]]
var x: [[VariableID]] = []
for v in 0..<3 {
    x.append((0..<2).map { s in model.addVariable(name: "x_\(v)_\(s)", kind: .binary, objective: cost[v][s]) })
}
for s in 0..<2 { model.addConstraint(terms: (0..<3).map { LinearTerm(x[$0][s]) }, .equal(1), name: "cover_\(s)") }
for v in 0..<3 { model.addConstraint(terms: (0..<2).map { LinearTerm(x[v][$0]) }, .lessOrEqual(1), name: "one_\(v)") }

let result = try GLPKSolver().solve(model)
print("status: \(result.status), objective: \(result.objective ?? .nan)")
for v in 0..<3 { for s in 0..<2 where result.value(x[v][s]) > 0.5 { print("volunteer \(v) -> shift \(s)") } }
