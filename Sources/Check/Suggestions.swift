import Diagnostics
import Schema

/// The names closest to `name` by edit distance, best first; empty when none is close.
///
/// A case-insensitive match wins outright; otherwise the limit grows with the
/// name (1 edit up to 5 characters, then one more per 3, at most 3), so `sdd`
/// finds `ssd` while short unrelated names stay unsuggested.
package func nearestNames(to name: String, among candidates: [String]) -> [String] {
  let lower = name.lowercased()
  let exactCase = candidates.filter { $0.lowercased() == lower }
  if !exactCase.isEmpty { return exactCase }
  let limit = max(1, min(3, name.count / 3))
  var scored: [(String, Int)] = []
  let x = Array(lower.utf8)
  for candidate in candidates {
    let d = editDistance(x, Array(candidate.lowercased().utf8), atMost: limit)
    if d <= limit { scored.append((candidate, d)) }
  }
  guard let best = scored.map(\.1).min() else { return [] }
  return scored.filter { $0.1 == best }.map(\.0).sorted()
}

/// Every shortest path of field names from `start` down to a message that
/// declares `name` (breadth-first, at most 6 levels), with that message.
package func locateField(named name: String, below start: MessageID, schema: Schema) -> [([String], MessageID)] {
  var visited: Set<MessageID> = [start]
  var frontier: [([String], MessageID)] = [([], start)]
  for _ in 0..<6 {
    var next: [([String], MessageID)] = []
    var found: [([String], MessageID)] = []
    for (path, id) in frontier {
      for field in schema[id].fields {
        guard case .message(let child) = field.type else { continue }
        let childPath = path + [field.name]
        if schema[child].fieldIndex(of: name) != nil { found.append((childPath, child)) }
        if !visited.contains(child) {
          visited.insert(child)
          next.append((childPath, child))
        }
      }
    }
    if !found.isEmpty { return found }
    frontier = next
  }
  return []
}
