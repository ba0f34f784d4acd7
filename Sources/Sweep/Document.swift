import Diagnostics
import Schema
import Syntax

/// A config under construction: the base merged with the sweep file, with
/// holes where sweep expressions stand. Fields keep the order TensorFlow's
/// configs are usually written in (base order, new fields last).
package struct DocField: Sendable {
  package var name: String
  package var value: DocValue
  package var origin: Origin
  /// Sweep files only: `@append`, add to the base's repeated field.
  package var append = false
}

package indirect enum DocValue: Sendable {
  /// A literal as written (`0.1`, `"path"`, `RELU_6`).
  case scalar(String, Origin)
  case message([DocField])
  /// A list of scalars: `[1, 2]` (lists of messages become repeated fields).
  case list([DocValue])
  /// A sweep expression: index into `Study.holes`.
  case hole(Int)
}

/// Converts syntax trees into documents and merges them (the `@extends` rules).
struct DocumentBuilder {
  let schema: Schema
  var holes: [Hole] = []

  /// A plain tree (a base config) as a document.
  func document(_ tree: SyntaxTree, _ fields: ArraySlice<Field>) -> [DocField] {
    var result: [DocField] = []
    for field in fields {
      let name = tree.fieldNameText(field.name)
      let origin = Origin.written(tree.span(field.range))
      switch field.value {
      case .scalar(let s):
        result.append(DocField(name: name, value: .scalar(tree.scalarText(s), .written(tree.span(s.range))), origin: origin))
      case .message(let m):
        result.append(DocField(name: name, value: .message(document(tree, tree.fields(of: m))), origin: origin))
      case .list(let l):
        var scalars: [DocValue] = []
        for element in tree.elements(of: l) {
          switch element {
          case .scalar(let s): scalars.append(.scalar(tree.scalarText(s), .written(tree.span(s.range))))
          case .message(let m):
            result.append(DocField(
              name: name, value: .message(document(tree, tree.fields(of: m))), origin: .written(tree.span(m.range))))
          default: break
          }
        }
        if !scalars.isEmpty || tree.elements(of: l).isEmpty {
          result.append(DocField(name: name, value: .list(scalars), origin: origin))
        }
      case .error, .sweep:
        continue
      }
    }
    return result
  }

  /// The base with `overlay` applied: message fields merge recursively, scalars
  /// replace, repeated fields replace unless marked `append`, and setting one
  /// member of a oneof removes the base's other members.
  mutating func merge(_ base: [DocField], _ overlay: [DocField], type: MessageID?) -> [DocField] {
    var result = base
    var replaced: Set<String> = []
    let descriptor = type.map { schema[$0] }
    for field in overlay {
      let append = field.append
      let fieldDescriptor = descriptor?.field(named: field.name)
      if let oneof = fieldDescriptor?.oneofIndex, let descriptor {
        let others = Set(descriptor.oneofs[oneof].fieldIndices.map { descriptor.fields[$0].name })
          .subtracting([field.name])
        result.removeAll { others.contains($0.name) }
      }
      if fieldDescriptor?.isRepeated == true {
        if append || replaced.contains(field.name) {
          result.append(field)
        } else {
          replaced.insert(field.name)
          if let first = result.firstIndex(where: { $0.name == field.name }) {
            result.removeAll { $0.name == field.name }
            result.insert(field, at: min(first, result.count))
          } else {
            result.append(field)
          }
        }
        continue
      }
      guard let i = result.lastIndex(where: { $0.name == field.name }) else {
        result.append(field)
        continue
      }
      switch (result[i].value, field.value) {
      case (.message(let old), .message(let new)):
        let childType: MessageID? = if case .message(let t) = fieldDescriptor?.type { t } else { nil }
        result[i].value = .message(merge(old, new, type: childType))
        result[i].origin = field.origin
      case (let old, .hole(let h)):
        holes[h].base = old
        result[i] = field
      default:
        result[i] = field
      }
    }
    return result
  }
}
