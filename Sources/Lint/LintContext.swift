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
  /// The memory of the device training runs on (`--device-memory`), in bytes; with
  /// `memoryEstimator`, batch sizes are checked against it.
  package var deviceMemory: Int?
  /// Training memory per step, estimated by the caller (see `MemoryEstimator`).
  package var memoryEstimator: MemoryEstimator?

  package init(
    target: Target? = nil, configDirectory: String? = nil, readFile: (@Sendable (String) -> [UInt8]?)? = nil,
    disabled: Set<String> = [], severities: [String: Severity] = [:], deviceMemory: Int? = nil,
    memoryEstimator: MemoryEstimator? = nil
  ) {
    self.target = target
    self.configDirectory = configDirectory
    self.readFile = readFile
    self.disabled = disabled
    self.severities = severities
    self.deviceMemory = deviceMemory
    self.memoryEstimator = memoryEstimator
  }
}

/// What the rules of one run build on first use and then share: the walk of the
/// config, extra blocks of merged messages, the field-to-parent map for paths,
/// and the names this run had to resolve. A class so every copy of the context
/// shares it; a lint run is single-threaded.
final class LintShared {
  /// Blocks after the first of merged messages (`Node.more`).
  var extraBlocks: [IndexRange] = []
  /// Names the schema's shared table did not have yet (published when the run ends).
  var resolved: NameTable?
  /// The manual-step schedule, once read (`manualSchedule()`).
  var manualSchedule: ManualSchedule?
  /// The label map's items, once read (`labelMapEntries()`).
  var labelMapEntries: [LabelMapEntry]?
}

/// What a lint run reads and never changes once the context is made: the config, the
/// options, the rules and the messages most rules start from. A class so the context
/// holds it by one reference.
final class LintInput {
  let config: TypedConfig
  let options: LintOptions
  let rules: [LintRule]
  let isPipeline: Bool
  // Set while the context is made, then only read.
  var trainConfig: Node?
  var model: (kind: ModelKind, node: Node)?
  var optimizer: (kind: OptimizerKind, node: Node)?
  var schedule: (kind: ScheduleKind, node: Node)?
  var numSteps: Setting?

  init(config: TypedConfig, options: LintOptions, rules: [LintRule], isPipeline: Bool) {
    self.config = config
    self.options = options
    self.rules = rules
    self.isPipeline = isPipeline
  }
}

/// The state of a lint run as a rule sees it: the config, helpers to read it, and the findings.
///
/// One context serves every rule of a run. Reading is by descriptor index: a field
/// name a rule writes is resolved once per schema (`NameTable`), a node is plain data,
/// and nothing is allocated on a path that finds nothing; paths and messages are
/// built only for findings.
package struct LintContext {
  /// What the run reads and does not change, behind one reference: a rule's every call
  /// on its `inout` context passes the context by copy, so the context is kept a few
  /// words (it was some 600 bytes, copied at each `child` or `setting`).
  let input: LintInput
  package internal(set) var target: Target?
  package var diagnostics: [Diagnostic] = []
  /// The rule running (an index in `rules`).
  var ruleIndex = 0
  let shared: LintShared
  /// The schema's resolved names, as they were when the run started, and its field flags.
  let info: SchemaInfo
  // The arenas, read directly.
  let bindings: [FieldBinding]
  let fields: [Field]
  let values: [Value]
  let elementValues: [BoundValue]
  // What findings and string reads use of the config, held here: reached through
  // `input`, each read (`config.tree.span`, `config.schema[…]`) would copy the tree or schema.
  let schema: Schema
  let sourceBytes: [UInt8]
  let fileID: FileID
  let rootType: MessageID
  let rootBlock: IndexRange

  package var config: TypedConfig { @inline(__always) _read { yield input.config } }
  package var options: LintOptions { @inline(__always) _read { yield input.options } }
  /// The rules of the run.
  var rules: [LintRule] { @inline(__always) _read { yield input.rules } }
  /// Whether the file is a pipeline config (not a label map or another message).
  package var isPipeline: Bool { @inline(__always) get { input.isPipeline } }
  // What most rules start from, found once per run.
  package var trainConfig: Node? { @inline(__always) get { input.trainConfig } }
  /// The model's meta-architecture (`ssd`, `faster_rcnn`, `center_net`) and its message.
  package var model: (kind: ModelKind, node: Node)? { @inline(__always) get { input.model } }
  /// The optimizer's kind (`momentum_optimizer`, …) and its message.
  package var optimizer: (kind: OptimizerKind, node: Node)? { @inline(__always) get { input.optimizer } }
  /// The learning-rate schedule's kind and message, found under the optimizer.
  package var schedule: (kind: ScheduleKind, node: Node)? { @inline(__always) get { input.schedule } }
  /// `train_config.num_steps` when it is positive (0 means "no limit").
  package var numSteps: Setting? { @inline(__always) get { input.numSteps } }

  package init(config: TypedConfig, target: Target?, options: LintOptions, rules: [LintRule] = []) {
    let input = LintInput(
      config: config, options: options, rules: rules,
      isPipeline: config.schema[config.rootType].fullName == Schema.pipelineRoot)
    self.input = input
    self.target = target
    shared = LintShared()
    info = SchemaInfo.current(for: config.schema)
    bindings = config.bindings
    fields = config.tree.fieldStorage
    values = config.tree.valueStorage
    elementValues = config.elementValues
    schema = config.schema
    sourceBytes = config.tree.source.bytes
    fileID = config.tree.source.id
    rootType = config.rootType
    rootBlock = config.tree.rootFields
    diagnostics.reserveCapacity(4)

    input.trainConfig = child(root, "train_config")
    if let model = child(root, "model") {
      input.model = member(of: model, ModelKind.order)
    }
    if let train = input.trainConfig, let optimizer = child(train, "optimizer") {
      input.optimizer = member(of: optimizer, OptimizerKind.order)
      if let o = input.optimizer, let rate = child(o.node, "learning_rate") {
        input.schedule = member(of: rate, ScheduleKind.order)
      }
    }
    if let train = input.trainConfig, let steps = setting(train, "num_steps"), let n = steps.int, n > 0 {
      input.numSteps = steps
    }
  }

  /// The first of `kinds` (oneof members, in this order) that is set in `node`.
  private func member<Kind: MemberKind>(of node: Node, _ kinds: [Kind]) -> (kind: Kind, node: Node)? {
    // One pass over the fields finds the members set; the first in `kinds` wins, as
    // `kinds.first { child(node, $0.field) != nil }` would say.
    var indices: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
    precondition(kinds.count <= 4, "oneofs read this way have at most four members")
    for (k, kind) in kinds.enumerated() {
      let index = resolve(node.type, kind.field).index
      switch k {
      case 0: indices.0 = index
      case 1: indices.1 = index
      case 2: indices.2 = index
      default: indices.3 = index
      }
    }
    var best = kinds.count
    for k in 0..<blockCount(node) {
      for i in block(node, k).indices where bindings[i].isLive {
        guard case .message = bindings[i].value else { continue }
        let index = bindings[i].descriptorIndex
        let found = index == indices.0 ? 0 : index == indices.1 ? 1 : index == indices.2 ? 2 : index == indices.3 ? 3 : 4
        best = Swift.min(best, found)
      }
    }
    guard best < kinds.count, let found = child(node, kinds[best].field) else { return nil }
    return (kinds[best], found)
  }

  /// Adds the names this run resolved to the schema's shared table, for later runs.
  func finish() {
    if let resolved = shared.resolved { SchemaInfo.publish(resolved, for: schema) }
  }

  /// The syntax tree (a copy: inside the context, read `config.tree`, which is not copied).
  package var tree: SyntaxTree { config.tree }
  package var root: Node { Node(type: rootType, holder: -1, block: rootBlock) }

  // MARK: Names

  /// Field `name` of message type `type`, resolved once per schema.
  @inline(__always) func resolve(_ type: MessageID, _ name: StaticString) -> ResolvedField {
    guard let key = NameTable.key(name, UInt64(type.raw)) else { return schema.resolvedField(type, name) }
    let slot = info.names.find(key)
    if slot >= 0 { return info.names.fields[Int(slot)] }
    return resolveSlowly(key, type, name)
  }

  private func resolveSlowly(_ key: UInt64, _ type: MessageID, _ name: StaticString) -> ResolvedField {
    if let table = shared.resolved {
      let slot = table.find(key)
      if slot >= 0 { return table.fields[Int(slot)] }
    }
    let field = schema.resolvedField(type, name)
    if shared.resolved == nil { shared.resolved = NameTable(capacity: 64) }
    shared.resolved?.insert(key, field: field)
    return field
  }

  // MARK: Reading

  /// The number of blocks of `node` (more than one for a merged message).
  @inline(__always) func blockCount(_ node: Node) -> Int { 1 + node.more.size }

  /// Block `k` of `node`.
  @inline(__always) func block(_ node: Node, _ k: Int) -> IndexRange {
    k == 0 ? node.block : shared.extraBlocks[Int(node.more.start) + k - 1]
  }

  /// The tree index of the last live occurrence of field `index` in `node`, or -1.
  func lastOccurrence(_ index: Int32, in node: Node) -> Int {
    var last = -1
    for k in 0..<blockCount(node) {
      for i in block(node, k).indices where bindings[i].descriptorIndex == index && bindings[i].isLive { last = i }
    }
    return last
  }

  /// The message field `name` of `node` when it is set: every `{ … }` occurrence, merged.
  package func child(_ node: Node, _ name: StaticString) -> Node? {
    let field = resolve(node.type, name)
    guard field.isMessage else { return nil }
    var found: Node?
    var last = -1
    for k in 0..<blockCount(node) {
      for i in block(node, k).indices where bindings[i].descriptorIndex == field.index && bindings[i].isLive {
        last = i
        guard case .message(let type) = bindings[i].value, case .message(let message) = fields[i].value else { continue }
        if found == nil {
          found = Node(type: type, holder: 0, block: message.fields)
        } else if var merged = found {
          // A singular message given again: TensorFlow merges the blocks.
          if merged.more.isVoid { merged.more = IndexRange(shared.extraBlocks.count, shared.extraBlocks.count) }
          precondition(Int(merged.more.end) == shared.extraBlocks.count, "a node's extra blocks are appended together")
          shared.extraBlocks.append(message.fields)
          merged.more.end += 1
          found = merged
        }
      }
    }
    guard var node = found else { return nil }
    node.holder = Int32(last)
    node.site = fields[last].name.range
    node.body = fields[last].value.textRange
    return node
  }

  /// Follows message fields (`child(root, "train_config", "optimizer")`).
  package func child(_ node: Node, _ first: StaticString, _ second: StaticString) -> Node? {
    child(node, first).flatMap { child($0, second) }
  }

  /// Every element of the repeated message field `name`, in order (plain and list syntax).
  package func children(_ node: Node, _ name: StaticString) -> [Node] {
    let field = resolve(node.type, name)
    guard field.isMessage else { return [] }
    var found: [Node] = []
    for k in 0..<blockCount(node) {
      for i in block(node, k).indices where bindings[i].descriptorIndex == field.index && bindings[i].isLive {
        if found.capacity == 0 { found.reserveCapacity(8) }  // as in `walk`
        switch fields[i].value {
        case .list(let list):
          for e in list.elements.indices {
            guard case .message(let type) = elementValues[e], case .message(let message) = values[e] else { continue }
            found.append(element(type, message, holder: i))
          }
        case .message(let message):
          guard case .message(let type) = bindings[i].value else { continue }
          found.append(element(type, message, holder: i))
        default:
          continue
        }
      }
    }
    return found
  }

  /// An element of a repeated message; its site is its `{`.
  func element(_ type: MessageID, _ message: MessageValue, holder: Int) -> Node {
    let range = message.textRange
    return Node(
      type: type, holder: Int32(holder), block: message.fields, site: textRange(range.start, range.start + 1),
      body: range)
  }

  /// The set member among `names` (a oneof), with its name.
  package func oneof(_ node: Node, _ names: [StaticString]) -> (name: String, node: Node)? {
    for name in names { if let found = child(node, name) { return (name.description, found) } }
    return nil
  }

  /// The scalar field `name` of `node`, set or default; nil when the schema has no such field.
  package func setting(_ node: Node, _ name: StaticString) -> Setting? {
    let field = resolve(node.type, name)
    guard field.index >= 0 else { return nil }
    return setting(node, field)
  }

  /// The scalar `field` of `node` (resolved by the caller, e.g. once for many nodes of one type).
  func setting(_ node: Node, _ field: ResolvedField) -> Setting {
    setting(node, field, last: lastOccurrence(field.index, in: node))
  }

  /// The scalar `field` of `node` whose last live occurrence is tree field `last` (-1 for none).
  @inline(__always) func setting(_ node: Node, _ field: ResolvedField, last: Int) -> Setting {
    var setting = Setting(
      value: field.defaultValue, range: nil, source: -1, isDefault: true, ownerType: node.type, field: field.index,
      holder: node.holder)
    guard last >= 0 else { return setting }
    var bound = bindings[last].value
    var source = Int32(last)
    let value = fields[last].value
    if field.isRepeated, case .list(let list) = value {
      // A repeated field's effective value is its last element.
      guard let e = list.elements.indices.last else { return setting }
      bound = elementValues[e]
      source = -2 - Int32(e)
      setting.range = values[e].textRange
    } else {
      setting.range = value.textRange
    }
    setting.occurrence = Int32(last)
    setting.source = source
    if !bound.isNone {
      setting.value = bound
      setting.isDefault = false
    }
    return setting
  }

  /// The scalar field with descriptor index `index` of `node`, set or default.
  package func setting(_ node: Node, index: Int) -> Setting? {
    let field = schema.resolvedField(node.type, index: index)
    guard field.index >= 0 else { return nil }
    return setting(node, field)
  }

  /// The whole field (name to value) of a setting that is set: what a deletion removes.
  package func fieldRange(of setting: Setting) -> TextRange? {
    setting.isSet && setting.occurrence >= 0 ? fields[Int(setting.occurrence)].range : nil
  }

  /// Every value of the repeated scalar field `name`, in order (plain and list syntax).
  package func settings(_ node: Node, _ name: StaticString) -> [Setting] {
    var found: [Setting] = []
    forEachSetting(node, name) { found.append($0) }
    return found
  }

  /// Calls `body` with every value of the repeated scalar field `name`, in order, allocating nothing.
  package func forEachSetting(_ node: Node, _ name: StaticString, _ body: (Setting) -> Void) {
    let field = resolve(node.type, name)
    guard field.index >= 0 else { return }
    for k in 0..<blockCount(node) {
      for i in block(node, k).indices where bindings[i].descriptorIndex == field.index && bindings[i].isLive {
        if case .list(let list) = fields[i].value {
          for e in list.elements.indices where !elementValues[e].isNone {
            body(Setting(
              value: elementValues[e], range: values[e].textRange, source: -2 - Int32(e), isDefault: false,
              ownerType: node.type, field: field.index, holder: node.holder))
          }
        } else {
          let bound = bindings[i].value
          body(Setting(
            value: bound.isNone ? field.defaultValue : bound, range: fields[i].value.textRange, source: Int32(i),
            isDefault: bound.isNone, ownerType: node.type, field: field.index, holder: node.holder))
        }
      }
    }
  }

  /// A string setting's text (its default when unset); nil for other types.
  package func string(_ setting: Setting) -> String? {
    guard case .string = setting.value else { return nil }
    if !setting.isDefault, let scalar = scalar(setting) {
      return withStringBytes(scalar) { String(decoding: $0, as: UTF8.self) }
    }
    if case .string(let text)? = descriptor(setting).defaultValue { return text }
    return ""
  }

  /// Calls `body` with a string setting's bytes (decoded, without building a `String`); nil for other types.
  package func withBytes<R>(_ setting: Setting, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
    guard case .string = setting.value else { return nil }
    if !setting.isDefault, let scalar = scalar(setting) { return withStringBytes(scalar, body) }
    guard case .string(let text)? = descriptor(setting).defaultValue else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
    var copy = text
    return copy.withUTF8(body)
  }

  /// Whether two string settings hold the same text (as `String ==` says, Unicode
  /// equivalence included), comparing bytes when that settles it; nil unless both are strings.
  package func sameText(_ a: Setting, _ b: Setting) -> Bool? {
    guard case .string = a.value, case .string = b.value else { return nil }
    let bytewise = withBytes(a) { x in
      withBytes(b) { y -> Bool? in
        if x.elementsEqual(y) { return true }
        // Different bytes are different text when both are ASCII; otherwise ask String.
        return x.allSatisfy { $0 < 0x80 } && y.allSatisfy { $0 < 0x80 } ? false : nil
      } ?? nil
    } ?? nil
    if let bytewise { return bytewise }
    return string(a) == string(b)
  }

  /// An enum setting's value name (its default when unset); nil for other types.
  package func enumName(_ setting: Setting) -> String? {
    guard case .enumValue(let number) = setting.value else { return nil }
    let field = descriptor(setting)
    guard case .enum(let id) = field.type else { return nil }
    if setting.isDefault {
      if case .enumValue(let name)? = field.defaultValue { return name }
      return schema[id].values.first?.name ?? ""
    }
    return schema[id].value(numbered: number)?.name ?? "\(number)"
  }

  private func descriptor(_ setting: Setting) -> FieldDescriptor {
    schema[setting.ownerType].fields[Int(setting.field)]
  }

  private func scalar(_ setting: Setting) -> Scalar? {
    let value = setting.source >= 0 ? fields[Int(setting.source)].value : values[Int(-2 - setting.source)]
    if case .scalar(let scalar) = value { return scalar }
    return nil
  }

  /// The decoded bytes of a string literal: its own bytes when it has no escapes
  /// and no joined parts (the usual case), else as `SyntaxTree.decodedBytes`.
  private func withStringBytes<R>(_ scalar: Scalar, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    // (Raw values compared: `OptionSet.contains` is not specialised across modules.)
    if scalar.moreStrings.isVoid, scalar.flags.rawValue & TokenFlags.escapes.rawValue == 0 {
      let part = scalar.literal
      let start = part.lower + 1
      let end = Swift.max(start, part.upper - 1)
      return sourceBytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
    return config.tree.decodedBytes(of: scalar).withUnsafeBufferPointer(body)
  }

  // MARK: Reporting

  /// Reports a finding of the current rule at `range` (else the node's field name, else the file start).
  ///
  /// `severity` lowers or raises this one finding from the rule's default (a
  /// name TensorFlow accepts only on one code path); a severity set for the
  /// rule in `.pipec.config` still wins.
  package mutating func report(
    _ message: String, at range: TextRange?, node: Node? = nil, path: LintPath? = nil,
    labels: [(TextRange?, String)] = [], notes: [String] = [], help: String? = nil, fixes: [Fix] = [],
    severity findingSeverity: Severity? = nil
  ) {
    let where_ = range ?? node?.site ?? TextRange(0, 0)
    let name = rules[ruleIndex].name
    let ruleSeverity = findingSeverity ?? rules[ruleIndex].severity
    let severity = options.severities.isEmpty ? ruleSeverity : options.severities[name] ?? ruleSeverity
    var rendered: String?
    if let path = path ?? node?.path {
      let text = render(path)
      rendered = text.isEmpty ? nil : text
    }
    diagnostics.append(Diagnostic(
      DiagnosticCode(name), severity, at: span(where_), message,
      labels: labels.isEmpty ? [] : labels.compactMap { pair in pair.0.map { Label(span($0), pair.1) } },
      notes: notes.isEmpty ? [] : notes.map { Note($0) }, help: help, fixes: fixes, path: rendered))
  }

  /// `config.tree.span(range)`, without reaching the tree.
  @inline(__always) func span(_ range: TextRange) -> SourceSpan {
    SourceSpan(file: fileID, start: Int(range.start), end: Int(range.end))
  }

  // MARK: Fixes

  /// Replaces the bytes of `range`.
  package func replace(_ range: TextRange, with text: String) -> Edit { Edit(span(range), text) }

  /// Removes a field; its whole line when nothing else is on it.
  package func delete(_ field: TextRange) -> Edit {
    let bytes = sourceBytes
    var start = field.lowerBound
    var end = field.upperBound
    while start > 0, bytes[start - 1] == UInt8(ascii: " ") || bytes[start - 1] == UInt8(ascii: "\t") { start -= 1 }
    while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
    let lineStarts = start == 0 || bytes[start - 1] == UInt8(ascii: "\n")
    let lineEnds = end == bytes.count || bytes[end] == UInt8(ascii: "\n")
    if lineStarts && lineEnds {
      return Edit(span(TextRange(start, Swift.min(end + 1, bytes.count))), "")
    }
    return Edit(span(field), "")
  }

  /// Inserts `text` (one `name: value`) as the first field of `node`'s block.
  package func insert(_ text: String, into node: Node) -> Edit? {
    guard let body = node.body else { return nil }
    let bytes = sourceBytes
    var lineStart = body.lowerBound
    while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
    var indent = ""
    var i = lineStart
    while i < bytes.count, bytes[i] == UInt8(ascii: " ") {
      indent += " "
      i += 1
    }
    let at = TextRange(body.lowerBound + 1, body.lowerBound + 1)
    return Edit(span(at), "\n" + indent + "  " + text)
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
