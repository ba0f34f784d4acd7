import Check
import Diagnostics
import Schema
import Syntax

/// What a lint run needs besides the config: the target and the file's surroundings.
package struct LintOptions: Sendable {
  /// The target given by the user (`--target`, `.pipec.config`); nil to infer it.
  package var target: Target?
  /// The directory of the checked file, for paths in the config (label maps).
  package var configDirectory: String?
  /// Reads a file (a label map); nil when the run may not touch the file system.
  package var readFile: (@Sendable (String) -> [UInt8]?)?
  /// Rules switched off (by name), e.g. by `.pipec.config`.
  package var disabled: Set<String>
  /// Severities set per rule name, e.g. by `.pipec.config`.
  package var severities: [String: Severity]

  package init(
    target: Target? = nil, configDirectory: String? = nil, readFile: (@Sendable (String) -> [UInt8]?)? = nil,
    disabled: Set<String> = [], severities: [String: Severity] = [:]
  ) {
    self.target = target
    self.configDirectory = configDirectory
    self.readFile = readFile
    self.disabled = disabled
    self.severities = severities
  }
}

/// Where a message stands in the config: the chain of field names from the root.
///
/// A class so that a node's place costs one reference; the dotted string is
/// built only when a finding asks for it.
package final class NodePath: Sendable {
  let parent: NodePath?
  let name: String

  init(parent: NodePath?, name: String) {
    self.parent = parent
    self.name = name
  }

  static let root = NodePath(parent: nil, name: "")

  /// `train_config.optimizer`; empty for the root.
  var string: String {
    guard let parent else { return "" }
    let prefix = parent.string
    return prefix.isEmpty ? name : prefix + "." + name
  }
}

/// A message of the config as a rule sees it: where it is and what it holds.
package struct Node: Sendable {
  package var view: MessageView
  package var location: NodePath
  /// The field name holding this message (its last occurrence); nil for the root.
  package var site: TextRange?
  /// The `{ … }` of the last occurrence; nil for the root.
  package var body: TextRange?

  /// Dotted field path, e.g. `train_config.optimizer`; empty for the root.
  package var path: String { location.string }
  package var isRoot: Bool { location.parent == nil }

  package func path(_ field: String) -> String {
    let prefix = path
    return prefix.isEmpty ? field : prefix + "." + field
  }

  /// The place of this node's message field `name`.
  func location(_ name: String) -> NodePath { NodePath(parent: location, name: name) }
}

/// A scalar field's effective value with where it was set.
package struct Setting: Sendable {
  package var value: EffectiveValue
  /// The message holding the field, and the field's name.
  package var owner: NodePath
  package var name: String
  /// Dotted path of the field, built when asked (for a finding).
  package var path: String { NodePath(parent: owner, name: name).string }
  /// The value's source range when set.
  package var range: TextRange?
  /// The whole field (name to value) when set: what a deletion removes.
  package var fieldRange: TextRange?
  package var isSet: Bool { range != nil }

  package var double: Double? {
    switch value.kind {
    case .floatingPoint(let v): v
    case .integer(let v): Double(v)
    default: nil
    }
  }
  package var int: Int? {
    if case .integer(let v) = value.kind { return Int(exactly: v) }
    return nil
  }
  package var bool: Bool? {
    if case .bool(let v) = value.kind { return v }
    return nil
  }
  package var string: String? {
    if case .string(let v) = value.kind { return v }
    return nil
  }
  package var enumName: String? {
    if case .enumValue(let name, _) = value.kind { return name }
    return nil
  }
}

/// What the rules of one run read alike, computed on first use and then shared.
///
/// A class so that every rule's `LintContext` (a value) shares one copy; a lint
/// run is single-threaded.
package final class LintShared {
  typealias Found = (kind: String, node: Node)?
  var allNodes: [Node]?
  /// Positions in `allNodes` of each message type's nodes, indexed by type.
  var nodesOfType: [[Int32]] = []
  /// Answers of `nodes(withField:)`, by field name.
  var nodesWithField: [String: [Node]] = [:]
  /// Outer optional: computed yet or not; inner: found or not.
  var model: Found?
  var optimizer: Found?
  var schedule: Found?

  package init() {}

  /// The cached value at `key`, computing and storing it the first time.
  func once(_ key: ReferenceWritableKeyPath<LintShared, Found?>, _ compute: () -> Found) -> Found {
    if let cached = self[keyPath: key] { return cached }
    let value = compute()
    self[keyPath: key] = .some(value)
    return value
  }
}

/// The state of one rule's run: the config, helpers to read it, and the findings.
package struct LintContext {
  package let config: TypedConfig
  package let target: Target?
  package let options: LintOptions
  package var rule: LintRule
  package var diagnostics: [Diagnostic] = []
  /// What every rule of one run reads: found once, shared by all rules.
  let shared: LintShared

  package init(config: TypedConfig, target: Target?, options: LintOptions, rule: LintRule, shared: LintShared? = nil) {
    self.config = config
    self.target = target
    self.options = options
    self.rule = rule
    self.shared = shared ?? LintShared()
  }

  package var tree: SyntaxTree { config.tree }
  package var root: Node { Node(view: config.root, location: .root) }
  /// Whether the file is a pipeline config (not a label map or another message).
  package var isPipeline: Bool { config.schema[config.rootType].fullName == Schema.pipelineRoot }

  // MARK: Reading

  /// The message field `name` of `node` when it is set.
  package func child(_ node: Node, _ name: String) -> Node? {
    guard let value = config.effective(name, in: node.view), case .message(let view) = value.kind,
      !view.blocks.isEmpty
    else { return nil }
    return Node(view: view, location: node.location(name), site: lastName(name, in: node), body: value.range)
  }

  /// Follows a dotted path of message fields (`train_config.optimizer`).
  package func child(_ node: Node, path: String) -> Node? {
    var current = node
    for name in path.split(separator: ".") {
      guard let next = child(current, String(name)) else { return nil }
      current = next
    }
    return current
  }

  /// Every element of the repeated message field `name`.
  package func children(_ node: Node, _ name: String) -> [Node] {
    config.values(name, in: node.view).compactMap { value in
      guard case .message(let view) = value.kind else { return nil }
      return Node(
        view: view, location: node.location(name), site: value.range.map { TextRange($0.lowerBound, $0.lowerBound + 1) },
        body: value.range)
    }
  }

  /// The set member among `names` (a oneof), with its name.
  package func oneof(_ node: Node, _ names: [String]) -> (name: String, node: Node)? {
    for name in names { if let found = child(node, name) { return (name, found) } }
    return nil
  }

  /// The scalar field `name` of `node`, set or default; nil when the schema has no such field.
  package func setting(_ node: Node, _ name: String) -> Setting? {
    guard let value = config.effective(name, in: node.view) else { return nil }
    var fieldRange: TextRange?
    if value.isSet, let index = config.schema[node.view.type].fieldIndex(of: name),
      let last = config.occurrences(of: index, in: node.view).last
    {
      fieldRange = tree.fieldStorage[last].range
    }
    return Setting(value: value, owner: node.location, name: name, range: value.range, fieldRange: fieldRange)
  }

  /// Every value of the repeated scalar field `name`.
  package func settings(_ node: Node, _ name: String) -> [Setting] {
    config.values(name, in: node.view).map { Setting(value: $0, owner: node.location, name: name, range: $0.range) }
  }

  /// Every set message of the file (the root included), depth first; found once per run.
  package var allNodes: [Node] {
    if let nodes = shared.allNodes { return nodes }
    var nodes: [Node] = []
    var ofType = [[Int32]](repeating: [], count: config.schema.messages.count)
    walkTree(root) { node in
      ofType[node.view.type.index].append(Int32(nodes.count))
      nodes.append(node)
    }
    shared.allNodes = nodes
    shared.nodesOfType = ofType
    return nodes
  }

  /// The set messages whose type satisfies `predicate`, which runs once per type present.
  package func nodes(where predicate: (MessageDescriptor) -> Bool) -> [Node] {
    let all = allNodes
    var positions: [Int32] = []
    for (type, found) in shared.nodesOfType.enumerated() where !found.isEmpty {
      if predicate(config.schema[MessageID(type)]) { positions += found }
    }
    positions.sort()
    return positions.map { all[Int($0)] }
  }

  /// The set messages of the type named `name` (short name, e.g. `ArgMaxMatcher`).
  package func nodes(ofType name: String) -> [Node] { nodes { $0.name == name } }

  /// The set messages whose type declares the field `name`.
  package func nodes(withField name: String) -> [Node] {
    if let found = shared.nodesWithField[name] { return found }
    let found = nodes { $0.fieldIndex(of: name) != nil }
    shared.nodesWithField[name] = found
    return found
  }

  /// Every set message below `node` (itself included), depth first.
  package func walk(_ node: Node, _ visit: (Node) -> Void) {
    if node.isRoot {
      for each in allNodes { visit(each) }
      return
    }
    walkTree(node, visit)
  }

  /// Visits `node` and the messages below it, reading the bindings directly:
  /// repeated messages one by one, a singular message once with all its blocks.
  private func walkTree(_ node: Node, _ visit: (Node) -> Void) {
    visit(node)
    let descriptor = config.schema[node.view.type]
    var singular: [(index: Int, type: MessageID, blocks: [IndexRange], site: TextRange, body: TextRange)] = []
    for block in node.view.blocks {
      for i in block.range {
        let binding = config.bindings[i]
        guard binding.isLive, binding.descriptorIndex >= 0,
          case .message(let childType) = descriptor.fields[Int(binding.descriptorIndex)].type
        else { continue }
        let index = Int(binding.descriptorIndex)
        let field = tree.fieldStorage[i]
        switch field.value {
        case .message(let message) where descriptor.fields[index].isRepeated:
          let child = Node(
            view: MessageView(type: childType, blocks: [message.fields]), location: node.location(descriptor.fields[index].name),
            site: field.name.range, body: message.range)
          walkTree(child, visit)
        case .message(let message):
          if let k = singular.firstIndex(where: { $0.index == index }) {
            singular[k].blocks.append(message.fields)
            singular[k].site = field.name.range
            singular[k].body = message.range
          } else {
            singular.append((index, childType, [message.fields], field.name.range, message.range))
          }
        case .list(let list):
          for e in list.elements.range {
            guard case .message(let message) = tree.valueStorage[e], case .message = config.elementValues[e] else { continue }
            let child = Node(
              view: MessageView(type: childType, blocks: [message.fields]), location: node.location(descriptor.fields[index].name),
              site: field.name.range, body: message.range)
            walkTree(child, visit)
          }
        default:
          continue
        }
      }
    }
    for found in singular {
      let child = Node(
        view: MessageView(type: found.type, blocks: found.blocks), location: node.location(descriptor.fields[found.index].name),
        site: found.site, body: found.body)
      walkTree(child, visit)
    }
  }


  /// The model's meta-architecture (`ssd`, `faster_rcnn`, `center_net`) and its message.
  package var model: (kind: String, node: Node)? {
    shared.once(\.model) {
      guard let model = child(root, "model") else { return nil }
      return oneof(model, ["ssd", "faster_rcnn", "center_net"]).map { ($0.name, $0.node) }
    }
  }

  /// The optimizer's kind (`momentum_optimizer`, …) and its message.
  package var optimizer: (kind: String, node: Node)? {
    shared.once(\.optimizer) {
      guard let optimizer = child(root, path: "train_config.optimizer") else { return nil }
      return oneof(optimizer, ["rms_prop_optimizer", "momentum_optimizer", "adam_optimizer"]).map { ($0.name, $0.node) }
    }
  }

  /// The learning-rate schedule's kind and message, found under the optimizer.
  package var schedule: (kind: String, node: Node)? {
    shared.once(\.schedule) {
      guard let optimizer, let rate = child(optimizer.node, "learning_rate") else { return nil }
      return oneof(rate, [
        "constant_learning_rate", "exponential_decay_learning_rate", "manual_step_learning_rate",
        "cosine_decay_learning_rate",
      ]).map { ($0.name, $0.node) }
    }
  }

  /// `train_config.num_steps` when it is positive (0 means "no limit").
  package var numSteps: Setting? {
    guard let train = child(root, "train_config"), let steps = setting(train, "num_steps"),
      let n = steps.int, n > 0
    else { return nil }
    return steps
  }

  private func lastName(_ name: String, in node: Node) -> TextRange? {
    guard let index = config.schema[node.view.type].fieldIndex(of: name),
      let last = config.occurrences(of: index, in: node.view).last
    else { return nil }
    return tree.fieldStorage[last].name.range
  }

  // MARK: Reporting

  /// Reports a finding of the current rule at `range` (else the node's field name, else the file start).
  package mutating func report(
    _ message: String, at range: TextRange?, node: Node? = nil, path: String? = nil,
    labels: [(TextRange?, String)] = [], notes: [String] = [], help: String? = nil, fixes: [Fix] = []
  ) {
    let where_ = range ?? node?.site ?? TextRange(0, 0)
    var diagnostic = Diagnostic(
      rule.code, options.severities[rule.name] ?? rule.severity, at: tree.span(where_), message,
      labels: labels.compactMap { pair in pair.0.map { Label(tree.span($0), pair.1) } },
      notes: notes.map { Note($0) }, help: help, fixes: fixes)
    diagnostic.path = path ?? node?.path
    if diagnostic.path?.isEmpty == true { diagnostic.path = nil }
    diagnostics.append(diagnostic)
  }

  // MARK: Fixes

  /// Replaces the bytes of `range`.
  package func replace(_ range: TextRange, with text: String) -> Edit { Edit(tree.span(range), text) }

  /// Removes a field; its whole line when nothing else is on it.
  package func delete(_ field: TextRange) -> Edit {
    let bytes = tree.source.bytes
    var start = field.lowerBound
    var end = field.upperBound
    while start > 0, bytes[start - 1] == UInt8(ascii: " ") || bytes[start - 1] == UInt8(ascii: "\t") { start -= 1 }
    while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
    let lineStarts = start == 0 || bytes[start - 1] == UInt8(ascii: "\n")
    let lineEnds = end == bytes.count || bytes[end] == UInt8(ascii: "\n")
    if lineStarts && lineEnds {
      return Edit(tree.span(TextRange(start, Swift.min(end + 1, bytes.count))), "")
    }
    return Edit(tree.span(field), "")
  }

  /// Inserts `text` (one `name: value`) as the first field of `node`'s block.
  package func insert(_ text: String, into node: Node) -> Edit? {
    guard let body = node.body else { return nil }
    let bytes = tree.source.bytes
    var lineStart = body.lowerBound
    while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
    var indent = ""
    var i = lineStart
    while i < bytes.count, bytes[i] == UInt8(ascii: " ") {
      indent += " "
      i += 1
    }
    let at = TextRange(body.lowerBound + 1, body.lowerBound + 1)
    return Edit(tree.span(at), "\n" + indent + "  " + text)
  }
}

/// `0.004`, `800720`, `1e-05`: a number as people write it in configs (six significant digits).
package func show(_ value: Double) -> String {
  guard value.isFinite else { return "\(value)" }
  if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
  var exponent = 0
  var mantissa = abs(value)
  while mantissa >= 10 {
    mantissa /= 10
    exponent += 1
  }
  while mantissa < 1 {
    mantissa *= 10
    exponent -= 1
  }
  var scale = 1.0
  for _ in 0..<abs(5 - exponent) { scale *= 10 }
  let rounded = 5 - exponent >= 0 ? (value * scale).rounded() / scale : (value / scale).rounded() * scale
  return "\(rounded)"
}

/// `200000` -> `200,000`.
package func grouped(_ value: Int) -> String {
  let digits = String(abs(value))
  var out = ""
  for (i, c) in digits.enumerated() {
    if i > 0, (digits.count - i) % 3 == 0 { out += "," }
    out.append(c)
  }
  return (value < 0 ? "-" : "") + out
}
