import Testing
@testable import Schema

@Test func rootNamesArePipelineAndLabelMap() {
  #expect(Schema.pipelineRoot == "object_detection.protos.TrainEvalPipelineConfig")
  #expect(Schema.labelMapRoot == "object_detection.protos.StringIntLabelMap")
}
