internal import CGLPK
import Foundation
import LinearProgramming

/// A CPLEX-LP file that GLPK's reader rejected.
public struct CPLEXLPReadError: Error, Sendable, CustomStringConvertible {
    /// GLPK's own messages, with line numbers.
    public var messages: String
    public var description: String { "GLPK could not read the LP text:\n\(messages)" }
}

/// Reads CPLEX-LP text through GLPK's own reader (`glp_read_lp`) into a `Model`.
///
/// This is an independent reader of `Model.cplexLPText()`'s output,
/// which makes it the natural check that an export means what the model means.
public enum GLPKModelReader {
    /// Parses `text` and returns the model it describes. Names come from the file.
    public static func model(fromCPLEXLP text: String) throws(CPLEXLPReadError) -> Model {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("rota-\(UUID().uuidString).lp")
        do {
            try Data(text.utf8).write(to: url)
        } catch {
            throw CPLEXLPReadError(messages: "cannot write a temporary file: \(error)")
        }
        defer { try? FileManager.default.removeItem(at: url) }

        let collector = MessageCollector()
        let previous = glp_term_out(GLP_ON)
        glp_term_hook(collectMessage, Unmanaged.passUnretained(collector).toOpaque())
        defer {
            glp_term_hook(nil, nil)
            glp_term_out(previous)
        }
        guard let problem = glp_create_prob() else { preconditionFailure("glp_create_prob returned NULL") }
        defer { glp_delete_prob(problem) }
        guard glp_read_lp(problem, nil, url.path) == 0 else {
            throw CPLEXLPReadError(messages: collector.text)
        }
        return convert(problem)
    }

    static func convert(_ problem: OpaquePointer) -> Model {
        func name(_ c: UnsafePointer<CChar>?) -> String { c.map { String(cString: $0) } ?? "" }
        var model = Model(
            name: name(glp_get_prob_name(problem)),
            sense: glp_get_obj_dir(problem) == GLP_MAX ? .maximize : .minimize)
        model.objectiveConstant = glp_get_obj_coef(problem, 0)
        func bounds(_ type: Int32, _ lower: Double, _ upper: Double) -> (Double, Double) {
            switch type {
            case GLP_FR: (-.infinity, .infinity)
            case GLP_LO: (lower, .infinity)
            case GLP_UP: (-.infinity, upper)
            default: (lower, upper)
            }
        }
        let n = Int(glp_get_num_cols(problem)), m = Int(glp_get_num_rows(problem))
        for j in 1...Swift.max(n, 1) where j <= n {
            let c = Int32(j)
            let (l, u) = bounds(glp_get_col_type(problem, c), glp_get_col_lb(problem, c), glp_get_col_ub(problem, c))
            let kind: VariableKind = switch glp_get_col_kind(problem, c) {
            case GLP_BV: .binary
            case GLP_IV: .integer
            default: .continuous
            }
            model.addVariable(
                name: name(glp_get_col_name(problem, c)), kind: kind, lowerBound: l, upperBound: u,
                objective: glp_get_obj_coef(problem, c))
        }
        var indices = [Int32](repeating: 0, count: n + 1)
        var values = [Double](repeating: 0, count: n + 1)
        for i in 1...Swift.max(m, 1) where i <= m {
            let r = Int32(i)
            let count = Int(glp_get_mat_row(problem, r, &indices, &values))
            let terms = (1...Swift.max(count, 1)).prefix(count).map { LinearTerm(VariableID(Int(indices[$0]) - 1), values[$0]) }
            let (l, u) = bounds(glp_get_row_type(problem, r), glp_get_row_lb(problem, r), glp_get_row_ub(problem, r))
            let b: ConstraintBounds = l == u ? .equal(l) : .range(l, u)
            model.addConstraint(terms: terms, b, name: name(glp_get_row_name(problem, r)))
        }
        return model
    }
}

private final class MessageCollector {
    var text = ""
}

private let collectMessage: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32 = { info, text in
    guard let info, let text else { return 1 }
    Unmanaged<MessageCollector>.fromOpaque(info).takeUnretainedValue().text += String(cString: text)
    return 1
}
