/// The closing line of a run, e.g. `error: 3 errors and 1 warning emitted`.
///
/// Kept apart from per-diagnostic rendering so the CLI can print it last (and
/// to stderr) whatever the format. The line leads with the worst severity
/// present; `nil` when there is nothing to report.
package func summaryLine(for diagnostics: [Diagnostic], color: Bool = false) -> String? {
  let counts = Severity.allCases.reversed().map { severity in
    (severity, diagnostics.count { $0.severity == severity })
  }.filter { $0.1 > 0 }
  guard let worst = counts.first?.0 else { return nil }
  let parts = counts.map { severity, n in "\(n) \(severity.rawValue)\(n == 1 ? "" : "s")" }
  let list: String
  if parts.count == 1 {
    list = parts[0]
  } else {
    list = parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "")
  }
  let painter = Painter(color: color)
  return painter.paint(worst.rawValue, TextStyle.of(worst)) + painter.paint(": \(list) emitted", .bold)
}
