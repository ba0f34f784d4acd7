import Diagnostics
import Schema
import Syntax

/// A config bound to its schema: for every field of the syntax tree, which
/// schema field it is, whether it counts, and its typed value.
///
/// Built by `check(_:against:root:)`. The bindings are parallel to the tree's
/// arenas (`bindings[i]` is `tree.fieldStorage[i]`, `elementValues[i]` is
/// `tree.valueStorage[i]`) and hold plain values, so a typed config costs two
/// flat arrays and every value traces back to its source. Values follow
/// TensorFlow's reader (protobuf's Python `text_format.Merge`): a singular
/// scalar given twice keeps the last value, a singular message given twice
/// merges (a `MessageView` has one block per occurrence), and a later member of
/// a oneof replaces the earlier one. Each of those is also reported.
package struct TypedConfig: Sendable {
  package let schema: Schema
  package let tree: SyntaxTree
  package let rootType: MessageID
  package var bindings: [FieldBinding]
  package var elementValues: [BoundValue]

  package init(schema: Schema, tree: SyntaxTree, rootType: MessageID, bindings: [FieldBinding], elementValues: [BoundValue]) {
    self.schema = schema
    self.tree = tree
    self.rootType = rootType
    self.bindings = bindings
    self.elementValues = elementValues
  }

  package var root: MessageView { MessageView(type: rootType, blocks: [tree.rootFields]) }
}

/// What the checker learned about one syntax field.
package struct FieldBinding: Sendable, Hashable {
  /// Index of the field in its message's descriptor; -1 when it did not resolve.
  package var descriptorIndex: Int32 = -1
  /// False when a later occurrence replaced this one (a singular scalar given
  /// again, an earlier member of a oneof) or the value did not check.
  package var isLive = false
  /// The value of a scalar field; `.message` for a message value, `.none` for lists.
  package var value: BoundValue = .none
}

/// A checked value as plain data; strings are decoded from the tree on demand.
package enum BoundValue: Sendable, Hashable {
  case none
  case integer(Int128)
  case floatingPoint(Double)
  case bool(Bool)
  case string
  case bytes
  case enumValue(number: Int32)
  case message(MessageID)
}

/// One message as a program sees it: its blocks in the tree (several when a
/// singular message was given more than once, which TensorFlow merges).
package struct MessageView: Sendable {
  package var type: MessageID
  package var blocks: [IndexRange]

  package init(type: MessageID, blocks: [IndexRange]) {
    self.type = type
    self.blocks = blocks
  }
}

/// A field's value as a program sees it: set, or its schema default.
package struct EffectiveValue: Sendable {
  package enum Kind: Sendable {
    case integer(Int128)
    case floatingPoint(Double)
    case bool(Bool)
    case string(String)
    case bytes([UInt8])
    case enumValue(name: String, number: Int32)
    case message(MessageView)
  }

  package var kind: Kind
  /// Where it was set (the value's range); nil for a default.
  package var range: TextRange?
  package var isSet: Bool { range != nil }
}

extension TypedConfig {
  /// Tree indices of the live occurrences of field `index` in `view`, in source order.
  package func occurrences(of index: Int, in view: MessageView) -> [Int] {
    var found: [Int] = []
    for block in view.blocks {
      for i in block.range where bindings[i].descriptorIndex == Int32(index) && bindings[i].isLive {
        found.append(i)
      }
    }
    return found
  }

  /// The descriptor indices of the fields set in `view`, in order of first appearance.
  package func setFields(of view: MessageView) -> [Int] {
    var seen: [Int] = []
    for block in view.blocks {
      for i in block.range where bindings[i].isLive {
        let index = Int(bindings[i].descriptorIndex)
        if !seen.contains(index) { seen.append(index) }
      }
    }
    return seen
  }

  /// The field's effective value: the last one set, or its default (a message
  /// field's merged blocks, or an empty message).
  package func effective(_ name: String, in view: MessageView) -> EffectiveValue? {
    let descriptor = schema[view.type]
    guard let index = descriptor.fieldIndex(of: name) else { return nil }
    let field = descriptor.fields[index]
    let found = occurrences(of: index, in: view)
    if case .message(let type) = field.type {
      let blocks = found.compactMap { messageBlock(at: $0) }
      let range = found.last.map { tree.fieldStorage[$0].value.range }
      return EffectiveValue(kind: .message(MessageView(type: type, blocks: blocks)), range: range)
    }
    guard let last = found.last else { return EffectiveValue(kind: defaultKind(of: field), range: nil) }
    if field.isRepeated, case .list(let list) = tree.fieldStorage[last].value {
      guard let element = list.elements.range.last else { return EffectiveValue(kind: defaultKind(of: field), range: nil) }
      return EffectiveValue(kind: kind(of: elementValues[element], value: tree.valueStorage[element], field: field), range: tree.valueStorage[element].range)
    }
    return EffectiveValue(kind: kind(of: bindings[last].value, value: tree.fieldStorage[last].value, field: field), range: tree.fieldStorage[last].value.range)
  }

  /// Every value of a (repeated) field, in order, across plain and list syntax.
  package func values(_ name: String, in view: MessageView) -> [EffectiveValue] {
    let descriptor = schema[view.type]
    guard let index = descriptor.fieldIndex(of: name) else { return [] }
    let field = descriptor.fields[index]
    var result: [EffectiveValue] = []
    for i in occurrences(of: index, in: view) {
      let value = tree.fieldStorage[i].value
      if case .list(let list) = value {
        for e in list.elements.range where elementValues[e] != .none {
          result.append(EffectiveValue(kind: kind(of: elementValues[e], value: tree.valueStorage[e], field: field), range: tree.valueStorage[e].range))
        }
      } else {
        result.append(EffectiveValue(kind: kind(of: bindings[i].value, value: value, field: field), range: value.range))
      }
    }
    return result
  }

  private func messageBlock(at treeIndex: Int) -> IndexRange? {
    if case .message(let m) = tree.fieldStorage[treeIndex].value { return m.fields }
    return nil
  }

  /// A bound value with its strings decoded and its enum named.
  package func kind(of bound: BoundValue, value: Value, field: FieldDescriptor) -> EffectiveValue.Kind {
    switch bound {
    case .integer(let v): return .integer(v)
    case .floatingPoint(let v): return .floatingPoint(v)
    case .bool(let v): return .bool(v)
    case .string, .bytes:
      guard case .scalar(let scalar) = value else { return defaultKind(of: field) }
      let bytes = tree.decodedBytes(of: scalar)
      return bound == .bytes ? .bytes(bytes) : .string(String(decoding: bytes, as: UTF8.self))
    case .enumValue(let number):
      guard case .enum(let id) = field.type else { return defaultKind(of: field) }
      return .enumValue(name: schema[id].value(numbered: number)?.name ?? "\(number)", number: number)
    case .message(let type):
      if case .message(let m) = value { return .message(MessageView(type: type, blocks: [m.fields])) }
      return .message(MessageView(type: type, blocks: []))
    case .none:
      return defaultKind(of: field)
    }
  }

  /// The value a field has when unset, per protobuf's proto2 rules.
  package func defaultKind(of field: FieldDescriptor) -> EffectiveValue.Kind {
    switch (field.type, field.defaultValue) {
    case (_, .integer(let v)?): return .integer(v)
    case (_, .floatingPoint(let v)?): return .floatingPoint(v)
    case (_, .bool(let v)?): return .bool(v)
    case (_, .string(let v)?): return .string(v)
    case (_, .bytes(let v)?): return .bytes(v)
    case (.enum(let id), .enumValue(let name)?):
      return .enumValue(name: name, number: schema[id].value(named: name)?.number ?? 0)
    case (.enum(let id), _):
      let first = schema[id].values.first
      return .enumValue(name: first?.name ?? "", number: first?.number ?? 0)
    case (.message(let id), _): return .message(MessageView(type: id, blocks: []))
    case (.bool, _): return .bool(false)
    case (.string, _): return .string("")
    case (.bytes, _): return .bytes([])
    case (.float, _), (.double, _): return .floatingPoint(0)
    default: return .integer(0)
    }
  }
}
