import Check
import Schema
import Syntax

/// A message of the config as a rule sees it. Plain data: making or copying one
/// allocates nothing and counts no references.
///
/// A singular message given more than once is one node with several blocks, as
/// TensorFlow merges them; the blocks after the first live in the run's table.
package struct Node: Sendable {
  package var type: MessageID
  /// The tree index of the field holding this message (its last occurrence); -1 for the root.
  var holder: Int32
  /// The fields of the first occurrence.
  var block: IndexRange
  /// Further occurrences: a range of `LintShared.extraBlocks`; empty for one.
  var more: IndexRange = .none
  /// The field name holding this message (its last occurrence); nil for the root.
  package var site: TextRange?
  /// The `{ … }` of the last occurrence; nil for the root.
  package var body: TextRange?

  /// Where the node stands (`train_config.optimizer`), spelled out only for a finding.
  package var path: LintPath { LintPath(.node(holder: holder)) }
}

/// A scalar field's effective value (set, or its default) with where it was set. Plain data.
package struct Setting: Sendable {
  /// The value: as set, or the field's default. Strings and enum names are read
  /// through the context (`LintContext.string(_:)`, `enumName(_:)`).
  package var value: BoundValue
  /// The value's source range when set.
  package var range: TextRange?
  /// The value in the tree: a field index, `-2 - i` for list element `i`, -1 for none.
  var source: Int32
  /// The field's last occurrence in the tree (for `LintContext.fieldRange(of:)`); -1 for none.
  var occurrence: Int32 = -1
  /// True when `value` is the default (the field is unset, or its value did not bind).
  var isDefault: Bool
  /// The field: the message type declaring it, its index, and the field holding that message.
  var ownerType: MessageID
  var field: Int32
  var holder: Int32

  package var isSet: Bool { range != nil }
  /// The field's place (`train_config.num_steps`), spelled out only for a finding.
  package var path: LintPath { LintPath(.field(holder: holder, type: ownerType, index: field)) }

  package var double: Double? {
    switch value {
    case .floatingPoint(let v): v
    case .integer(let v): Double(v)
    default: nil
    }
  }
  package var int: Int? {
    if case .integer(let v) = value { return Int(exactly: v) }
    return nil
  }
  package var bool: Bool? {
    if case .bool(let v) = value { return v }
    return nil
  }
}

/// A dotted field path for a finding (`train_config.optimizer`), kept as tree
/// indices until a finding is rendered.
package struct LintPath: Sendable, ExpressibleByStringLiteral {
  enum Storage: Sendable {
    case node(holder: Int32)
    case field(holder: Int32, type: MessageID, index: Int32)
    case text(String)
  }

  let storage: Storage
  init(_ storage: Storage) { self.storage = storage }
  package init(stringLiteral value: String) { storage = .text(value) }
}

/// A oneof member the rules branch on, named by its field.
protocol MemberKind {
  var field: StaticString { get }
}

extension MemberKind {
  /// The member's field name, for messages.
  var name: String { field.description }
}

extension ModelKind {
  /// The order in which members are tried (all of them, in declaration order).
  static let order: [ModelKind] = [.ssd, .fasterRCNN, .centerNet]
}

extension OptimizerKind {
  static let order: [OptimizerKind] = [.rmsProp, .momentum, .adam]
}

extension ScheduleKind {
  static let order: [ScheduleKind] = [.constant, .exponential, .manual, .cosine]
}

extension BoundValue {
  /// `== .none` without the generic `Equatable` call (not specialised across modules).
  var isNone: Bool {
    if case .none = self { return true }
    return false
  }
}

/// The model's meta-architecture: the member of `DetectionModel.model` that is set.
package enum ModelKind: Sendable, MemberKind {
  case ssd
  case fasterRCNN
  case centerNet

  var field: StaticString {
    switch self {
    case .ssd: "ssd"
    case .fasterRCNN: "faster_rcnn"
    case .centerNet: "center_net"
    }
  }
}

/// The optimizer: the member of `Optimizer.optimizer` that is set.
package enum OptimizerKind: Sendable, MemberKind {
  case rmsProp
  case momentum
  case adam

  var field: StaticString {
    switch self {
    case .rmsProp: "rms_prop_optimizer"
    case .momentum: "momentum_optimizer"
    case .adam: "adam_optimizer"
    }
  }
}

/// The learning-rate schedule: the member of `LearningRate.learning_rate` that is set.
package enum ScheduleKind: Sendable, MemberKind {
  case constant
  case exponential
  case manual
  case cosine

  var field: StaticString {
    switch self {
    case .constant: "constant_learning_rate"
    case .exponential: "exponential_decay_learning_rate"
    case .manual: "manual_step_learning_rate"
    case .cosine: "cosine_decay_learning_rate"
    }
  }
}
