import Schema
import Syntax

/// The execution plan: a config lowered to plain data, every default resolved
/// and every derived number computed.
///
/// Built by `lower(_:)`. Nothing here refers to syntax nodes; each node keeps
/// an `Origin` (a config path, and the source range when the value was set)
/// so the runtime and the CLI can point back at the config.
///
/// Component parameters name their schema field and enum values by number;
/// `schema` spells them out for the renderers.
package struct Plan: Sendable, Equatable {
  package var model: ModelPlan
  package var training: TrainingPlan
  package var trainInput: InputPlan?
  package var evalInputs: [InputPlan]
  package var evaluation: EvaluationPlan
  package var cost: CostPlan
  /// The schema the config was checked against (shared storage, not a copy).
  package var schema: Schema

  /// Equal plans have equal parts; the schema is taken to be the same one.
  package static func == (a: Plan, b: Plan) -> Bool {
    a.model == b.model && a.training == b.training && a.trainInput == b.trainInput
      && a.evalInputs == b.evalInputs && a.evaluation == b.evaluation && a.cost == b.cost
  }
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

/// A field of a message type in the schema: which message, and which of its fields.
package struct FieldRef: Sendable, Equatable, Hashable {
  package var message: MessageID
  package var index: Int32

  package init(_ message: MessageID, _ index: Int) {
    self.message = message
    self.index = Int32(index)
  }
}

extension Schema {
  /// The field's name, e.g. `iou_threshold`.
  package func name(of field: FieldRef) -> String {
    self[field.message].fields.withUnsafeBufferPointer { $0[Int(field.index)].name }
  }
}

/// One resolved field of a config message: which schema field, its effective
/// value and whether the config set it (otherwise it is the schema default).
///
/// A field of a sub-message keeps the sub-message's dotted path as `group`
/// (`batch_non_max_suppression`) apart from its own field, so lowering shares
/// strings instead of building one per parameter. Names are spelled out only
/// by the renderers, with the schema (`name(in:)`).
package struct Parameter: Sendable, Equatable {
  package var group: String
  package var field: FieldRef
  package var value: ParameterValue
  package var isSet: Bool

  package init(group: String = "", field: FieldRef, _ value: ParameterValue, isSet: Bool) {
    self.group = group
    self.field = field
    self.value = value
    self.isSet = isSet
  }

  /// The dotted name, e.g. `batch_non_max_suppression.iou_threshold`.
  package func name(in schema: Schema) -> String {
    let field = schema.name(of: field)
    return group.isEmpty ? field : group + "." + field
  }
}

package enum ParameterValue: Sendable, Equatable {
  case integer(Int)
  case number(Double)
  case bool(Bool)
  case text(String)
  /// A value of enum type `type`, by number (`spelled(in:)` names it).
  case enumValue(EnumID, Int32)
  case list([ParameterValue])

  /// The value as the summary prints it; an enum value by name (its number when the type has none).
  package func spelled(in schema: Schema) -> String {
    switch self {
    case .integer(let v): "\(v)"
    case .number(let v): formatNumber(v)
    case .bool(let v): "\(v)"
    case .text(let v): "\"\(v)\""
    case .enumValue(let type, let number): schema.enumName(type, number)
    case .list(let vs): "[" + vs.map { $0.spelled(in: schema) }.joined(separator: ", ") + "]"
    }
  }
}

extension Schema {
  /// The name of value `number` of enum `type`, or the number when the type has no such value.
  package func enumName(_ type: EnumID, _ number: Int32) -> String {
    self[type].value(numbered: number)?.name ?? String(number)
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

  /// The value of the parameter with dotted name `name`.
  package func parameter(_ name: String, in schema: Schema) -> ParameterValue? {
    parameters.first { $0.name(in: schema) == name }?.value
  }
}

/// A number printed briefly: integers without a fraction, others in the shortest form.
package func formatNumber(_ v: Double) -> String {
  if v == v.rounded(), abs(v) < 1e15 { return "\(Int(v))" }
  return "\(v)"
}
