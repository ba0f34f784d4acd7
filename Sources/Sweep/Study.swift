import Diagnostics
import Schema
import Syntax

/// A sweep expression's place in the document.
package struct Hole: Sendable {
  package enum Kind: Sendable {
    /// A value axis: index into `Study.axes`.
    case axis(Int)
    /// `@(expr)`: the root node in the sweep tree's `exprStorage`.
    case derived(UInt32)
  }

  package var kind: Kind
  /// The field's declared type (nil for a field the schema does not know).
  package var fieldType: FieldType?
  /// `train_config.optimizer`.
  package var path: String
  /// The base's value here, which message alternatives are merged into.
  package var base: DocValue?
  package var span: SourceSpan
}

/// One alternative that requires another axis to take a given value.
package struct Condition: Hashable, Sendable {
  package var axis: Int
  package var index: Int
}

/// A value axis: `@choice`, `@range` or a distribution.
package struct Axis: Sendable {
  package enum Kind: Sendable {
    case values
    case uniform
    case loguniform
    case randint
  }

  /// Its identity: the `[name]` given, else the field path.
  package var name: String
  package var kind: Kind
  /// `values` only.
  package var values: [AxisValue] = []
  /// Distributions only.
  package var low = DecimalNumber(0)
  package var high = DecimalNumber(0)
  /// Weighted choice (random search only).
  package var weights: [Double]?
  /// The alternatives that must be chosen for this axis to exist (outermost first).
  package var condition: [Condition]
  package var span: SourceSpan
  package var hole: Int
  package var dimension = 0
  package var isNamed: Bool
}

package struct AxisValue: Sendable {
  /// How the value reads in assignments, trial names and manifests: its label if it has one.
  package var text: String
  package var value: DocValue
  package var number: DecimalNumber?
  package var span: SourceSpan
}

/// Axes that vary together: one named axis, or several linked by a shared `[name]`.
package struct Dimension: Sendable {
  package var name: String
  /// Short form for assignments: the name, or the shortest unique end of the field path.
  package var label: String
  package var axes: [Int]
  /// Number of values; 0 for a distribution.
  package var count: Int
}

package enum Strategy: Sendable, Equatable {
  case grid
  case oneAtATime
  case random(trials: Int, seed: UInt64)

  package var name: String {
    switch self {
    case .grid: "grid"
    case .oneAtATime: "one_at_a_time"
    case .random: "random"
    }
  }
}

/// A sweep file ready to expand: the merged document, its axes and the strategy.
package struct Study: Sendable {
  package var tree: SyntaxTree
  package var schema: Schema
  package var root: MessageID
  package var fields: [DocField]
  package var holes: [Hole]
  package var axes: [Axis]
  package var dimensions: [Dimension]
  package var strategy: Strategy
  /// Where to report problems of the whole study: the `@sweep` directive, or the file start.
  package var anchor: SourceSpan
}

/// Reads a base config named by `@extends`: the path as written (relative to
/// the sweep file, or `stdlib:NAME`); returns the path to show and the bytes,
/// or a message saying why it cannot.
package typealias BaseLoader = (_ reference: String) -> Result<(path: String, bytes: [UInt8]), BaseLoadError>

package struct BaseLoadError: Error, Sendable {
  package var message: String
  package init(_ message: String) { self.message = message }
}


extension Study {
  /// Builds a study from a parsed sweep file; nil (with errors reported) when it cannot expand.
  package static func load(
    _ tree: SyntaxTree, schema: Schema, root: MessageID, sources: inout SourceMap, loadBase: BaseLoader,
    diagnostics: inout [Diagnostic]
  ) -> Study? {
    var loader = StudyLoader(tree: tree, schema: schema, root: root)
    let study = loader.load(sources: &sources, loadBase: loadBase)
    diagnostics += loader.diagnostics
    return loader.diagnostics.hasErrors ? nil : study
  }
}

struct StudyLoader {
  let tree: SyntaxTree
  let schema: Schema
  let root: MessageID
  var builder: DocumentBuilder
  var axes: [Axis] = []
  var diagnostics: [Diagnostic] = []

  init(tree: SyntaxTree, schema: Schema, root: MessageID) {
    self.tree = tree
    self.schema = schema
    self.root = root
    builder = DocumentBuilder(schema: schema)
  }

  func span(_ range: TextRange) -> SourceSpan { tree.span(range) }

  mutating func error(_ code: DiagnosticCode, _ range: TextRange, _ message: String, help: String? = nil) {
    diagnostics.append(.error(code, at: span(range), message, help: help))
  }

  mutating func load(sources: inout SourceMap, loadBase: BaseLoader) -> Study {
    var strategy = Strategy.grid
    var anchor = SourceSpan(file: tree.file, start: 0, end: 0)
    var base: [DocField] = []
    var sawExtends = false
    for directive in tree.directives {
      switch directive.kind {
      case .extends(let literal):
        guard !sawExtends else {
          error(.invalidSweep, directive.range, "a sweep file extends one base", help: "remove the second '@extends'")
          continue
        }
        sawExtends = true
        base = loadBaseConfig(literal, sources: &sources, loadBase: loadBase) ?? []
      case .sweep(let name, let arguments, _):
        anchor = span(directive.range)
        strategy = readStrategy(name, tree.items(arguments)) ?? strategy
      }
    }
    let overlay = convert(tree.fields, type: root, path: "", condition: [])
    let fields = builder.merge(base, overlay, type: root)
    mergeAlternatives()
    let dimensions = makeDimensions()
    checkStrategy(strategy, dimensions)
    return Study(
      tree: tree, schema: schema, root: root, fields: fields, holes: builder.holes, axes: axes,
      dimensions: dimensions, strategy: strategy, anchor: anchor)
  }

  // MARK: Directives

  mutating func loadBaseConfig(_ literal: Scalar, sources: inout SourceMap, loadBase: BaseLoader) -> [DocField]? {
    let reference = String(decoding: tree.decodedBytes(of: literal), as: UTF8.self)
    switch loadBase(reference) {
    case .failure(let failure):
      error(.missingBase, literal.range, failure.message)
      return nil
    case .success(let (path, bytes)):
      let id = sources.add(path: path, bytes: bytes)
      let (baseTree, found) = Parser.parse(sources[id])
      diagnostics += found
      if found.hasErrors {
        diagnostics.append(.error(
          .missingBase, at: span(literal.range), "the base config '\(reference)' has syntax errors (reported above)"))
        return nil
      }
      return builder.document(baseTree, baseTree.fields)
    }
  }

  mutating func readStrategy(_ name: TextRange, _ arguments: ArraySlice<SweepItem>) -> Strategy? {
    // In source order, each label once: a second 'seed:' is an error, not a silent override.
    var values: [(label: String, value: Int128, range: TextRange)] = []
    for argument in arguments {
      guard let label = argument.label, case .scalar(let s) = argument.value,
        let n = DecimalNumber(literal: tree.scalarText(s))?.integerValue, n >= 0
      else {
        error(.invalidSweep, argument.range, "strategy arguments are whole numbers: 'trials: 60', 'seed: 7'")
        continue
      }
      let text = tree.text(label)
      if let first = values.first(where: { $0.label == text }) {
        diagnostics.append(.error(
          .invalidSweep, at: span(argument.range), "strategy argument '\(text)' is given twice",
          notes: [Note("first given here", at: span(first.range))], help: "keep one of them"))
        continue
      }
      values.append((text, n, argument.range))
    }
    func value(_ label: String) -> Int128? { values.first { $0.label == label }?.value }
    let word = tree.text(name)
    let allowed: [String]
    let strategy: Strategy
    switch word {
    case "grid":
      allowed = []
      strategy = .grid
    case "one_at_a_time":
      allowed = []
      strategy = .oneAtATime
    case "random":
      allowed = ["trials", "seed"]
      guard let trials = value("trials"), trials > 0, trials <= Int128(Int32.max) else {
        error(.invalidSweep, name, "'random' needs a number of trials", help: "write '@sweep random(trials: 60, seed: 1)'")
        return nil
      }
      let seed = value("seed") ?? 0
      strategy = .random(trials: Int(trials), seed: UInt64(truncatingIfNeeded: seed))
    default:
      error(.invalidSweep, name, "unknown strategy '\(word)'", help: "use grid, one_at_a_time or random(trials: N, seed: S)")
      return nil
    }
    for (label, _, range) in values where !allowed.contains(label) {
      error(.invalidSweep, range, "'\(word)' takes no argument '\(label)'",
            help: allowed.isEmpty ? "remove the parentheses" : "its arguments: \(allowed.joined(separator: ", "))")
    }
    return strategy
  }

  // MARK: The sweep file as a document

  mutating func convert(
    _ fields: ArraySlice<Field>, type: MessageID?, path: String, condition: [Condition]
  ) -> [DocField] {
    var result: [DocField] = []
    for field in fields {
      let name = tree.fieldNameText(field.name)
      let descriptor = type.flatMap { schema[$0].field(named: name) }
      let childType: MessageID? = if case .message(let t) = descriptor?.type { t } else { nil }
      let fieldPath = path.isEmpty ? name : path + "." + name
      let origin = Origin.written(span(field.range))
      let append = field.appendMarker != nil
      if append, descriptor.map({ !$0.isRepeated }) == true {
        error(.invalidSweep, TextRange(Int(field.appendMarker ?? 0), field.name.range.upperBound),
              "'@append' needs a repeated field; '\(name)' holds one value", help: "remove '@append'")
      }
      switch field.value {
      case .scalar(let s):
        result.append(DocField(name: name, value: .scalar(tree.scalarText(s), .written(span(s.range))), origin: origin, append: append))
      case .message(let m):
        let inner = convert(tree.fields(of: m), type: childType, path: fieldPath, condition: condition)
        result.append(DocField(name: name, value: .message(inner), origin: origin, append: append))
      case .list(let l):
        var scalars: [DocValue] = []
        for element in tree.elements(of: l) {
          switch element {
          case .scalar(let s): scalars.append(.scalar(tree.scalarText(s), .written(span(s.range))))
          case .message(let m):
            let inner = convert(tree.fields(of: m), type: childType, path: fieldPath, condition: condition)
            result.append(DocField(name: name, value: .message(inner), origin: .written(span(m.range)), append: append))
          default: break
          }
        }
        if !scalars.isEmpty || tree.elements(of: l).isEmpty {
          result.append(DocField(name: name, value: .list(scalars), origin: origin, append: append))
        }
      case .sweep(let ref):
        if let hole = makeHole(ref, descriptor, childType, fieldPath, condition) {
          result.append(DocField(name: name, value: .hole(hole), origin: origin, append: append))
        }
      case .error:
        continue
      }
    }
    return result
  }

  mutating func makeHole(
    _ ref: SweepRef, _ descriptor: FieldDescriptor?, _ childType: MessageID?, _ path: String,
    _ condition: [Condition]
  ) -> Int? {
    let expression = tree.sweep(ref)
    let holeIndex = builder.holes.count
    let exprSpan = span(expression.range)
    if expression.kind == .derived {
      builder.holes.append(Hole(
        kind: .derived(expression.expression), fieldType: descriptor?.type, path: path, span: exprSpan))
      return holeIndex
    }
    let axisIndex = axes.count
    builder.holes.append(Hole(kind: .axis(axisIndex), fieldType: descriptor?.type, path: path, span: exprSpan))
    var name = expression.name.map { tree.text($0) } ?? path
    if expression.name == nil, axes.contains(where: { $0.name == name }) {
      var n = 2
      while axes.contains(where: { $0.name == "\(path)#\(n)" }) { n += 1 }
      name = "\(path)#\(n)"
    }
    let kind: Axis.Kind = switch expression.kind {
    case .uniform: .uniform
    case .loguniform: .loguniform
    case .randint: .randint
    default: .values
    }
    axes.append(Axis(
      name: name, kind: kind, condition: condition, span: exprSpan, hole: holeIndex, isNamed: expression.name != nil))
    let items = Array(tree.items(expression.items))
    switch expression.kind {
    case .choice:
      var values: [AxisValue] = []
      for (i, item) in items.enumerated() {
        let itemSpan = span(item.value.range)
        let label = item.label.map { tree.text($0) }
        switch item.value {
        case .scalar(let s):
          let text = tree.scalarText(s)
          values.append(AxisValue(
            text: label ?? text, value: .scalar(text, .axis(name, index: i, span: itemSpan)),
            number: DecimalNumber(literal: text), span: itemSpan))
        case .message(let m):
          let inner = convert(
            tree.fields(of: m), type: childType, path: path,
            condition: condition + [Condition(axis: axisIndex, index: i)])
          values.append(AxisValue(
            text: label ?? inner.first?.name ?? "alternative\(i + 1)", value: .message(inner), number: nil,
            span: itemSpan))
        default:
          continue
        }
      }
      axes[axisIndex].values = values
      if let weights = expression.weights {
        let parsed = tree.elements(of: weights).compactMap { value -> Double? in
          guard case .scalar(let s) = value, let n = DecimalNumber(literal: tree.scalarText(s)), !n.isNegative else {
            return nil
          }
          return n.doubleValue
        }
        if parsed.count != values.count || parsed.allSatisfy({ $0 == 0 }) {
          error(.invalidSweep, weights.range,
                "expected \(values.count) non-negative weights, not all zero, one per value; found \(tree.elements(of: weights).count)")
        } else {
          axes[axisIndex].weights = parsed
        }
      }
    case .range:
      axes[axisIndex].values = rangeValues(expression, items, name: name, span: exprSpan)
    default:
      guard items.count == 2, let low = number(items[0]), let high = number(items[1]) else { return holeIndex }
      axes[axisIndex].low = low
      axes[axisIndex].high = high
      if !(low < high) {
        error(.invalidSweep, expression.range, "the lower bound must be below the upper bound")
      } else if kind == .loguniform, low.isNegative || low.isZero {
        error(.invalidSweep, expression.range, "'@loguniform' needs positive bounds")
      } else if kind == .randint, !low.isIntegral || !high.isIntegral {
        error(.invalidSweep, expression.range, "'@randint' needs whole-number bounds")
      } else if kind == .randint, [low, high].contains(where: { $0.integerValue.flatMap(Int64.init(exactly:)) == nil }) {
        // A draw computes high - low + 1 in Int128 and as a Double: wider bounds overflow it
        // (and no integer field is wider than 64 bits).
        error(.invalidSweep, expression.range, "'@randint' needs bounds that fit in 64 bits (Int64)")
      }
    }
    if kind == .values, axes[axisIndex].values.isEmpty {
      error(.invalidSweep, expression.range, "an axis needs at least one value")
    }
    return holeIndex
  }

  func number(_ item: SweepItem) -> DecimalNumber? {
    guard case .scalar(let s) = item.value else { return nil }
    return DecimalNumber(literal: tree.scalarText(s))
  }

  /// The values of `a to b step s` (arithmetic, exact) or `a to b times f` (geometric).
  mutating func rangeValues(
    _ expression: SweepExpression, _ items: [SweepItem], name: String, span exprSpan: SourceSpan
  ) -> [AxisValue] {
    guard items.count >= 2, let start = number(items[0]), let stop = number(items[1]) else {
      error(.invalidSweep, expression.range, "a range needs numeric bounds")
      return []
    }
    let step = items.count > 2 ? number(items[2]) : DecimalNumber(1)
    guard let step, !step.isZero else {
      error(.invalidSweep, expression.range, "the step of a range cannot be zero")
      return []
    }
    let limit = 1_000_000
    var numbers: [DecimalNumber] = []
    var current = start
    let ascending = !(stop < start)
    if expression.rangeMode == .times {
      guard !start.isNegative, !start.isZero, !step.isNegative,
        ascending ? DecimalNumber(1) < step : step < DecimalNumber(1)
      else {
        error(.invalidSweep, expression.range,
              "a geometric range needs a positive start and a factor that moves it toward the end",
              help: "for example '@range(1e-7 to 1 times 10)'")
        return []
      }
    } else if ascending == step.isNegative, !(start == stop) {
      error(.invalidSweep, expression.range, "the step moves away from the end of the range",
            help: ascending ? "use a positive step" : "use a negative step to count down")
      return []
    }
    while ascending ? !(stop < current) : !(current < stop) {
      numbers.append(current)
      guard numbers.count <= limit else {
        error(.tooManyPoints, expression.range, "this range has more than \(limit) values")
        return []
      }
      let next = expression.rangeMode == .times ? current.multiplied(by: step) : current.adding(step)
      guard let next else { break }
      current = next
    }
    return numbers.enumerated().map { i, n in
      AxisValue(text: n.description, value: .scalar(n.description, .axis(name, index: i, span: exprSpan)),
                number: n, span: exprSpan)
    }
  }

  /// Merges each message alternative into the base value it replaces, outer
  /// axes first, so alternatives inside alternatives see their own base.
  mutating func mergeAlternatives() {
    for a in axes.indices {
      let hole = builder.holes[axes[a].hole]
      guard case .message(let baseFields)? = hole.base else { continue }
      let type: MessageID? = if case .message(let t) = hole.fieldType { t } else { nil }
      for v in axes[a].values.indices {
        if case .message(let fields) = axes[a].values[v].value {
          axes[a].values[v].value = .message(builder.merge(baseFields, fields, type: type))
        }
      }
    }
  }

  // MARK: Dimensions

  mutating func makeDimensions() -> [Dimension] {
    var dimensions: [Dimension] = []
    for a in axes.indices {
      let axis = axes[a]
      let count = axis.kind == .values ? axis.values.count : 0
      if let d = dimensions.firstIndex(where: { $0.name == axis.name }) {
        let first = axes[dimensions[d].axes[0]]
        if axis.kind != .values || first.kind != .values {
          diagnostics.append(.error(
            .invalidSweep, at: axis.span, "only '@choice' and '@range' axes can be linked by a name",
            notes: [Note("'\(axis.name)' first used here", at: first.span)]))
        } else if count != dimensions[d].count {
          diagnostics.append(.error(
            .invalidSweep, at: axis.span,
            "linked axis '\(axis.name)' has \(count) values, but its first use has \(dimensions[d].count)",
            notes: [Note("first use of '\(axis.name)'", at: first.span)],
            help: "linked axes vary together, so they need the same number of values"))
        }
        axes[a].dimension = d
        dimensions[d].axes.append(a)
      } else {
        axes[a].dimension = dimensions.count
        dimensions.append(Dimension(name: axis.name, label: axis.name, axes: [a], count: count))
      }
    }
    // Unnamed axes show as the shortest unique end of their path: `momentum_optimizer_value`.
    let paths = dimensions.map { $0.name.split(separator: ".").map(String.init) }
    for d in dimensions.indices where !axes[dimensions[d].axes[0]].isNamed {
      let parts = paths[d]
      var length = 1
      while length < parts.count {
        let suffix = parts.suffix(length)
        let clashes = paths.indices.contains { $0 != d && paths[$0].suffix(length) == suffix }
        if !clashes { break }
        length += 1
      }
      dimensions[d].label = parts.suffix(length).joined(separator: ".")
    }
    return dimensions
  }

  mutating func checkStrategy(_ strategy: Strategy, _ dimensions: [Dimension]) {
    if case .random = strategy { return }
    for dimension in dimensions where dimension.count == 0 {
      let axis = axes[dimension.axes[0]]
      diagnostics.append(.error(
        .invalidSweep, at: axis.span, "a distribution draws values at random, so it needs '@sweep random(…)'",
        help: "list the values with '@choice' or '@range' for \(strategy.name), or use '@sweep random(trials: N, seed: S)'"))
    }
  }
}
