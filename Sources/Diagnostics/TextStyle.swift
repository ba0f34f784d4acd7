/// The ANSI styles of the text renderer, or none when colour is off.
package struct TextStyle: Sendable, Equatable {
  package let escape: String

  package static let plain = TextStyle(escape: "")
  package static let bold = TextStyle(escape: "\u{1B}[1m")
  package static let red = TextStyle(escape: "\u{1B}[1;31m")
  package static let green = TextStyle(escape: "\u{1B}[1;32m")
  package static let yellow = TextStyle(escape: "\u{1B}[1;33m")
  package static let blue = TextStyle(escape: "\u{1B}[1;34m")
  package static let cyan = TextStyle(escape: "\u{1B}[1;36m")
  package static let reset = "\u{1B}[0m"

  package static func of(_ severity: Severity) -> TextStyle {
    switch severity {
    case .error: .red
    case .warning: .yellow
    case .note: .cyan
    }
  }
}

/// Wraps text in styles when colour is on; a no-op otherwise.
package struct Painter: Sendable {
  package let isEnabled: Bool

  package init(color: Bool) { isEnabled = color }

  package func paint(_ text: String, _ style: TextStyle) -> String {
    guard isEnabled, !style.escape.isEmpty, !text.isEmpty else { return text }
    return style.escape + text + TextStyle.reset
  }
}

/// Whether diagnostics on a stream should be coloured.
///
/// `NO_COLOR` set to any value (https://no-color.org) turns colour off and wins
/// over everything; then `CLICOLOR_FORCE` set to anything but `0` or empty turns
/// it on even when piped; otherwise colour needs a terminal that is not
/// `TERM=dumb` and no `CLICOLOR=0`. The CLI passes `isatty` of the stream.
package func shouldUseColor(isTerminal: Bool, environment: [String: String]) -> Bool {
  if environment["NO_COLOR"] != nil { return false }
  if let force = environment["CLICOLOR_FORCE"], !force.isEmpty, force != "0" { return true }
  guard isTerminal else { return false }
  if environment["TERM"] == "dumb" { return false }
  if environment["CLICOLOR"] == "0" { return false }
  return true
}
