import Check
import Diagnostics

/// A small command-line parser: flags, options with a value, and positionals.
///
/// Accepts `--name value`, `--name=value`, `-o value`, bundles nothing, and
/// treats everything after `--` (and a lone `-`, meaning standard input) as
/// a positional argument.
struct ArgumentSpec: Sendable {
  var flags: Set<String> = []
  /// Options that take a value, with their accepted values when the set is closed.
  var options: [String: [String]?] = [:]
  /// Short aliases: `-o` for `--output`.
  var aliases: [String: String] = [:]
  /// Options that may be given more than once (`--proto-path A --proto-path B`).
  var repeatable: Set<String> = []
}

struct ParsedArguments: Sendable {
  var flags: Set<String> = []
  var options: [String: [String]] = [:]
  var positionals: [String] = []

  func has(_ flag: String) -> Bool { flags.contains(flag) }
  /// The option's value (the last one if given several times).
  func value(_ option: String) -> String? { options[option]?.last }
  /// Every value of a repeatable option, in order.
  func values(_ option: String) -> [String] { options[option] ?? [] }
}

struct UsageError: Error {
  let message: String
}

func parseArguments(_ arguments: [String], _ spec: ArgumentSpec) -> Result<ParsedArguments, UsageError> {
  var parsed = ParsedArguments()
  var i = 0
  var onlyPositionals = false
  while i < arguments.count {
    var argument = arguments[i]
    i += 1
    if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
      parsed.positionals.append(argument)
      continue
    }
    if argument == "--" {
      onlyPositionals = true
      continue
    }
    if let long = spec.aliases[argument] { argument = long }
    var inlineValue: String?
    if let equals = argument.firstIndex(of: "=") {
      inlineValue = String(argument[argument.index(after: equals)...])
      argument = String(argument[..<equals])
    }
    if spec.flags.contains(argument) {
      if inlineValue != nil { return .failure(UsageError(message: "\(argument) takes no value")) }
      parsed.flags.insert(argument)
    } else if let allowed = spec.options[argument] {
      guard let value = inlineValue ?? (i < arguments.count ? arguments[i] : nil) else {
        return .failure(UsageError(message: "\(argument) needs a value"))
      }
      if inlineValue == nil { i += 1 }
      if let allowed, !allowed.contains(value) {
        return .failure(UsageError(
          message: "\(argument) must be one of \(allowed.joined(separator: ", ")), not '\(value)'"))
      }
      if parsed.options[argument] != nil, !spec.repeatable.contains(argument) {
        return .failure(UsageError(message: "\(argument) given twice"))
      }
      parsed.options[argument, default: []].append(value)
    } else {
      let known = Array(spec.flags) + Array(spec.options.keys)
      let hint = closestMatch(argument, in: known).map { " (did you mean \($0)?)" } ?? ""
      return .failure(UsageError(message: "unknown option '\(argument)'\(hint)"))
    }
  }
  return .success(parsed)
}

/// The candidate within edit distance 2 of `word`, if exactly one is closest.
func closestMatch(_ word: String, in candidates: [String]) -> String? {
  let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 2 }
  guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
  return scored.filter { $0.1 == best.1 }.count == 1 ? best.0 : nil
}
