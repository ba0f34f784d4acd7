/// Renders diagnostics for people, in the style of rustc.
///
/// ```
/// pipeline.config:12:5: error[unknown-field]: unknown field `num_clases` in `SsdModel`
///    |
/// 12 |     num_clases: 90
///    |     ^^^^^^^^^^ did you mean `num_classes`?
///    |
///    = help: field names are listed in ssd.proto
/// ```
///
/// The first line is `path:line:column: severity[code]: message` with a 1-based
/// Unicode-scalar column, so editors can jump to it. The primary span is
/// underlined with `^`, labels with `-`; a label with exactly the primary span
/// lends its message to the `^`. Lines with annotations are shown with one line
/// of context between two of them and `...` for longer gaps. A multi-line span
/// is underlined from its start to the end of its first line and from the first
/// non-blank column of its last line to its end, where its message goes.
/// Notes without a span, the help and fixes follow as `= note:`, `= help:` and
/// `= fix:` lines, a fix confined to one line with a `-`/`+` preview of it;
/// notes with a span come last, each with its own `-->` location and snippet.
/// Carets are placed by display column (see `DisplayLine`), so tabs, wide
/// characters and invalid UTF-8 do not shift them.
package struct TextRenderer: Sendable {
  package let locator: SourceLocator
  package let tabWidth: Int
  private let painter: Painter

  package init(sources: SourceMap, color: Bool = false, tabWidth: Int = 4) {
    self.init(locator: SourceLocator(sources), color: color, tabWidth: tabWidth)
  }

  package init(locator: SourceLocator, color: Bool = false, tabWidth: Int = 4) {
    self.locator = locator
    self.tabWidth = tabWidth
    self.painter = Painter(color: color)
  }

  /// All diagnostics, each ending in a newline, separated by blank lines.
  package func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map(render).joined(separator: "\n")
  }

  /// One diagnostic, ending in a newline.
  package func render(_ diagnostic: Diagnostic) -> String {
    let d = diagnostic
    let gutter = gutterWidth(for: d)
    var out: [String] = []

    let range = locator.range(of: d.span)
    out.append(
      painter.paint("\(sanitized(range.path)):\(range.line):\(range.column):", .bold) + " "
        + painter.paint("\(d.severity.rawValue)[\(d.code)]", TextStyle.of(d.severity))
        + painter.paint(": " + sanitized(d.message), .bold))

    // The primary span, then labels grouped by file in order of appearance.
    var labels = d.labels
    var primaryMessage = ""
    if let same = labels.firstIndex(where: { $0.span == d.span }) {
      primaryMessage = labels.remove(at: same).message
    }
    let primaryStyle = TextStyle.of(d.severity)
    var groups: [(file: FileID, annotations: [Annotation])] = [
      (d.span.file, [Annotation(span: d.span, message: primaryMessage, marker: "^", style: primaryStyle)])
    ]
    for label in labels {
      let annotation = Annotation(span: label.span, message: label.message, marker: "-", style: .blue)
      if let g = groups.firstIndex(where: { $0.file == label.span.file }) {
        groups[g].annotations.append(annotation)
      } else {
        groups.append((label.span.file, [annotation]))
      }
    }
    for (g, group) in groups.enumerated() {
      if g > 0, let first = group.annotations.first {
        let at = locator.range(of: first.span)
        out.append(
          String(repeating: " ", count: gutter + 1) + painter.paint(":::", .blue)
            + " \(sanitized(at.path)):\(at.line):\(at.column)")
      }
      out.append(emptyGutter(gutter))
      out += snippet(group.annotations, in: group.file, gutter: gutter)
    }

    // Footer: spanless notes, help, fixes.
    var footer: [String] = []
    for note in d.notes where note.span == nil {
      footer += footerLines("note", note.message, gutter: gutter)
    }
    if let help = d.help {
      footer += footerLines("help", help, gutter: gutter)
    }
    for fix in d.fixes {
      footer += footerLines(fix.isSafe ? "fix" : "fix (unsafe)", fix.message, gutter: gutter)
      footer += preview(of: fix, gutter: gutter)
    }
    if !footer.isEmpty {
      out.append(emptyGutter(gutter))
      out += footer
    }

    for note in d.notes {
      guard let span = note.span else { continue }
      let at = locator.range(of: span)
      out.append(painter.paint("note", .cyan) + painter.paint(": " + sanitized(note.message), .bold))
      out.append(
        String(repeating: " ", count: gutter) + painter.paint("-->", .blue)
          + " \(sanitized(at.path)):\(at.line):\(at.column)")
      out.append(emptyGutter(gutter))
      out += snippet(
        [Annotation(span: span, message: "", marker: "^", style: .cyan)], in: span.file, gutter: gutter)
    }
    return out.joined(separator: "\n") + "\n"
  }

  // MARK: Snippets

  /// A span to underline, with the message drawn after or below it.
  private struct Annotation {
    var span: SourceSpan
    var message: String
    var marker: Character
    var style: TextStyle
  }

  /// An annotation's underline on one line, in 0-based display columns.
  private struct Piece {
    var id: Int
    var startColumn: Int
    var endColumn: Int  // exclusive and > startColumn: empty spans get one caret
    var message: String
    var marker: Character
    var style: TextStyle
  }

  private func snippet(_ annotations: [Annotation], in file: FileID, gutter: Int) -> [String] {
    let index = locator.lineIndex(file)
    let bytes = locator.file(file).bytes
    var shown: [Int: DisplayLine] = [:]
    func display(_ line: Int) -> DisplayLine {
      if let cached = shown[line] { return cached }
      let made = DisplayLine(bytes[index.lineRange(line)], tabWidth: tabWidth)
      shown[line] = made
      return made
    }

    var pieces: [Int: [Piece]] = [:]
    for (id, a) in annotations.enumerated() {
      let (start, end) = locator.clamped(a.span)
      let startLine = index.lineIndex(of: start)
      let endLine = end > start ? index.lineIndex(of: end - 1) : startLine
      let startText = display(startLine)
      // A line terminator (`\n` or `\r\n`) shows as one column past the text.
      let startLength = index.lineRange(startLine).count
      let endLength = index.lineRange(endLine).count
      let first = startText.startColumn(ofByte: Swift.min(start - index.lineStarts[startLine], startLength))
      let last = display(endLine).endColumn(ofByte: Swift.min(end - index.lineStarts[endLine], endLength + 1))
      if startLine == endLine {
        pieces[startLine, default: []].append(
          Piece(
            id: id, startColumn: first, endColumn: Swift.max(last, first + 1),
            message: a.message, marker: a.marker, style: a.style))
      } else {
        pieces[startLine, default: []].append(
          Piece(
            id: id, startColumn: first, endColumn: Swift.max(startText.width, first + 1),
            message: "", marker: a.marker, style: a.style))
        let indent = firstNonBlankColumn(bytes[index.lineRange(endLine)], display(endLine))
        let from = Swift.min(indent, Swift.max(0, last - 1))
        pieces[endLine, default: []].append(
          Piece(
            id: id, startColumn: from, endColumn: Swift.max(last, from + 1),
            message: a.message, marker: a.marker, style: a.style))
      }
    }

    var out: [String] = []
    var previous: Int? = nil
    for line in pieces.keys.sorted() {
      if let previous, line - previous > 1 {
        if line - previous == 2 {
          out.append(sourceLine(previous + 1, display(previous + 1), gutter: gutter))
        } else {
          out.append(painter.paint("...", .blue))
        }
      }
      out.append(sourceLine(line, display(line), gutter: gutter))
      out += annotationRows(pieces[line] ?? [], gutter: gutter)
      previous = line
    }
    return out
  }

  /// The underline row, then messages that do not fit after it, rustc style:
  ///
  /// ```
  ///   |   ----------- ^^^^^^^^^^^ duplicate field
  ///   |   |
  ///   |   first set here
  /// ```
  private func annotationRows(_ pieces: [Piece], gutter: Int) -> [String] {
    let prefix = emptyGutter(gutter) + " "
    let end = pieces.map(\.endColumn).max() ?? 0
    var cells = Array(repeating: Cell(), count: end)
    // Secondary markers first so that the primary wins where they overlap.
    for piece in pieces.sorted(by: { a, b in a.marker != "^" && b.marker == "^" }) {
      for c in piece.startColumn..<piece.endColumn { cells[c] = Cell(piece.marker, piece.style) }
    }

    let messaged = pieces.filter { !$0.message.isEmpty }
      .sorted { ($0.startColumn, $0.id) < ($1.startColumn, $1.id) }
    var inline: Piece? = nil
    if let last = messaged.last, pieces.allSatisfy({ $0.id == last.id || $0.endColumn <= last.endColumn }) {
      inline = last
    }
    let stacked = messaged.filter { $0.id != inline?.id }.reversed().map { $0 }

    func bars(_ width: Int, for ps: ArraySlice<Piece>) -> [Cell] {
      var row = Array(repeating: Cell(), count: width)
      for p in ps where p.startColumn < width { row[p.startColumn] = Cell("|", p.style) }
      return row
    }

    var rows: [String] = []
    if let inline {
      let lines = messageLines(inline.message)
      rows.append(prefix + paint(cells) + " " + painter.paint(lines[0], inline.style))
      for more in lines.dropFirst() {
        rows.append(prefix + paint(bars(end + 1, for: stacked[...])) + painter.paint(more, inline.style))
      }
    } else {
      rows.append(prefix + paint(cells))
    }
    if !stacked.isEmpty {
      rows.append(prefix + paint(bars(end, for: stacked[...])))
      for (k, piece) in stacked.enumerated() {
        for text in messageLines(piece.message) {
          let row = bars(piece.startColumn, for: stacked[(k + 1)...])
          rows.append(prefix + paint(row) + painter.paint(text, piece.style))
        }
      }
    }
    return rows.map(trimmingTrailingSpaces)
  }

  private struct Cell {
    var character: Character = " "
    var style: TextStyle = .plain
    init() {}
    init(_ character: Character, _ style: TextStyle) {
      self.character = character
      self.style = style
    }
  }

  /// Cells as text, one escape sequence per run of equal style.
  private func paint(_ cells: [Cell]) -> String {
    var out = ""
    var run = ""
    var style = TextStyle.plain
    for cell in cells {
      let cellStyle = cell.character == " " ? TextStyle.plain : cell.style
      if cellStyle != style {
        out += painter.paint(run, style)
        run = ""
        style = cellStyle
      }
      run.append(cell.character)
    }
    return out + painter.paint(run, style)
  }

  private func sourceLine(_ line: Int, _ text: DisplayLine, gutter: Int) -> String {
    let number = String(line + 1)
    let label = String(repeating: " ", count: Swift.max(0, gutter - number.count)) + number + " |"
    return trimmingTrailingSpaces(painter.paint(label, .blue) + " " + text.text)
  }

  private func firstNonBlankColumn(_ bytes: ArraySlice<UInt8>, _ text: DisplayLine) -> Int {
    let blank = bytes.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
    return text.startColumn(ofByte: blank)
  }

  // MARK: Footer and fixes

  private func footerLines(_ kind: String, _ message: String, gutter: Int) -> [String] {
    let lines = messageLines(message)
    let lead = String(repeating: " ", count: gutter + 1)
    let style: TextStyle = kind == "note" ? .cyan : .green
    var out = [lead + painter.paint("=", .blue) + " " + painter.paint(kind, style) + ": " + lines[0]]
    let indent = String(repeating: " ", count: gutter + 1 + 2 + kind.count + 2)
    for more in lines.dropFirst() { out.append(trimmingTrailingSpaces(indent + more)) }
    return out
  }

  /// For a fix whose edits all fall inside one line: that line before and after.
  private func preview(of fix: Fix, gutter: Int) -> [String] {
    guard let file = fix.edits.first?.span.file,
      fix.edits.allSatisfy({ $0.span.file == file })
    else { return [] }
    let index = locator.lineIndex(file)
    let bytes = locator.file(file).bytes
    let edits = fix.edits.map { (span: locator.clamped($0.span), text: $0.replacement) }
      .sorted { $0.span.start < $1.span.start }
    let line = index.lineIndex(of: edits[0].span.start)
    let content = index.lineRange(line)
    var cursor = content.lowerBound
    var after: [UInt8] = []
    for edit in edits {
      guard edit.span.start >= cursor, edit.span.end <= content.upperBound,
        !edit.text.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
      else { return [] }
      after += bytes[cursor..<edit.span.start]
      after += Array(edit.text.utf8)
      cursor = edit.span.end
    }
    after += bytes[cursor..<content.upperBound]

    let number = String(line + 1)
    let pad = String(repeating: " ", count: Swift.max(0, gutter - number.count))
    var out = [emptyGutter(gutter)]
    if !content.isEmpty {
      let old = DisplayLine(bytes[content], tabWidth: tabWidth).text
      out.append(trimmingTrailingSpaces(painter.paint(pad + number + " -", .red) + " " + old))
    }
    let new = DisplayLine(after[...], tabWidth: tabWidth).text
    out.append(trimmingTrailingSpaces(painter.paint(pad + number + " +", .green) + " " + new))
    return out
  }

  // MARK: Helpers

  private func emptyGutter(_ gutter: Int) -> String {
    painter.paint(String(repeating: " ", count: gutter) + " |", .blue)
  }

  /// Digits of the largest line number this diagnostic shows.
  private func gutterWidth(for d: Diagnostic) -> Int {
    var spans = [d.span] + d.labels.map(\.span) + d.notes.compactMap(\.span)
    spans += d.fixes.flatMap { $0.edits.map(\.span) }
    let largest = spans.map { span -> Int in
      let index = locator.lineIndex(span.file)
      return index.lineIndex(of: locator.clamped(span).end) + 1
    }.max() ?? 1
    return String(largest).count
  }

  /// Message text split into lines, with control characters made visible.
  private func messageLines(_ message: String) -> [String] {
    let lines = sanitized(message).split(separator: "\n", omittingEmptySubsequences: false)
    return lines.isEmpty ? [""] : lines.map(String.init)
  }

  /// Replaces control characters other than newline and tab by their Control
  /// Pictures, so a message quoting the input cannot drive the terminal.
  private func sanitized(_ text: String) -> String {
    func isControl(_ s: Unicode.Scalar) -> Bool {
      (s.value < 0x20 && s != "\n" && s != "\t") || s.value == 0x7F
    }
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x0A, 0x09: out.append(scalar)
      case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
      case 0x7F: out.append("\u{2421}")
      default: out.append(scalar)
      }
    }
    return String(out)
  }

  private func trimmingTrailingSpaces(_ text: String) -> String {
    var text = text
    while text.last == " " { text.removeLast() }
    return text
  }
}
