// Edit distances for "did you mean" suggestions, shared by every stage.

/// Levenshtein distance over bytes (names are ASCII): insertions, deletions and
/// substitutions, one edit each. The suggestions of the syntax, schema and stdlib
/// layers use it; the checker's field and enum names use `editDistance`, which also
/// counts a swapped pair of letters as one edit.
package func levenshteinDistance(_ a: String, _ b: String) -> Int {
  let x = Array(a.utf8)
  let y = Array(b.utf8)
  if x.isEmpty { return y.count }
  if y.isEmpty { return x.count }
  var previous = Array(0...y.count)
  var current = previous
  for i in 1...x.count {
    current[0] = i
    for j in 1...y.count {
      let cost = x[i - 1] == y[j - 1] ? 0 : 1
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    swap(&previous, &current)
  }
  return previous[y.count]
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
package func editDistance(_ a: String, _ b: String) -> Int {
  let x = Array(a.utf8)
  let y = Array(b.utf8)
  if x.isEmpty { return y.count }
  if y.isEmpty { return x.count }
  var previousPrevious = [Int](repeating: 0, count: y.count + 1)
  var previous = Array(0...y.count)
  var current = [Int](repeating: 0, count: y.count + 1)
  for i in 1...x.count {
    current[0] = i
    for j in 1...y.count {
      let cost = x[i - 1] == y[j - 1] ? 0 : 1
      var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d = min(d, previousPrevious[j - 2] + 1) }
      current[j] = d
    }
    (previousPrevious, previous, current) = (previous, current, previousPrevious)
  }
  return previous[y.count]
}

/// `editDistance(a, b)` when it is at most `limit`, else some value above `limit`.
///
/// Only cells within `limit` of the diagonal are computed: a path through any other
/// cell already costs more than `limit` (each step off the diagonal is an edit), and
/// a transposition stays on its diagonal. Used where only near names matter.
package func editDistance(_ x: [UInt8], _ y: [UInt8], atMost limit: Int) -> Int {
  let over = limit + 1
  if abs(x.count - y.count) > limit { return over }
  if x.isEmpty { return y.count }
  if y.isEmpty { return x.count }
  let width = y.count + 1
  // Rows i - 2, i - 1 and i; cells outside the band hold `over`.
  var previousPrevious = [Int](repeating: over, count: width)
  var previous = [Int](repeating: over, count: width)
  var current = [Int](repeating: over, count: width)
  for j in 0...min(y.count, limit) { previous[j] = j }
  for i in 1...x.count {
    let low = max(1, i - limit)
    let high = min(y.count, i + limit)
    current[0] = i <= limit ? i : over
    if low > 1 { current[low - 1] = over }
    var best = current[0]
    if low <= high {
      for j in low...high {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d = min(d, previousPrevious[j - 2] + 1) }
        d = min(d, over)
        current[j] = d
        best = min(best, d)
      }
    }
    if high < y.count { current[high + 1] = over }
    if best > limit { return over }
    (previousPrevious, previous, current) = (previous, current, previousPrevious)
  }
  return previous[y.count]
}
