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

  /// A sub-message that the config sets (nil when unset), with where it was set.
  func message(_ name: String, in view: MessageView) -> (view: MessageView, range: TextRange?)? {
    guard let value = config.effective(name, in: view), value.isSet,
      case .message(let m) = value.kind
    else { return nil }
    return (m, value.range)
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
      let field = descriptor.fields[index]
      if case .message = field.type, !field.isRepeated, let m = message(field.name, in: view) {
        return (field.name, m.view, m.range)
      }
    }
    return nil
  }

  func int(_ name: String, in view: MessageView) -> Int {
    guard let v = config.effective(name, in: view) else { return 0 }
    switch v.kind {
    case .integer(let i): return Int(clamping: i)
    case .floatingPoint(let d): return d.isFinite ? Int(d) : 0
    default: return 0
    }
  }

  func double(_ name: String, in view: MessageView) -> Double {
    guard let v = config.effective(name, in: view) else { return 0 }
    switch v.kind {
    case .integer(let i): return Double(i)
    case .floatingPoint(let d): return d
    default: return 0
    }
  }

  func bool(_ name: String, in view: MessageView) -> Bool {
    if case .bool(let b)? = config.effective(name, in: view)?.kind { return b }
    return false
  }

  func string(_ name: String, in view: MessageView) -> String {
    switch config.effective(name, in: view)?.kind {
    case .string(let s)?: return s
    case .enumValue(let name, _)?: return name
    default: return ""
    }
  }

  func isSet(_ name: String, in view: MessageView) -> Bool { config.effective(name, in: view)?.isSet ?? false }

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

  func parameters(of view: MessageView, prefix: String) -> [Parameter] {
    var result: [Parameter] = []
    for field in config.schema[view.type].fields where !field.isDeprecated {
      let name = prefix + field.name
      if case .message = field.type {
        if field.isRepeated {
          for (i, m) in messages(field.name, in: view).enumerated() {
            result += parameters(of: m.view, prefix: "\(name)[\(i)].")
          }
        } else if let m = message(field.name, in: view) {
          let inner = parameters(of: m.view, prefix: name + ".")
          result += inner.isEmpty ? [Parameter(name, .text("{}"), isSet: true)] : inner
        }
        continue
      }
      if field.isRepeated {
        let values = config.values(field.name, in: view)
        if !values.isEmpty { result.append(Parameter(name, .list(values.map { parameterValue($0.kind) }), isSet: true)) }
        continue
      }
      // Members of a oneof only count when set.
      guard let value = config.effective(field.name, in: view) else { continue }
      if field.oneofIndex != nil && !value.isSet { continue }
      result.append(Parameter(name, parameterValue(value.kind), isSet: value.isSet))
    }
    return result
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
