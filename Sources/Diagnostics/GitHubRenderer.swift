/// Renders diagnostics as GitHub Actions workflow commands, one per line:
///
/// ```
/// ::error file=pipeline.config,line=12,col=5,endLine=12,endColumn=14,title=unknown-field::unknown field …
/// ```
///
/// Errors become `::error`, warnings `::warning` and notes `::notice`. Columns
/// count Unicode scalars and, unlike the JSON and SARIF output, `endColumn` is
/// the column of the last character (inclusive), as GitHub draws it; an empty
/// span has `endColumn == col`. GitHub takes columns only for single-line
/// annotations, so a span over several lines gives `line` and `endLine` only.
/// Notes, help, fixes and labels follow the message on lines of their own,
/// encoded as GitHub requires (`%0A`).
package struct GitHubRenderer: Sendable {
  package let locator: SourceLocator

  package init(sources: SourceMap) { self.init(locator: SourceLocator(sources)) }
  package init(locator: SourceLocator) { self.locator = locator }

  package func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { render($0) + "\n" }.joined()
  }

  /// One workflow command, without a trailing newline.
  package func render(_ d: Diagnostic) -> String {
    let command: String
    switch d.severity {
    case .error: command = "error"
    case .warning: command = "warning"
    case .note: command = "notice"
    }
    let r = locator.range(of: d.span)
    var properties = [("file", r.path), ("line", String(r.line))]
    if r.isMultiline {
      properties.append(("endLine", String(r.endLine)))
    } else {
      properties += [
        ("col", String(r.column)),
        ("endLine", String(r.endLine)),
        ("endColumn", String(Swift.max(r.column, r.endColumn - 1))),
      ]
    }
    properties.append(("title", d.code.rawValue))

    var lines = [d.message]
    for label in d.labels where !label.message.isEmpty {
      lines.append("label: \(label.message) (\(position(label.span)))")
    }
    for note in d.notes {
      lines.append("note: " + note.message + (note.span.map { " (\(position($0)))" } ?? ""))
    }
    if let help = d.help { lines.append("help: " + help) }
    for fix in d.fixes { lines.append((fix.isSafe ? "fix: " : "fix (unsafe): ") + fix.message) }

    let list = properties.map { "\($0)=\(GitHubRenderer.escapeProperty($1))" }.joined(separator: ",")
    return "::\(command) \(list)::" + GitHubRenderer.escapeData(lines.joined(separator: "\n"))
  }

  private func position(_ span: SourceSpan) -> String {
    let r = locator.range(of: span)
    return "\(r.path):\(r.line):\(r.column)"
  }

  /// Escapes a command's message, as in `@actions/core`'s `escapeData`.
  package static func escapeData(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Escapes a property value, as in `@actions/core`'s `escapeProperty`.
  package static func escapeProperty(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      case ":": out += "%3A"
      case ",": out += "%2C"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
