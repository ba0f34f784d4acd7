import Check
import Diagnostics
import Schema
import Syntax

/// What lowering needs beyond the config.
package struct LoweringOptions: Sendable {
  /// Training examples in the dataset, for steps per epoch; nil when unknown.
  package var datasetSize: Int?

  package init(datasetSize: Int? = nil) { self.datasetSize = datasetSize }
}

/// Lowers a checked config to a plan. Whatever cannot be planned becomes a
/// diagnostic at its config location, and the plan keeps everything else.
package func lower(_ config: TypedConfig, options: LoweringOptions = .init()) -> (Plan, [Diagnostic]) {
  var lowering = Lowering(config: config)
  let root = config.root
  let model = lowering.lowerModel(root)
  let training = lowering.lowerTraining(root)
  let trainInput = lowering.message("train_input_reader", in: root).map {
    lowering.lowerInput($0.view, name: "train_input_reader", range: $0.range)
  }
  let evalInputs = lowering.messages("eval_input_reader", in: root).map {
    lowering.lowerInput($0.view, name: "eval_input_reader", range: $0.range)
  }
  let evaluation = lowering.lowerEvaluation(root)
  let cost = CostPlan(model: model, training: training, datasetSize: options.datasetSize)
  let plan = Plan(
    model: model, training: training, trainInput: trainInput, evalInputs: evalInputs,
    evaluation: evaluation, cost: cost, schema: config.schema)
  return (plan, lowering.diagnostics)
}

/// The state of one lowering: the config and the diagnostics found so far.
struct Lowering {
  let config: TypedConfig
  var diagnostics: [Diagnostic] = []

  init(config: TypedConfig) { self.config = config }

  // MARK: Reading values

  /// A sub-message that the config sets (nil when unset), with where it was
  /// set last; a message given twice is merged (one block per occurrence).
  func message(_ name: StaticString, in view: MessageView) -> (view: MessageView, range: TextRange?)? {
    let descriptor = config.schema[view.type]
    guard let index = fieldIndex(name, in: descriptor) else { return nil }
    return message(at: index, of: descriptor, in: view)
  }

  func message(
    at index: Int, of descriptor: MessageDescriptor, in view: MessageView
  ) -> (view: MessageView, range: TextRange?)? {
    // Read through a buffer pointer: `fields[index]` on the array copies the whole descriptor.
    let type: MessageID? = descriptor.fields.withUnsafeBufferPointer { fields in
      guard case .message(let type) = fields[index].type else { return nil }
      if case .repeated = fields[index].label { return nil }
      return type
    }
    guard let type else { return nil }
    let target = Int32(index)
    // Nearly always one block: made as a one-element array, not grown from an empty one.
    var first: IndexRange?
    var more: [IndexRange] = []
    var last: Int?
    for block in view.blocks {
      for i in block.range where config.bindings[i].descriptorIndex == target && config.bindings[i].isLive {
        if case .message(let m) = config.tree.fieldStorage[i].value {
          if first == nil { first = m.fields } else { more.append(m.fields) }
        }
        last = i
      }
    }
    guard let last else { return nil }
    let blocks = first.map { more.isEmpty ? [$0] : [$0] + more } ?? []
    return (MessageView(type: type, blocks: blocks), config.tree.fieldStorage[last].value.range)
  }

  /// Every occurrence of a repeated message field.
  func messages(_ name: StaticString, in view: MessageView) -> [(view: MessageView, range: TextRange?)] {
    let descriptor = config.schema[view.type]
    guard let index = fieldIndex(name, in: descriptor) else { return [] }
    return messages(at: index, of: descriptor, in: view)
  }

  /// Every occurrence of message field `index`, in order, across plain and list
  /// syntax: what `TypedConfig.values` gives for it, read straight from the bindings.
  func messages(
    at index: Int, of descriptor: MessageDescriptor, in view: MessageView
  ) -> [(view: MessageView, range: TextRange?)] {
    let type: MessageID? = descriptor.fields.withUnsafeBufferPointer { fields in
      if case .message(let type) = fields[index].type { return type }
      return nil
    }
    guard let type else { return [] }
    func occurrence(_ value: Value) -> MessageView {
      if case .message(let m) = value { return MessageView(type: type, blocks: [m.fields]) }
      return MessageView(type: type, blocks: [])
    }
    var result: [(view: MessageView, range: TextRange?)] = []
    forEachOccurrence(of: index, in: view) { value, _ in result.append((occurrence(value), value.range)) }
    return result
  }

  /// Calls `body` with every live occurrence of field `index` in `view`, in
  /// order, across plain and list syntax: its syntax and its bound value (what
  /// `TypedConfig.values` gives, read straight from the bindings).
  @inline(__always)
  func forEachOccurrence(of index: Int, in view: MessageView, _ body: (Value, BoundValue) -> Void) {
    let target = Int32(index)
    for block in view.blocks {
      for i in block.range where config.bindings[i].descriptorIndex == target && config.bindings[i].isLive {
        let value = config.tree.fieldStorage[i].value
        if case .list(let list) = value {
          for e in list.elements.range where config.elementValues[e] != .none {
            body(config.tree.valueStorage[e], config.elementValues[e])
          }
        } else {
          body(value, config.bindings[i].value)
        }
      }
    }
  }

  /// The set member of a oneof of messages (the first message field set).
  func chosen(in view: MessageView) -> (name: String, view: MessageView, range: TextRange?)? {
    let descriptor = config.schema[view.type]
    let count = descriptor.fields.count
    // Fields in order of appearance: the first singular message is the member.
    for block in view.blocks {
      for i in block.range where config.bindings[i].isLive {
        let index = Int(config.bindings[i].descriptorIndex)
        guard index >= 0 && index < count, let m = message(at: index, of: descriptor, in: view) else { continue }
        return (descriptor.fields[index].name, m.view, m.range)
      }
    }
    return nil
  }

  func int(_ name: StaticString, in view: MessageView) -> Int {
    guard let v = number(name, in: view)?.value, v.isFinite else { return 0 }
    return Int(clamping: Int64(max(min(v, 9e18), -9e18)))
  }

  func double(_ name: StaticString, in view: MessageView) -> Double { number(name, in: view)?.value ?? 0 }

  func bool(_ name: StaticString, in view: MessageView) -> Bool { (number(name, in: view)?.value ?? 0) != 0 }

  func string(_ name: StaticString, in view: MessageView) -> String {
    // A set string or enum straight from its binding; defaults and the rest go the general way.
    let descriptor = config.schema[view.type]
    if let index = fieldIndex(name, in: descriptor), let i = lastOccurrence(of: index, in: view) {
      switch config.bindings[i].value {
      case .string:
        if case .scalar(let scalar) = config.tree.fieldStorage[i].value { return decodedString(scalar) }
      case .enumValue(let number):
        let type = descriptor.fields.withUnsafeBufferPointer { $0[index].type }
        if case .enum(let id) = type, let value = config.schema[id].value(numbered: number) { return value.name }
      default:
        break
      }
    }
    switch config.effective(name.description, in: view)?.kind {
    case .string(let s)?: return s
    case .enumValue(let name, _)?: return name
    default: return ""
    }
  }

  func range(_ name: StaticString, in view: MessageView) -> TextRange? {
    let descriptor = config.schema[view.type]
    guard let index = fieldIndex(name, in: descriptor), let i = lastOccurrence(of: index, in: view) else {
      return nil
    }
    return config.tree.fieldStorage[i].value.range
  }

  func doubles(_ name: StaticString, in view: MessageView) -> [Double] {
    var result: [Double] = []
    forEachValue(name, in: view) { bound in
      switch bound {
      case .floatingPoint(let d): result.append(d)
      case .integer(let i): result.append(Double(i))
      default: break
      }
    }
    return result
  }

  /// Each string of a (repeated) string field, in order, across plain and list
  /// syntax: `TypedConfig.values` without the general decoding of each literal.
  func strings(_ name: StaticString, in view: MessageView) -> [String] {
    let descriptor = config.schema[view.type]
    guard let index = fieldIndex(name, in: descriptor) else { return [] }
    let target = Int32(index)
    var result: [String] = []
    for block in view.blocks {
      for i in block.range where config.bindings[i].descriptorIndex == target && config.bindings[i].isLive {
        let value = config.tree.fieldStorage[i].value
        if case .list(let list) = value {
          for e in list.elements.range where config.elementValues[e] == .string {
            if case .scalar(let scalar) = config.tree.valueStorage[e] { result.append(decodedString(scalar)) }
          }
        } else if config.bindings[i].value == .string, case .scalar(let scalar) = value {
          result.append(decodedString(scalar))
        }
      }
    }
    return result
  }

  /// Each bound value of a (repeated) scalar field, in order, across plain and list syntax.
  func forEachValue(_ name: StaticString, in view: MessageView, _ body: (BoundValue) -> Void) {
    let descriptor = config.schema[view.type]
    guard let index = fieldIndex(name, in: descriptor) else { return }
    forEachOccurrence(of: index, in: view) { _, bound in body(bound) }
  }

  /// A message with every scalar resolved (set or default), and the scalars of
  /// its set sub-messages under dotted names.
  func component(_ kind: String, _ view: MessageView, path: String, range: TextRange?) -> Component {
    Component(kind: kind, parameters: parameters(of: view, prefix: ""), origin: Origin(path, range))
  }

  /// With `nested` false, only the message's own scalars (sub-messages are
  /// skipped); with `onlySet`, only what the config sets.
  ///
  /// Reads descriptors by index and looks up only the fields that are set:
  /// lowering calls this for every component, so it must stay cheap.
  /// `except` names a top-level field to leave out (one the plan shows elsewhere).
  func parameters(
    of view: MessageView, prefix group: String, nested: Bool = true, onlySet: Bool = false,
    except: String? = nil
  ) -> [Parameter] {
    var result: [Parameter] = []
    // Skipped during the walk: removing it afterwards would move (and retain) every parameter.
    let skip = except.flatMap { config.schema[view.type].fieldIndex(of: $0) }
    appendParameters(of: view, prefix: group, nested: nested, onlySet: onlySet, skipping: skip, to: &result)
    return result
  }

  /// `parameters(of:...)` appended to `result`: sub-messages add to the same
  /// array instead of returning arrays to be copied in. `skip` is the index of
  /// a field of this message to leave out.
  func appendParameters(
    of view: MessageView, prefix group: String, nested: Bool = true, onlySet: Bool = false,
    skipping skip: Int? = nil, to result: inout [Parameter]
  ) {
    let descriptor = config.schema[view.type]
    // One pass over the message: the last live occurrence of each field (-1 when unset), on the stack.
    withUnsafeTemporaryAllocation(of: Int.self, capacity: descriptor.fields.count) { last in
      last.initialize(repeating: -1)
      for block in view.blocks {
        for i in block.range where config.bindings[i].isLive {
          let d = Int(config.bindings[i].descriptorIndex)
          if d >= 0 && d < last.count { last[d] = i }
        }
      }
      // Through a buffer pointer, reading one member of a descriptor does not copy the whole struct.
      descriptor.fields.withUnsafeBufferPointer { fields in
        // Geometric growth: reserving exactly `count + fields` would reallocate on every sub-message.
        if result.capacity < result.count + fields.count {
          result.reserveCapacity(max(2 * result.capacity, result.count + fields.count, 16))
        }
        for i in fields.indices where !fields[i].isDeprecated && i != skip {
          let isSet = last[i] >= 0
          if case .message = fields[i].type {
            guard nested, isSet else { continue }
            let field = fields[i].name
            let name = group.isEmpty ? field : group + "." + field
            if case .repeated = fields[i].label {
              for (k, m) in messages(at: i, of: descriptor, in: view).enumerated() {
                appendParameters(of: m.view, prefix: name + "[" + String(k) + "]", to: &result)
              }
            } else if let m = message(at: i, of: descriptor, in: view) {
              let before = result.count
              appendParameters(of: m.view, prefix: name, to: &result)
              if result.count == before {
                result.append(Parameter(group: group, field: FieldRef(view.type, i), .text("{}"), isSet: true))
              }
            }
            continue
          }
          guard isSet else {
            // Unset members of a oneof and empty lists are not parameters.
            if onlySet || fields[i].oneofIndex != nil { continue }
            if case .repeated = fields[i].label { continue }
            result.append(
              Parameter(
                group: group, field: FieldRef(view.type, i), defaultParameter(fields[i].defaultValue, i, descriptor),
                isSet: false))
            continue
          }
          if case .repeated = fields[i].label {
            let values = listParameter(i, fields[i].type, in: view)
            if !values.isEmpty {
              result.append(Parameter(group: group, field: FieldRef(view.type, i), .list(values), isSet: true))
            }
          } else if let value = setParameter(descriptor, i, at: last[i]) {
            result.append(Parameter(group: group, field: FieldRef(view.type, i), value, isSet: true))
          }
        }
      }
    }
  }

  /// The value of singular scalar field `index` at tree index `i` (its last
  /// live occurrence), read from the checker's binding (strings decoded, enums by number).
  func setParameter(_ descriptor: MessageDescriptor, _ index: Int, at i: Int) -> ParameterValue? {
    let type = descriptor.fields.withUnsafeBufferPointer { $0[index].type }
    return parameterValue(config.bindings[i].value, config.tree.fieldStorage[i].value, type)
  }

  /// Every value of repeated scalar field `index`, in order, across plain and list
  /// syntax: what `TypedConfig.values` gives, read straight from the bindings.
  func listParameter(_ index: Int, _ type: FieldType, in view: MessageView) -> [ParameterValue] {
    var result: [ParameterValue] = []
    forEachOccurrence(of: index, in: view) { value, bound in
      if let p = parameterValue(bound, value, type) { result.append(p) }
    }
    return result
  }

  /// A bound scalar as a parameter value (strings decoded, enums by number);
  /// `value` is its syntax, `type` its field's type.
  func parameterValue(_ bound: BoundValue, _ value: Value, _ type: FieldType) -> ParameterValue? {
    switch bound {
    case .integer(let v): return .integer(Int(truncatingIfNeeded: v))
    case .floatingPoint(let v): return .number(v)
    case .bool(let v): return .bool(v)
    case .enumValue(let number):
      if case .enum(let id) = type { return .enumValue(id, number) }
      return .integer(Int(number))
    case .string, .bytes:
      if case .scalar(let scalar) = value {
        return .text(decodedString(scalar))
      }
      return nil
    case .message, .none:
      return nil
    }
  }

  /// A string literal's text: straight from the source when it is one literal
  /// without escapes (the usual path), else decoded.
  func decodedString(_ scalar: Scalar) -> String {
    let literal = scalar.literal
    if scalar.moreStrings.isEmpty, literal.upperBound - literal.lowerBound >= 2 {
      let inner = TextRange(literal.lowerBound + 1, literal.upperBound - 1)
      let plain = config.tree.source.bytes.withUnsafeBufferPointer { bytes in
        !bytes[inner.lowerBound..<inner.upperBound].contains(UInt8(ascii: "\\"))
      }
      if plain { return config.tree.text(inner) }
    }
    return String(decoding: config.tree.decodedBytes(of: scalar), as: UTF8.self)
  }

  /// A field's default as a parameter value (for enum and bool defaults the
  /// schema leaves implicit, the type's first value or zero).
  func defaultParameter(
    _ value: DefaultValue?, _ index: Int, _ descriptor: MessageDescriptor
  ) -> ParameterValue {
    switch value {
    case .integer(let v)?: return .integer(Int(truncatingIfNeeded: v))
    case .floatingPoint(let v)?: return .number(v)
    case .bool(let v)?: return .bool(v)
    case .string(let v)?: return .text(v)
    case .bytes(let v)?: return .text(String(decoding: v, as: UTF8.self))
    case .enumValue(let name)?:
      return descriptor.fields.withUnsafeBufferPointer { fields in
        guard case .enum(let id) = fields[index].type else { return .text(name) }
        return config.schema[id].values.withUnsafeBufferPointer { values in
          // The checker has resolved the name; an unknown one is shown as text rather than lost.
          guard let value = values.first(where: { $0.name == name }) else { return .text(name) }
          return .enumValue(id, value.number)
        }
      }
    case nil:
      // The type's zero value; read by pointer, as `defaultKind(of:)` would copy the descriptor.
      return descriptor.fields.withUnsafeBufferPointer { fields in
        switch fields[index].type {
        case .enum(let id): .enumValue(id, config.schema[id].values.first?.number ?? 0)
        case .bool: .bool(false)
        case .string, .bytes: .text("")
        case .float, .double: .number(0)
        case .message: .text("{}")
        default: .integer(0)
        }
      }
    }
  }

  // MARK: Reporting

  mutating func report(
    _ code: DiagnosticCode, _ severity: Severity, _ message: String, at range: TextRange?,
    path: String, help: String? = nil
  ) {
    let span = config.tree.span(range ?? TextRange(0, 0))
    diagnostics.append(Diagnostic(code, severity, at: span, message, help: help, path: path))
  }
}
