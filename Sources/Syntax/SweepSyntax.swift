import Diagnostics

// Nodes of the sweep extension (`grammar/sweep.ebnf`): a `*.sweep` file is a
// pipeline.config in which a value may be a sweep expression (`@choice(…)`,
// `@range(…)`, `@uniform(…)`, `@(expr)`, …), plus directives at the top
// (`@extends "base.config"`, `@sweep grid`) and an `@append` marker before a
// repeated field. Only `ParseOptions(sweep: true)` produces them; a plain
// config reports `@` as `sweep-syntax-in-config`.
//
// Like the rest of the tree they live in arenas: `Value.sweep` holds an index
// into `SyntaxTree.sweepStorage`, whose items live in `sweepItems` and whose
// arithmetic lives in `exprStorage`.

/// A sweep expression in value position: `Value.sweep`.
package struct SweepRef: Sendable {
  /// Index into `SyntaxTree.sweepStorage`.
  package var index: UInt32
  /// From the `@` to the closing `)`.
  package var range: TextRange

  package init(index: UInt32, range: TextRange) {
    self.index = index
    self.range = range
  }
}

/// `@choice[name](…)`, `@range(a to b step c)`, `@uniform(a, b)`, `@(expr)`, ….
package struct SweepExpression: Sendable {
  package enum Kind: String, Sendable, CaseIterable {
    /// `@choice(a, b, label: { … }, weights: [1, 2])`: one of the items.
    case choice
    /// `@range(a to b step s)` (arithmetic) or `@range(a to b times f)` (geometric).
    case range
    /// `@uniform(a, b)`: a real number drawn uniformly (random search only).
    case uniform
    /// `@loguniform(a, b)`: a positive number drawn uniformly in log space.
    case loguniform
    /// `@randint(a, b)`: an integer drawn uniformly from a to b inclusive.
    case randint
    /// `@(expr)`: a value derived from other fields and axes.
    case derived
  }

  package enum RangeMode: Sendable {
    case step
    case times
  }

  package var kind: Kind
  /// The `[name]` of a named (linked) axis: the identifier's range.
  package var name: TextRange?
  /// `choice`: the items; `range`: start, stop and (optional) step or factor;
  /// distributions: the two bounds. In `SyntaxTree.sweepItems`.
  package var items: IndexRange
  /// `choice` only: the elements of `weights: [ … ]`, in `SyntaxTree.valueStorage`.
  package var weights: ListValue?
  /// `range` only.
  package var rangeMode: RangeMode = .step
  /// `derived` only: the root node in `SyntaxTree.exprStorage`.
  package var expression: UInt32 = 0
  /// From the `@` to the closing `)` (or the last byte read).
  package var range: TextRange

  package init(kind: Kind, name: TextRange?, items: IndexRange, range: TextRange) {
    self.kind = kind
    self.name = name
    self.items = items
    self.range = range
  }
}

/// One item of a sweep expression: `0.1`, `low: 0.0001`, `adam: { adam_optimizer { } }`.
package struct SweepItem: Sendable {
  /// The label before `:`, if any.
  package var label: TextRange?
  /// A scalar, or a message (an alternative between whole sub-messages).
  package var value: Value

  package init(label: TextRange?, value: Value) {
    self.label = label
    self.value = value
  }

  package var range: TextRange { label.map { $0.union(value.range) } ?? value.range }
}

/// A node of a derived value's arithmetic, in `SyntaxTree.exprStorage`.
package enum SweepExprNode: Sendable {
  /// A number literal (with its sign, if any).
  case number(Scalar)
  /// `train_config.num_steps` or an axis name: the identifiers in `SyntaxTree.rangeStorage`.
  case reference(components: IndexRange, range: TextRange)
  /// `-x`: the operand's index.
  case negate(UInt32, range: TextRange)
  /// `a + b`, `a - b`, `a * b`, `a / b`: the operator byte and both operands' indices.
  case binary(UInt8, UInt32, UInt32, range: TextRange)
  /// `( … )`, kept so the formatter prints what was written.
  case group(UInt32, range: TextRange)

  package var range: TextRange {
    switch self {
    case .number(let s): s.range
    case .reference(_, let r), .negate(_, let r), .binary(_, _, _, let r), .group(_, let r): r
    }
  }
}

/// A directive at the top of a sweep file.
package struct Directive: Sendable {
  package enum Kind: Sendable {
    /// `@extends "base.config"` or `@extends "stdlib:NAME"`: the string literal.
    case extends(Scalar)
    /// `@sweep grid`, `@sweep random(trials: 60, seed: 7)`: the strategy name and
    /// its `label: value` arguments in `SyntaxTree.sweepItems`.
    case sweep(strategy: TextRange, arguments: IndexRange, hasParentheses: Bool)
  }

  package var kind: Kind
  /// From the `@` to the end of the directive.
  package var range: TextRange

  package init(kind: Kind, range: TextRange) {
    self.kind = kind
    self.range = range
  }
}

extension SyntaxTree {
  /// The expression a `Value.sweep` refers to.
  package func sweep(_ ref: SweepRef) -> SweepExpression { sweepStorage[Int(ref.index)] }

  /// The items of a sweep expression or the arguments of a `@sweep` directive.
  package func items(_ range: IndexRange) -> ArraySlice<SweepItem> { sweepItems[range.range] }

  /// The identifiers of a reference in a derived value: `["train_config", "num_steps"]`.
  package func referenceText(_ components: IndexRange) -> String {
    rangeStorage[components.range].map { text($0) }.joined(separator: ".")
  }
}

// MARK: Canonical text (shared by the formatter, the dump and expansion)

extension SyntaxTree {
  /// `@choice[batch]`, `@range`, `@` for a derived value followed by its `(expr)`.
  package func sweepHead(_ expression: SweepExpression) -> String {
    if expression.kind == .derived { return "@(" + exprText(expression.expression) + ")" }
    return "@" + expression.kind.rawValue + (expression.name.map { "[" + text($0) + "]" } ?? "")
  }

  /// A scalar's canonical text; `?` for any other value (a sweep that parsed
  /// without error holds scalars wherever this is asked).
  func scalarOrPlaceholderText(_ value: Value) -> String {
    if case .scalar(let s) = value { return scalarText(s) }
    return "?"
  }

  /// `low: 0.0001`, `0.5`: an item of a one-line sweep or a `@sweep` argument.
  func itemText(_ item: SweepItem) -> String {
    (item.label.map { text($0) + ": " } ?? "") + scalarOrPlaceholderText(item.value)
  }

  /// `0.1 to 0.9 step 0.2` for a range.
  package func sweepRangeText(_ expression: SweepExpression) -> String {
    let parts = items(expression.items).map { scalarOrPlaceholderText($0.value) }
    var out = parts.count > 1 ? parts[0] + " to " + parts[1] : parts.joined()
    if parts.count > 2 { out += (expression.rangeMode == .step ? " step " : " times ") + parts[2] }
    return out
  }

  /// `[1, 2, 1]`.
  package func weightsText(_ list: ListValue) -> String {
    "[" + elements(of: list).map(scalarOrPlaceholderText).joined(separator: ", ") + "]"
  }

  /// An expression with single spaces around binary operators: `train_config.num_steps / 4`.
  package func exprText(_ index: UInt32) -> String {
    switch exprStorage[Int(index)] {
    case .number(let s): scalarText(s)
    case .reference(let components, _): referenceText(components)
    case .negate(let operand, _): "-" + exprText(operand)
    case .binary(let op, let lhs, let rhs, _):
      exprText(lhs) + " " + String(UnicodeScalar(op)) + " " + exprText(rhs)
    case .group(let inner, _): "(" + exprText(inner) + ")"
    }
  }

  /// A directive as printed: `@extends "base.config"`, `@sweep random(trials: 60, seed: 7)`.
  package func directiveText(_ directive: Directive) -> String {
    switch directive.kind {
    case .extends(let path):
      return "@extends " + scalarText(path)
    case .sweep(let strategy, let arguments, let parenthesised):
      var out = "@sweep " + text(strategy)
      if parenthesised {
        out += "(" + items(arguments).map(itemText).joined(separator: ", ") + ")"
      }
      return out
    }
  }
}
