import Check
import Diagnostics
import Syntax
import Schema

extension LintRule {
  /// PC305: paths still holding the zoo's placeholder, or empty.
  package static let placeholderPath = LintRule(
    id: "PC305", name: "placeholder-path", area: .training, severity: .warning,
    summary: "a path that is PATH_TO_BE_CONFIGURED or empty",
    rationale: """
      The zoo's configs ship with PATH_TO_BE_CONFIGURED in every path; left in place, \
      TensorFlow fails when it opens the file, after building the model (or, for an input \
      pattern, finds no file and waits). An empty path fails the same way. All the \
      placeholders of a file are one finding, at the first, with a label on each other one: \
      a suppression on the first one's line silences it (use disable-file for a template).
      """,
    bad: """
      train_input_reader { label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt" }
      """,
    good: """
      train_input_reader { label_map_path: "data/label_map.pbtxt" }
      """,
    check: { ctx in
      guard ctx.isPipeline else { return }
      // The paths to report (by name index): placeholders, then in source order, and empty ones.
      var placeholders: [(name: Int, setting: Setting)] = []
      placeholders.reserveCapacity(8)
      var empty: [(name: Int, setting: Setting)] = []
      // One walk for the three fields; empty ones are reported field by field, as found.
      for node in ctx.nodes(withAnyField: placeholderPathNames) {
        for (n, name) in placeholderPathNames.enumerated() {
          ctx.forEachSetting(node, name) { setting in
            guard setting.isSet,
              let (isPlaceholder, isEmpty) = ctx.withBytes(setting, { (containsASCII($0, "PATH_TO_BE_CONFIGURED"), $0.isEmpty) })
            else { return }
            if isPlaceholder {
              placeholders.append((n, setting))
            } else if isEmpty {
              empty.append((n, setting))
            }
          }
        }
      }
      for n in placeholderPathNames.indices {
        for (m, setting) in empty where m == n {
          ctx.report(
            concat(placeholderPathFields[n], " is empty"), at: setting.range, path: setting.path,
            help: "give the path, or remove the field")
        }
      }
      guard !placeholders.isEmpty else { return }
      placeholders.sort { ($0.setting.range?.lowerBound ?? 0) < ($1.setting.range?.lowerBound ?? 0) }
      let first = placeholders[0]
      if placeholders.count == 1 {
        ctx.report(
          concat(placeholderPathFields[first.name], " is still the placeholder \"", ctx.string(first.setting) ?? "", "\""),
          at: first.setting.range, path: first.setting.path, help: "replace PATH_TO_BE_CONFIGURED with the real location")
        return
      }
      // The fields involved, each once, in order of first appearance (a bit per name index).
      var parts = [String(placeholders.count), " paths still hold the placeholder PATH_TO_BE_CONFIGURED: "]
      var seen = 0
      for p in placeholders where seen & (1 << p.name) == 0 {
        if seen != 0 { parts.append(", ") }
        parts.append(placeholderPathFields[p.name])
        seen |= 1 << p.name
      }
      ctx.report(
        concat(parts, separator: nil),
        at: first.setting.range, path: first.setting.path,
        labels: placeholders.dropFirst().map { ($0.setting.range, "also the placeholder") },
        help: "replace PATH_TO_BE_CONFIGURED with the real locations")
    })
}

/// The path fields PC305 reads, wherever they stand (the names alone, for the walk).
private let placeholderPathNames: [StaticString] = ["fine_tune_checkpoint", "label_map_path", "input_path"]
/// The same names as text, for messages.
private let placeholderPathFields = placeholderPathNames.map(\.description)

/// Whether `text` contains `needle`, comparing bytes (the generic `contains` goes
/// through the string-processing library and is slow here).
func containsASCII(_ text: String, _ needle: StaticString) -> Bool {
  var text = text
  return text.withUTF8 { containsASCII($0, needle) }
}

/// Whether `haystack` contains `needle`, comparing bytes.
func containsASCII(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
  needle.withUTF8Buffer { pattern in
    guard pattern.count <= haystack.count else { return false }
    for start in 0...(haystack.count - pattern.count) {
      var j = 0
      while j < pattern.count, haystack[start + j] == pattern[j] { j += 1 }
      if j == pattern.count { return true }
    }
    return false
  }
}
