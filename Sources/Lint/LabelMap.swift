import Check
import Diagnostics
import Schema
import Syntax

/// The items of a label map, as read for the model rules.
package struct LabelMapItem: Sendable {
  package var id: Int
  package var name: String
  /// The id's value (else the item).
  package var range: TextRange?
  /// The name's value (else the id's).
  package var nameRange: TextRange?
}

/// Reads the items of a checked label map (`StringIntLabelMap`).
package func labelMapItems(_ context: LintContext) -> [LabelMapItem] {
  context.labelMapEntries().map { entry in
    LabelMapItem(id: entry.id, name: context.name(of: entry), range: entry.range, nameRange: entry.nameRange)
  }
}

/// An item of the label map being linted, its name left in the source: what the
/// label map rules read for every item, before any finding needs a `String`.
struct LabelMapEntry {
  var id: Int
  /// The name setting (nil when the schema has no `name`).
  var name: Setting?
  /// As in `LabelMapItem`.
  var range: TextRange?
  var nameRange: TextRange?
}

extension LintContext {
  /// The items of this label map, read once per run for all the label map rules.
  ///
  /// As `children(root, "item")` then `setting(item, "id")` and `setting(item, "name")`
  /// would read them, in one pass over each item's fields and without the list of nodes.
  func labelMapEntries() -> [LabelMapEntry] {
    if let entries = shared.labelMapEntries { return entries }
    var entries: [LabelMapEntry] = []
    let rootNode = root
    let itemField = resolve(rootNode.type, "item")
    guard itemField.isMessage else { return [] }
    // Every item has one type: its fields are resolved once, at the first item.
    var idField = ResolvedField.missing
    var nameField = ResolvedField.missing
    var resolvedType: MessageID?
    func read(_ item: Node) {
      if resolvedType == nil {
        resolvedType = item.type
        idField = resolve(item.type, "id")
        nameField = resolve(item.type, "name")
      }
      guard idField.index >= 0 else { return }
      var lastID = -1
      var lastName = -1
      for i in item.block.indices where bindings[i].isLive {
        let index = bindings[i].descriptorIndex
        if index == idField.index { lastID = i } else if index == nameField.index { lastName = i }
      }
      let id = setting(item, idField, last: lastID)
      let name = nameField.index >= 0 ? setting(item, nameField, last: lastName) : nil
      let range = id.range ?? item.site
      entries.append(LabelMapEntry(id: id.int ?? 0, name: name, range: range, nameRange: name?.range ?? range))
    }
    for i in rootNode.block.indices where bindings[i].descriptorIndex == itemField.index && bindings[i].isLive {
      if entries.capacity == 0 { entries.reserveCapacity(Swift.max(8, rootNode.block.size)) }
      switch fields[i].value {
      case .list(let list):
        for e in list.elements.indices {
          guard case .message(let type) = elementValues[e], case .message(let message) = values[e] else { continue }
          read(element(type, message, holder: i))
        }
      case .message(let message):
        guard case .message(let type) = bindings[i].value else { continue }
        read(element(type, message, holder: i))
      default:
        continue
      }
    }
    shared.labelMapEntries = entries
    return entries
  }

  /// An entry's name as text (empty when it has none).
  func name(of entry: LabelMapEntry) -> String { entry.name.flatMap(string) ?? "" }
}

extension LintContext {
  /// The label map at `path` (relative to the config's directory, else the
  /// working directory): the path read and its items; nil when it cannot be read.
  package func readLabelMap(_ path: String) -> (path: String, items: [LabelMapItem])? {
    guard let read = options.readFile, !path.isEmpty else { return nil }
    var candidates: [String] = []
    if !path.hasPrefix("/"), let directory = options.configDirectory { candidates.append(directory + "/" + path) }
    candidates.append(path)
    for candidate in candidates {
      guard let bytes = read(candidate) else { continue }
      var sources = SourceMap()
      let id = sources.add(path: candidate, bytes: bytes)
      guard let root = schema.message(named: Schema.labelMapRoot) else { return nil }
      let (tree, _) = Parser.parse(sources[id])
      let (labelMap, _) = check(tree, against: schema, root: root)
      let context = LintContext(config: labelMap, target: nil, options: LintOptions())
      defer { context.finish() }
      return (candidate, labelMapItems(context))
    }
    return nil
  }
}
