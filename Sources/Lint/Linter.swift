import Check
import Diagnostics
import Schema
import Syntax

/// Runs the lint rules over a checked config: the findings, suppressions applied.
///
/// Rules see the config as bound by the checker, so fields that did not bind
/// (schema errors) are simply absent. Rules for one target run only when the
/// target is known: given in `options`, or inferred (then said in an
/// `inferred-target` note). Disabled rules do not run; `# pipec:` comments
/// then silence findings (see `Suppression.swift`).
package func lint(
  _ config: TypedConfig, options: LintOptions = LintOptions(), rules: [LintRule] = allLintRules
) -> [Diagnostic] {
  var diagnostics: [Diagnostic] = []
  var target = options.target
  if target == nil, let (inferred, range, reason) = inferTarget(config) {
    target = inferred
    var note = Diagnostic(
      .inferredTarget, .note, at: config.tree.span(range), "target inferred as \(inferred.display): \(reason)",
      help: "pass '--target tf1' or '--target tf2' (or set 'target' in .pipec.config) to choose")
    note.path = nil
    diagnostics.append(note)
  }
  var ran: Set<String> = []
  let shared = LintShared()
  for rule in rules where !options.disabled.contains(rule.name) {
    if let wanted = rule.target, wanted != target { continue }
    ran.insert(rule.name)
    var context = LintContext(config: config, target: target, options: options, rule: rule, shared: shared)
    rule.check(&context)
    diagnostics += context.diagnostics
  }
  return applySuppressions(diagnostics, in: config.tree, ranRules: ran)
}

/// The target a config's contents imply, with the evidence and the reason.
package func inferTarget(_ config: TypedConfig) -> (Target, TextRange, String)? {
  let context = LintContext(config: config, target: nil, options: LintOptions(), rule: .notAConfig)
  guard let (kind, model) = context.model else { return nil }
  if kind == "center_net", let site = model.site {
    return (.tf2, site, "CenterNet exists only in the TF2 code path")
  }
  if let extractor = context.child(model, "feature_extractor"), let type = context.setting(extractor, "type"),
    let name = type.string, let range = type.range
  {
    if name.hasSuffix("_keras") {
      return (.tf2, range, "feature extractor '\(name)' is a Keras one, which only the TF2 code path builds")
    }
    return (.tf1, range, "feature extractor '\(name)' is a TF1 (slim) one; TF2 names end in '_keras'")
  }
  return nil
}
