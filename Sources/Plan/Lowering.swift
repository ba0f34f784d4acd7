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
  let plan = Plan(model: model, training: training, trainInput: trainInput, evalInputs: evalInputs,
                  evaluation: evaluation, cost: cost)
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
  func message(_ name: String, in view: MessageView) -> (view: MessageView, range: TextRange?)? {
    let descriptor = config.schema[view.type]
    guard let index = descriptor.fieldIndexByName[name] else { return nil }
    return message(at: index, of: descriptor, in: view)
  }

  func message(at index: Int, of descriptor: MessageDescriptor, in view: MessageView) -> (view: MessageView, range: TextRange?)? {
    guard case .message(let type) = descriptor.fields[index].type, !descriptor.fields[index].isRepeated else { return nil }
    let target = Int32(index)
    var blocks: [IndexRange] = []
    var last: Int?
    for block in view.blocks {
      for i in block.range where config.bindings[i].descriptorIndex == target && config.bindings[i].isLive {
        if case .message(let m) = config.tree.fieldStorage[i].value { blocks.append(m.fields) }
        last = i
      }
    }
    guard let last else { return nil }
    return (MessageView(type: type, blocks: blocks), config.tree.fieldStorage[last].value.range)
  }

  /// Every occurrence of a repeated message field.
  func messages(_ name: String, in view: MessageView) -> [(view: MessageView, range: TextRange?)] {
    config.values(name, in: view).compactMap { v in
      if case .message(let m) = v.kind { return (m, v.range) }
      return nil
    }
  }

  /// The set member of a oneof of messages (the first message field set).
  func chosen(in view: MessageView) -> (name: String, view: MessageView, range: TextRange?)? {
    let descriptor = config.schema[view.type]
    for index in config.setFields(of: view) where index >= 0 && index < descriptor.fields.count {
      if let m = message(at: index, of: descriptor, in: view) { return (descriptor.fields[index].name, m.view, m.range) }
    }
    return nil
  }

  func int(_ name: String, in view: MessageView) -> Int {
    guard let v = number(name, in: view)?.value, v.isFinite else { return 0 }
    return Int(clamping: Int64(max(min(v, 9e18), -9e18)))
  }

  func double(_ name: String, in view: MessageView) -> Double { number(name, in: view)?.value ?? 0 }

  func bool(_ name: String, in view: MessageView) -> Bool { (number(name, in: view)?.value ?? 0) != 0 }

  func string(_ name: String, in view: MessageView) -> String {
    switch config.effective(name, in: view)?.kind {
    case .string(let s)?: return s
    case .enumValue(let name, _)?: return name
    default: return ""
    }
  }

  func range(_ name: String, in view: MessageView) -> TextRange? { config.effective(name, in: view)?.range }

  func doubles(_ name: String, in view: MessageView) -> [Double] {
    config.values(name, in: view).compactMap { v in
      switch v.kind {
      case .floatingPoint(let d): d
      case .integer(let i): Double(i)
      default: nil
      }
    }
  }

  func ints(_ name: String, in view: MessageView) -> [Int] {
    config.values(name, in: view).compactMap { v in
      if case .integer(let i) = v.kind { return Int(clamping: i) }
      return nil
    }
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
  func parameters(of view: MessageView, prefix group: String, nested: Bool = true, onlySet: Bool = false) -> [Parameter] {
    let descriptor = config.schema[view.type]
    let set = config.setFields(of: view)
    var result: [Parameter] = []
    result.reserveCapacity(descriptor.fields.count)
    for i in descriptor.fields.indices where !descriptor.fields[i].isDeprecated {
      let isSet = set.contains(i)
      if case .message = descriptor.fields[i].type {
        guard nested, isSet else { continue }
        let field = descriptor.fields[i].name
        let name = group.isEmpty ? field : group + "." + field
        if descriptor.fields[i].isRepeated {
          for (k, m) in messages(field, in: view).enumerated() {
            result += parameters(of: m.view, prefix: name + "[" + String(k) + "]")
          }
        } else if let m = message(at: i, of: descriptor, in: view) {
          let inner = parameters(of: m.view, prefix: name)
          result += inner.isEmpty ? [Parameter(group: group, field: field, .text("{}"), isSet: true)] : inner
        }
        continue
      }
      guard isSet else {
        if onlySet { continue }
        // Unset members of a oneof and empty lists are not parameters.
        if descriptor.fields[i].isRepeated || descriptor.fields[i].oneofIndex != nil { continue }
        result.append(Parameter(group: group, field: descriptor.fields[i].name, defaultParameter(descriptor, i), isSet: false))
        continue
      }
      let field = descriptor.fields[i].name
      if descriptor.fields[i].isRepeated {
        let values = config.values(field, in: view)
        if !values.isEmpty { result.append(Parameter(group: group, field: field, .list(values.map { parameterValue($0.kind) }), isSet: true)) }
      } else if let value = setParameter(descriptor, i, in: view) {
        result.append(Parameter(group: group, field: field, value, isSet: true))
      }
    }
    return result
  }

  /// The value of singular scalar field `index` where it was set last, read
  /// from the checker's binding (strings decoded, enums named).
  func setParameter(_ descriptor: MessageDescriptor, _ index: Int, in view: MessageView) -> ParameterValue? {
    guard let i = lastOccurrence(of: index, in: view) else { return nil }
    switch config.bindings[i].value {
    case .integer(let v): return .integer(Int(clamping: v))
    case .floatingPoint(let v): return .number(v)
    case .bool(let v): return .bool(v)
    case .enumValue(let number):
      if case .enum(let id) = descriptor.fields[index].type {
        return .enumName(config.schema[id].value(numbered: number)?.name ?? String(number))
      }
      return .integer(Int(number))
    case .string, .bytes:
      if case .scalar(let scalar) = config.tree.fieldStorage[i].value {
        return .text(String(decoding: config.tree.decodedBytes(of: scalar), as: UTF8.self))
      }
      return nil
    case .message, .none:
      return nil
    }
  }

  /// The default of field `index` without copying its descriptor.
  func defaultParameter(_ descriptor: MessageDescriptor, _ index: Int) -> ParameterValue {
    switch descriptor.fields[index].defaultValue {
    case .integer(let v)?: return .integer(Int(clamping: v))
    case .floatingPoint(let v)?: return .number(v)
    case .bool(let v)?: return .bool(v)
    case .string(let v)?: return .text(v)
    case .bytes(let v)?: return .text(String(decoding: v, as: UTF8.self))
    case .enumValue(let v)?: return .enumName(v)
    case nil: return parameterValue(config.defaultKind(of: descriptor.fields[index]))
    }
  }

  func parameterValue(_ kind: EffectiveValue.Kind) -> ParameterValue {
    switch kind {
    case .integer(let i): .integer(Int(clamping: i))
    case .floatingPoint(let d): .number(d)
    case .bool(let b): .bool(b)
    case .string(let s): .text(s)
    case .bytes(let b): .text(String(decoding: b, as: UTF8.self))
    case .enumValue(let name, _): .enumName(name)
    case .message: .text("{}")
    }
  }

  // MARK: Reporting

  mutating func report(_ code: DiagnosticCode, _ severity: Severity, _ message: String, at range: TextRange?,
                       path: String, help: String? = nil) {
    let span = config.tree.span(range ?? TextRange(0, 0))
    diagnostics.append(Diagnostic(code, severity, at: span, message, help: help, path: path))
  }
}
