import Testing

@testable import Check
import Diagnostics

struct NearestCase: Sendable, CustomTestStringConvertible {
  let name: String
  let candidates: [String]
  let expected: [String]
  var testDescription: String { name }
}

@Test(arguments: [
  NearestCase(name: "sdd", candidates: ["ssd", "faster_rcnn", "center_net"], expected: ["ssd"]),
  NearestCase(name: "num_clases", candidates: ["num_classes", "image_resizer"], expected: ["num_classes"]),
  NearestCase(name: "NUM_CLASSES", candidates: ["num_classes"], expected: ["num_classes"]),
  NearestCase(name: "bacth_size", candidates: ["batch_size", "num_steps"], expected: ["batch_size"]),
  NearestCase(name: "sigmoid", candidates: ["IDENTITY", "SIGMOID", "SOFTMAX"], expected: ["SIGMOID"]),
  NearestCase(name: "xyz", candidates: ["ssd", "faster_rcnn"], expected: []),
  NearestCase(name: "optimiser", candidates: ["optimizer", "num_steps"], expected: ["optimizer"]),
])
func suggestsNearestNames(_ c: NearestCase) {
  #expect(nearestNames(to: c.name, among: c.candidates) == c.expected)
}

@Test(arguments: [
  ("", "abc", 3), ("abc", "abc", 0), ("abc", "acb", 1), ("kitten", "sitting", 3), ("ssd", "sdd", 1),
])
func editDistanceCountsTranspositionsOnce(_ a: String, _ b: String, _ expected: Int) {
  #expect(editDistance(a, b) == expected)
}

/// The banded distance agrees with the full one at or under its limit and stays above
/// the limit otherwise, on random strings over a small alphabet (fixed seed), where
/// near misses, transpositions and length differences are common.
@Test(arguments: [1, 2, 3])
func boundedEditDistanceAgreesWithFull(_ limit: Int) {
  var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(limit)
  func next(_ n: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(n))
  }
  func word() -> [UInt8] { (0..<next(9)).map { _ in UInt8(ascii: "a") + UInt8(next(3)) } }
  for _ in 0..<2000 {
    let a = word()
    // Half the pairs are a small edit of `a`, so distances at the limit are frequent.
    var b = next(2) == 0 ? a : word()
    if !b.isEmpty && next(2) == 0 { b[next(b.count)] = UInt8(ascii: "c") }
    let full = editDistance(String(decoding: a, as: UTF8.self), String(decoding: b, as: UTF8.self))
    let bounded = editDistance(a, b, atMost: limit)
    if full <= limit {
      #expect(bounded == full, "\(a) \(b)")
    } else {
      #expect(bounded > limit, "\(a) \(b)")
    }
  }
}
