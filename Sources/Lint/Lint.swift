import Check

/// Lint rules over a typed config: what practitioners learned the hard way (issue 4).
package enum LintInfo {
  package static let stage = "lint"
}
