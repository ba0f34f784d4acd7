import Diagnostics
import Foundation
import Testing

@testable import Syntax

/// Root of the package, for `examples/`.
private let packageDirectory = syntaxTestsDirectory.deletingLastPathComponent().deletingLastPathComponent()

/// Every config the repository holds: `examples/` and this target's fixtures.
private func realConfigs() -> [(name: String, bytes: [UInt8])] {
  var found: [(String, [UInt8])] = []
  for root in [packageDirectory.appendingPathComponent("examples"), syntaxTestsDirectory.appendingPathComponent("Fixtures")] {
    guard let walker = FileManager.default.enumerator(atPath: root.path) else { continue }
    for case let relative as String in walker
    where relative.hasSuffix(".config") || relative.hasSuffix(".config.txt") || relative.hasSuffix(".pbtxt") {
      if let data = FileManager.default.contents(atPath: root.appendingPathComponent(relative).path) {
        found.append((relative, Array(data)))
      }
    }
  }
  return found.sorted { $0.0 < $1.0 }
}

/// Byte-level edits that mimic hand-editing accidents and hostile input.
private struct Mutator {
  var rng: SplitMix64
  let donors: [[UInt8]]

  static let fragments: [[UInt8]] = [
    "{", "}", "<", ">", "[", "]", ":", ",", ";", "\"", "'", "\\", "#", "-", "+", "/", "//", "/*", "@",
    "\n", " ", "\t", "\r\n", "0x", "1e", "0", "09", "1_0", ".", "-inf", "\\u12", "\\x", "“", "é",
    "\u{A0}", "a {", "a: [", "b: 1", "[x.y/z]",
  ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x80], [0xEF, 0xBB, 0xBF], [0x00], [0xED, 0xA0, 0x80]]

  mutating func int(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(rng.next() % UInt64(bound)) }

  mutating func range(in count: Int) -> Range<Int> {
    let start = int(count + 1)
    return start..<min(count, start + int(48) + 1)
  }

  mutating func mutate(_ input: [UInt8]) -> [UInt8] {
    var bytes = input
    for _ in 0..<(1 + int(4)) {
      switch int(8) {
      case 0:
        bytes.removeSubrange(range(in: bytes.count))
      case 1, 2:
        bytes.insert(contentsOf: Mutator.fragments[int(Mutator.fragments.count)], at: int(bytes.count + 1))
      case 3:
        let r = range(in: bytes.count)
        bytes.insert(contentsOf: bytes[r], at: int(bytes.count + 1))
      case 4:
        let a = range(in: bytes.count)
        let b = range(in: bytes.count)
        if a.upperBound <= b.lowerBound {
          let (x, y) = (Array(bytes[a]), Array(bytes[b]))
          bytes.replaceSubrange(b, with: x)
          bytes.replaceSubrange(a, with: y)
        }
      case 5:
        if !bytes.isEmpty { bytes[int(bytes.count)] = UInt8(truncatingIfNeeded: rng.next()) }
      case 6:
        let donor = donors[int(donors.count)]
        bytes.insert(contentsOf: donor[range(in: donor.count)], at: int(bytes.count + 1))
      default:
        bytes.removeSubrange(int(bytes.count + 1)...)
      }
    }
    return bytes
  }
}

@Test func corpusIsFound() {
  // The mutation test is only as good as its seeds.
  let names = realConfigs().map(\.name)
  #expect(names.contains("quickstart/pipeline.config"))
  #expect(names.count >= 5, "\(names)")
}

/// Thousands of mutated real configs: no trap, spans sound, formatting safe.
@Test func mutatedConfigsKeepTheInvariants() {
  let seeds = realConfigs().map(\.bytes)
  var mutator = Mutator(rng: SplitMix64(seed: 0xC0FF_EE00), donors: seeds)
  var clean = 0
  let rounds = 10_000
  for round in 0..<rounds {
    let input = mutator.mutate(seeds[round % seeds.count])
    if let problem = SyntaxInvariants.violation(in: input) {
      Issue.record("round \(round): \(problem)\n--- input ---\n\(String(decoding: input, as: UTF8.self))")
      return
    }
    if Formatter.canFormat(parse(input).1) { clean += 1 }
  }
  // Mutations must leave some inputs whole, or the formatter half goes untested.
  #expect(clean > rounds / 20, "only \(clean) of \(rounds) mutated inputs parsed without error")
}

/// Inputs pipec-fuzz found, minimised: each once broke an invariant.
@Test(arguments: [
  // The error cap hit inside a string full of invalid bytes: its errors were dropped.
  Array("a: +\"".utf8) + Array(repeating: 0x9D, count: 60) + Array("\"\nb: 1\n".utf8),
  Array("##\r\r".utf8),
] as [[UInt8]])
func fuzzFindingsKeepTheInvariants(_ input: [UInt8]) {
  #expect(SyntaxInvariants.violation(in: input) == nil)
}

/// Random byte strings over an alphabet rich in text-format punctuation.
@Test func randomBytesKeepTheInvariants() {
  var rng = SplitMix64(seed: 0xBAD5_EED)
  let alphabet = Array("ab_09.xXeEfF+-\"'\\#{}<>[]:;,/@ \n\t\r".utf8) + [0xC3, 0xA9, 0xFF, 0xE2, 0x80, 0x9C, 0xC2, 0xA0, 0x00]
  for round in 0..<10_000 {
    let length = Int(rng.next() % 96)
    let bytes = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
    if let problem = SyntaxInvariants.violation(in: bytes) {
      Issue.record("round \(round): \(problem) for \(bytes)")
      return
    }
  }
}

/// Unbalanced openers far past the limit: one clear error, no stack overflow.
@Test(arguments: ["a {", "{", "a: [{", "a <", "a: {"])
func deepNestingIsOneError(_ opener: String) {
  let source = String(repeating: opener, count: 100_000)
  let (tree, diagnostics) = parse(source)
  #expect(diagnostics.filter { $0.severity == .error }.count == 1, "\(diagnostics.map(\.message).prefix(3))")
  #expect(SyntaxInvariants.violation(in: Array(source.utf8)) == nil)
  _ = tree.dump
}

/// The worst nesting the limit allows, parsed, dumped and formatted on a thread
/// whose stack is smaller than Swift Testing's worker threads.
@Test func deepestAllowedNestingFitsASmallStack() throws {
  let depth = ParseOptions().maxDepth - 1
  let source = String(repeating: "a: {", count: depth) + String(repeating: "}", count: depth)
  // Half the 8 MB that Swift Testing's threads get on Linux; a debug build
  // needs about 2.5 MB here (release far less).
  let stackSize = 4 * 1024 * 1024
  let done = DispatchSemaphore(value: 0)
  nonisolated(unsafe) var problem: String? = "did not finish"
  let thread = Thread {
    problem = SyntaxInvariants.violation(in: Array(source.utf8))
    done.signal()
  }
  thread.stackSize = stackSize
  thread.start()
  done.wait()
  #expect(problem == nil)
  #expect(currentThreadStackSize() >= stackSize, "tests run on a \(currentThreadStackSize())-byte stack")
}

/// The stack size of the calling thread (glibc's `pthread_getattr_np`, which
/// Swift's Glibc module hides behind `_GNU_SOURCE`, so it is looked up by name).
private func currentThreadStackSize() -> Int {
  typealias GetAttr = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
  guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_getattr_np") else { return 0 }
  let getAttributes = unsafeBitCast(symbol, to: GetAttr.self)
  var attributes = pthread_attr_t()
  guard getAttributes(pthread_self(), &attributes) == 0 else { return 0 }
  defer { pthread_attr_destroy(&attributes) }
  var size = 0
  pthread_attr_getstacksize(&attributes, &size)
  return size
}

private func parse(_ bytes: [UInt8]) -> (SyntaxTree, [Diagnostic]) {
  var sources = SourceMap()
  let id = sources.add(path: "test.config", bytes: bytes)
  return Parser.parse(sources[id])
}
