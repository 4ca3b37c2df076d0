/// A minimum-cost flow solver: the primal network simplex method with lexicographic
/// integer costs.
///
/// A capacitated bipartite matching without side constraints is a minimum-cost flow:
/// source → left participant → right participant → sink, with a bypass arc from source
/// to sink for the flow that stays unmatched. The network simplex solves it exactly in
/// integers, with no floating-point tolerance, and much faster than a general LP simplex
/// on the same problem, because a basis is a spanning tree and a pivot only touches the
/// tree path of the entering arc and the subtree it re-hangs.
///
/// Costs are pairs compared lexicographically: the `primary` part (matches weighted by
/// priority) always dominates the `secondary` part (compatibility score). That is the
/// exact form of the separating constant the LP formulation uses, without its large
/// coefficients.
///
/// The implementation follows Ahuja, Magnanti and Orlin, *Network Flows* (1993), §11:
/// an artificial root joined to every node gives a first, strongly feasible spanning tree;
/// the leaving arc is the last blocking arc of the pivot cycle, which keeps the tree strongly
/// feasible and so rules out cycling; entering arcs are priced by block search
/// (Grigoriadis), blocks of about √arcs.
///
/// Complexity: each pivot costs O(block + cycle length + re-hung subtree). The number of
/// pivots is not polynomially bounded in theory; in practice it is a small multiple of the
/// node count.
struct NetworkSimplex {
    /// A lexicographic cost: `primary` first, `secondary` to break ties.
    struct Cost: Hashable, Comparable {
        var primary: Int
        var secondary: Int
        static let zero = Cost(primary: 0, secondary: 0)
        static func < (a: Cost, b: Cost) -> Bool { a.primary != b.primary ? a.primary < b.primary : a.secondary < b.secondary }
    }

    /// How ``solve(shouldStop:)`` ended.
    enum Outcome: Equatable {
        /// The flow is a minimum-cost flow.
        case optimal
        /// `shouldStop` returned true; the flow is feasible (supplies met) but maybe not optimal.
        case stopped
        /// The supplies cannot be met (some flow is left on artificial arcs).
        case infeasible
    }

    /// Capacity used for arcs without a bound.
    static let unbounded = Int.max / 4

    private(set) var nodeCount: Int
    private var tails: [Int] = []
    private var heads: [Int] = []
    private var capacities: [Int] = []
    private var costsP: [Int] = []
    private var costsS: [Int] = []
    private var supplies: [Int]

    /// A network with `nodeCount` nodes, no arcs and no supplies.
    init(nodeCount: Int) {
        precondition(nodeCount >= 0, "negative node count")
        self.nodeCount = nodeCount
        supplies = Array(repeating: 0, count: nodeCount)
    }

    /// Adds an arc and returns its index. `capacity` ≥ 0; use ``unbounded`` for none.
    @discardableResult
    mutating func addArc(from tail: Int, to head: Int, capacity: Int, cost: Cost) -> Int {
        precondition(tail >= 0 && tail < nodeCount && head >= 0 && head < nodeCount && tail != head, "arc \(tail)→\(head) out of range")
        precondition(capacity >= 0 && capacity <= Self.unbounded, "capacity \(capacity) out of range")
        tails.append(tail)
        heads.append(head)
        capacities.append(capacity)
        costsP.append(cost.primary)
        costsS.append(cost.secondary)
        return tails.count - 1
    }

    /// The number of arcs added so far.
    var arcCount: Int { tails.count }

    /// Sets the supply of `node`: positive where flow enters, negative where it leaves.
    mutating func setSupply(_ node: Int, _ amount: Int) {
        supplies[node] = amount
    }

    /// The flow on each arc after ``solve(shouldStop:)``, by arc index.
    private(set) var flows: [Int] = []

    /// Solves the problem. `shouldStop` is polled every few hundred pivots.
    mutating func solve(shouldStop: () -> Bool = { false }) -> Outcome {
        precondition(supplies.reduce(0, +) == 0, "supplies must balance")
        let n = nodeCount, m = tails.count
        let root = n
        // Artificial arcs m..<m+n join each node to the root.
        var tail = tails, head = heads, cap = capacities, cP = costsP, cS = costsS
        var flow = [Int](repeating: 0, count: m + n)
        var maxPrimary = 0
        for a in 0..<m { maxPrimary = max(maxPrimary, abs(cP[a])) }
        // An artificial arc must cost more than any simple path of real arcs.
        let artificialCost = 1 + (n + 1) * maxPrimary
        // state: 1 at lower bound, -1 at upper bound, 0 in the tree.
        var state = [Int8](repeating: 1, count: m + n)
        var parent = [Int](repeating: root, count: n + 1)
        var pred = [Int](repeating: -1, count: n + 1)
        var up = [Bool](repeating: true, count: n + 1)   // pred arc points from the node to its parent
        var depth = [Int](repeating: 1, count: n + 1)
        var piP = [Int](repeating: 0, count: n + 1)
        var piS = [Int](repeating: 0, count: n + 1)
        var firstChild = [Int](repeating: -1, count: n + 1)
        var nextSibling = [Int](repeating: -1, count: n + 1)
        var prevSibling = [Int](repeating: -1, count: n + 1)
        parent[root] = -1
        depth[root] = 0
        func detach(_ x: Int) {
            let p = parent[x]
            if prevSibling[x] >= 0 { nextSibling[prevSibling[x]] = nextSibling[x] } else { firstChild[p] = nextSibling[x] }
            if nextSibling[x] >= 0 { prevSibling[nextSibling[x]] = prevSibling[x] }
            prevSibling[x] = -1
            nextSibling[x] = -1
        }
        func attach(_ x: Int, to p: Int) {
            parent[x] = p
            nextSibling[x] = firstChild[p]
            if firstChild[p] >= 0 { prevSibling[firstChild[p]] = x }
            firstChild[p] = x
        }
        for u in 0..<n {
            let a = m + u
            state[a] = 0
            if supplies[u] >= 0 {
                tail.append(u); head.append(root); cP.append(0); cS.append(0)
                up[u] = true
            } else {
                tail.append(root); head.append(u); cP.append(artificialCost); cS.append(0)
                up[u] = false
                piP[u] = artificialCost
            }
            cap.append(Self.unbounded)
            flow[a] = abs(supplies[u])
            pred[u] = a
            attach(u, to: root)
        }

        func residual(_ v: Int, downward: Bool) -> Int {
            let a = pred[v]
            // Moving along the orientation downward (parent → v) increases an arc parent → v.
            return (up[v] != downward) ? cap[a] - flow[a] : flow[a]
        }

        let total = m + n
        let block = max(10, Int(Double(total).squareRoot()))
        var next = 0
        var pivots = 0
        var stack: [Int] = []
        pricing: while true {
            if pivots % 256 == 0, shouldStop() { self.flows = Array(flow[0..<m]); return artificialFlow(flow, m: m, n: n) ? .infeasible : .stopped }
            // Block search for the entering arc.
            var entering = -1
            var bestP = 0, bestS = 0
            var scanned = 0
            while scanned < total {
                let end = min(scanned + block, total)
                while scanned < end {
                    let a = next
                    next += 1
                    if next == total { next = 0 }
                    scanned += 1
                    let s = Int(state[a])
                    if s == 0 { continue }
                    let vP = s * (cP[a] + piP[tail[a]] - piP[head[a]])
                    if vP > 0 { continue }
                    let vS = s * (cS[a] + piS[tail[a]] - piS[head[a]])
                    if vP < bestP || (vP == bestP && vS < bestS) {
                        entering = a
                        bestP = vP
                        bestS = vS
                    }
                }
                if entering >= 0 { break }
            }
            if entering < 0 { break pricing }
            pivots += 1

            // The pivot cycle: k → l along the entering arc, then back through the apex.
            let forward = state[entering] == 1
            let k = forward ? tail[entering] : head[entering]
            let l = forward ? head[entering] : tail[entering]
            var x = k, y = l
            while x != y {
                if depth[x] >= depth[y] { x = parent[x] } else { y = parent[y] }
            }
            let apex = x
            var delta = cap[entering]
            x = k
            while x != apex { delta = min(delta, residual(x, downward: true)); x = parent[x] }
            x = l
            while x != apex { delta = min(delta, residual(x, downward: false)); x = parent[x] }
            // The leaving arc: the last blocking arc from the apex (l side nearest the apex,
            // then the entering arc, then the k side nearest k).
            var leaving = -1   // a node whose pred arc leaves, or -1 for the entering arc itself
            var onLSide = false
            x = l
            while x != apex {
                if residual(x, downward: false) == delta { leaving = x; onLSide = true }
                x = parent[x]
            }
            if leaving < 0 && cap[entering] != delta {
                x = k
                while x != apex {
                    if residual(x, downward: true) == delta { leaving = x; break }
                    x = parent[x]
                }
            }
            // Augment.
            if delta > 0 {
                flow[entering] += forward ? delta : -delta
                x = k
                while x != apex { flow[pred[x]] += up[x] ? -delta : delta; x = parent[x] }
                x = l
                while x != apex { flow[pred[x]] += up[x] ? delta : -delta; x = parent[x] }
            }
            if leaving < 0 {
                state[entering] = forward ? -1 : 1
                continue
            }
            // Re-hang the subtree cut off by the leaving arc from the entering arc.
            let q = leaving
            let leavingArc = pred[q]
            state[leavingArc] = flow[leavingArc] == 0 ? 1 : -1
            state[entering] = 0
            let uIn = onLSide ? l : k, vIn = onLSide ? k : l
            var newParent = vIn, newPred = entering
            x = uIn
            while true {
                let oldParent = parent[x], oldPred = pred[x]
                detach(x)
                attach(x, to: newParent)
                pred[x] = newPred
                up[x] = tail[newPred] == x
                if x == q { break }
                newParent = x
                newPred = oldPred
                x = oldParent
            }
            // Depths and potentials of the re-hung subtree.
            stack.append(uIn)
            while let v = stack.popLast() {
                let p = parent[v], a = pred[v]
                depth[v] = depth[p] + 1
                if up[v] {
                    piP[v] = piP[p] - cP[a]
                    piS[v] = piS[p] - cS[a]
                } else {
                    piP[v] = piP[p] + cP[a]
                    piS[v] = piS[p] + cS[a]
                }
                var c = firstChild[v]
                while c >= 0 { stack.append(c); c = nextSibling[c] }
            }
        }
        self.flows = Array(flow[0..<m])
        return artificialFlow(flow, m: m, n: n) ? .infeasible : .optimal
    }

    /// Whether any flow is left on the artificial arcs m..<m+n.
    private func artificialFlow(_ flow: [Int], m: Int, n: Int) -> Bool {
        (m..<(m + n)).contains { flow[$0] != 0 }
    }

    /// The total cost of the current flows.
    var cost: Cost {
        var p = 0, s = 0
        for a in flows.indices { p += flows[a] * costsP[a]; s += flows[a] * costsS[a] }
        return Cost(primary: p, secondary: s)
    }
}
