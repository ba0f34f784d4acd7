/// The SSD feature extractors pipec derives exactly, by `feature_extractor.type`.
///
/// Each returns the extractor's layers and the maps the box predictor reads,
/// following `models/ssd_*_feature_extractor.py` (and `_keras` twins, whose
/// shapes are the same).
package struct SSDExtractorSettings: Sendable {
  package var type: String
  package var input: Shape
  package var depthMultiplier: Double
  package var minDepth: Int
  package var useDepthwise: Bool
  /// The number of feature maps (SSD `num_layers`, 6 by default).
  package var numLayers: Int
  package var fpn: (minLevel: Int, maxLevel: Int, depth: Int)?
  package var bifpn: (minLevel: Int, maxLevel: Int, iterations: Int, filters: Int)?
}

package enum SSDExtractors {
  /// Extractor types with an exact layer derivation.
  package static let supported: [String] =
    [
      "ssd_mobilenet_v1", "ssd_mobilenet_v1_keras", "ssd_mobilenet_v2", "ssd_mobilenet_v2_keras",
      "ssd_mobilenet_v1_fpn", "ssd_mobilenet_v1_fpn_keras", "ssd_mobilenet_v2_fpn",
      "ssd_mobilenet_v2_fpn_keras",
      "ssd_resnet50_v1_fpn", "ssd_resnet50_v1_fpn_keras", "ssd_resnet101_v1_fpn",
      "ssd_resnet101_v1_fpn_keras",
      "ssd_resnet152_v1_fpn", "ssd_resnet152_v1_fpn_keras",
    ] + EfficientNet.ssdTypes

  package static func build(_ s: SSDExtractorSettings) -> (layers: [Layer], maps: [FeatureMap])? {
    var net = NetworkBuilder(input: s.input, capacity: 256)
    let keras = s.type.hasSuffix("_keras")
    let base = keras ? String(s.type.dropLast("_keras".count)) : s.type
    let extraDepths = [512, 256, 256, 128, 128, 64]
    func fpnDepth(_ d: Int) -> Int { max(Int(Double(d) * s.depthMultiplier), s.minDepth) }
    switch base {
    case "ssd_mobilenet_v2":
      let e = MobileNet.v2(
        &net, multiplier: s.depthMultiplier, minDepth: s.minDepth,
        keepFinal1280: keras && s.depthMultiplier <= 1)
      guard let f1 = e["layer_15/expansion_output"], let f2 = e["layer_19"] else { return nil }
      let extras = FeatureMapGenerators.extraLayers(
        &net, base: "layer_19", from: 2, depths: Array(extraDepths.prefix(max(s.numLayers - 2, 0))),
        multiplier: s.depthMultiplier, minDepth: s.minDepth, depthwise: s.useDepthwise)
      return (
        net.layers,
        [FeatureMap(name: "layer_15/expansion_output", shape: f1), FeatureMap(name: "layer_19", shape: f2)]
          + extras
      )

    case "ssd_mobilenet_v1":
      let e = MobileNet.v1(&net, multiplier: s.depthMultiplier, minDepth: s.minDepth)
      guard let f1 = e["Conv2d_11_pointwise"], let f2 = e["Conv2d_13_pointwise"] else { return nil }
      let extras = FeatureMapGenerators.extraLayers(
        &net, base: "Conv2d_13_pointwise", from: 2,
        depths: Array(extraDepths.prefix(max(s.numLayers - 2, 0))),
        multiplier: s.depthMultiplier, minDepth: s.minDepth, depthwise: s.useDepthwise)
      return (
        net.layers,
        [
          FeatureMap(name: "Conv2d_11_pointwise", shape: f1),
          FeatureMap(name: "Conv2d_13_pointwise", shape: f2),
        ] + extras
      )

    case "ssd_mobilenet_v1_fpn", "ssd_mobilenet_v2_fpn":
      let fpn = s.fpn ?? (3, 7, 256)
      let v2 = base == "ssd_mobilenet_v2_fpn"
      let e =
        v2
        ? MobileNet.v2(
          &net, multiplier: s.depthMultiplier, minDepth: s.minDepth,
          finalDepth: s.useDepthwise ? 256 : nil, keepFinal1280: keras && s.depthMultiplier <= 1)
        : MobileNet.v1(
          &net, multiplier: s.depthMultiplier, minDepth: s.minDepth, lastDepth: s.useDepthwise ? 256 : nil)
      let names =
        v2
        ? ["layer_4", "layer_7", "layer_14", "layer_19"]
        : ["Conv2d_3_pointwise", "Conv2d_5_pointwise", "Conv2d_11_pointwise", "Conv2d_13_pointwise"]
      let backbone = names.enumerated().compactMap { i, n in e[n].map { (level: i + 2, shape: $0) } }
      let maps = FeatureMapGenerators.fpn(
        &net, backbone: backbone, minLevel: fpn.minLevel, maxLevel: fpn.maxLevel,
        depth: fpnDepth(fpn.depth), depthwise: s.useDepthwise)
      return (net.layers, maps)

    case "ssd_resnet50_v1_fpn", "ssd_resnet101_v1_fpn", "ssd_resnet152_v1_fpn":
      let fpn = s.fpn ?? (3, 7, 256)
      let depth = base == "ssd_resnet50_v1_fpn" ? 50 : base == "ssd_resnet101_v1_fpn" ? 101 : 152
      let e = ResNet.v1(&net, depth: depth, slim: !keras, nonStrided: true)
      let backbone = (1...4).compactMap { b in e["block\(b)"].map { (level: b + 1, shape: $0) } }
      let maps = FeatureMapGenerators.fpn(
        &net, backbone: backbone, minLevel: fpn.minLevel, maxLevel: fpn.maxLevel,
        depth: fpnDepth(fpn.depth), depthwise: s.useDepthwise)
      return (net.layers, maps)

    default:
      if EfficientNet.ssdTypes.contains(s.type) { return EfficientNet.ssd(s) }
      return nil
    }
  }
}
