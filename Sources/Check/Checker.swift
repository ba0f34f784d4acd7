import Diagnostics
import Schema
import Syntax

/// Binds a syntax tree to a schema: the typed config and every schema error.
///
/// What is accepted follows TensorFlow's reader, protobuf's Python
/// `text_format.Merge`, value by value (see `ScalarConversion.swift`); where
/// protobuf's C++ parser differs, the diagnostic says so. Nodes that failed to
/// parse (`Value.error`) are skipped silently: they were reported already.
/// Every syntax field is visited once; blocks of a singular message given more
/// than once are checked together, as the merged message TensorFlow sees.
package func check(
  _ tree: SyntaxTree, against schema: Schema, root: MessageID
) -> (config: TypedConfig, diagnostics: [Diagnostic]) {
  var checker = Checker(tree: tree, schema: schema)
  checker.context.append(Enclosing(type: root, owner: root, fieldIndex: -1))
  checker.bindMessage(blocks: Blocks(first: tree.rootFields), type: root)
  let config = TypedConfig(
    schema: schema, tree: tree, rootType: root, bindings: checker.bindings, elementValues: checker.elementValues)
  return (config, checker.diagnostics)
}

/// One enclosing message on the way down, for "did you miss a `}`" hints and paths.
///
/// The field holding it is kept as an index, not a name: pushing a `String`
/// would retain it once per message, and names are needed only for diagnostics.
struct Enclosing {
  var type: MessageID
  /// The message declaring the field that holds this one.
  var owner: MessageID
  /// That field's index in `owner` (-1 at the root).
  var fieldIndex: Int32
}

/// The blocks of one message value: one, or several for a singular message
/// field given more than once (checked together, merged). The common single
/// block needs no array.
struct Blocks {
  var first: IndexRange
  var more: [IndexRange] = []

  var all: [IndexRange] { [first] + more }
}

/// A field of a message being checked. Its name is looked up only when a
/// diagnostic needs it, so the hot path copies no `FieldDescriptor` (whose
/// strings would be retained and released for every field).
struct FieldRef {
  /// Unowned: the schema holds every descriptor for longer than a check runs.
  unowned(unsafe) let message: MessageDescriptor
  let owner: MessageID
  let index: Int
  let info: FieldInfo

  var type: FieldType { info.type }
  var isRepeated: Bool { info.isRepeated }
  var name: String { message.fields[index].name }
  var descriptor: FieldDescriptor { message.fields[index] }
}

struct Checker {
  let tree: SyntaxTree
  let schema: Schema
  var bindings: [FieldBinding]
  var elementValues: [BoundValue]
  var diagnostics: [Diagnostic] = []
  /// The messages being checked, outermost first.
  var context: [Enclosing] = []
  /// Per message being checked: the tree index of the last occurrence of each
  /// field, then of each oneof (-1 for none). A stack whose top is
  /// `lastSeenTop`: storage is kept when popped, so no allocation or shrinking
  /// per message.
  var lastSeen: [Int32] = []
  var lastSeenTop = 0
  /// Per message being checked: the blocks of its singular message fields,
  /// bound once all its fields are read so repeated blocks merge. A stack too,
  /// its top `pendingTop`.
  var pendingChildren: [(index: Int, block: IndexRange)] = []
  var pendingTop = 0

  init(tree: SyntaxTree, schema: Schema) {
    self.tree = tree
    self.schema = schema
    bindings = Array(repeating: FieldBinding(), count: tree.fieldStorage.count)
    elementValues = Array(repeating: .none, count: tree.valueStorage.count)
  }

  func span(_ range: TextRange) -> SourceSpan { tree.span(range) }

  /// The name of the field holding an enclosing message (nil at the root).
  func fieldName(_ enclosing: Enclosing) -> String? {
    enclosing.fieldIndex < 0 ? nil : schema[enclosing.owner].fields[Int(enclosing.fieldIndex)].name
  }

  mutating func report(_ diagnostic: Diagnostic, field: String? = nil) {
    var d = diagnostic
    let names = context.compactMap { fieldName($0) } + (field.map { [$0] } ?? [])
    if !names.isEmpty { d.path = names.joined(separator: ".") }
    diagnostics.append(d)
  }

  // MARK: Messages

  /// Checks the fields of one message, given as one or more blocks (merged).
  mutating func bindMessage(blocks: Blocks, type: MessageID) {
    let descriptor = schema[type]
    let fieldCount = descriptor.fieldInfo.count
    let base = lastSeenTop
    let slots = fieldCount + descriptor.oneofs.count
    if lastSeen.count < base + slots {
      lastSeen.append(contentsOf: repeatElement(-1, count: base + slots - lastSeen.count))
    }
    lastSeen.withUnsafeMutableBufferPointer { seen in
      for i in base..<(base + slots) { seen[i] = -1 }
    }
    lastSeenTop = base + slots
    let childBase = pendingTop

    for treeIndex in blocks.first.range {
      bindField(treeIndex, descriptor, type: type, base: base, blocks: blocks)
    }
    for block in blocks.more {
      for treeIndex in block.range { bindField(treeIndex, descriptor, type: type, base: base, blocks: blocks) }
    }
    for index in descriptor.requiredFieldIndices where lastSeen[base + index] < 0 {
      reportMissingRequired(descriptor.fields[index], of: descriptor, blocks: blocks)
    }
    lastSeenTop = base

    // Each singular message field once, with all its blocks, in order of first
    // appearance. Children push above `end` and pop back to it before returning.
    let end = pendingTop
    for position in childBase..<end {
      let (index, block) = pendingChildren[position]
      var seenBefore = false
      for earlier in childBase..<position where pendingChildren[earlier].index == index { seenBefore = true }
      guard !seenBefore, case .message(let childType) = descriptor.fieldInfo[index].type else { continue }
      var more: [IndexRange] = []
      for later in (position + 1)..<end where pendingChildren[later].index == index {
        more.append(pendingChildren[later].block)
      }
      context.append(Enclosing(type: childType, owner: type, fieldIndex: Int32(index)))
      bindMessage(blocks: Blocks(first: block, more: more), type: childType)
      context.removeLast()
    }
    pendingTop = childBase
  }

  /// Checks one field occurrence of the message at `lastSeen[base...]`.
  mutating func bindField(
    _ treeIndex: Int, _ descriptor: MessageDescriptor, type: MessageID, base: Int, blocks: Blocks
  ) {
    let field = tree.fieldStorage[treeIndex]
    switch field.value {
    case .error, .sweep: return  // reported by the parser; expanded by Sweep
    default: break
    }
    guard let index = resolveName(field.name, in: descriptor) else { return }
    bindings[treeIndex].descriptorIndex = Int32(index)
    let info = descriptor.fieldInfo[index]
    let fieldCount = descriptor.fieldInfo.count

    if info.oneofIndex >= 0 {
      let oneof = Int(info.oneofIndex)
      let slot = base + fieldCount + oneof
      let previous = Int(lastSeen[slot])
      if previous >= 0, bindings[previous].descriptorIndex != Int32(index) {
        reportOneofConflict(treeIndex, previous, descriptor: descriptor, oneof: oneof)
        retire(Int(bindings[previous].descriptorIndex), in: blocks)
      }
      lastSeen[slot] = Int32(treeIndex)
    }
    let previous = Int(lastSeen[base + index])
    if previous >= 0, !info.isRepeated {
      reportDuplicate(treeIndex, first: firstOccurrence(of: index, in: blocks), descriptor.fields[index])
      // A scalar given again replaces the first; a message merges with it.
      if !info.type.isMessage { bindings[previous].isLive = false }
    }
    lastSeen[base + index] = Int32(treeIndex)
    bindValue(treeIndex, field, FieldRef(message: descriptor, owner: type, index: index, info: info))
  }

  /// Marks every occurrence of field `index` in `blocks` as replaced.
  mutating func retire(_ index: Int, in blocks: Blocks) {
    for block in blocks.all {
      for i in block.range where bindings[i].descriptorIndex == Int32(index) { bindings[i].isLive = false }
    }
  }

  func firstOccurrence(of index: Int, in blocks: Blocks) -> Int {
    for block in blocks.all {
      for i in block.range where bindings[i].descriptorIndex == Int32(index) { return i }
    }
    preconditionFailure("called only after an occurrence was bound")
  }

  /// Checks one occurrence's value and records it in `bindings`/`elementValues`.
  mutating func bindValue(_ treeIndex: Int, _ field: Field, _ descriptor: FieldRef) {
    switch field.value {
    case .error, .sweep:
      return
    case .message(let value):
      guard case .message(let type) = descriptor.type else {
        let name = descriptor.name
        report(
          .error(
            .typeMismatch, at: span(TextRange(Int(value.open), Int(value.open) + 1)),
            "'\(name)' is \(typeDescription(descriptor.type)), not a message",
            labels: [Label(span(field.name.range), "declared as \(typeName(descriptor.descriptor))")],
            help: "write '\(name): value'"),
          field: name)
        return
      }
      bindings[treeIndex].value = .message(type)
      bindings[treeIndex].isLive = true
      if descriptor.isRepeated {
        context.append(Enclosing(type: type, owner: descriptor.owner, fieldIndex: Int32(descriptor.index)))
        bindMessage(blocks: Blocks(first: value.fields), type: type)
        context.removeLast()
      } else {
        if pendingTop == pendingChildren.count {
          pendingChildren.append((descriptor.index, value.fields))
        } else {
          pendingChildren[pendingTop] = (descriptor.index, value.fields)
        }
        pendingTop += 1
      }
    case .scalar(let scalar):
      if case .message(let type) = descriptor.type {
        let name = descriptor.name
        report(
          .error(
            .typeMismatch, at: span(scalar.range),
            "'\(name)' is a message (\(schema[type].name)), not \(scalarKindDescription(scalar))",
            help: "write '\(name) { … }' with the fields of \(schema[type].name)"),
          field: name)
        return
      }
      if field.colon == nil { return }  // the parser reported the missing ':'
      if let value = convert(scalar, to: descriptor) {
        bindings[treeIndex].value = value
        bindings[treeIndex].isLive = true
      }
    case .list(let list):
      guard descriptor.isRepeated else {
        let name = descriptor.name
        report(
          .error(
            .typeMismatch, at: span(list.range),
            "'\(name)' is not repeated, so it takes one value, not a list",
            labels: [Label(span(field.name.range), "declared as \(typeName(descriptor.descriptor))")],
            help: list.elements.count == 1 ? "remove the brackets" : "keep one value"),
          field: name)
        return
      }
      bindings[treeIndex].isLive = true
      for element in list.elements.range { bindElement(element, descriptor) }
    }
  }

  mutating func bindElement(_ element: Int, _ descriptor: FieldRef) {
    switch tree.valueStorage[element] {
    case .error, .list, .sweep:
      return  // reported by the parser; lists do not nest
    case .message(let value):
      guard case .message(let type) = descriptor.type else {
        let name = descriptor.name
        report(
          .error(.typeMismatch, at: span(value.range), "'\(name)' holds \(typeDescription(descriptor.type)) values, not messages"),
          field: name)
        return
      }
      elementValues[element] = .message(type)
      context.append(Enclosing(type: type, owner: descriptor.owner, fieldIndex: Int32(descriptor.index)))
      bindMessage(blocks: Blocks(first: value.fields), type: type)
      context.removeLast()
    case .scalar(let scalar):
      if case .message(let type) = descriptor.type {
        let name = descriptor.name
        report(
          .error(
            .typeMismatch, at: span(scalar.range),
            "'\(name)' holds \(schema[type].name) messages, not \(scalarKindDescription(scalar))"),
          field: name)
        return
      }
      elementValues[element] = convert(scalar, to: descriptor) ?? .none
    }
  }

  // MARK: Names

  /// The descriptor index of a field name, or nil after reporting why not.
  mutating func resolveName(_ name: FieldName, in descriptor: MessageDescriptor) -> Int? {
    switch name.kind {
    case .identifier:
      let found = tree.source.bytes.withUnsafeBufferPointer { bytes in
        descriptor.fieldIndex(named: UnsafeBufferPointer(rebasing: bytes[name.range.lowerBound..<name.range.upperBound]))
      }
      if let found { return found }
      reportUnknownField(tree.text(name.range), range: name.range, in: descriptor)
      return nil
    case .extension:
      let full = tree.components(of: name).map { tree.text($0) }.joined(separator: ".")
      // No bundled message is extended; extensions of a user's schema are not bound yet.
      let known = schema.extensions.contains { $0.fullName == full && schema[$0.extendee].fullName == descriptor.fullName }
      let reason = known
        ? "pipec does not check extension fields yet"
        : descriptor.extensionRanges.isEmpty
          ? "\(descriptor.name) declares no extensions"
          : "no loaded .proto file extends \(descriptor.name) with '\(full)'"
      report(.error(.unknownExtension, at: span(name.range), "unknown extension '[\(full)]': \(reason)"))
      return nil
    case .any:
      report(.error(
        .unknownExtension, at: span(name.range),
        "'\(tree.fieldNameText(name))' names a google.protobuf.Any payload, but \(descriptor.name) is not an Any"))
      return nil
    }
  }

  mutating func reportUnknownField(_ name: String, range: TextRange, in descriptor: MessageDescriptor) {
    var notes: [Note] = []
    var fixes: [Fix] = []
    var help: String?
    let nearest = nearestNames(to: name, among: descriptor.fields.map(\.name))
    if let best = nearest.first {
      help = nearest.count == 1
        ? "did you mean '\(best)'?" : "did you mean one of: \(nearest.map { "'\($0)'" }.joined(separator: ", "))?"
      fixes.append(Fix("rename to '\(best)'", edits: [Edit(span(range), best)], isSafe: nearest.count == 1))
    } else if let (levels, owner) = enclosingOwner(of: name) {
      // A field of an enclosing message: a `}` probably closed too late.
      let line = LineIndex(tree.source.bytes).location(of: range.lowerBound).line
      notes.append(Note(
        "'\(name)' is a field of \(schema[owner].name), \(levels) level\(levels == 1 ? "" : "s") up: is a '}' missing before line \(line)?"))
    } else {
      // Where the field does belong: below this message, else anywhere from the root.
      let here = context.compactMap { fieldName($0) }
      var places = locateField(named: name, below: context.last?.type ?? MessageID(0), schema: schema)
        .map { (here + $0.0, $0.1) }
      if places.isEmpty, let root = context.first?.type {
        places = locateField(named: name, below: root, schema: schema)
      }
      if !places.isEmpty {
        let described = places.prefix(4).map { "\(schema[$0.1].name) ('\(($0.0 + [name]).joined(separator: "."))')" }
        let more = places.count > 4 ? " and \(places.count - 4) more" : ""
        notes.append(Note("'\(name)' is a field of \(described.joined(separator: " or "))\(more)"))
        let conflicts = places.map { oneofChoiceExcluding($0.0) }
        if let (chosen, other) = conflicts.first ?? nil, conflicts.allSatisfy({ $0 != nil }) {
          // Every place lies in another member of a oneof this config already
          // chose (an SSD config naming a Faster R-CNN field): moving is no fix.
          notes.append(Note("this config uses '\(chosen)', and '\(other)' is the other branch of the same oneof"))
          help = "delete it: \(descriptor.name) has no field '\(name)', so TensorFlow rejects the file"
        } else {
          help = places.count == 1
            ? "move it to '\(places[0].0.joined(separator: "."))'" : "move it into the block it belongs to"
        }
      } else if let owner = schema.messages.firstIndex(where: { $0.fieldIndex(of: name) != nil }) {
        notes.append(Note("'\(name)' is a field of \(schema.messages[owner].name), which \(descriptor.name) cannot contain"))
      }
    }
    report(.error(.unknownField, at: span(range), "unknown field '\(name)' in \(descriptor.name)", notes: notes, help: help, fixes: fixes))
  }

  /// Where a path from the root leaves the current one through another member
  /// of a oneof that the current path chose: the chosen and the other field's
  /// names (`ssd`, `faster_rcnn` under `model`), or nil if it never does.
  func oneofChoiceExcluding(_ path: [String]) -> (String, String)? {
    let named = context.filter { $0.fieldIndex >= 0 }
    for (depth, enclosing) in named.enumerated() where depth < path.count {
      let owner = schema[enclosing.owner]
      let chosen = owner.fields[Int(enclosing.fieldIndex)]
      if chosen.name == path[depth] { continue }
      guard let oneof = chosen.oneofIndex, let other = owner.fieldIndex(of: path[depth]),
        owner.fields[other].oneofIndex == oneof
      else { return nil }
      return (chosen.name, path[depth])
    }
    return nil
  }

  /// How many levels up an enclosing message declares `name`, and its type.
  func enclosingOwner(of name: String) -> (Int, MessageID)? {
    for (levels, enclosing) in context.reversed().dropFirst().enumerated()
    where schema[enclosing.type].fieldIndex(of: name) != nil {
      return (levels + 1, enclosing.type)
    }
    return nil
  }

  // MARK: Singular, oneof and required rules

  mutating func reportDuplicate(_ treeIndex: Int, first: Int, _ descriptor: FieldDescriptor) {
    let what = descriptor.type.isMessage
      ? "TensorFlow's trainer merges the two blocks into one" : "TensorFlow's trainer silently keeps the last value"
    report(
      .error(
        .duplicateField, at: span(tree.fieldStorage[treeIndex].name.range),
        "'\(descriptor.name)' is set more than once, but it is not repeated",
        labels: [Label(span(tree.fieldStorage[first].name.range), "first set here")],
        notes: [Note("\(what) (protobuf's lenient merge); its TF2 TFLite exporter and protobuf's strict parser reject the file")],
        help: "keep one '\(descriptor.name)'"),
      field: descriptor.name)
  }

  mutating func reportOneofConflict(_ treeIndex: Int, _ previous: Int, descriptor: MessageDescriptor, oneof: Int) {
    let name = descriptor.fields[Int(bindings[treeIndex].descriptorIndex)].name
    let otherName = descriptor.fields[Int(bindings[previous].descriptorIndex)].name
    report(.error(
      .oneofConflict, at: span(tree.fieldStorage[treeIndex].name.range),
      "'\(name)' and '\(otherName)' are both set, but they are alternatives (oneof '\(descriptor.oneofs[oneof].name)')",
      labels: [Label(span(tree.fieldStorage[previous].name.range), "'\(otherName)' set here")],
      notes: [Note("TensorFlow's trainer silently keeps only the later one, '\(name)'; its TF2 TFLite exporter rejects the file")],
      help: "keep one of them"))
  }

  mutating func reportMissingRequired(_ field: FieldDescriptor, of descriptor: MessageDescriptor, blocks: Blocks) {
    // At the `{` of the message (found from its first field), or the file's start.
    var at = TextRange(0, 0)
    if let holder = context.count > 1 ? enclosingValueStart(blocks) : nil { at = TextRange(holder, holder + 1) }
    report(
      .error(
        .missingRequiredField, at: span(at), "required field '\(field.name)' of \(descriptor.name) is not set",
        help: "add '\(field.name): …'"))
  }

  /// The offset of the `{` whose fields are `blocks.first`, found in the tree.
  func enclosingValueStart(_ blocks: Blocks) -> Int? {
    let first = blocks.first
    for value in tree.fieldStorage.lazy.map(\.value) {
      if case .message(let m) = value, m.fields == first { return Int(m.open) }
    }
    for value in tree.valueStorage {
      if case .message(let m) = value, m.fields == first { return Int(m.open) }
    }
    return nil
  }

  // MARK: Descriptions

  func typeName(_ field: FieldDescriptor) -> String {
    let base: String
    switch field.type {
    case .message(let id): base = schema[id].name
    case .enum(let id): base = schema[id].name
    default: base = field.type.keyword
    }
    return field.isRepeated ? "repeated \(base)" : base
  }

  func typeDescription(_ type: FieldType) -> String {
    switch type {
    case .message(let id): "a message (\(schema[id].name))"
    case .enum(let id): "an enum (\(schema[id].name))"
    case .string: "a string"
    case .bytes: "bytes"
    case .bool: "a bool"
    case .float, .double: "a number (\(type.keyword))"
    default: "an integer (\(type.keyword))"
    }
  }

  func scalarKindDescription(_ scalar: Scalar) -> String {
    switch scalar.kind {
    case .identifier: "the name '\(tree.text(scalar.literal))'"
    case .integer: "an integer"
    case .float: "a number"
    case .string: "a string"
    }
  }
}

extension FieldType {
  var isMessage: Bool {
    if case .message = self { return true }
    return false
  }
}
