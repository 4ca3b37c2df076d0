internal import CGLPK
import Foundation
import LinearProgramming
import Logging

/// One solve: owns a `glp_prob` from creation to deletion on the current thread.
final class GLPKRun {
    let model: Model
    let options: SolveOptions
    let configuration: GLPKSolver.Configuration
    let stopwatch = Stopwatch()

    // Branch-and-bound state, written by the callback.
    var bound: Double?
    var incumbent: Double?
    var nodes = 0
    var lastReport = -Double.infinity
    var stopRequested = false
    /// The search stopped because an incumbent met ``SolveOptions/objectiveTarget``.
    var targetMet = false
    /// The search was stopped by the callback because the time limit had passed (GLPK
    /// itself looks at its clock only before each node, not inside one).
    var timeLimitPassed = false
    /// The warm start as GLPK wants it: index 0 unused, then one value per column.
    var warmStart: [Double]?
    var warmStartOffered = false

    // Terminal output routed to a logger.
    var logBuffer = ""

    init(model: Model, options: SolveOptions, configuration: GLPKSolver.Configuration) {
        self.model = model
        self.options = options
        self.configuration = configuration
    }

    var elapsed: Double { stopwatch.elapsed }

    /// Milliseconds left before the time limit, clamped to GLPK's `int`; `nil` for no limit.
    var remainingMilliseconds: Int32? {
        guard let limit = options.timeLimit else { return nil }
        let ms = ((limit - elapsed) * 1000).rounded(.down)
        return ms <= 0 ? 0 : Int32(clamping: Int(Swift.min(ms, Double(Int32.max))))
    }

    var isCancelled: Bool {
        stopRequested || options.cancellation?.isCancelled == true || Task.isCancelled
    }

    var messageLevel: Int32 {
        switch options.logLevel {
        case .off: GLP_MSG_OFF
        case .errors: GLP_MSG_ERR
        case .normal: GLP_MSG_ON
        case .verbose: GLP_MSG_ALL
        }
    }

    func run() -> SolveResult {
        let previousTerm = glp_term_out(options.logLevel == .off ? GLP_OFF : GLP_ON)
        let routed = options.logLevel != .off && options.logger != nil
        if routed {
            glp_term_hook(glpkTermHook, Unmanaged.passUnretained(self).toOpaque())
        }
        defer {
            if routed {
                glp_term_hook(nil, nil)
                flushLog()
            }
            glp_term_out(previousTerm)
        }
        guard let problem = glp_create_prob() else { preconditionFailure("glp_create_prob returned NULL") }
        defer { glp_delete_prob(problem) }

        guard load(into: problem) else {
            return SolveResult(status: .infeasible, termination: .completed, seconds: elapsed)
        }
        if isCancelled { return SolveResult(status: .cancelled, termination: .cancelled, seconds: elapsed) }
        var result = model.isMixedInteger ? solveMIP(problem) : solveLP(problem)
        result.iterations = Int(glp_get_it_cnt(problem))
        return result
    }

    // MARK: Loading

    /// Copies the validated model into `problem`. Returns false when integer rounding of
    /// bounds shows the model has no integer point (it is then infeasible).
    func load(into problem: OpaquePointer) -> Bool {
        let n = model.variableCount, m = model.constraintCount
        glp_set_obj_dir(problem, model.sense == .minimize ? GLP_MIN : GLP_MAX)
        glp_set_obj_coef(problem, 0, model.objectiveConstant)
        if n > 0 { glp_add_cols(problem, Int32(n)) }
        if m > 0 { glp_add_rows(problem, Int32(m)) }
        for v in model.variables {
            let j = Int32(v.id.index + 1)
            var lower = v.lowerBound, upper = v.upperBound
            if v.kind.isIntegral {
                // GLPK refuses fractional bounds on integer columns; rounding inward is exact.
                lower = (lower - 1e-9).rounded(.up)
                upper = (upper + 1e-9).rounded(.down)
                if lower > upper { return false }
                glp_set_col_kind(problem, j, GLP_IV)
            }
            let (type, l, u) = Self.boundType(lower, upper)
            glp_set_col_bnds(problem, j, type, l, u)
            glp_set_obj_coef(problem, j, v.objectiveCoefficient)
        }
        var ia: [Int32] = [0], ja: [Int32] = [0], ar: [Double] = [0]
        ia.reserveCapacity(model.nonzeroCount + 1)
        ja.reserveCapacity(model.nonzeroCount + 1)
        ar.reserveCapacity(model.nonzeroCount + 1)
        model.forEachRow { i, columns, values, lower, upper in
            let (type, l, u) = Self.boundType(lower, upper)
            glp_set_row_bnds(problem, Int32(i + 1), type, l, u)
            for (c, a) in zip(columns, values) {
                ia.append(Int32(i + 1))
                ja.append(Int32(c + 1))
                ar.append(a)
            }
        }
        if ar.count > 1 { glp_load_matrix(problem, Int32(ar.count - 1), ia, ja, ar) }
        return true
    }

    static func glpkStatus(_ status: BasisStatus) -> Int32 {
        switch status {
        case .basic: GLP_BS
        case .atLower: GLP_NL
        case .atUpper: GLP_NU
        case .free: GLP_NF
        case .fixed: GLP_NS
        }
    }

    static func status(_ glpk: Int32) -> BasisStatus {
        switch glpk {
        case GLP_BS: .basic
        case GLP_NU: .atUpper
        case GLP_NF: .free
        case GLP_NS: .fixed
        default: .atLower
        }
    }

    static func boundType(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower == -.infinity, upper == .infinity) {
        case (true, true): (GLP_FR, 0, 0)
        case (false, true): (GLP_LO, lower, 0)
        case (true, false): (GLP_UP, 0, upper)
        case (false, false): lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }

    // MARK: LP

    /// Runs the simplex in chunks so cancellation and the time limit are seen between
    /// chunks. Returns GLPK's code, or `GLP_ESTOP` when cancelled.
    func simplex(_ problem: OpaquePointer, presolve: Bool, basis: Basis? = nil) -> Int32 {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = messageLevel
        if configuration.dualSimplex { parm.meth = GLP_DUALP }
        if presolve {
            parm.presolve = GLP_ON
            if let ms = remainingMilliseconds {
                if ms == 0 { return GLP_ETMLIM }
                parm.tm_lim = ms
            }
            return glp_simplex(problem, &parm)
        }
        if model.constraintCount > 0 && model.variableCount > 0 {
            if let basis {
                // Counts were validated; GLPK adjusts a status that does not match its bounds.
                for (i, status) in basis.rows.enumerated() { glp_set_row_stat(problem, Int32(i + 1), Self.glpkStatus(status)) }
                for (j, status) in basis.columns.enumerated() { glp_set_col_stat(problem, Int32(j + 1), Self.glpkStatus(status)) }
                if glp_warm_up(problem) != 0 { glp_adv_basis(problem, 0) }
            } else {
                glp_adv_basis(problem, 0)
            }
        }
        parm.it_lim = Int32(clamping: Swift.max(configuration.simplexChunk, 1))
        while true {
            if isCancelled { return GLP_ESTOP }
            if let ms = remainingMilliseconds {
                if ms == 0 { return GLP_ETMLIM }
                parm.tm_lim = ms
            }
            let code = glp_simplex(problem, &parm)
            if code != GLP_EITLIM { return code }
        }
    }

    func solveLP(_ problem: OpaquePointer) -> SolveResult {
        var code = simplex(problem, presolve: options.presolve, basis: options.startingBasis)
        if options.presolve && (code == GLP_ENODFS || code == GLP_ENOPFS) {
            // The presolver only says "no feasible primal or dual"; settle which, exactly.
            code = simplex(problem, presolve: false)
        }
        let seconds = elapsed
        switch code {
        case 0:
            switch glp_get_status(problem) {
            case GLP_OPT:
                let n = model.variableCount, m = model.constraintCount
                let objective = glp_get_obj_val(problem)
                return SolveResult(
                    status: .optimal, termination: .completed, objective: objective, bestBound: objective,
                    values: (0..<n).map { glp_get_col_prim(problem, Int32($0 + 1)) },
                    duals: (0..<m).map { glp_get_row_dual(problem, Int32($0 + 1)) },
                    reducedCosts: (0..<n).map { glp_get_col_dual(problem, Int32($0 + 1)) },
                    basis: Basis(rows: (0..<m).map { Self.status(glp_get_row_stat(problem, Int32($0 + 1))) },
                                 columns: (0..<n).map { Self.status(glp_get_col_stat(problem, Int32($0 + 1))) }),
                    seconds: seconds)
            case GLP_NOFEAS: return SolveResult(status: .infeasible, termination: .completed, seconds: seconds)
            case GLP_UNBND: return SolveResult(status: .unbounded, termination: .completed, seconds: seconds)
            default:
                return primalFeasibleOr(.numericalFailure, .numericalFailure, problem, seconds)
            }
        case GLP_ETMLIM: return primalFeasibleOr(.timeLimitNoSolution, .timeLimit, problem, seconds)
        case GLP_ESTOP: return primalFeasibleOr(.cancelled, .cancelled, problem, seconds)
        case GLP_ENOPFS: return SolveResult(status: .infeasible, termination: .completed, seconds: seconds)
        default: return SolveResult(status: .numericalFailure, termination: .numericalFailure, seconds: seconds)
        }
    }

    /// An interrupted LP: return the current basic solution if it is primal feasible.
    func primalFeasibleOr(_ status: SolveStatus, _ termination: SolveTermination, _ problem: OpaquePointer, _ seconds: Double) -> SolveResult {
        guard glp_get_prim_stat(problem) == GLP_FEAS else {
            return SolveResult(status: status, termination: termination, seconds: seconds)
        }
        return SolveResult(
            status: .feasible, termination: termination, objective: glp_get_obj_val(problem),
            values: (0..<model.variableCount).map { glp_get_col_prim(problem, Int32($0 + 1)) },
            seconds: seconds)
    }

    // MARK: MIP

    func solveMIP(_ problem: OpaquePointer) -> SolveResult {
        if let start = options.warmStart {
            var rounded = start
            for v in model.variables where v.kind.isIntegral { rounded[v.id.index] = rounded[v.id.index].rounded() }
            if model.maximumViolation(rounded) <= 1e-6 {
                warmStart = [0] + rounded
            } else {
                options.logger?.notice("warm start ignored: it violates the model by \(model.maximumViolation(rounded))")
            }
        }
        // A start that already meets the target is the answer: no search can add to it.
        if let start = warmStart {
            let values = Array(start.dropFirst()), value = model.objectiveValue(values)
            if meetsTarget(value) {
                return SolveResult(status: .feasible, termination: .targetReached, objective: value, values: values, seconds: elapsed)
            }
        }
        let useMIPPresolver = options.presolve && warmStart == nil
        var rootBound: Double?
        if !useMIPPresolver {
            let code = simplex(problem, presolve: false)
            let status = glp_get_status(problem)
            switch (code, status) {
            case (0, GLP_OPT): rootBound = glp_get_obj_val(problem)
            case (0, GLP_NOFEAS): return finish(.infeasible, .completed)
            case (0, GLP_UNBND): return finish(.infeasibleOrUnbounded, .completed)
            case (GLP_ETMLIM, _): return finish(.timeLimitNoSolution, .timeLimit)
            case (GLP_ESTOP, _): return finish(.cancelled, .cancelled)
            default: return finish(.numericalFailure, .numericalFailure)
            }
            bound = rootBound
        }

        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.msg_lev = messageLevel
        parm.presolve = useMIPPresolver ? GLP_ON : GLP_OFF
        parm.mip_gap = options.relativeGap
        parm.br_tech = switch configuration.branching {
        case .firstFractional: GLP_BR_FFV
        case .lastFractional: GLP_BR_LFV
        case .mostFractional: GLP_BR_MFV
        case .driebeckTomlin: GLP_BR_DTH
        case .hybridPseudocost: GLP_BR_PCH
        }
        parm.bt_tech = switch configuration.backtracking {
        case .depthFirst: GLP_BT_DFS
        case .breadthFirst: GLP_BT_BFS
        case .bestLocalBound: GLP_BT_BLB
        case .bestProjection: GLP_BT_BPH
        }
        parm.fp_heur = configuration.feasibilityPump || options.emphasis == .feasibility ? GLP_ON : GLP_OFF
        parm.ps_heur = configuration.proximitySearch ? GLP_ON : GLP_OFF
        parm.gmi_cuts = configuration.gomoryCuts && glp_get_num_cols(problem) <= configuration.gomoryColumnLimit ? GLP_ON : GLP_OFF
        parm.mir_cuts = configuration.mirCuts ? GLP_ON : GLP_OFF
        parm.cov_cuts = configuration.coverCuts ? GLP_ON : GLP_OFF
        parm.clq_cuts = configuration.cliqueCuts ? GLP_ON : GLP_OFF
        if let ms = remainingMilliseconds {
            if ms == 0 { return finishMIP(problem, code: GLP_ETMLIM) }
            parm.tm_lim = ms
        }
        parm.cb_func = glpkBranchCallback
        parm.cb_info = Unmanaged.passUnretained(self).toOpaque()
        let code = glp_intopt(problem, &parm)
        return finishMIP(problem, code: code)
    }

    func finish(_ status: SolveStatus, _ termination: SolveTermination) -> SolveResult {
        SolveResult(status: status, termination: termination, bestBound: bound, seconds: elapsed, nodes: nodes)
    }

    func finishMIP(_ problem: OpaquePointer, code: Int32) -> SolveResult {
        let mipStatus = glp_mip_status(problem)
        let hasIncumbent = mipStatus == GLP_OPT || mipStatus == GLP_FEAS
        let termination: SolveTermination = switch code {
        case 0: .completed
        case GLP_EMIPGAP: .gapReached
        case GLP_ETMLIM: .timeLimit
        case GLP_ESTOP: targetMet ? .targetReached : timeLimitPassed ? .timeLimit : .cancelled
        case GLP_ENOPFS, GLP_ENODFS: .completed
        default: .numericalFailure
        }
        if !hasIncumbent {
            if let start = warmStart, termination != .completed {
                // GLPK never got to take the (checked, feasible) start: it is still the best known.
                let values = Array(start.dropFirst())
                return SolveResult(
                    status: .feasible, termination: termination, objective: model.objectiveValue(values),
                    bestBound: bound, values: values, seconds: elapsed, nodes: nodes)
            }
            let status: SolveStatus = switch (code, mipStatus) {
            case (0, _), (GLP_ENOPFS, _): .infeasible
            case (GLP_ENODFS, _): .infeasibleOrUnbounded
            case (GLP_ETMLIM, _): .timeLimitNoSolution
            case (GLP_ESTOP, _): timeLimitPassed ? .timeLimitNoSolution : .cancelled
            default: .numericalFailure
            }
            return finish(status, termination)
        }
        let objective = glp_mip_obj_val(problem)
        let values = (0..<model.variableCount).map { glp_mip_col_val(problem, Int32($0 + 1)) }
        let proven = code == 0 && mipStatus == GLP_OPT
        // Without a proof, the bound is the search's own or none: the incumbent's value is
        // no bound (a MIP stopped by its gap or time limit before any node's LP was solved
        // would otherwise claim to have closed its gap).
        var best = proven ? objective : bound
        // Never report a bound on the wrong side of the incumbent.
        best = best.map { model.sense == .minimize ? Swift.min($0, objective) : Swift.max($0, objective) }
        return SolveResult(
            status: proven ? .optimal : .feasible, termination: termination, objective: objective,
            bestBound: best, values: values, seconds: elapsed, nodes: nodes)
    }

    /// Whether an objective `value` meets ``SolveOptions/objectiveTarget`` (never without one).
    func meetsTarget(_ value: Double) -> Bool {
        guard let target = options.objectiveTarget else { return false }
        return model.sense == .minimize ? value <= target : value >= target
    }

    // MARK: Callbacks

    func onBranchEvent(_ tree: OpaquePointer) {
        if isCancelled {
            stopRequested = true
            glp_ios_terminate(tree)
            return
        }
        let reason = glp_ios_reason(tree)
        // GLPK looks at its time limit only before each node; inside one (the root's
        // preprocessing, heuristics and rounds of cuts) a search can run on well past it.
        // Every callback is a point to stop at (a warm start not yet offered is still
        // returned: `finishMIP`).
        if let limit = options.timeLimit, elapsed >= limit {
            timeLimitPassed = true
            glp_ios_terminate(tree)
            return
        }
        var active: Int32 = 0, all: Int32 = 0, total: Int32 = 0
        glp_ios_tree_size(tree, &active, &all, &total)
        nodes = Int(total)
        let best = glp_ios_best_node(tree)
        // A node whose LP is not solved yet has the bound -DBL_MAX (+DBL_MAX when
        // maximising): no bound at all, not a number to report.
        if best != 0 {
            let b = glp_ios_node_bound(tree, best)
            if abs(b) < .greatestFiniteMagnitude { bound = b }
        }
        if reason == GLP_IHEUR, !warmStartOffered, let start = warmStart {
            warmStartOffered = true
            _ = start.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
        }
        var isNew = false
        if reason == GLP_IBINGO, let p = glp_ios_get_prob(tree) {
            let value = glp_mip_obj_val(p)
            incumbent = value
            isNew = true
            if meetsTarget(value) {
                targetMet = true
                glp_ios_terminate(tree)
            }
        }
        guard let report = options.progress else { return }
        let now = elapsed
        if isNew || now - lastReport >= options.progressInterval {
            lastReport = now
            let gap = incumbent.flatMap { inc in bound.map { SolveResult.relativeGap(objective: inc, bound: $0) } }
            report(SolveProgress(incumbent: incumbent, bound: bound, gap: gap, seconds: now, nodes: nodes, isNewIncumbent: isNew))
        }
    }

    func onTerminalOutput(_ text: String) {
        logBuffer += text
        while let newline = logBuffer.firstIndex(of: "\n") {
            let line = String(logBuffer[..<newline])
            logBuffer.removeSubrange(...newline)
            if !line.isEmpty { options.logger?.info("\(line)", metadata: ["source": "glpk"]) }
        }
    }

    func flushLog() {
        if !logBuffer.isEmpty { options.logger?.info("\(logBuffer)", metadata: ["source": "glpk"]) }
        logBuffer = ""
    }
}

/// `glp_intopt`'s callback: forwards to the run that `info` points at.
private let glpkBranchCallback: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { tree, info in
    guard let tree, let info else { return }
    Unmanaged<GLPKRun>.fromOpaque(info).takeUnretainedValue().onBranchEvent(tree)
}

/// GLPK's terminal hook: routes text to the run's logger and suppresses stdout.
private let glpkTermHook: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32 = { info, text in
    guard let info, let text else { return 1 }
    Unmanaged<GLPKRun>.fromOpaque(info).takeUnretainedValue().onTerminalOutput(String(cString: text))
    return 1
}
