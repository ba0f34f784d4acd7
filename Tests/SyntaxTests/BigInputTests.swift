import Diagnostics
import Foundation
import Testing

@testable import Syntax

/// Peak resident set size of this process, in bytes (Linux reports kilobytes).
private func peakRSS() -> Int {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return usage.ru_maxrss * 1024
}

/// A large config (the quickstart repeated; 1 MB by default, `PIPEC_BIG_INPUT_MB`
/// for more, e.g. 50) parses with no error into a tree whose memory grows in
/// proportion to the input. Speed is measured in `pipec-bench`, not here.
///
/// Peak RSS is a process-wide high-water mark, so the growth it shows is an
/// upper bound for the parse; tests running in parallel can only inflate it.
/// At the default 1 MB the parse usually stays under the earlier peak, so the
/// memory bound bites only with the variable set (50 MB: about 2.6 bytes per
/// input byte, 10 s in a debug build); the tree-size counters bite always.
@Test func bigInputParsesInProportionalMemory() throws {
  let megabytes = ProcessInfo.processInfo.environment["PIPEC_BIG_INPUT_MB"].flatMap(Int.init) ?? 1
  let seedPath = syntaxTestsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("examples/quickstart/pipeline.config").path
  let seed = try #require(FileManager.default.contents(atPath: seedPath).map(Array.init))
  let copies = max(1, megabytes * 1_000_000 / seed.count)
  var bytes: [UInt8] = []
  bytes.reserveCapacity(copies * (seed.count + 1))
  for _ in 0..<copies {
    bytes += seed
    bytes.append(UInt8(ascii: "\n"))
  }

  var sources = SourceMap()
  let id = sources.add(path: "big.config", bytes: bytes)
  let before = peakRSS()
  let (tree, diagnostics) = Parser.parse(sources[id])
  let growth = peakRSS() - before

  #expect(diagnostics.isEmpty)
  let seedTree = Parser.parse(SourceFile(id: FileID(1), path: "seed.config", bytes: seed)).tree
  #expect(tree.fields.count == copies * seedTree.fields.count)
  #expect(tree.comments.count == copies * seedTree.comments.count)
  // The tree stores 8-byte ranges, not strings: a few bytes of tree per input byte.
  let ratio = Double(growth) / Double(bytes.count)
  print("big input: \(bytes.count) bytes, peak RSS grew \(growth) bytes (\(String(format: "%.2f", ratio)) per input byte)")
  #expect(ratio < 8, "parsing \(bytes.count) bytes grew peak RSS by \(growth) bytes")
}
