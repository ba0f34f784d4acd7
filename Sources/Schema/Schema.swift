package enum SchemaInfo { package static let rootMessage = "object_detection.protos.TrainEvalPipelineConfig" }
