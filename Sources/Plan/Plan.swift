import Check

/// The execution plan: a config lowered to plain data (issue 6).
package enum PlanInfo {
  package static let stage = "plan"
}
