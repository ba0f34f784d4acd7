import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A fixed set of threads that run one parallel region at a time.
///
/// `run` calls `work.run(part:)` for every `part` in `0..<parts` at once, the
/// caller taking part 0, and returns when all are done. Workers spin briefly between
/// regions (a training step runs hundreds of short ones) and then sleep on a
/// condition variable, so an idle pool costs no CPU. OpenBLAS is set to one
/// thread when the pool is created: parallel GEMM comes from workers calling it
/// on disjoint slices, never from OpenBLAS's own threads competing with ours.
package final class WorkerPool: @unchecked Sendable {
  /// The process-wide pool: one part per core, up to 2 by default.
  package static let shared = WorkerPool(parts: defaultParts())

  package let parts: Int
  private let generation = Atomic<Int>(0)
  private let pending = Atomic<Int>(0)
  private var job: (any ParallelWork)?
  private var mutex = pthread_mutex_t()
  private var busy = pthread_mutex_t()
  private var wake = pthread_cond_t()
  private var threads: [pthread_t] = []

  private static func defaultParts() -> Int {
    if let env = getenv("PIPEC_THREADS"), let n = Int(String(cString: env)), n > 0 { return n }
    return max(1, min(2, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
  }

  package init(parts: Int) {
    precondition(parts >= 1, "a worker pool needs at least one part")
    self.parts = parts
    BLAS.threads = 1
    pthread_mutex_init(&mutex, nil)
    pthread_mutex_init(&busy, nil)
    pthread_cond_init(&wake, nil)
    for index in 1..<max(parts, 1) {
      let box = Unmanaged.passRetained(WorkerStart(pool: self, index: index))
      var thread = pthread_t()
      let rc = pthread_create(&thread, nil, { raw in
        guard let raw else { return nil }
        let start = Unmanaged<WorkerStart>.fromOpaque(raw).takeRetainedValue()
        start.pool.workerLoop(index: start.index)
        return nil
      }, box.toOpaque())
      precondition(rc == 0, "pthread_create failed with \(rc)")
      threads.append(thread)
    }
  }

  /// Runs `work.run(part:)` for each part concurrently and waits for all of them.
  ///
  /// Regions do not nest: `work` must not start a region on the same pool. A
  /// region started while another thread's region is running executes all its
  /// parts in turn on the calling thread, so concurrent users stay correct.
  /// The work value lives on the caller's stack and the workers reach it
  /// through a pointer, so a region allocates nothing.
  package func run<W: ParallelWork>(_ work: W) {
    if parts == 1 { work.run(part: 0); return }
    if pthread_mutex_trylock(&busy) != 0 {
      for part in 0..<parts { work.run(part: part) }
      return
    }
    defer { pthread_mutex_unlock(&busy) }
    withUnsafePointer(to: work) { pointer in
      job = WorkReference(pointer: pointer)
      pending.store(parts - 1, ordering: .relaxed)
      pthread_mutex_lock(&mutex)
      generation.add(1, ordering: .releasing)
      pthread_cond_broadcast(&wake)
      pthread_mutex_unlock(&mutex)
      work.run(part: 0)
      var spins = 0
      while pending.load(ordering: .acquiring) != 0 {
        spins += 1
        if spins > 2000 { sched_yield() }
      }
      job = nil
    }
  }

  /// Runs `work.run(range, part:)` over `0..<count` split into contiguous,
  /// nearly equal ranges, one per part; parts with an empty range are skipped.
  package func forEachRange<W: RangeWork>(_ count: Int, _ work: W) {
    if parts == 1 || count <= 1 { work.run(0..<count, part: 0); return }
    run(RangeSplit(work: work, count: count, parts: parts))
  }

  /// `run` for a closure. Convenient, but converting the closure for the
  /// workers (`withoutActuallyEscaping`) allocates a small box per region, so
  /// the training step's layers use `ParallelWork` values instead.
  package func run(_ body: (Int) -> Void) {
    withoutActuallyEscaping(body) { escapable in run(ClosureWork(body: escapable)) }
  }

  /// `forEachRange` for a closure (allocates per region, as `run(_:)`).
  package func forEachRange(_ count: Int, _ body: (Range<Int>, Int) -> Void) {
    withoutActuallyEscaping(body) { escapable in forEachRange(count, ClosureRangeWork(body: escapable)) }
  }

  /// The `part`-th of `parts` contiguous, nearly equal ranges of `0..<count`.
  package static func split(_ count: Int, parts: Int, part: Int) -> Range<Int> {
    let base = count / parts, extra = count % parts
    let start = part * base + min(part, extra)
    return start..<(start + base + (part < extra ? 1 : 0))
  }

  private func workerLoop(index: Int) {
    var seen = 0
    while true {
      var spins = 0
      var current = generation.load(ordering: .acquiring)
      while current == seen {
        spins += 1
        if spins > 20_000 {
          pthread_mutex_lock(&mutex)
          while generation.load(ordering: .acquiring) == seen { pthread_cond_wait(&wake, &mutex) }
          pthread_mutex_unlock(&mutex)
        }
        current = generation.load(ordering: .acquiring)
      }
      seen = current
      if let job { job.run(part: index) }
      pending.subtract(1, ordering: .releasing)
    }
  }
}

private final class WorkerStart {
  let pool: WorkerPool
  let index: Int
  init(pool: WorkerPool, index: Int) { self.pool = pool; self.index = index }
}

/// One parallel region's work: `run(part:)` is called once for each part, concurrently.
///
/// Workers call it through an existential, so a *generic* work type runs there
/// unspecialised: keep per-element loops out of generic work types (switch to
/// concrete types inside `run`, as `BatchNorm`'s `SumsWork` does).
package protocol ParallelWork {
  func run(part: Int)
}

/// Work over a range of rows: each part gets one contiguous slice.
package protocol RangeWork {
  func run(_ range: Range<Int>, part: Int)
}

/// What the workers hold: one pointer, so the existential needs no heap box.
private struct WorkReference<W: ParallelWork>: ParallelWork {
  let pointer: UnsafePointer<W>
  func run(part: Int) { pointer.pointee.run(part: part) }
}

private struct RangeSplit<W: RangeWork>: ParallelWork {
  let work: W
  let count: Int
  let parts: Int
  func run(part: Int) {
    let r = WorkerPool.split(count, parts: parts, part: part)
    if !r.isEmpty { work.run(r, part: part) }
  }
}

private struct ClosureWork: ParallelWork {
  let body: (Int) -> Void
  func run(part: Int) { body(part) }
}

private struct ClosureRangeWork: RangeWork {
  let body: (Range<Int>, Int) -> Void
  func run(_ range: Range<Int>, part: Int) { body(range, part) }
}
