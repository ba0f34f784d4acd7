import Testing

@testable import Schema

private let pkg = "object_detection.protos."
private let schema = Schema.bundled()

/// One expected field: message, field name, number, label, type and default.
struct FieldFact: Sendable, CustomTestStringConvertible {
  let message: String
  let field: String
  let number: Int32
  let label: FieldLabel
  let type: String
  let defaultValue: DefaultValue?
  var isDeprecated = false
  var testDescription: String { "\(message).\(field)" }
}

/// The type as the table spells it: a scalar keyword or a full type name.
private func spelled(_ type: FieldType) -> String {
  switch type {
  case .message(let id): schema[id].fullName
  case .enum(let id): schema[id].fullName
  default: describe(type, enums: schema.enums)
  }
}

@Test(arguments: [
  FieldFact(message: "TrainConfig", field: "batch_size", number: 1, label: .optional, type: "uint32",
            defaultValue: .integer(32)),
  FieldFact(message: "TrainConfig", field: "data_augmentation_options", number: 2, label: .repeated,
            type: pkg + "PreprocessingStep", defaultValue: nil),
  FieldFact(message: "TrainConfig", field: "keep_checkpoint_every_n_hours", number: 4, label: .optional,
            type: "float", defaultValue: .floatingPoint(10000)),
  FieldFact(message: "TrainConfig", field: "fine_tune_checkpoint_version", number: 28, label: .optional,
            type: pkg + "CheckpointVersion", defaultValue: .enumValue("V1")),
  FieldFact(message: "TrainConfig", field: "from_detection_checkpoint", number: 8, label: .optional,
            type: "bool", defaultValue: .bool(false), isDeprecated: true),
  FieldFact(message: "TrainConfig", field: "fine_tune_checkpoint", number: 7, label: .optional, type: "string",
            defaultValue: .string("")),
  FieldFact(message: "TrainEvalPipelineConfig", field: "model", number: 1, label: .optional,
            type: pkg + "DetectionModel", defaultValue: nil),
  FieldFact(message: "TrainEvalPipelineConfig", field: "train_config", number: 2, label: .optional,
            type: pkg + "TrainConfig", defaultValue: nil),
  FieldFact(message: "TrainEvalPipelineConfig", field: "train_input_reader", number: 3, label: .optional,
            type: pkg + "InputReader", defaultValue: nil),
  FieldFact(message: "TrainEvalPipelineConfig", field: "eval_config", number: 4, label: .optional,
            type: pkg + "EvalConfig", defaultValue: nil),
  FieldFact(message: "TrainEvalPipelineConfig", field: "eval_input_reader", number: 5, label: .repeated,
            type: pkg + "InputReader", defaultValue: nil),
  FieldFact(message: "TrainEvalPipelineConfig", field: "graph_rewriter", number: 6, label: .optional,
            type: pkg + "GraphRewriter", defaultValue: nil),
  FieldFact(message: "Ssd", field: "num_classes", number: 1, label: .optional, type: "int32", defaultValue: nil),
  FieldFact(message: "Ssd", field: "box_coder", number: 4, label: .optional, type: pkg + "BoxCoder",
            defaultValue: nil),
  FieldFact(message: "Ssd", field: "negative_class_weight", number: 13, label: .optional, type: "float",
            defaultValue: .floatingPoint(1.0)),
  FieldFact(message: "Ssd", field: "mask_head_config", number: 25, label: .optional, type: pkg + "Ssd.MaskHead",
            defaultValue: nil),
  FieldFact(message: "Ssd.MaskHead", field: "mask_loss_weight", number: 7, label: .optional, type: "float",
            defaultValue: .floatingPoint(5.0)),
  FieldFact(message: "AdamOptimizer", field: "epsilon", number: 2, label: .optional, type: "float",
            defaultValue: .floatingPoint(1e-8)),
  FieldFact(message: "SigmoidParameters", field: "a", number: 1, label: .optional, type: "float",
            defaultValue: .floatingPoint(-1.0)),
  FieldFact(message: "Hyperparams", field: "activation", number: 4, label: .optional,
            type: pkg + "Hyperparams.Activation", defaultValue: .enumValue("RELU")),
  FieldFact(message: "WeightSharedConvolutionalBoxPredictor", field: "score_converter", number: 16,
            label: .optional, type: pkg + "WeightSharedConvolutionalBoxPredictor.ScoreConverter",
            defaultValue: .enumValue("IDENTITY")),
  FieldFact(message: "ClassIdFunctionApproximations", field: "class_id_xy_pairs_map", number: 1, label: .repeated,
            type: pkg + "ClassIdFunctionApproximations.ClassIdXyPairsMapEntry", defaultValue: nil),
  FieldFact(message: "StringIntLabelMapItem", field: "keypoints", number: 4, label: .repeated,
            type: pkg + "StringIntLabelMapItem.KeypointMap", defaultValue: nil),
])
func bundledFieldFacts(_ fact: FieldFact) throws {
  let message = try #require(schema.message(pkg + fact.message))
  let field = try #require(message.field(named: fact.field))
  #expect(field.number == fact.number)
  #expect(field.label == fact.label)
  #expect(spelled(field.type) == fact.type)
  #expect(field.defaultValue == fact.defaultValue)
  #expect(field.isDeprecated == fact.isDeprecated)
  #expect(field.site?.file.hasPrefix("object_detection/protos/") == true)
}

@Test func optimizerOneof() throws {
  let optimizer = try #require(schema.message(pkg + "Optimizer"))
  #expect(optimizer.oneofs.map(\.name) == ["optimizer"])
  let members = optimizer.oneofs[0].fieldIndices.map { optimizer.fields[$0].name }
  #expect(members == ["rms_prop_optimizer", "momentum_optimizer", "adam_optimizer"])
  for name in members { #expect(optimizer.field(named: name)?.oneofIndex == 0) }
  #expect(optimizer.field(named: "use_moving_average")?.oneofIndex == nil)
  #expect(optimizer.field(named: "use_moving_average")?.defaultValue == .bool(true))
}

@Test func ssdFieldsInDeclarationOrder() throws {
  let ssd = try #require(schema.message(pkg + "Ssd"))
  #expect(ssd.fields.prefix(8).map(\.name) == [
    "num_classes", "image_resizer", "feature_extractor", "box_coder", "matcher", "similarity_calculator",
    "encode_background_as_zeros", "negative_class_weight",
  ])
  #expect(ssd.fields.count == 22)
  #expect(ssd.site == DeclarationSite(file: "object_detection/protos/ssd.proto", line: 18))
}

@Test func enumValues() throws {
  let resize = try #require(schema.enumType(pkg + "ResizeType"))
  #expect(resize.values.map(\.name) == ["BILINEAR", "NEAREST_NEIGHBOR", "BICUBIC", "AREA"])
  #expect(resize.values.map(\.number) == [0, 1, 2, 3])
  let activation = try #require(schema.enumType(pkg + "Hyperparams.Activation"))
  #expect(activation.name == "Activation")
  #expect(activation.value(named: "RELU_6")?.number == 2)
}

@Test func nestedMessagesHaveFullNames() throws {
  for name in ["Ssd.MaskHead", "XYPairs.XYPair", "CenterNet.ObjectDetection", "StringIntLabelMapItem.KeypointMap"] {
    let message = try #require(schema.message(pkg + name), "\(name)")
    #expect(message.name == String(name.split(separator: ".").last ?? ""))
  }
  // Both box predictors declare their own BoxEncodingsClipRange: no clash.
  #expect(schema.message(pkg + "ConvolutionalBoxPredictor.BoxEncodingsClipRange") != nil)
  #expect(schema.message(pkg + "WeightSharedConvolutionalBoxPredictor.BoxEncodingsClipRange") != nil)
}

@Test func mapEntriesAreSynthesised() throws {
  let entry = try #require(schema.message(pkg + "EvalConfig.SuperCategoriesEntry"))
  #expect(entry.isMapEntry)
  #expect(entry.fields.map(\.name) == ["key", "value"])
  #expect(entry.fields.map(\.number) == [1, 2])
  #expect(entry.fields.map(\.type) == [.string, .string])
  let xy = try #require(schema.message(pkg + "ClassIdFunctionApproximations.ClassIdXyPairsMapEntry"))
  #expect(xy.fields[0].type == .int32)
  #expect(xy.fields[1].type == .message(try #require(schema.message(named: pkg + "XYPairs"))))
  #expect(schema.messages.filter(\.isMapEntry).count == 5)
}

@Test func extensionRanges() throws {
  #expect(try #require(schema.message(pkg + "TrainEvalPipelineConfig")).extensionRanges == [1000...536_870_911])
  #expect(try #require(schema.message(pkg + "GraphRewriter")).extensionRanges == [1000...536_870_911])
  #expect(try #require(schema.message(pkg + "ExternalInputReader")).extensionRanges == [1...999])
  #expect(try #require(schema.message(pkg + "TrainConfig")).extensionRanges == [])
}

@Test func everyFieldTypeIDIsInRange() {
  for message in schema.messages {
    for field in message.fields {
      switch field.type {
      case .message(let id): #expect(id.index < schema.messages.count)
      case .enum(let id): #expect(id.index < schema.enums.count)
      default: break
      }
    }
    for oneof in message.oneofs { #expect(!oneof.fieldIndices.isEmpty, "\(message.fullName).\(oneof.name)") }
  }
}

@Test func declarationSitesGiveFileAndLine() throws {
  let file = "object_detection/protos/"
  #expect(try #require(schema.message(pkg + "Ssd.MaskHead")).site == DeclarationSite(file: file + "ssd.proto", line: 53))
  #expect(try #require(schema.enumType(pkg + "Hyperparams.Activation")).site
    == DeclarationSite(file: file + "hyperparams.proto", line: 20))
  #expect(try #require(schema.message(pkg + "TrainConfig")?.field(named: "batch_size")).site
    == DeclarationSite(file: file + "train.proto", line: 21))
  // A map entry stands where its field does.
  #expect(try #require(schema.message(pkg + "EvalConfig.SuperCategoriesEntry")).site
    == DeclarationSite(file: file + "eval.proto", line: 57))
}
