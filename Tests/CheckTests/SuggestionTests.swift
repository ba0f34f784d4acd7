import Testing

@testable import Check

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
