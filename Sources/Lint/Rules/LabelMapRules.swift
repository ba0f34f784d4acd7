import Check
import Diagnostics
import Syntax

extension LintRule {
  /// PC401: num_classes against the label map.
  package static let numClassesLabelMap = LintRule(
    id: "PC401", name: "num-classes-label-map", area: .model, severity: .warning,
    summary: "num_classes disagreeing with the label map",
    rationale: """
      The model predicts num_classes classes and the input pipeline maps names to the label \
      map's ids (1 to N). With fewer classes than the largest id, boxes of the extra classes \
      are dropped or crash the one-hot encoding; with more, the model wastes outputs on \
      classes that never occur. pipec reads label_map_path relative to the config's \
      directory, then the working directory, and says which file it read.
      """,
    bad: """
      model { ssd { num_classes: 90 } }
      train_input_reader { label_map_path: "label_map.pbtxt" }
      """,
    good: """
      model { ssd { num_classes: 2 } }
      train_input_reader { label_map_path: "label_map.pbtxt" }
      """,
    check: { ctx in
      guard let (_, model) = ctx.model, let classes = ctx.setting(model, "num_classes"), classes.isSet,
        let n = classes.int, let reader = ctx.child(ctx.root, "train_input_reader"),
        let path = ctx.setting(reader, "label_map_path"), let file = ctx.string(path),
        let (read, items) = ctx.readLabelMap(file), let largest = items.map(\.id).max()
      else { return }
      guard largest != n else { return }
      ctx.report(
        "num_classes is \(n) but the label map's largest id is \(largest) (\(items.count) items in \(read))",
        at: classes.range, path: classes.path, labels: [(path.range, "label map read from \(read)")],
        help: largest > n ? "set num_classes to \(largest), or the classes above \(n) are never learned" : "set num_classes to \(largest)",
        fixes: [Fix("set num_classes to \(largest)", edits: [ctx.replace(classes.range ?? TextRange(0, 0), with: "\(largest)")], isSafe: false)])
    })

  /// PC402: label map ids 0 and duplicates.
  package static let labelMapIDs = LintRule(
    id: "PC402", name: "label-map-ids", area: .model, severity: .error,
    summary: "a label map with id 0, or two items with one id",
    rationale: """
      Id 0 is the background class: label_map_util raises ValueError for an item with id 0 \
      unless it is named 'background'. Two items with one id merge two classes: the category \
      index keeps only the last, so the other class is never evaluated under its own name.
      """,
    bad: """
      item { id: 0 name: "cat" }
      item { id: 1 name: "dog" }
      """,
    good: """
      item { id: 1 name: "cat" }
      item { id: 2 name: "dog" }
      """,
    check: { ctx in
      guard !ctx.isPipeline else { return }
      let entries = ctx.labelMapEntries()
      // The first entry of each id (entry indices); names are read only for a finding.
      var ids = FirstIndexByID(entries)
      for (index, entry) in entries.enumerated() {
        if entry.id == 0 && ctx.name(of: entry) != "background" {
          ctx.report(
            "label map id 0 is reserved for the background class: TensorFlow raises ValueError",
            at: entry.range, path: "item.id", help: "number classes from 1")
        }
        if let first = ids.first(of: entry.id) {
          ctx.report(
            "label map id \(entry.id) is used twice ('\(ctx.name(of: entries[first]))' and '\(ctx.name(of: entry))')",
            at: entry.range, path: "item.id", labels: [(entries[first].range, "first used here")],
            help: "give every class its own id")
        } else {
          ids.set(entry.id, index)
        }
      }
    })

  /// PC418: one name for several label map items.
  package static let labelMapDuplicateNames = LintRule(
    id: "PC418", name: "label-map-duplicate-names", area: .model, severity: .warning,
    summary: "several label map items with one name",
    rationale: """
      TensorFlow accepts a label map whose items share a name, but label_map_util's \
      name-to-id lookup (get_label_map_dict, which dataset tools use to turn class names \
      into ids) keeps only the last id for the name, so every example of the earlier classes \
      is written with the wrong label. Reported once per name, with every id that uses it.
      """,
    bad: """
      item { id: 1 name: "cat" }
      item { id: 2 name: "cat" }
      """,
    good: """
      item { id: 1 name: "cat" display_name: "cat" }
      item { id: 2 name: "lynx" display_name: "cat" }
      """,
    check: { ctx in
      guard !ctx.isPipeline else { return }
      let entries = ctx.labelMapEntries()
      for group in sameNameGroups(entries, ctx) {
        let items = group.map { entries[$0] }
        guard let first = items.first, let last = items.last else { continue }
        let ids = items.map { String($0.id) }
        let listed = ids.count <= 6 ? ids.joined(separator: ", ") : ids.prefix(5).joined(separator: ", ") + ", … \(ids[ids.count - 1])"
        ctx.report(
          "label map name '\(ctx.name(of: first))' is used by \(items.count) items (ids \(listed)): looking the name up gives only id \(last.id)",
          at: items[1].nameRange, path: "item.name", labels: [(first.nameRange, "first used here")],
          help: "give every class its own name; display_name may repeat")
      }
    })
}

/// Entry indices by id: a table when the ids are small (as label maps number them,
/// 1 to N), else a dictionary.
private struct FirstIndexByID {
  var table: [Int32] = []
  var dictionary: [Int: Int] = [:]

  init(_ entries: [LabelMapEntry]) {
    var largest = 0
    for entry in entries {
      guard entry.id >= 0 else { return }
      largest = Swift.max(largest, entry.id)
    }
    if largest <= 4 * entries.count + 1024 { table = Array(repeating: -1, count: largest + 1) }
  }

  func first(of id: Int) -> Int? {
    if table.isEmpty { return dictionary[id] }
    return table[id] >= 0 ? Int(table[id]) : nil
  }

  mutating func set(_ id: Int, _ index: Int) {
    if table.isEmpty { dictionary[id] = index } else { table[id] = Int32(index) }
  }
}

/// The entries (indices, in order) of each non-empty name used more than once, in
/// order of the name's first use; names are equal as `String ==` says.
///
/// ASCII names (the usual case) are grouped by their bytes, hashed in place, so no
/// `String` is made per item; a label map with any other name is grouped by `String`.
private func sameNameGroups(_ entries: [LabelMapEntry], _ ctx: LintContext) -> [[Int]] {
  // FNV-1a of each named entry's bytes, or nil as soon as a name is not ASCII.
  var keyed: [(hash: UInt64, index: Int)] = []
  keyed.reserveCapacity(entries.count)
  var allASCII = true
  for (index, entry) in entries.enumerated() {
    guard let name = entry.name else { continue }
    let hash = ctx.withBytes(name) { bytes -> UInt64? in
      guard !bytes.isEmpty else { return nil }
      var h: UInt64 = 0xcbf2_9ce4_8422_2325
      for byte in bytes {
        if byte >= 0x80 { allASCII = false }
        h = (h ^ UInt64(byte)) &* 0x100_0000_01b3
      }
      return h
    } ?? nil
    if let hash { keyed.append((hash, index)) }
  }
  var groups: [[Int]] = []
  if allASCII {
    // Entries chained by hash (open addressing), each chain in entry order; a chain of
    // two or more is split by the bytes themselves (ASCII bytes equal exactly when the text is).
    var capacity = 16
    while capacity < 2 * keyed.count { capacity *= 2 }
    var heads = [Int32](repeating: -1, count: capacity)
    var tails = [Int32](repeating: -1, count: capacity)
    var next = [Int32](repeating: -1, count: keyed.count)
    var chained = [Bool](repeating: false, count: keyed.count)
    for k in keyed.indices {
      var slot = Int(truncatingIfNeeded: keyed[k].hash >> 7) & (capacity - 1)
      while heads[slot] >= 0 && keyed[Int(heads[slot])].hash != keyed[k].hash { slot = (slot + 1) & (capacity - 1) }
      if heads[slot] < 0 {
        heads[slot] = Int32(k)
      } else {
        next[Int(tails[slot])] = Int32(k)
        chained[k] = true
      }
      tails[slot] = Int32(k)
    }
    for k in keyed.indices where !chained[k] && next[k] >= 0 {
      var pending: [Int] = []
      var c = k
      while c >= 0 {
        pending.append(keyed[c].index)
        c = Int(next[c])
      }
      while let head = pending.first {
        guard let headName = entries[head].name else { break }
        let group = pending.filter { i in entries[i].name.flatMap { ctx.sameText(headName, $0) } == true }
        pending.removeAll { group.contains($0) }
        if group.count > 1 { groups.append(group) }
      }
    }
  } else {
    var byName: [String: [Int]] = [:]
    var order: [String] = []
    for (_, index) in keyed {
      let name = ctx.name(of: entries[index])
      if byName[name] == nil { order.append(name) }
      byName[name, default: []].append(index)
    }
    groups = order.compactMap { byName[$0].flatMap { $0.count > 1 ? $0 : nil } }
  }
  return groups.sorted { $0[0] < $1[0] }
}

extension LintRule {
  /// Whether the rule reads label maps (`StringIntLabelMap`) rather than pipelines.
  package var checksLabelMaps: Bool {
    name == LintRule.labelMapIDs.name || name == LintRule.labelMapDuplicateNames.name
  }
}
