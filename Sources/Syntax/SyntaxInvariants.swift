import Diagnostics

/// The front end's contract on arbitrary input, as one check shared by the
/// robustness tests and the libFuzzer target (`pipec-fuzz`).
///
/// For any bytes: parsing returns (no trap, no hang); every span of every
/// diagnostic, label, note and fix lies inside the input; diagnostics come
/// sorted by start; fields and comments lie inside the input in source order.
/// When the parse leaves the tree whole (`Formatter.canFormat`), the formatted
/// text parses with no error to a tree with an equal `dump` and the same
/// comments, and formatting it again changes nothing.
package enum SyntaxInvariants {
  /// The first broken invariant for `bytes`, or nil when all hold.
  package static func violation(in bytes: [UInt8], options: ParseOptions = ParseOptions()) -> String? {
    var sources = SourceMap()
    let id = sources.add(path: "input.config", bytes: bytes)
    let (tree, diagnostics) = Parser.parse(sources[id], options: options)
    if let problem = spanViolation(diagnostics, count: bytes.count) { return problem }
    if let problem = treeViolation(tree, count: bytes.count) { return problem }
    guard Formatter.canFormat(diagnostics) else { return nil }

    let once = Formatter.format(tree)
    var again = SourceMap()
    let onceID = again.add(path: "formatted.config", bytes: once)
    let (onceTree, onceDiagnostics) = Parser.parse(again[onceID], options: options)
    if let error = onceDiagnostics.first(where: { $0.severity == .error }) {
      return "formatted output has an error: \(error.code) \(error.message)"
    }
    if onceTree.dump != tree.dump {
      return "formatting changed the meaning: \(tree.dump.prefix(200)) became \(onceTree.dump.prefix(200))"
    }
    let comments = tree.comments.map { tree.text($0.range) }
    let onceComments = onceTree.comments.map { onceTree.text($0.range) }
    if comments != onceComments {
      return "formatting changed the comments: \(comments.prefix(5)) became \(onceComments.prefix(5))"
    }
    if Formatter.format(onceTree) != once {
      return "formatting is not idempotent"
    }
    return nil
  }

  private static func spanViolation(_ diagnostics: [Diagnostic], count: Int) -> String? {
    func outside(_ span: SourceSpan) -> Bool { span.start < 0 || span.start > span.end || span.end > count }
    var previousStart = 0
    for d in diagnostics {
      if outside(d.span) { return "\(d.code) span \(d.span.start)..<\(d.span.end) outside 0..<\(count)" }
      if d.span.start < previousStart { return "\(d.code) at \(d.span.start) reported after one at \(previousStart)" }
      previousStart = d.span.start
      for label in d.labels where outside(label.span) { return "\(d.code) label outside the input" }
      for note in d.notes { if let s = note.span, outside(s) { return "\(d.code) note outside the input" } }
      for fix in d.fixes {
        for edit in fix.edits where outside(edit.span) { return "\(d.code) fix edit outside the input" }
      }
    }
    return nil
  }

  private static func treeViolation(_ tree: SyntaxTree, count: Int) -> String? {
    var end = 0
    for comment in tree.comments {
      let r = comment.range
      if r.lowerBound < end || r.upperBound > count { return "comment \(r.lowerBound)..<\(r.upperBound) out of order or bounds" }
      end = r.upperBound
    }
    var previous = 0
    var problem: String?
    func visit(_ fields: ArraySlice<Field>) {
      for field in fields where problem == nil {
        let r = field.range
        if r.lowerBound < previous || r.upperBound > count {
          problem = "field \(r.lowerBound)..<\(r.upperBound) out of order or bounds (previous ended at \(previous))"
          return
        }
        previous = r.lowerBound
        visitValue(field.value)
      }
    }
    func visitValue(_ value: Value) {
      switch value {
      case .message(let m): visit(tree.fields(of: m))
      case .list(let l): for element in tree.elements(of: l) { visitValue(element) }
      case .scalar, .error, .sweep: break
      }
    }
    visit(tree.fields)
    return problem
  }
}
