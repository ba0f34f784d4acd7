import Testing
@testable import Diagnostics

// The plain distance counts a swapped pair as two edits; the checker's counts it as one.
@Test(arguments: [
  ("", "", 0, 0), ("", "abc", 3, 3), ("ssd", "ssd", 0, 0), ("sdd", "ssd", 1, 1),
  ("choice", "chioce", 2, 1), ("num_clases", "num_classes", 1, 1), ("kitten", "sitting", 3, 3),
])
func editDistancesCountEdits(_ a: String, _ b: String, plain: Int, withTranspositions: Int) {
  #expect(levenshteinDistance(a, b) == plain)
  #expect(levenshteinDistance(b, a) == plain)
  #expect(editDistance(a, b) == withTranspositions)
}
