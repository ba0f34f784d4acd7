import Testing
@testable import Schema
@Test func rootMessageName() { #expect(SchemaInfo.rootMessage.hasSuffix("TrainEvalPipelineConfig")) }
