import Diagnostics
import Schema
import Syntax

/// Prints one point of a study as a plain pipeline.config, in canonical style.
///
/// Holes are filled from the point's picks; derived values `@(…)` are
/// computed on the filled-in document, so they see the point's own
/// `num_steps`. Each printed field records its byte range and origin, so a
/// diagnostic in the printed text can be traced to the file the user wrote
/// (`origin(at:in:)`).
struct PointRenderer {
  let study: Study
  let point: Point
  /// The print of everything no point changes, made once per study (`template(of:)`).
  let template: RenderTemplate?
  /// Set while making a template: holes become `RenderTemplate.Op.hole` instead of values.
  private var templateOps: [RenderTemplate.Op]?
  private var flushedBytes = 0
  private var flushedRecords = 0
  var out: [UInt8] = []
  /// Byte range of each printed field and where its value came from, in print order.
  var records: [(start: Int, end: Int, origin: Origin)] = []
  /// Derived values that could not be computed: the hole and why.
  var problems: [(hole: Int, message: String)] = []
  private var derived: [Int: DecimalNumber] = [:]
  private var evaluating: Set<Int> = []

  init(study: Study, point: Point, template: RenderTemplate? = nil) {
    self.study = study
    self.point = point
    self.template = template
    out.reserveCapacity(4096)
  }

  mutating func render() {
    guard let template else {
      renderFields(study.fields, indent: 0)
      return
    }
    // The constant parts are copied, records shifted to where they land; holes are filled.
    for op in template.ops {
      switch op {
      case .constant(let bytes, let records):
        let shift = out.count - bytes.lowerBound
        out.append(contentsOf: template.bytes[bytes])
        for r in template.records[records] { self.records.append((r.start + shift, r.end + shift, r.origin)) }
      case .hole(let name, let hole, let origin, let indent):
        renderField(name, .hole(hole), origin: origin, indent: indent)
      }
    }
  }

  /// The print of `study` with every hole left as an op: the same bytes and records
  /// a point's render makes around its holes.
  static func template(of study: Study) -> RenderTemplate {
    var maker = PointRenderer(study: study, point: Point(trial: 0, picks: []))
    maker.templateOps = []
    maker.renderFields(study.fields, indent: 0)
    maker.flushConstant()
    return RenderTemplate(bytes: maker.out, records: maker.records, ops: maker.templateOps ?? [])
  }

  /// Ends the constant part printed since the last hole.
  private mutating func flushConstant() {
    if out.count > flushedBytes || records.count > flushedRecords {
      templateOps?.append(.constant(bytes: flushedBytes..<out.count, records: flushedRecords..<records.count))
    }
    flushedBytes = out.count
    flushedRecords = records.count
  }

  // MARK: Printing

  private mutating func renderFields(_ fields: [DocField], indent: Int) {
    for field in fields { renderField(field.name, field.value, origin: field.origin, indent: indent) }
  }

  private mutating func renderField(_ name: String, _ value: DocValue, origin: Origin, indent: Int) {
    let start = out.count
    switch value {
    case .scalar(let text, let valueOrigin):
      writeIndent(indent)
      write(name)
      write(": ")
      write(text)
      out.append(UInt8(ascii: "\n"))
      records.append((start, out.count, valueOrigin))
      return
    case .message(let fields):
      writeIndent(indent)
      write(name)
      write(" {\n")
      records.append((start, out.count, origin))
      renderFields(fields, indent: indent + 1)
      writeIndent(indent)
      write("}\n")
    case .list(let elements):
      writeIndent(indent)
      write(name)
      write(": [")
      for (i, element) in elements.enumerated() {
        if i > 0 { write(", ") }
        if case .scalar(let text, _) = element { write(text) }
      }
      write("]\n")
      records.append((start, out.count, origin))
    case .hole(let h):
      if templateOps != nil {
        flushConstant()
        templateOps?.append(.hole(name: name, hole: h, origin: origin, indent: indent))
        return
      }
      guard let filled = fill(h) else { return }
      renderField(name, filled, origin: origin, indent: indent)
    }
  }

  private mutating func writeIndent(_ level: Int) {
    for _ in 0..<level {
      out.append(UInt8(ascii: " "))
      out.append(UInt8(ascii: " "))
    }
  }

  private mutating func write(_ text: String) {
    var text = text
    text.withUTF8 { out.append(contentsOf: $0) }
  }

  // MARK: Filling holes

  /// The value a hole takes in this point; nil when a derived value cannot be computed.
  mutating func fill(_ h: Int) -> DocValue? {
    let hole = study.holes[h]
    switch hole.kind {
    case .axis(let a):
      let axis = study.axes[a]
      switch point.picks[axis.dimension] {
      case .index(let i): return i < axis.values.count ? axis.values[i].value : nil
      case .number(let n): return .scalar(n.description, .axis(axis.name, index: point.trial - 1, span: axis.span))
      }
    case .derived:
      guard let value = derivedValue(h) else { return nil }
      if let type = hole.fieldType, type.integerRange != nil {
        guard let integer = value.integerValue else {
          problems.append((h, "'\(hole.path)' is an integer field, but the derived value is \(value)"))
          return nil
        }
        return .scalar(String(integer), .derived(hole.span))
      }
      if let type = hole.fieldType, !type.isFloatingPoint {
        problems.append((h, "a derived value is a number, but '\(hole.path)' is \(type.keyword)"))
        return nil
      }
      return .scalar(value.description, .derived(hole.span))
    }
  }

  private mutating func derivedValue(_ h: Int) -> DecimalNumber? {
    if let known = derived[h] { return known }
    guard case .derived(let root) = study.holes[h].kind else { return nil }
    guard !evaluating.contains(h) else {
      problems.append((h, "'\(study.holes[h].path)' is derived from itself"))
      return nil
    }
    evaluating.insert(h)
    defer { evaluating.remove(h) }
    let value = evaluate(root, hole: h)
    if let value { derived[h] = value }
    return value
  }

  private mutating func evaluate(_ index: UInt32, hole h: Int) -> DecimalNumber? {
    let tree = study.tree
    switch tree.exprStorage[Int(index)] {
    case .number(let s):
      return DecimalNumber(literal: tree.scalarText(s))
    case .group(let inner, _):
      return evaluate(inner, hole: h)
    case .negate(let inner, _):
      return evaluate(inner, hole: h).flatMap { DecimalNumber(0).subtracting($0) }
    case .binary(let op, let l, let r, _):
      guard let a = evaluate(l, hole: h), let b = evaluate(r, hole: h) else { return nil }
      let result: DecimalNumber?
      switch op {
      case UInt8(ascii: "+"): result = a.adding(b)
      case UInt8(ascii: "-"): result = a.subtracting(b)
      case UInt8(ascii: "*"): result = a.multiplied(by: b)
      default:
        if b.isZero {
          problems.append((h, "division by zero"))
          return nil
        }
        result = a.divided(by: b)
      }
      if result == nil { problems.append((h, "the result does not fit in 38 digits")) }
      return result
    case .reference(let components, _):
      let path = tree.rangeStorage[components.range].map { tree.text($0) }
      return lookup(path, hole: h)
    }
  }

  /// A named axis's number in this point, or the value of a field (`train_config.num_steps`).
  private mutating func lookup(_ path: [String], hole h: Int) -> DecimalNumber? {
    let joined = path.joined(separator: ".")
    if path.count == 1, let d = study.dimensions.firstIndex(where: { $0.name == joined && study.axes[$0.axes[0]].isNamed }) {
      guard study.isActive(dimension: d, in: point) else {
        problems.append((h, "axis '\(joined)' does not exist in this point (its alternative is not chosen)"))
        return nil
      }
      switch point.picks[d] {
      case .number(let n): return n
      case .index(let i):
        let axis = study.axes[study.dimensions[d].axes[0]]
        guard i < axis.values.count, let n = axis.values[i].number else {
          problems.append((h, "axis '\(joined)' has a value that is not a number"))
          return nil
        }
        return n
      }
    }
    var fields = study.fields
    var type: MessageID? = study.root
    for (depth, name) in path.enumerated() {
      let descriptor = type.flatMap { study.schema[$0].field(named: name) }
      if type != nil, descriptor == nil {
        problems.append((h, "'\(joined)': \(type.map { study.schema[$0].name } ?? "") has no field '\(name)'"))
        return nil
      }
      if descriptor?.isRepeated == true {
        problems.append((h, "'\(joined)' goes through the repeated field '\(name)'; derived values read single fields"))
        return nil
      }
      let last = depth == path.count - 1
      guard let field = fields.last(where: { $0.name == name }) else {
        return schemaDefault(descriptor, last: last, path: joined, hole: h)
      }
      var value = field.value
      if case .hole(let inner) = value {
        guard let filled = fill(inner) else { return nil }
        value = filled
      }
      switch value {
      case .scalar(let text, _) where last:
        guard let n = DecimalNumber(literal: text) else {
          problems.append((h, "'\(joined)' is \(text), not a number"))
          return nil
        }
        return n
      case .message(let inner) where !last:
        fields = inner
        if case .message(let t)? = descriptor?.type { type = t } else { type = nil }
      default:
        problems.append((h, last ? "'\(joined)' is a message, not a number" : "'\(joined)' does not lead to a number"))
        return nil
      }
    }
    return nil
  }

  private mutating func schemaDefault(_ descriptor: FieldDescriptor?, last: Bool, path: String, hole h: Int) -> DecimalNumber? {
    guard let descriptor else {
      problems.append((h, "'\(path)' is not set"))
      return nil
    }
    if !last {
      // An unset message: every number inside it is at its default. Walk on in the schema.
      return schemaDefaultWalk(path, hole: h)
    }
    switch descriptor.defaultValue {
    case .integer(let v)?: return DecimalNumber(v)
    case .floatingPoint(let v)?: return DecimalNumber(rounding: v, significantDigits: 15)
    case nil where descriptor.type.integerRange != nil || descriptor.type.isFloatingPoint: return DecimalNumber(0)
    default:
      problems.append((h, "'\(path)' is not a number"))
      return nil
    }
  }

  private mutating func schemaDefaultWalk(_ path: String, hole h: Int) -> DecimalNumber? {
    var type = study.root
    var descriptor: FieldDescriptor?
    for name in path.split(separator: ".") {
      guard let d = study.schema[type].field(named: String(name)) else { return nil }
      descriptor = d
      if case .message(let t) = d.type { type = t }
    }
    return schemaDefault(descriptor, last: true, path: path, hole: h)
  }

  /// Where the value printed at `offset` came from: the innermost of `records` covering it.
  static func origin(at offset: Int, in records: [(start: Int, end: Int, origin: Origin)]) -> Origin? {
    var best: Origin?
    var bestLength = Int.max
    for record in records where record.start <= offset && offset < record.end || record.start == offset {
      if record.end - record.start < bestLength {
        best = record.origin
        bestLength = record.end - record.start
      }
    }
    return best
  }
}

/// A study's print with its holes left open: the fields no point changes are
/// printed (and their origins recorded) once, then copied into every point.
struct RenderTemplate: Sendable {
  enum Op: Sendable {
    /// Bytes of `RenderTemplate.bytes` and their records, printed as they are.
    case constant(bytes: Range<Int>, records: Range<Int>)
    /// A field whose value is a hole, printed at `indent`.
    case hole(name: String, hole: Int, origin: Origin, indent: Int)
  }

  var bytes: [UInt8]
  var records: [(start: Int, end: Int, origin: Origin)]
  var ops: [Op]
}
