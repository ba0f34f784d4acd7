import Syntax

/// The execution plan: a config lowered to plain data, every default resolved
/// and every derived number computed.
///
/// Built by `lower(_:)`. Nothing here refers to syntax nodes; each node keeps
/// an `Origin` (a config path, and the source range when the value was set)
/// so the runtime and the CLI can point back at the config.
package struct Plan: Sendable, Equatable {
  package var model: ModelPlan
  package var training: TrainingPlan
  package var trainInput: InputPlan?
  package var evalInputs: [InputPlan]
  package var evaluation: EvaluationPlan
  package var cost: CostPlan
}

/// Where a plan node came from: a config path, and the bytes of the value when it was set
/// (nil for a schema default or a derived value).
package struct Origin: Sendable, Equatable, Hashable {
  package var path: String
  package var range: TextRange?

  package init(_ path: String, _ range: TextRange? = nil) {
    self.path = path
    self.range = range
  }
}

/// One resolved field of a config message: its name, its effective value and
/// whether the config set it (otherwise it is the schema default).
///
/// A field of a sub-message keeps the sub-message's dotted path as `group`
/// (`batch_non_max_suppression`) apart from its own name, so lowering shares
/// strings instead of building one per parameter.
package struct Parameter: Sendable, Equatable {
  package var group: String
  package var field: String
  package var value: ParameterValue
  package var isSet: Bool

  package init(_ name: String, _ value: ParameterValue, isSet: Bool) {
    self.init(group: "", field: name, value, isSet: isSet)
  }

  package init(group: String, field: String, _ value: ParameterValue, isSet: Bool) {
    self.group = group
    self.field = field
    self.value = value
    self.isSet = isSet
  }

  /// The dotted name, e.g. `batch_non_max_suppression.iou_threshold`.
  package var name: String { group.isEmpty ? field : group + "." + field }
}

package enum ParameterValue: Sendable, Equatable, CustomStringConvertible {
  case integer(Int)
  case number(Double)
  case bool(Bool)
  case text(String)
  case enumName(String)
  case list([ParameterValue])

  package var description: String {
    switch self {
    case .integer(let v): "\(v)"
    case .number(let v): formatNumber(v)
    case .bool(let v): "\(v)"
    case .text(let v): "\"\(v)\""
    case .enumName(let v): v
    case .list(let vs): "[" + vs.map(\.description).joined(separator: ", ") + "]"
    }
  }

  package var asDouble: Double? {
    switch self {
    case .integer(let v): Double(v)
    case .number(let v): v
    default: nil
    }
  }
}

/// A config message chosen from a oneof or a list, with its parameters resolved:
/// an optimizer, a loss, an augmentation op, a matcher.
package struct Component: Sendable, Equatable {
  /// The chosen member's field name, e.g. `momentum_optimizer` or `random_horizontal_flip`.
  package var kind: String
  /// Scalar fields (set or default) and, as dotted names, the scalars of set sub-messages.
  package var parameters: [Parameter]
  package var origin: Origin

  package init(kind: String, parameters: [Parameter], origin: Origin) {
    self.kind = kind
    self.parameters = parameters
    self.origin = origin
  }

  package func parameter(_ name: String) -> ParameterValue? {
    parameters.first { $0.name == name }?.value
  }
}

/// A number printed briefly: integers without a fraction, others in the shortest form.
package func formatNumber(_ v: Double) -> String {
  if v == v.rounded(), abs(v) < 1e15 { return "\(Int(v))" }
  return "\(v)"
}
