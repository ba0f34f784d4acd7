/// Renders diagnostics as a JSON array, for editors and scripts.
///
/// Each element has, in this order:
///
/// - `file`, `line`, `column`, `end_line`, `end_column`: the primary span. Lines
///   and columns are 1-based and columns count Unicode scalars. The end is
///   exclusive: `end_line`/`end_column` is the position just after the last
///   character (so `abc` at the start of line 1 is `1:1` to `1:4`, and an empty
///   span, such as where a missing `}` belongs, has end equal to start). A
///   span that includes a line's newline ends at column 1 of the next line.
/// - `severity` (`error`, `warning` or `note`), `code`, `message`.
/// - Only when non-empty or set: `labels` (the location keys and `message`),
///   `notes` (`message`, then the location keys if the note has a span),
///   `help`, `fixes` (`message`, `safe`, `edits`: the location keys of the
///   replaced range and `replacement`), and `path` (e.g. `model.ssd`).
///
/// The output is pretty-printed with two-space indents (see `JSONValue`) and
/// ends in a newline; no diagnostics give `[]`.
package struct JSONRenderer: Sendable {
  package let locator: SourceLocator

  package init(sources: SourceMap) { self.init(locator: SourceLocator(sources)) }
  package init(locator: SourceLocator) { self.locator = locator }

  package func render(_ diagnostics: [Diagnostic]) -> String {
    JSONValue.array(diagnostics.map(value)).written()
  }

  package func value(_ d: Diagnostic) -> JSONValue {
    var members = location(d.span)
    members += [
      ("severity", .string(d.severity.rawValue)),
      ("code", .string(d.code.rawValue)),
      ("message", .string(d.message)),
    ]
    if !d.labels.isEmpty {
      let labels = d.labels.map { JSONValue.object(location($0.span) + [("message", .string($0.message))]) }
      members.append(("labels", .array(labels)))
    }
    if !d.notes.isEmpty {
      let notes = d.notes.map { note in
        JSONValue.object([("message", .string(note.message))] + (note.span.map(location) ?? []))
      }
      members.append(("notes", .array(notes)))
    }
    if let help = d.help {
      members.append(("help", .string(help)))
    }
    if !d.fixes.isEmpty {
      members.append(("fixes", .array(d.fixes.map(value))))
    }
    if let path = d.path {
      members.append(("path", .string(path)))
    }
    return .object(members)
  }

  private func value(_ fix: Fix) -> JSONValue {
    .object([
      ("message", .string(fix.message)),
      ("safe", .bool(fix.isSafe)),
      ("edits", .array(fix.edits.map { edit in
        .object(location(edit.span) + [("replacement", .string(edit.replacement))])
      })),
    ])
  }

  private func location(_ span: SourceSpan) -> [(String, JSONValue)] {
    let r = locator.range(of: span)
    return [
      ("file", .string(r.path)),
      ("line", .int(r.line)),
      ("column", .int(r.column)),
      ("end_line", .int(r.endLine)),
      ("end_column", .int(r.endColumn)),
    ]
  }
}
