import Check
import Diagnostics
#if canImport(Glibc)
  import Glibc
#endif
import Schema
import Syntax

/// Faster R-CNN extractor types with a layer derivation.
package let fasterRCNNExtractors: [String] = [
  "faster_rcnn_resnet50", "faster_rcnn_resnet101", "faster_rcnn_resnet152",
  "faster_rcnn_resnet50_keras", "faster_rcnn_resnet101_keras", "faster_rcnn_resnet152_keras",
  "faster_rcnn_resnet50_fpn_keras", "faster_rcnn_resnet101_fpn_keras", "faster_rcnn_resnet152_fpn_keras",
  "faster_rcnn_inception_resnet_v2", "faster_rcnn_inception_resnet_v2_keras",
]

extension Lowering {
  /// Faster R-CNN: the first-stage extractor and RPN once per image, then the
  /// box classifier once per proposal (`first_stage_max_proposals` at inference).
  mutating func lowerFasterRCNN(_ view: MessageView, path: String, into plan: inout ModelPlan) {
    plan.proposalsPerImage = int("first_stage_max_proposals", in: view)
    let cropSize = int("initial_crop_size", in: view)
    let poolKernel = max(int("maxpool_kernel_size", in: view), 1)
    let poolStride = max(int("maxpool_stride", in: view), 1)
    if let fe = message("feature_extractor", in: view), let input = plan.input {
      let stride = int("first_stage_features_stride", in: fe.view)
      let type = string("type", in: fe.view)
      let typeRange = range("type", in: fe.view) ?? fe.range
      let keras = type.hasSuffix("_keras")
      let base = keras ? String(type.dropLast("_keras".count)) : type
      var net = NetworkBuilder(input: Shape(input.height, input.width, 3), capacity: 512)
      var maps: [FeatureMap] = []
      var crop = NetworkBuilder(input: Shape(cropSize, cropSize, 0))
      var depthFromMaps = 0
      switch base {
      case "faster_rcnn_resnet50", "faster_rcnn_resnet101", "faster_rcnn_resnet152":
        let depth = Int(base.dropFirst("faster_rcnn_resnet".count)) ?? 50
        let e = ResNet.v1(&net, depth: depth, blocks: 3, slim: !keras, outputStride: stride)
        if let s = e["block3"] { maps = [FeatureMap(name: "block3", shape: s)] }
        depthFromMaps = maps.first?.shape.channels ?? 1024
        crop = NetworkBuilder(input: Shape(cropSize, cropSize, depthFromMaps))
        crop.pool("CropAndResize/MaxPool", kernel: poolKernel, stride: poolStride, valid: true)
        for u in 0..<3 {
          ResNet.bottleneck(&crop, LayerName("block4/unit_") + (u + 1), base: 512, stride: 1, strideFirst: keras)
        }
      case "faster_rcnn_resnet50_fpn", "faster_rcnn_resnet101_fpn", "faster_rcnn_resnet152_fpn":
        let depth = Int(base.dropFirst("faster_rcnn_resnet".count).prefix { $0.isNumber }) ?? 50
        let fpn = message("fpn", in: fe.view)
        let low = fpn.map { int("min_level", in: $0.view) } ?? 2
        let high = fpn.map { int("max_level", in: $0.view) } ?? 6
        let width = fpn.map { int("additional_layer_depth", in: $0.view) } ?? 256
        let e = ResNet.v1(&net, depth: depth, slim: false)
        let backbone = (1...4).compactMap { b in e["block" + String(b)].map { (level: b + 1, shape: $0) } }
        maps = FeatureMapGenerators.fpn(
          &net, backbone: backbone, minLevel: low, maxLevel: high, depth: width,
          depthwise: false, smoothTop: true)
        crop = NetworkBuilder(input: Shape(cropSize, cropSize, width))
        crop.pool("CropAndResize/MaxPool", kernel: poolKernel, stride: poolStride, valid: true)
        crop.dense("box_classifier/fc1", 1024)
        crop.dense("box_classifier/fc2", 1024)
      case "faster_rcnn_inception_resnet_v2":
        InceptionResNetV2.firstStage(&net, outputStride: stride)
        maps = [FeatureMap(name: "PreAuxLogits", shape: net.shape)]
        crop = NetworkBuilder(input: Shape(cropSize, cropSize, 1088))
        crop.pool("CropAndResize/MaxPool", kernel: poolKernel, stride: poolStride, valid: true)
        InceptionResNetV2.secondStage(&crop)
      default:
        unsupported(
          type, at: typeRange, path: path + ".feature_extractor.type", supported: fasterRCNNExtractors)
      }
      if !maps.isEmpty {
        plan.featureExtractor = FeatureExtractorPlan(
          type: type, layers: net.layers, featureMaps: maps,
          origin: Origin(path + ".feature_extractor", fe.range))
        plan.secondStage = crop.layers
      }
    }
    let maps = plan.featureExtractor?.featureMaps ?? []
    plan.anchors = lowerAnchors(
      view, field: "first_stage_anchor_generator", path: path, maps: maps, input: plan.input)

    // The RPN: a shared k x k conv, then 1 x 1 box (4 per anchor) and objectness (2 per anchor) predictors.
    if let anchors = plan.anchors, anchors.levels.count == maps.count {
      let depth = int("first_stage_box_predictor_depth", in: view)
      let kernel = int("first_stage_box_predictor_kernel_size", in: view)
      let hyper = message("first_stage_box_predictor_conv_hyperparams", in: view)
      let batchNorm = hyper.map { message("batch_norm", in: $0.view) != nil } ?? false
      for (i, map) in maps.enumerated() {
        var net = NetworkBuilder(input: map.shape)
        let a = anchors.levels[i].boxes.count
        net.conv(LayerName("RPN/Conv/level_") + i, depth, kernel: kernel, batchNorm: batchNorm)
        let features = net.shape
        net.conv(LayerName("RPN/BoxEncodingPredictor/level_") + i, a * 4, kernel: 1, batchNorm: false)
        net.from(features)
        net.conv(LayerName("RPN/ClassPredictor/level_") + i, a * 2, kernel: 1, batchNorm: false)
        if i > 0 { for k in net.layers.indices { net.layers[k].parameters = 0 } }  // shared across levels
        plan.heads += net.layers
      }
    }
    // The second stage's box predictor on each pooled proposal.
    if let predictor = message("second_stage_box_predictor", in: view), let kind = chosen(in: predictor.view)
    {
      plan.boxPredictor = component(
        kind.name, kind.view, path: path + ".second_stage_box_predictor." + kind.name,
        range: kind.range)
      if kind.name == "mask_rcnn_box_predictor", let last = plan.secondStage.last {
        var net = NetworkBuilder(input: last.output)
        if last.output.height > 1 || last.output.width > 1 {
          net.pool("SecondStageBoxPredictor/AvgPool", kernel: 0, stride: 1, global: true)
        }
        let pooled = net.shape
        let boxClasses = bool("share_box_across_classes", in: kind.view) ? 1 : plan.numClasses
        net.dense(
          "SecondStageBoxPredictor/BoxEncodingPredictor", boxClasses * int("box_code_size", in: kind.view))
        net.from(pooled)
        net.dense("SecondStageBoxPredictor/ClassPredictor", plan.numClasses + 1)
        let features = plan.secondStage
        plan.secondStage += net.layers
        if bool("predict_instance_masks", in: kind.view) {
          var mask = NetworkBuilder(input: last.output)
          maskHead(&mask, kind.view, classes: plan.numClasses)
          plan.perDetection = features + mask.layers
          plan.detectionsPerImage = maxTotalDetections(view)
        }
      }
    }
    if let miner = message("hard_example_miner", in: view) {
      plan.components.append(
        (
          "hard example mining",
          component(
            "hard_example_miner", miner.view,
            path: path + ".hard_example_miner", range: miner.range)
        ))
    }
    if let loss = message("second_stage_classification_loss", in: view), let kind = chosen(in: loss.view) {
      plan.components.append(
        (
          "second-stage classification loss",
          component(
            kind.name, kind.view, path: path + ".second_stage_classification_loss." + kind.name,
            range: kind.range)
        ))
    }
    if let post = message("second_stage_post_processing", in: view) {
      plan.components.append(
        (
          "post-processing",
          component(
            "post_processing", post.view,
            path: path + ".second_stage_post_processing", range: post.range)
        ))
    }
    plan.components.append(
      (
        "faster_rcnn",
        Component(
          kind: "faster_rcnn",
          parameters: parameters(of: view, prefix: "", nested: false, except: "num_classes"),
          origin: plan.origin)
      ))
  }

  /// `second_stage_post_processing.batch_non_max_suppression.max_total_detections`.
  func maxTotalDetections(_ view: MessageView) -> Int {
    guard let post = message("second_stage_post_processing", in: view),
      let nms = message("batch_non_max_suppression", in: post.view)
    else { return 100 }
    return int("max_total_detections", in: nms.view)
  }

  /// Mask R-CNN's mask head (`predictors/heads/mask_head.py`): the box
  /// classifier's features resized to the mask size, `num_conv_layers - 1`
  /// 3 x 3 convs, then a 3 x 3 conv to one mask per class (or one). TensorFlow runs
  /// it, after the box classifier's features again, on the final detections.
  func maskHead(_ net: inout NetworkBuilder, _ view: MessageView, classes: Int) {
    let height = int("mask_height", in: view)
    let width = int("mask_width", in: view)
    var depth = int("mask_prediction_conv_depth", in: view)
    if depth == 0 {
      // The head's own rule: 2^round((2 log2(features) + 3 log2(classes)) / 5).
      let features = log2(Double(max(net.shape.channels, 1)))
      let weighted = (2 * features + 3 * log2(Double(max(classes, 1)))) / 5
      depth = Int(pow(2, weighted.rounded()))
    }
    let hyper = message("conv_hyperparams", in: view)
    let batchNorm = hyper.map { message("batch_norm", in: $0.view) != nil } ?? false
    net.resize("MaskPredictor/resize", to: Shape(height, width, net.shape.channels))
    for i in 0..<max(int("mask_prediction_num_conv_layers", in: view) - 1, 0) {
      net.conv(LayerName("MaskPredictor/conv_") + i, depth, kernel: 3, batchNorm: batchNorm)
    }
    let masks = bool("masks_are_class_agnostic", in: view) ? 1 : classes
    net.conv("MaskPredictor/masks", masks, kernel: 3, batchNorm: false)
  }
}
