import Testing
@testable import Plan
@Test func planStageExists() { #expect(PlanInfo.stage == "plan") }
