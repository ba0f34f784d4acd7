import Diagnostics

/// Prints a `SyntaxTree` in pipec's one canonical style.
///
/// Two-space indent, `name: value` for scalars and lists, `name {` for
/// messages (`<>` becomes `{}`), one field per line, no `,`/`;` separators.
/// Every comment is kept: a comment on its own line stays on its own line
/// before the same node, a comment after code stays at the end of that line.
/// At most one blank line is kept where the input had any, none at the start
/// or end of a block. Literals are printed as written (a `-` sign is joined to
/// its number), so the result parses to an equal tree (`SyntaxTree.dump`), and
/// formatting twice changes nothing.
///
/// The tree must hold no `Value.error`: see `canFormat(_:)`.
package struct Formatter {
  let tree: SyntaxTree
  let bytes: [UInt8]
  var out: [UInt8] = []
  var nextComment = 0
  /// Source offset just past what has been printed so far.
  var lastEnd = 0
  /// True right after an opening `{` (and at the top of the file): no blank line here.
  var atBlockStart = true

  package static func format(_ tree: SyntaxTree) -> [UInt8] {
    var formatter = Formatter(tree: tree)
    formatter.printDirectives()
    formatter.printFields(tree.fields, indent: 0)
    formatter.printCommentsBefore(Int.max, indent: 0)
    return formatter.out
  }

  /// Whether a file with these diagnostics can be formatted: only when every
  /// error left the tree whole. A space after a minus sign is such an error,
  /// and printing the tree repairs it.
  package static func canFormat(_ diagnostics: [Diagnostic]) -> Bool {
    diagnostics.allSatisfy { $0.severity != .error || $0.code == .cppOnlySyntax }
  }

  init(tree: SyntaxTree) {
    self.tree = tree
    bytes = tree.source.bytes
    out.reserveCapacity(bytes.count + bytes.count / 8)
  }

  // MARK: Fields

  mutating func printFields(_ fields: ArraySlice<Field>, indent: Int) {
    for field in fields { printField(field, indent: indent) }
  }

  mutating func printField(_ field: Field, indent: Int) {
    switch field.value {
    case .scalar(let scalar):
      // Comments inside the field (e.g. between the name and the value) move before it.
      printCommentsBefore(scalar.range.upperBound, indent: indent)
      startLine(at: field.name.range.lowerBound, indent: indent)
      writeName(field)
      write(": ")
      write(tree.scalarText(scalar))
      finishLine(after: fieldEnd(field))
    case .message(let message):
      printCommentsBefore(Int(message.open), indent: indent)
      startLine(at: field.name.range.lowerBound, indent: indent)
      writeName(field)
      write(" ")
      printBlock(message, closer: "}", indent: indent, after: fieldEnd(field))
    case .list(let list):
      printList(field, list, indent: indent)
    case .sweep(let ref):
      printSweepField(field, ref, indent: indent)
    case .error(let range):
      preconditionFailure("formatting a tree with a syntax error at \(range)")
    }
  }

  /// `{`, the fields one level deeper, and the line with `closer` (`}` or `},`),
  /// which may take a trailing comment from after `end`.
  mutating func printBlock(_ message: MessageValue, closer: String, indent: Int, after end: Int) {
    write("{")
    finishLine(after: Int(message.open) + 1)
    atBlockStart = true
    printFields(tree.fields(of: message), indent: indent + 1)
    closeBlock(closer, at: closeOffset(message), indent: indent, after: end)
  }

  /// Where a message's closing delimiter is (or would be, when it is missing).
  func closeOffset(_ message: MessageValue) -> Int {
    Int(message.close ?? UInt32(message.range.upperBound))
  }

  /// The comments left inside a block (one level deeper), then the line with
  /// its closing delimiter, which may take a trailing comment from after `end`.
  mutating func closeBlock(_ closer: String, at close: Int, indent: Int, after end: Int) {
    printCommentsBefore(close, indent: indent + 1)
    atBlockStart = false
    writeIndent(indent)
    write(closer)
    finishLine(after: end)
  }

  mutating func printList(_ field: Field, _ list: ListValue, indent: Int) {
    let elements = tree.elements(of: list)
    let hasMessages = elements.contains { if case .message = $0 { true } else { false } }
    if !hasMessages {
      printCommentsBefore(list.range.upperBound, indent: indent)
      startLine(at: field.name.range.lowerBound, indent: indent)
      writeName(field)
      write(": [")
      for (i, element) in elements.enumerated() {
        if i > 0 { write(", ") }
        if case .scalar(let scalar) = element { write(tree.scalarText(scalar)) }
      }
      write("]")
      finishLine(after: fieldEnd(field))
      return
    }
    printCommentsBefore(Int(list.open), indent: indent)
    startLine(at: field.name.range.lowerBound, indent: indent)
    writeName(field)
    write(": [")
    finishLine(after: Int(list.open) + 1)
    atBlockStart = true
    for (i, element) in elements.enumerated() {
      guard case .message(let message) = element else {
        preconditionFailure("a list mixing messages and scalars is printed only after checking")
      }
      printCommentsBefore(Int(message.open), indent: indent + 1)
      startLine(at: Int(message.open), indent: indent + 1)
      let closer = i + 1 < elements.count ? "}," : "}"
      printBlock(message, closer: closer, indent: indent + 1, after: closeOffset(message) + 1)
    }
    let close = Int(list.close ?? UInt32(list.range.upperBound))
    closeBlock("]", at: close, indent: indent, after: fieldEnd(field))
  }

  func fieldEnd(_ field: Field) -> Int {
    field.separator.map { Int($0) + 1 } ?? field.range.upperBound
  }

  // MARK: Lines and comments

  /// Own-line comments that start before `offset`, each on its own line.
  mutating func printCommentsBefore(_ offset: Int, indent: Int) {
    while nextComment < tree.comments.count {
      let comment = tree.comments[nextComment].range
      guard comment.lowerBound < offset else { return }
      nextComment += 1
      startLine(at: comment.lowerBound, indent: indent)
      write(comment)
      out.append(UInt8(ascii: "\n"))
      lastEnd = comment.upperBound
    }
  }

  /// Indents a new line, first keeping one blank line if the source had one here.
  mutating func startLine(at offset: Int, indent: Int) {
    if !atBlockStart, hasBlankLine(lastEnd, offset) { out.append(UInt8(ascii: "\n")) }
    atBlockStart = false
    writeIndent(indent)
  }

  /// Ends the current line, taking a comment that follows on the same source line.
  mutating func finishLine(after end: Int) {
    lastEnd = max(lastEnd, end)
    if nextComment < tree.comments.count {
      let comment = tree.comments[nextComment].range
      if comment.lowerBound >= lastEnd, onlySpacingOrSeparators(lastEnd, comment.lowerBound) {
        write("  ")
        write(comment)
        lastEnd = comment.upperBound
        nextComment += 1
      }
    }
    out.append(UInt8(ascii: "\n"))
  }

  /// True when `start..<end` holds only spaces, tabs and the `,`/`;` the output drops.
  func onlySpacingOrSeparators(_ start: Int, _ end: Int) -> Bool {
    var i = start
    while i < end, i < bytes.count {
      switch bytes[i] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ","), UInt8(ascii: ";"): i += 1
      default: return false
      }
    }
    return true
  }

  /// Two newlines with only whitespace between them, in `start..<end`.
  func hasBlankLine(_ start: Int, _ end: Int) -> Bool {
    var newlines = 0
    var i = start
    let stop = min(end, bytes.count)
    while i < stop {
      let b = bytes[i]
      if b == UInt8(ascii: "\n") {
        newlines += 1
        if newlines >= 2 { return true }
      } else if b != UInt8(ascii: " "), b != UInt8(ascii: "\t"), b != UInt8(ascii: "\r") {
        newlines = 0
      }
      i += 1
    }
    return false
  }

  mutating func writeIndent(_ level: Int) {
    for _ in 0..<(level * 2) { out.append(UInt8(ascii: " ")) }
  }

  mutating func write(_ string: String) { out.append(contentsOf: string.utf8) }

  mutating func write(_ range: TextRange) {
    out.append(contentsOf: bytes[range.lowerBound..<range.upperBound])
  }
}
