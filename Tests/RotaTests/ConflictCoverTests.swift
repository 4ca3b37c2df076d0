import Testing
import LinearProgramming
@testable import Rota

/// ``ConflictCover``: the clique rows it writes forbid exactly the declared conflicts (the
/// same 0/1 points, by brute force on seeded random conflict graphs), and on a hotline's
/// shape (one shift a day, a night's rest) they are two rows a day.
@Suite("Conflict cover: rules' conflicts as clique rows")
struct ConflictCoverTests {
    /// Whether `chosen` (a bit set over `n` items) takes two items of one row.
    private func breaksARow(_ rows: [[Int]], _ chosen: Int) -> Bool {
        rows.contains { row in row.filter { chosen & (1 << $0) != 0 }.count > 1 }
    }

    @Test(arguments: 0..<60)
    func rowsForbidExactlyTheDeclaredConflicts(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = Int.random(in: 2...9, using: &rng)
        var cover = ConflictCover()
        var conflict = Set<[Int]>()
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            let clique = (0..<n).filter { _ in Int.random(in: 0...2, using: &rng) == 0 }
            cover.clique(clique)
            if clique.count >= 2 { for (i, a) in clique.enumerated() { for b in clique[(i + 1)...] { conflict.insert([a, b]) } } }
        }
        for _ in 0..<Int.random(in: 0...12, using: &rng) {
            let a = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
            cover.pair(a, b)
            if a != b { conflict.insert([min(a, b), max(a, b)]) }
        }
        let order = Array(0..<n).shuffled(using: &rng)  // the volunteer's items in some order
        let rows = cover.rows(order: order)
        for chosen in 0..<(1 << n) {
            let breaksAConflict = conflict.contains { chosen & (1 << $0[0]) != 0 && chosen & (1 << $0[1]) != 0 }
            #expect(breaksARow(rows, chosen) == breaksAConflict, "seed \(seed), items \(chosen)")
        }
        // No row is written twice, and each holds at least two items.
        #expect(Set(rows.map { $0.sorted() }).count == rows.count)
        #expect(rows.allSatisfy { $0.count >= 2 })
        #expect(rows == cover.rows(order: order), "the same rows on every run")
    }

    /// One shift a day from three early (0, 1, 2) and two late (3, 4) templates, and a
    /// late shift too close to the next morning's early ones: each day's items are one
    /// row and each night one more, where pairs would be 15 rows a day.
    @Test func aHotlineDayIsTwoRows() {
        let days = 14, perDay = 5
        var cover = ConflictCover()
        for d in 0..<days {
            let day = (0..<perDay).map { d * perDay + $0 }
            cover.clique(day)  // one a day
            cover.clique(Array(day[0..<3]))  // the early shifts overlap
            cover.clique(Array(day[3..<5]))  // and the late ones
            for a in day[0..<3] { for b in day[3..<5] { cover.pair(a, b) } }  // rest within the day
            if d + 1 < days {
                for a in day[3..<5] { for b in 0..<3 { cover.pair(a, (d + 1) * perDay + b) } }  // and overnight
            }
        }
        let rows = cover.rows(order: Array(0..<(days * perDay)))
        #expect(rows.count == 2 * days - 1)
        #expect(rows.contains([3, 4, 5, 6, 7]), "yesterday's late shifts with today's early ones")
    }
}
