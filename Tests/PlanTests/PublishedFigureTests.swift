import Testing

@testable import Plan

// Parameter and FLOP counts against published figures. Published "FLOPs" in
// these papers are multiply-adds, so they are compared with our MACs.
// Our parameter counts include batch-norm scale and offset.

/// MobileNetV2 (1.0, 224) with its classifier: global pool and a 1000-way dense layer.
@Test func mobileNetV2MatchesThePaper() {
  var net = NetworkBuilder(input: Shape(224, 224, 3))
  _ = MobileNet.v2(&net, multiplier: 1, minDepth: 8)
  net.pool("pool", kernel: 0, stride: 1, global: true)
  net.dense("logits", 1000)
  let params = net.layers.reduce(0) { $0 + $1.parameters }
  let macs = net.layers.reduce(0) { $0 + $1.macs }
  // Sandler et al., "MobileNetV2", CVPR 2018, Table 4: 3.4M parameters, 300M multiply-adds.
  #expect(within(Double(params), 3.4e6, 0.05), "params \(params)")
  // Exactly the trainable count of tf.keras.applications.MobileNetV2() (3,538,984
  // total less 34,112 batch-norm moving statistics).
  #expect(params == 3_504_872)
  #expect(within(Double(macs), 300e6, 0.03), "MACs \(macs)")
}

/// ResNet-50 at 224 with its classifier, Keras layout (stride in the first unit).
@Test func resNet50MatchesThePaper() {
  var net = NetworkBuilder(input: Shape(224, 224, 3))
  _ = ResNet.v1(&net, depth: 50, slim: false)
  net.pool("pool", kernel: 0, stride: 1, global: true)
  net.dense("logits", 1000)
  let params = net.layers.reduce(0) { $0 + $1.parameters }
  let macs = net.layers.reduce(0) { $0 + $1.macs }
  // He et al., "Deep Residual Learning", CVPR 2016, Table 1: 3.8 x 10^9 FLOPs (multiply-adds);
  // 25.6M parameters (e.g. the Keras Applications table: 25,636,712 with the
  // 53,120 batch-norm moving statistics and 26,560 conv biases we do not have).
  #expect(within(Double(params), 25.6e6, 0.01), "params \(params)")
  // Exactly: Keras' 25,583,592 trainable parameters less its 26,560 conv biases.
  #expect(params == 25_583_592 - 26_560)
  #expect(within(Double(macs), 3.8e9, 0.10), "MACs \(macs)")
}

/// SSDLite with MobileNetV2 at 320 x 320 on COCO's 80 classes (+ background),
/// as in the paper (the zoo configs use 90 ids, which adds 0.16M parameters).
@Test func ssdLiteMobileNetV2MatchesThePaper() throws {
  let config = try quickstart(size: 320)
    .replacingOccurrences(of: "num_classes: 3", with: "num_classes: 80")
    .replacingOccurrences(of: "min_depth: 16", with: "min_depth: 16\n      use_depthwise: true")
    .replacingOccurrences(of: "kernel_size: 1", with: "kernel_size: 3\n        use_depthwise: true")
    .replacingOccurrences(of: "ssd_mobilenet_v2_keras", with: "ssd_mobilenet_v2")
  let (plan, diagnostics, _) = planPipeline(config)
  #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
  // Sandler et al., "MobileNetV2", CVPR 2018, Table 6: SSDLite 4.3M parameters, 0.8B multiply-adds.
  #expect(within(Double(plan.cost.parameters), 4.3e6, 0.03), "params \(plan.cost.parameters)")
  #expect(within(Double(plan.cost.forwardMACs), 0.8e9, 0.03), "MACs \(plan.cost.forwardMACs)")
}

/// Faster R-CNN ResNet-50: its two stages together are ResNet-50's conv layers.
@Test func fasterRCNNResNet50StagesAreResNet50() {
  let (plan, diagnostics, _) = planPipeline(
    """
    model { faster_rcnn {
      num_classes: 90
      image_resizer { keep_aspect_ratio_resizer { min_dimension: 600 max_dimension: 1024 } }
      feature_extractor { type: 'faster_rcnn_resnet50' first_stage_features_stride: 16 }
      first_stage_anchor_generator { grid_anchor_generator {
        scales: [0.25, 0.5, 1.0, 2.0] aspect_ratios: [0.5, 1.0, 2.0] height_stride: 16 width_stride: 16 } }
      first_stage_box_predictor_conv_hyperparams { op: CONV regularizer { l2_regularizer { } } initializer { truncated_normal_initializer { } } }
      first_stage_max_proposals: 300
      initial_crop_size: 14 maxpool_kernel_size: 2 maxpool_stride: 2
      second_stage_box_predictor { mask_rcnn_box_predictor { fc_hyperparams { op: FC regularizer { l2_regularizer { } } initializer { variance_scaling_initializer { } } } } }
    } }
    """)
  #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
  let backbone =
    (plan.model.featureExtractor?.layers ?? [])
    + plan.model.secondStage.filter { $0.name.hasPrefix("block4") }
  let params = backbone.reduce(0) { $0 + $1.parameters }
  // ResNet-50 without its 2,049,000-parameter classifier: 25.6M - 2.05M = 23.5M
  // (He et al. 2016, Table 1). Exactly: Keras' trainable count less its conv
  // biases (see resNet50MatchesThePaper) less the classifier.
  #expect(within(Double(params), 23.5e6, 0.01), "params \(params)")
  #expect(params == 25_583_592 - 26_560 - 2_049_000)
  // Feature map at stride 16 for 600 x 1024: 38 x 64 x 1024; 12 anchors per location.
  #expect(plan.model.featureExtractor?.featureMaps.first?.shape == Shape(38, 64, 1024))
  #expect(plan.model.anchors?.total == 38 * 64 * 12)
  // The whole detector, derived: backbone + RPN (3x3x1024x512 + biases + 1x1 heads)
  // + box predictor (2048 x 91 classes and 2048 x 90 x 4 boxes, with biases).
  let rpn: Int = 3 * 3 * 1024 * 512 + 512 + (512 * 48 + 48) + (512 * 24 + 24)
  let predictor: Int = (2048 * 360 + 360) + (2048 * 91 + 91)
  #expect(plan.cost.parameters == params + rpn + predictor)
}

/// EfficientDet-D0 at 512 x 512 on COCO.
@Test func efficientDetD0MatchesThePaper() {
  let (plan, diagnostics, _) = planPipeline(
    """
    model { ssd {
      num_classes: 90 add_background_class: false
      image_resizer { keep_aspect_ratio_resizer { min_dimension: 512 max_dimension: 512 pad_to_max_dimension: true } }
      feature_extractor { type: 'ssd_efficientnet-b0_bifpn_keras'
        bifpn { min_level: 3 max_level: 7 num_iterations: 3 num_filters: 64 } }
      box_predictor { weight_shared_convolutional_box_predictor {
        depth: 64 num_layers_before_predictor: 3 kernel_size: 3 use_depthwise: true } }
      anchor_generator { multiscale_anchor_generator {
        min_level: 3 max_level: 7 anchor_scale: 4.0 aspect_ratios: [1.0, 2.0, 0.5] scales_per_octave: 3 } }
    } }
    """)
  #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
  // Tan, Pang & Le, "EfficientDet", CVPR 2020, Table 2: D0 3.9M parameters, 2.5B FLOPs (multiply-adds).
  #expect(within(Double(plan.cost.parameters), 3.9e6, 0.05), "params \(plan.cost.parameters)")
  #expect(within(Double(plan.cost.forwardMACs), 2.5e9, 0.10), "MACs \(plan.cost.forwardMACs)")
  let anchors: Int = (64 * 64 + 32 * 32 + 16 * 16 + 8 * 8 + 4 * 4) * 9
  #expect(plan.model.anchors?.total == anchors)
}

/// Shapes of SSD MobileNet v2 at 300 x 300, layer by layer where TF names them.
@Test func ssdMobileNetV2Shapes() throws {
  let (plan, _, _) = planPipeline(try quickstart(size: 300))
  let fe = try #require(plan.model.featureExtractor)
  #expect(
    fe.featureMaps.map(\.shape) == [
      Shape(19, 19, 576), Shape(10, 10, 1280), Shape(5, 5, 512), Shape(3, 3, 256), Shape(2, 2, 256),
      Shape(1, 1, 128),
    ])
  let byName = Dictionary(fe.layers.map { ($0.name, $0.output) }, uniquingKeysWith: { a, _ in a })
  #expect(byName["layer_1/conv"] == Shape(150, 150, 32))
  #expect(byName["layer_2/project"] == Shape(150, 150, 16))
  #expect(byName["layer_3/expand"] == Shape(150, 150, 96))
  #expect(byName["layer_3/depthwise"] == Shape(75, 75, 96))
  #expect(byName["layer_18/project"] == Shape(10, 10, 320))
  // No expansion in the t = 1 block; residual adds only where stride 1 keeps the depth.
  #expect(byName["layer_2/expand"] == nil)
  #expect(fe.layers.filter { $0.kind == .add }.count == 10)
}

/// refnet.py's reference network: MobileNet v2 with depth multiplier 0.35 and min depth 16.
@Test func mobileNetV2DepthMultiplierFollowsRefnet() {
  var net = NetworkBuilder(input: Shape(128, 128, 3))
  let e = MobileNet.v2(&net, multiplier: 0.35, minDepth: 16)
  // depth(32) = 16, depth(16) = 16 (min), depth(24) = 8 -> 16, depth(320) = 112, depth(1280) = 448.
  #expect(net.layers.first?.output.channels == 16)
  #expect(e["layer_18"]?.channels == 112)
  #expect(e["layer_19"]?.channels == 448)
  // layer_15 expands depth(96) = 32 channels six-fold.
  #expect(e["layer_15/expansion_output"] == Shape(8, 8, 192))
}
