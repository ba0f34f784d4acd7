import Check
import Schema
import Syntax

/// Allocation-free reads of scalar fields for lowering's hot path.
///
/// Integers are narrowed with `truncatingIfNeeded` before any arithmetic:
/// the checker has already held them to their field's 32- or 64-bit range,
/// and the generic `Int128` conversions cost thousands of instructions each.
///
/// `TypedConfig.effective` decodes strings and copies the field descriptor;
/// numbers and flags need neither. These read the checker's bound value of the
/// last live occurrence, or the schema default, straight from the arrays.
extension Lowering {
  /// The last live occurrence of field `index` in `view`, as a tree index.
  func lastOccurrence(of index: Int, in view: MessageView) -> Int? {
    let target = Int32(index)
    var found: Int?
    for block in view.blocks {
      for i in block.range where config.bindings[i].descriptorIndex == target && config.bindings[i].isLive {
        found = i
      }
    }
    return found
  }

  /// The index of a field by name: a byte comparison over the message's names,
  /// cheaper than hashing the name for the small messages of a config.
  func fieldIndex(_ name: StaticString, in descriptor: MessageDescriptor) -> Int? {
    name.withUTF8Buffer { descriptor.fieldIndex(named: $0) }
  }

  /// A number or flag: the value set last, else the default; nil for other kinds.
  func number(_ name: StaticString, in view: MessageView) -> (value: Double, isSet: Bool)? {
    let descriptor = config.schema[view.type]
    guard let index = fieldIndex(name, in: descriptor) else { return nil }
    if let i = lastOccurrence(of: index, in: view) {
      switch config.bindings[i].value {
      case .integer(let v): return (Double(Int64(truncatingIfNeeded: v)), true)
      case .floatingPoint(let v): return (v, true)
      case .bool(let v): return (v ? 1 : 0, true)
      case .none:
        // A repeated field in list syntax: its last element.
        if case .list(let list) = config.tree.fieldStorage[i].value, let e = list.elements.range.last {
          switch config.elementValues[e] {
          case .integer(let v): return (Double(Int64(truncatingIfNeeded: v)), true)
          case .floatingPoint(let v): return (v, true)
          default: return nil
          }
        }
        return nil
      default: return nil
      }
    }
    switch descriptor.fields[index].defaultValue {
    case .integer(let v)?: return (Double(Int64(truncatingIfNeeded: v)), false)
    case .floatingPoint(let v)?: return (v, false)
    case .bool(let v)?: return (v ? 1 : 0, false)
    default: return (0, false)
    }
  }

  /// Whether the field is set, without reading its value.
  func isSet(_ name: StaticString, in view: MessageView) -> Bool {
    guard let index = fieldIndex(name, in: config.schema[view.type]) else { return false }
    return lastOccurrence(of: index, in: view) != nil
  }
}
