import Diagnostics

/// Diagnostics of many points, merged: one per (code, message, place), with
/// the trials that produced it.
struct DiagnosticGroups {
  private struct Key: Hashable {
    var code: String
    var severity: Severity
    var message: String
    var span: SourceSpan
  }

  /// The groups in the order first found, each with the trials that produced it.
  private var groups: [(diagnostic: Diagnostic, trials: [Int])] = []
  private var place: [Key: Int32] = [:]
  /// The groups each trial is in (as places in `groups`, a few bytes a point), to give a
  /// merged duplicate the same problems.
  private var groupsOfTrial: [Int: [Int32]] = [:]

  mutating func add(_ d: Diagnostic, trial: Int) {
    let key = Key(code: d.code.rawValue, severity: d.severity, message: d.message, span: d.span)
    let index: Int
    if let found = place[key] {
      index = Int(found)
    } else {
      index = groups.count
      place[key] = Int32(index)
      groups.append((d, []))
    }
    if groups[index].trials.last != trial {
      groups[index].trials.append(trial)
      groupsOfTrial[trial, default: []].append(Int32(index))
    }
  }

  /// Gives `trial` (a merged duplicate) every group of `original`; a group the duplicate
  /// already joined itself (a derived value both fail to compute) keeps it once.
  mutating func copy(from original: Int, to trial: Int) {
    for index in groupsOfTrial[original] ?? [] where groups[Int(index)].trials.last != trial {
      groups[Int(index)].trials.append(trial)
    }
  }

  /// Each group once: as found when every point has it, else prefixed with
  /// the assignments its points share (when exactly those points have them)
  /// or with the trials.
  func report(study: Study, allPicks: [[Pick]]) -> [Diagnostic] {
    let total = allPicks.count
    let points = allPicks.enumerated().map { Point(trial: $0.offset + 1, picks: $0.element) }
    return groups.map { first, trials -> Diagnostic in
      var d = first
      if trials.count == total { return d }
      let flagged = trials.map { points[$0 - 1] }
      var common: [(d: Int, value: String)] = []
      for dim in study.dimensions.indices {
        guard flagged.allSatisfy({ study.isActive(dimension: dim, in: $0) }) else { continue }
        let values = Set(flagged.map { study.valueText(dimension: dim, in: $0) })
        guard values.count == 1, let value = values.first else { continue }
        let everywhere = points.allSatisfy {
          study.isActive(dimension: dim, in: $0) && study.valueText(dimension: dim, in: $0) == value
        }
        if !everywhere { common.append((dim, value)) }
      }
      let matching = points.filter { p in
        common.allSatisfy { study.isActive(dimension: $0.d, in: p) && study.valueText(dimension: $0.d, in: p) == $0.value }
      }
      if !common.isEmpty, matching.count == trials.count {
        let pairs = common.map { "\(study.dimensions[$0.d].label)=\($0.value)" }
        d.message = "with \(joinedWithAnd(pairs)): \(d.message)"
      } else {
        let shown = trials.prefix(8).map(String.init)
        let list = trials.count > 8 ? shown.joined(separator: ", ") + " and \(trials.count - 8) more" : joinedWithAnd(shown)
        d.message = "in trial\(trials.count == 1 ? "" : "s") \(list) of \(total): \(d.message)"
        for trial in trials.prefix(3) {
          let pairs = study.assignments(points[trial - 1]).map { "\($0.label)=\($0.value)" }
          d.notes.append(Note("trial \(trial): \(pairs.isEmpty ? "baseline" : pairs.joined(separator: ", "))"))
        }
      }
      return d
    }
  }
}

func joinedWithAnd(_ items: [String]) -> String {
  guard items.count > 1, let last = items.last else { return items.first ?? "" }
  return items.dropLast().joined(separator: ", ") + " and " + last
}
