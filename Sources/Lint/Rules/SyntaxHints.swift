import Check
import Diagnostics
import Syntax

extension LintRule {
  /// PC601: a Windows path written without quotes.
  package static let unquotedWindowsPath = LintRule(
    id: "PC601", name: "unquoted-windows-path", area: .syntax, severity: .error,
    summary: "an unquoted Windows path (C:\\...)",
    rationale: """
      Paths are strings and need quotes; a Windows path pasted bare (C:\\data\\train.record) \
      breaks the parser into a cascade of errors about ':' and '\\'. Inside quotes a \
      backslash starts an escape, so write forward slashes, which Windows accepts.
      """,
    bad: """
      train_input_reader { label_map_path: C:\\data\\label_map.pbtxt }
      """,
    good: """
      train_input_reader { label_map_path: "C:/data/label_map.pbtxt" }
      """,
    check: { ctx in
      // An unquoted path always leaves a value that failed to parse or to bind;
      // a clean file is not worth scanning.
      let failed = ctx.config.bindings.contains { $0.descriptorIndex >= 0 && !$0.isLive }
        || ctx.tree.fieldStorage.contains { if case .error = $0.value { true } else { false } }
      guard failed else { return }
      let bytes = ctx.tree.source.bytes
      var i = 0
      // `name: X:\…` up to the end of the line or a space.
      while i + 3 < bytes.count {
        defer { i += 1 }
        guard bytes[i] == UInt8(ascii: ":"), i + 3 < bytes.count else { continue }
        var j = i + 1
        while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
        guard j + 2 < bytes.count, isLetter(bytes[j]), bytes[j + 1] == UInt8(ascii: ":"),
          bytes[j + 2] == UInt8(ascii: "\\") || bytes[j + 2] == UInt8(ascii: "/")
        else { continue }
        var end = j
        while end < bytes.count, !" \t\r\n}#".utf8.contains(bytes[end]) { end += 1 }
        let path = String(decoding: bytes[j..<end], as: UTF8.self)
        let fixed = "\"" + path.replacingBackslashes() + "\""
        ctx.report(
          "unquoted Windows path '\(path)': paths are strings and need quotes", at: TextRange(j, end),
          help: "write \(fixed) (forward slashes work on Windows and need no escaping)",
          fixes: [Fix("quote it with forward slashes", edits: [ctx.replace(TextRange(j, end), with: fixed)])])
        i = end
      }
    })

  /// PC602: an HTML page or a .proto file given as a config.
  package static let notAConfig = LintRule(
    id: "PC602", name: "not-a-config", area: .syntax, severity: .error,
    summary: "an HTML page or a .proto file passed as a config",
    rationale: """
      Downloading a config from GitHub's page view instead of its raw view saves HTML; \
      passing pipeline.proto instead of pipeline.config is a tab-completion slip. Either \
      produces dozens of syntax errors that hide the real problem, so pipec says what the \
      file is instead.
      """,
    bad: """
      <!DOCTYPE html>
      <html><body>pipeline.config</body></html>
      """,
    good: """
      model { ssd { num_classes: 90 } }
      """,
    check: { ctx in
      // An HTML page or a .proto file binds no field of the schema; a real config
      // does, and is not worth scanning.
      guard !ctx.config.bindings.contains(where: \.isLive), let kind = notAConfigKind(ctx.tree.source.bytes)
      else { return }
      ctx.report(
        kind == "html"
          ? "this is an HTML page, not a pipeline config"
          : "this is a .proto schema file, not a pipeline config",
        at: TextRange(0, Swift.min(ctx.tree.source.bytes.count, firstLineEnd(ctx.tree.source.bytes))),
        help: kind == "html"
          ? "download the raw file (on GitHub: the 'Raw' button, raw.githubusercontent.com)"
          : "pass the .config file that uses this schema")
    })
}

/// "html" or "proto" when the file is evidently one of those; nil otherwise.
package func notAConfigKind(_ bytes: [UInt8]) -> String? {
  let head = String(decoding: bytes.prefix(512), as: UTF8.self).lowercased()
  let trimmed = head.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" }
  if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") { return "html" }
  for line in head.split(separator: "\n").prefix(20) {
    let l = line.trimmingSpaces()
    if l.hasPrefix("syntax = \"proto") || l.hasPrefix("syntax=\"proto") { return "proto" }
  }
  return nil
}

private func firstLineEnd(_ bytes: [UInt8]) -> Int { bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count }

private func isLetter(_ b: UInt8) -> Bool {
  (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
}

extension String {
  fileprivate func replacingBackslashes() -> String { String(map { $0 == "\\" ? "/" : $0 }) }
}
