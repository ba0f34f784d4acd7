import Check
import Diagnostics
import Schema
import Syntax

/// `.pipec.config`: a repository's lint settings, in text format, checked
/// against pipec's own small schema (`projectProto`).
///
///     target: TF2
///     disable: "rmsprop-sensitive"
///     rule { name: "low-momentum" severity: ERROR }
package struct ProjectSettings: Sendable, Equatable {
  package var target: Target?
  package var disabled: Set<String> = []
  package var severities: [String: Severity] = [:]

  package init(target: Target? = nil, disabled: Set<String> = [], severities: [String: Severity] = [:]) {
    self.target = target
    self.disabled = disabled
    self.severities = severities
  }

  /// The file name pipec looks for, walking up from each checked file.
  package static let fileName = ".pipec.config"
}

/// The schema of `.pipec.config`.
package let projectProto = """
  syntax = "proto2";
  package pipec;

  // Lint settings for every config in the directory holding .pipec.config and below.
  message ProjectConfig {
    // The TensorFlow code path the configs are for; inferred per file when unset.
    optional Target target = 1;
    // Rules switched off, by name or ID.
    repeated string disable = 2;
    // Per-rule severities.
    repeated RuleSetting rule = 3;
  }

  message RuleSetting {
    // A rule name or ID, as 'pipec rules' lists them.
    optional string name = 1;
    optional Level severity = 2;
  }

  enum Target {
    TARGET_UNSPECIFIED = 0;
    TF1 = 1;
    TF2 = 2;
  }

  enum Level {
    LEVEL_UNSPECIFIED = 0;
    NOTE = 1;
    WARNING = 2;
    ERROR = 3;
    OFF = 4;
  }
  """

/// The project schema and its root, built once.
package let projectSchema: (schema: Schema, root: MessageID?) = {
  var sources = SourceMap()
  var diagnostics: [Diagnostic] = []
  let schema = Schema.load(roots: ["pipec/project.proto"], sources: &sources, diagnostics: &diagnostics, searchPath: ["<bundled>"]) { path in
    path == "pipec/project.proto" ? .found(displayPath: path, bytes: Array(projectProto.utf8)) : .missing
  }
  precondition(!diagnostics.hasErrors, "the bundled project schema is valid (a test checks)")
  return (schema, schema.message(named: "pipec.ProjectConfig"))
}()

/// Reads `.pipec.config`: its settings, and every problem in it (syntax, schema, unknown rules).
package func loadProjectSettings(_ source: SourceFile) -> (ProjectSettings, [Diagnostic]) {
  let (tree, syntax) = Parser.parse(source)
  guard let root = projectSchema.root else { return (ProjectSettings(), syntax) }
  let (config, schemaErrors) = check(tree, against: projectSchema.schema, root: root)
  var diagnostics = syntax + schemaErrors
  var settings = ProjectSettings()
  let context = LintContext(config: config, target: nil, options: LintOptions())
  defer { context.finish() }
  let top = context.root
  switch context.setting(top, "target").flatMap(context.enumName) {
  case "TF1": settings.target = .tf1
  case "TF2": settings.target = .tf2
  default: break
  }
  func resolve(_ setting: Setting) -> String? {
    guard let name = context.string(setting) else { return nil }
    if let rule = lintRule(named: name) { return rule.name }
    let nearest = nearestNames(to: name, among: allLintRules.map(\.name))
    diagnostics.append(.warning(
      .unknownLintRule, at: tree.span(setting.range ?? TextRange(0, 0)), "no lint rule is named '\(name)'",
      help: nearest.first.map { "did you mean '\($0)'?" } ?? "'pipec rules' lists the rules"))
    return nil
  }
  for setting in context.settings(top, "disable") {
    if let name = resolve(setting) { settings.disabled.insert(name) }
  }
  for rule in context.children(top, "rule") {
    guard let nameSetting = context.setting(rule, "name"), let name = resolve(nameSetting) else { continue }
    switch context.setting(rule, "severity").flatMap(context.enumName) {
    case "NOTE": settings.severities[name] = .note
    case "WARNING": settings.severities[name] = .warning
    case "ERROR": settings.severities[name] = .error
    case "OFF": settings.disabled.insert(name)
    default: break
    }
  }
  return (settings, diagnostics)
}
