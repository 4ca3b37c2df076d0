import Dispatch

/// `body(0) … body(count − 1)`, on all cores, in index order: each call writes only its
/// own slot, so the result does not depend on the order the calls finish in (the
/// schedule models price volunteers this way, and a roster stays the same on every
/// machine). O(count × body).
func concurrentMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer {
        _ = results.deinitialize()
        results.deallocate()
    }
    nonisolated(unsafe) let slots = results
    withoutActuallyEscaping(body) { body in
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = body(i) }
    }
    return results.map { $0! }
}
