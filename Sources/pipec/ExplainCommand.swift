import Check
import Diagnostics
import Lint
import Schema
import Syntax

let explainCommand = Command(
  name: "explain",
  summary: "print a lint rule's documentation and run its example",
  usage: "pipec explain ID|NAME",
  help: """
    Prints what the rule reports, why, a bad and a good example, and the
    diagnostic pipec gives on the bad one. 'pipec rules' lists the rules.

    Examples:
      pipec explain PC101
      pipec explain decay-steps-beyond-num-steps

    Exit status: 0 found; 2 no such rule.
    """,
  spec: ArgumentSpec(),
  run: { arguments in
    guard arguments.positionals.count == 1, let key = arguments.positionals.first else {
      return usageError("pass one rule ID or name", help: "'pipec rules' lists them")
    }
    guard let rule = lintRule(named: key) else {
      let hint = closestMatch(key, in: allLintRules.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
      return usageError("no lint rule '\(key)'\(hint)", help: "'pipec rules' lists them")
    }
    writeStdout(explanation(of: rule))
    return ExitStatus.clean
  })

/// The documentation of `rule`, with the diagnostic its bad example produces.
func explanation(of rule: LintRule) -> String {
  let target = rule.target.map { "applies to \($0.display) only" } ?? "applies to TF1 and TF2"
  var out = "\(rule.id) \(rule.name) (\(rule.severity.rawValue), \(rule.area.rawValue), \(target))\n\n"
  out += rule.summary + "\n\n" + wrap(rule.rationale, width: 78) + "\n\n"
  out += "Bad:\n\n" + indent(rule.bad) + "\nGood:\n\n" + indent(rule.good) + "\n"
  let diagnostics = runExample(rule)
  if !diagnostics.diagnostics.isEmpty {
    out += "pipec check on the bad example:\n\n"
    out += DiagnosticRenderer.render(diagnostics.diagnostics, in: diagnostics.sources, as: .text, options: RenderOptions(summary: false))
  }
  return out
}

/// Runs `rule` alone on its bad example (the target taken from the rule).
func runExample(_ rule: LintRule) -> (diagnostics: [Diagnostic], sources: SourceMap) {
  var sources = SourceMap()
  let labelMapLike = rule.checksLabelMaps
  let id = sources.add(path: labelMapLike ? "bad.pbtxt" : "bad.config", text: rule.bad)
  let schema = Schema.bundled()
  guard let root = schema.message(named: labelMapLike ? Schema.labelMapRoot : Schema.pipelineRoot) else { return ([], sources) }
  let (tree, _) = Parser.parse(sources[id])
  let (config, _) = check(tree, against: schema, root: root)
  let files = exampleFiles
  let options = LintOptions(
    target: rule.target, readFile: { files[$0].map { Array($0.utf8) } }, deviceMemory: rule.exampleDeviceMemory,
    memoryEstimator: plannerMemory)
  return (lint(config, options: options, rules: [rule]).filter { $0.code == rule.code }, sources)
}

private func indent(_ text: String) -> String {
  text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n"
}

private func wrap(_ text: String, width: Int) -> String {
  var lines: [String] = []
  var line = ""
  for word in text.split(separator: " ") {
    if !line.isEmpty && line.count + 1 + word.count > width {
      lines.append(line)
      line = ""
    }
    line += (line.isEmpty ? "" : " ") + word
  }
  if !line.isEmpty { lines.append(line) }
  return lines.joined(separator: "\n")
}
