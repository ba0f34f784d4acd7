import Diagnostics
import Schema
import Syntax

/// A config bound to its schema: every set field with its typed values and where
/// it was written, and every unset field's default on demand.
///
/// Built by `check(_:against:root:)`. Values follow TensorFlow's reader
/// (protobuf's Python `text_format.Merge`): a singular scalar given twice keeps
/// the last value, a singular message given twice merges, and a second member
/// of a oneof replaces the first. Each of those is also reported.
package struct TypedConfig: Sendable {
  package let schema: Schema
  package let tree: SyntaxTree
  package var root: TypedMessage

  package init(schema: Schema, tree: SyntaxTree, root: TypedMessage) {
    self.schema = schema
    self.tree = tree
    self.root = root
  }
}

/// One message value: the fields set in it, in order of first appearance.
package struct TypedMessage: Sendable {
  package var type: MessageID
  package var fields: [TypedField]
  /// `{ … }` of the message; nil for a file's root.
  package var range: TextRange?

  package init(type: MessageID, fields: [TypedField] = [], range: TextRange? = nil) {
    self.type = type
    self.fields = fields
    self.range = range
  }

  /// The set field with this descriptor index, if any.
  package func field(at index: Int) -> TypedField? { fields.first { $0.index == index } }
}

/// A field that was set, with every value given for it (one for singular fields).
package struct TypedField: Sendable {
  /// Index into the message descriptor's `fields`.
  package var index: Int
  /// Name of the field at its first occurrence.
  package var nameRange: TextRange
  package var values: [TypedValue]

  package init(index: Int, nameRange: TextRange, values: [TypedValue]) {
    self.index = index
    self.nameRange = nameRange
    self.values = values
  }
}

/// A value with the source range it came from.
package struct TypedValue: Sendable {
  package var kind: Kind
  package var range: TextRange

  package init(_ kind: Kind, range: TextRange) {
    self.kind = kind
    self.range = range
  }

  package enum Kind: Sendable {
    case integer(Int128)
    case floatingPoint(Double)
    case bool(Bool)
    case string(String)
    case bytes([UInt8])
    case enumValue(name: String, number: Int32)
    case message(TypedMessage)
  }

  package var message: TypedMessage? {
    if case .message(let m) = kind { return m }
    return nil
  }
}

/// A field's value as a program sees it: set, or its default.
package struct EffectiveValue: Sendable {
  package var kind: TypedValue.Kind
  /// Where it was set; nil for a default.
  package var range: TextRange?
  package var isSet: Bool { range != nil }
}

extension TypedConfig {
  /// The field's last value if set, else its schema default (messages default to empty).
  package func effective(_ name: String, in message: TypedMessage) -> EffectiveValue? {
    let descriptor = schema[message.type]
    guard let index = descriptor.fieldIndexByName[name] else { return nil }
    if let set = message.field(at: index), let last = set.values.last {
      return EffectiveValue(kind: last.kind, range: last.range)
    }
    return EffectiveValue(kind: defaultKind(of: descriptor.fields[index]), range: nil)
  }

  /// The value a field has when unset, per protobuf's proto2 rules.
  package func defaultKind(of field: FieldDescriptor) -> TypedValue.Kind {
    switch (field.type, field.defaultValue) {
    case (_, .integer(let v)?): return .integer(v)
    case (_, .floatingPoint(let v)?): return .floatingPoint(v)
    case (_, .bool(let v)?): return .bool(v)
    case (_, .string(let v)?): return .string(v)
    case (_, .bytes(let v)?): return .bytes(v)
    case (.enum(let id), .enumValue(let name)?):
      let number = schema[id].value(named: name)?.number ?? 0
      return .enumValue(name: name, number: number)
    case (.enum(let id), _):
      let first = schema[id].values.first
      return .enumValue(name: first?.name ?? "", number: first?.number ?? 0)
    case (.message(let id), _): return .message(TypedMessage(type: id))
    case (.bool, _): return .bool(false)
    case (.string, _): return .string("")
    case (.bytes, _): return .bytes([])
    case (.float, _), (.double, _): return .floatingPoint(0)
    default: return .integer(0)
    }
  }
}
