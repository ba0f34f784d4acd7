import Diagnostics
import Lint

let rulesCommand = Command(
  name: "rules",
  summary: "list the lint rules with their IDs and severities",
  usage: "pipec rules",
  help: """
    One line per rule: ID, default severity, name, the target it applies to
    (both when not marked) and what it reports. Use the ID or the name with
    'pipec explain', in '# pipec: disable=…' comments and in .pipec.config.

    Exit status: 0.
    """,
  spec: ArgumentSpec(),
  run: { arguments in
    guard arguments.positionals.isEmpty else { return usageError("'pipec rules' takes no arguments") }
    var out = ""
    var area: RuleArea?
    for rule in allLintRules {
      if rule.area != area {
        area = rule.area
        out += (out.isEmpty ? "" : "\n") + "\(rule.area.rawValue):\n"
      }
      let target = rule.target.map { " [\($0.display)]" } ?? ""
      out += "  \(rule.id)  \(rule.severity.rawValue.padding(8))\(rule.name.padding(36))\(rule.summary)\(target)\n"
    }
    writeStdout(out)
    return ExitStatus.clean
  })
