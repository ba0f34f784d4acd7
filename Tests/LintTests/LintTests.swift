import Testing
@testable import Lint
@Test func lintStageExists() { #expect(LintInfo.stage == "lint") }
