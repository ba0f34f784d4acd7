import Diagnostics
import Schema
import Syntax

/// Binds a syntax tree to a schema: the typed config and every schema error.
///
/// What is accepted follows TensorFlow's reader, protobuf's Python
/// `text_format.Merge`, value by value (see `ScalarConversion.swift`); where
/// protobuf's C++ parser differs, the diagnostic says so. Nodes that failed to
/// parse (`Value.error`) are skipped silently: they were reported already.
package func check(
  _ tree: SyntaxTree, against schema: Schema, root: MessageID
) -> (config: TypedConfig, diagnostics: [Diagnostic]) {
  var checker = Checker(tree: tree, schema: schema)
  let message = checker.bindMessage(tree.fields, type: root, range: nil, context: [])
  return (TypedConfig(schema: schema, tree: tree, root: message), checker.diagnostics)
}

/// One enclosing message on the way down, for "did you miss a `}`" hints and paths.
struct Enclosing {
  var type: MessageID
  /// The field holding this message (nil at the root).
  var fieldName: String?
}

struct Checker {
  let tree: SyntaxTree
  let schema: Schema
  var diagnostics: [Diagnostic] = []

  init(tree: SyntaxTree, schema: Schema) {
    self.tree = tree
    self.schema = schema
  }

  func span(_ range: TextRange) -> SourceSpan { tree.span(range) }

  mutating func report(_ diagnostic: Diagnostic, path: [Enclosing], field: String? = nil) {
    var d = diagnostic
    let names = path.compactMap(\.fieldName) + (field.map { [$0] } ?? [])
    if !names.isEmpty { d.path = names.joined(separator: ".") }
    diagnostics.append(d)
  }

  // MARK: Messages

  mutating func bindMessage(
    _ fields: ArraySlice<Field>, type: MessageID, range: TextRange?, context: [Enclosing]
  ) -> TypedMessage {
    var message = TypedMessage(type: type, range: range)
    let inner = context + [Enclosing(type: type, fieldName: nil)]
    bindFields(fields, into: &message, context: inner)
    checkRequired(message, context: inner)
    return message
  }

  /// Binds `fields` into `message`, which may already hold fields (a merged
  /// second occurrence of a singular message).
  mutating func bindFields(_ fields: ArraySlice<Field>, into message: inout TypedMessage, context: [Enclosing]) {
    let descriptor = schema[message.type]
    for field in fields {
      if case .error = field.value { continue }
      guard let index = resolveName(field.name, in: descriptor, context: context) else { continue }
      let fieldDescriptor = descriptor.fields[index]
      let path = context
      checkOneof(field, index: index, in: &message, descriptor: descriptor, path: path)

      let existing = message.fields.firstIndex { $0.index == index }
      if let existing, !fieldDescriptor.isRepeated {
        reportDuplicate(field, fieldDescriptor, first: message.fields[existing], path: path)
      }
      let values = bindValues(field, fieldDescriptor, existing: existing.map { message.fields[$0] }, context: context)
      guard !values.isEmpty || isEmptyList(field.value) else { continue }
      if let existing {
        if fieldDescriptor.isRepeated {
          message.fields[existing].values += values
        } else if !values.isEmpty {
          // Merge semantics: a singular message merges (already done in
          // bindValues); a scalar keeps the last value.
          message.fields[existing].values = [values[values.count - 1]]
        }
      } else {
        message.fields.append(TypedField(index: index, nameRange: field.name.range, values: values))
      }
    }
  }

  func isEmptyList(_ value: Value) -> Bool {
    if case .list(let list) = value { return list.elements.isEmpty }
    return false
  }

  /// The values of one field occurrence, converted to the field's type.
  mutating func bindValues(
    _ field: Field, _ descriptor: FieldDescriptor, existing: TypedField?, context: [Enclosing]
  ) -> [TypedValue] {
    let name = descriptor.name
    switch field.value {
    case .error:
      return []
    case .message(let value):
      guard case .message(let type) = descriptor.type else {
        report(
          .error(
            .typeMismatch, at: span(TextRange(Int(value.open), Int(value.open) + 1)),
            "'\(name)' is \(typeDescription(descriptor.type)), not a message",
            labels: [Label(span(field.name.range), "declared as \(typeName(descriptor))")],
            help: "write '\(name): value'"),
          path: context, field: name)
        return []
      }
      let childContext = context + [Enclosing(type: type, fieldName: name)]
      if !descriptor.isRepeated, let previous = existing?.values.last?.message {
        // A singular message given again merges into the first (TensorFlow's Merge).
        var merged = previous
        bindFields(tree.fields(of: value), into: &merged, context: childContext)
        return [TypedValue(.message(merged), range: value.range)]
      }
      var message = TypedMessage(type: type, range: value.range)
      bindFields(tree.fields(of: value), into: &message, context: childContext)
      checkRequired(message, context: childContext)
      return [TypedValue(.message(message), range: value.range)]
    case .scalar(let scalar):
      if case .message(let type) = descriptor.type {
        report(
          .error(
            .typeMismatch, at: span(scalar.range),
            "'\(name)' is a message (\(schema[type].name)), not \(scalarKindDescription(scalar))",
            help: "write '\(name) { … }' with the fields of \(schema[type].name)"),
          path: context, field: name)
        return []
      }
      if field.colon == nil { return [] }  // the parser reported the missing ':'
      return convert(scalar, to: descriptor, path: context).map { [$0] } ?? []
    case .list(let list):
      guard descriptor.isRepeated else {
        report(
          .error(
            .typeMismatch, at: span(list.range),
            "'\(name)' is not repeated, so it takes one value, not a list",
            labels: [Label(span(field.name.range), "declared as \(typeName(descriptor))")],
            help: list.elements.count == 1 ? "remove the brackets" : "keep one value"),
          path: context, field: name)
        return []
      }
      if field.colon == nil, !descriptor.type.isMessage {
        report(
          .error(
            .typeMismatch, at: span(TextRange(Int(list.open), Int(list.open) + 1)),
            "expected ':' before a list of scalar values",
            help: "TensorFlow's parser allows omitting ':' only before messages",
            fixes: [Fix("insert ':'", edits: [Edit(span(TextRange(field.name.range.upperBound, field.name.range.upperBound)), ":")])]),
          path: context, field: name)
      }
      var values: [TypedValue] = []
      for element in tree.elements(of: list) {
        switch element {
        case .error:
          continue
        case .message(let value):
          guard case .message(let type) = descriptor.type else {
            report(
              .error(
                .typeMismatch, at: span(value.range),
                "'\(name)' holds \(typeDescription(descriptor.type)) values, not messages"),
              path: context, field: name)
            continue
          }
          let childContext = context + [Enclosing(type: type, fieldName: name)]
          var message = TypedMessage(type: type, range: value.range)
          bindFields(tree.fields(of: value), into: &message, context: childContext)
          checkRequired(message, context: childContext)
          values.append(TypedValue(.message(message), range: value.range))
        case .scalar(let scalar):
          if case .message(let type) = descriptor.type {
            report(
              .error(
                .typeMismatch, at: span(scalar.range),
                "'\(name)' holds \(schema[type].name) messages, not \(scalarKindDescription(scalar))"),
              path: context, field: name)
            continue
          }
          if let value = convert(scalar, to: descriptor, path: context) { values.append(value) }
        case .list:
          continue  // the parser does not produce nested lists
        }
      }
      return values
    }
  }

  // MARK: Names

  /// The descriptor index of a field name, or nil after reporting why not.
  mutating func resolveName(_ name: FieldName, in descriptor: MessageDescriptor, context: [Enclosing]) -> Int? {
    switch name.kind {
    case .identifier:
      let text = tree.text(name.range)
      if let index = descriptor.fieldIndexByName[text] { return index }
      reportUnknownField(text, range: name.range, in: descriptor, context: context)
      return nil
    case .extension:
      let full = tree.components(of: name).map { tree.text($0) }.joined(separator: ".")
      if let ext = schema.extensions.first(where: { $0.fullName == full }),
        schema[ext.extendee].fullName == descriptor.fullName
      {
        // Extensions are not stored in the typed tree yet; none exist in the bundled schema.
        _ = ext
        return nil
      }
      let reason = descriptor.extensionRanges.isEmpty
        ? "\(descriptor.name) declares no extensions"
        : "no loaded .proto file extends \(descriptor.name) with '\(full)'"
      report(
        .error(.unknownExtension, at: span(name.range), "unknown extension '[\(full)]': \(reason)"),
        path: context)
      return nil
    case .any:
      report(
        .error(
          .unknownExtension, at: span(name.range),
          "'\(tree.fieldNameText(name))' names a google.protobuf.Any payload, but \(descriptor.name) is not an Any"),
        path: context)
      return nil
    }
  }

  mutating func reportUnknownField(
    _ name: String, range: TextRange, in descriptor: MessageDescriptor, context: [Enclosing]
  ) {
    var notes: [Note] = []
    var fixes: [Fix] = []
    var help: String?
    let candidates = descriptor.fields.map(\.name)
    let nearest = nearestNames(to: name, among: candidates)
    if let best = nearest.first {
      help = nearest.count == 1 ? "did you mean '\(best)'?" : "did you mean one of: \(nearest.map { "'\($0)'" }.joined(separator: ", "))?"
      fixes.append(Fix("rename to '\(best)'", edits: [Edit(span(range), best)], isSafe: nearest.count == 1))
    }
    // A field of an enclosing message: a `}` probably closed too late.
    if nearest.isEmpty, let (levels, owner) = enclosingOwner(of: name, context: context) {
      let line = LineIndex(tree.source.bytes).location(of: range.lowerBound).line
      notes.append(Note(
        "'\(name)' is a field of \(schema[owner].name), \(levels) level\(levels == 1 ? "" : "s") up: is a '}' missing before line \(line)?"))
    } else if nearest.isEmpty {
      // Where the field does belong: below this message, else anywhere from the root.
      let here = context.compactMap(\.fieldName)
      var places = locateField(named: name, below: context.last?.type ?? MessageID(0), schema: schema)
        .map { (here + $0.0, $0.1) }
      if places.isEmpty, let root = context.first?.type {
        places = locateField(named: name, below: root, schema: schema)
      }
      if !places.isEmpty {
        let described = places.prefix(4).map { "\(schema[$0.1].name) ('\(($0.0 + [name]).joined(separator: "."))')" }
        let more = places.count > 4 ? " and \(places.count - 4) more" : ""
        notes.append(Note("'\(name)' is a field of \(described.joined(separator: " or "))\(more)"))
        help = places.count == 1
          ? "move it to '\(places[0].0.joined(separator: "."))'" : "move it into the block it belongs to"
      } else if let owner = anyOwner(of: name) {
        notes.append(Note("'\(name)' is a field of \(schema[owner].name), which \(descriptor.name) cannot contain"))
      }
    }
    report(
      .error(
        .unknownField, at: span(range), "unknown field '\(name)' in \(descriptor.name)",
        notes: notes, help: help, fixes: fixes),
      path: context)
  }

  /// How many levels up an enclosing message declares `name`, and its type.
  func enclosingOwner(of name: String, context: [Enclosing]) -> (Int, MessageID)? {
    for (levels, enclosing) in context.reversed().dropFirst().enumerated() {
      if schema[enclosing.type].fieldIndexByName[name] != nil { return (levels + 1, enclosing.type) }
    }
    return nil
  }

  /// Some message type declaring `name`, for a last-resort note.
  func anyOwner(of name: String) -> MessageID? {
    schema.messages.firstIndex { $0.fieldIndexByName[name] != nil }.map(MessageID.init)
  }

  // MARK: Singular, oneof and required rules

  mutating func reportDuplicate(_ field: Field, _ descriptor: FieldDescriptor, first: TypedField, path: [Enclosing]) {
    let what = descriptor.type.isMessage
      ? "TensorFlow's trainer merges the two blocks into one"
      : "TensorFlow's trainer silently keeps the last value"
    report(
      .error(
        .duplicateField, at: span(field.name.range),
        "'\(descriptor.name)' is set more than once, but it is not repeated",
        labels: [Label(span(first.nameRange), "first set here")],
        notes: [Note("\(what) (protobuf's lenient merge); its TF2 TFLite exporter and protobuf's strict parser reject the file")],
        help: "keep one '\(descriptor.name)'"),
      path: path, field: descriptor.name)
  }

  mutating func checkOneof(
    _ field: Field, index: Int, in message: inout TypedMessage, descriptor: MessageDescriptor, path: [Enclosing]
  ) {
    guard let oneof = descriptor.fields[index].oneofIndex else { return }
    let members = descriptor.oneofs[oneof].fieldIndices
    guard let other = message.fields.firstIndex(where: { $0.index != index && members.contains($0.index) })
    else { return }
    let otherName = descriptor.fields[message.fields[other].index].name
    let name = descriptor.fields[index].name
    report(
      .error(
        .oneofConflict, at: span(field.name.range),
        "'\(name)' and '\(otherName)' are both set, but they are alternatives (oneof '\(descriptor.oneofs[oneof].name)')",
        labels: [Label(span(message.fields[other].nameRange), "'\(otherName)' set here")],
        notes: [Note("TensorFlow's trainer silently keeps only the later one, '\(name)'; its TF2 TFLite exporter rejects the file")],
        help: "keep one of them"),
      path: path)
    // Merge semantics: the later member replaces the earlier one.
    message.fields.remove(at: other)
  }

  mutating func checkRequired(_ message: TypedMessage, context: [Enclosing]) {
    let descriptor = schema[message.type]
    for (index, field) in descriptor.fields.enumerated() where field.label == .required {
      guard message.field(at: index) == nil else { continue }
      let at = message.range.map { TextRange($0.lowerBound, $0.lowerBound + 1) } ?? TextRange(0, 0)
      report(
        .error(
          .missingRequiredField, at: span(at),
          "required field '\(field.name)' of \(descriptor.name) is not set",
          help: "add '\(field.name): …'"),
        path: context)
    }
  }

  // MARK: Descriptions

  func typeName(_ field: FieldDescriptor) -> String {
    let base: String
    switch field.type {
    case .message(let id): base = schema[id].name
    case .enum(let id): base = schema[id].name
    default: base = scalarTypeName(field.type)
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
    case .float, .double: "a number (\(scalarTypeName(type)))"
    default: "an integer (\(scalarTypeName(type)))"
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

func scalarTypeName(_ type: FieldType) -> String {
  switch type {
  case .double: "double"
  case .float: "float"
  case .int32: "int32"
  case .int64: "int64"
  case .uint32: "uint32"
  case .uint64: "uint64"
  case .sint32: "sint32"
  case .sint64: "sint64"
  case .fixed32: "fixed32"
  case .fixed64: "fixed64"
  case .sfixed32: "sfixed32"
  case .sfixed64: "sfixed64"
  case .bool: "bool"
  case .string: "string"
  case .bytes: "bytes"
  case .message: "message"
  case .enum: "enum"
  }
}

extension FieldType {
  var isMessage: Bool {
    if case .message = self { return true }
    return false
  }
}
