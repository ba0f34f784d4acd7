import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A fixed set of threads that run one parallel region at a time.
///
/// `run` calls `body(part)` for every `part` in `0..<parts` at once, the caller
/// taking part 0, and returns when all are done. Workers spin briefly between
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
  private var task: ((Int) -> Void)?
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

  /// Runs `body(part)` for each part concurrently and waits for all of them.
  ///
  /// Regions do not nest: `body` must not call `run` on the same pool.
  /// A region started while another thread's region is running executes all
  /// its parts in turn on the calling thread, so concurrent users stay correct.
  ///
  /// Known cost: `withoutActuallyEscaping` makes one small transient heap
  /// allocation per region (measured with a uprobe on malloc); tensor storage
  /// itself is never allocated in steady state.
  package func run(_ body: (Int) -> Void) {
    if parts == 1 { body(0); return }
    if pthread_mutex_trylock(&busy) != 0 {
      for part in 0..<parts { body(part) }
      return
    }
    defer { pthread_mutex_unlock(&busy) }
    withoutActuallyEscaping(body) { escapable in
      task = escapable
      pending.store(parts - 1, ordering: .relaxed)
      pthread_mutex_lock(&mutex)
      generation.add(1, ordering: .releasing)
      pthread_cond_broadcast(&wake)
      pthread_mutex_unlock(&mutex)
      escapable(0)
      var spins = 0
      while pending.load(ordering: .acquiring) != 0 {
        spins += 1
        if spins > 2000 { sched_yield() }
      }
      task = nil
    }
  }

  /// Runs `body(range)` over `0..<count` split into contiguous, nearly equal
  /// ranges, one per part; parts with an empty range are skipped.
  package func forEachRange(_ count: Int, _ body: (Range<Int>, Int) -> Void) {
    if parts == 1 || count <= 1 { body(0..<count, 0); return }
    run { part in
      let r = WorkerPool.split(count, parts: parts, part: part)
      if !r.isEmpty { body(r, part) }
    }
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
      if let task { task(index) }
      pending.subtract(1, ordering: .releasing)
    }
  }
}

private final class WorkerStart {
  let pool: WorkerPool
  let index: Int
  init(pool: WorkerPool, index: Int) { self.pool = pool; self.index = index }
}
