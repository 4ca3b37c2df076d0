import GLPK
import LinearProgramming
@_exported import Matching
@_exported import Rota

// The one place GLPK is wired in as the default solver.
//
// `Rota` and `Matching` depend on the `Solver` protocol only, so a program can link the
// domain with another backend (or none, to build and export models) without GLPK and its
// GPL-3.0-or-later licence. Importing `RotaGLPK` brings the domain and these defaults.

extension RosterSolver {
    /// A roster solver over GLPK (`GLPKSolver`).
    public init() { self.init(solver: GLPKSolver()) }
}

extension Matcher {
    /// A matcher over GLPK (`GLPKSolver`), used when quotas make the matching a MIP.
    public init() { self.init(solver: GLPKSolver()) }
}

extension Replanner {
    /// A replanner over GLPK.
    public init() { self.init(solver: RosterSolver()) }
}

extension Recruiter {
    /// A recruiter over GLPK.
    public init() { self.init(solver: RosterSolver()) }
}
