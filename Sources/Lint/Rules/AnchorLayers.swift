import Check
import Diagnostics
import Syntax

extension LintContext {
  /// Feature maps an SSD feature extractor produces, when known.
  func featureMapCount(_ extractor: Node) -> Int? {
    if let fpn = oneof(extractor, ["fpn", "bifpn"])?.node {
      let low = setting(fpn, "min_level")?.int ?? 3
      let high = setting(fpn, "max_level")?.int ?? 7
      return high - low + 1
    }
    guard let type = setting(extractor, "type").flatMap(string) else { return nil }
    if type.hasPrefix("embedded_ssd_mobilenet_v1") { return 5 }
    if containsASCII(type, "fpn") { return nil }  // an FPN extractor (MnasFPN too) without its `fpn` levels
    return sixMapExtractors.contains(type) ? 6 : nil
  }
}

/// SSD feature extractors that produce six feature maps.
private let sixMapExtractors = [
  "ssd_mobilenet_v1", "ssd_mobilenet_v2", "ssd_inception_v2", "ssd_inception_v3", "ssd_mobilenet_v1_ppn",
  "ssd_mobilenet_v3_large", "ssd_mobilenet_v3_small", "ssd_mobilenet_v1_keras", "ssd_mobilenet_v2_keras",
  "ssd_mobiledet_cpu", "ssd_mobiledet_dsp", "ssd_mobiledet_edgetpu", "ssd_mobiledet_gpu",
]

extension LintRule {
  /// PC409: anchor layers against the extractor's feature maps.
  package static let anchorLayersMismatch = LintRule(
    id: "PC409", name: "anchor-layers-mismatch", area: .model, severity: .error,
    summary: "anchor generator num_layers different from the feature maps the extractor produces",
    rationale: """
      The SSD box predictor pairs each feature map with one layer of anchors; the meta-\
      architecture raises ValueError when the counts differ, after the graph is half built. \
      SSD MobileNet and Inception extractors produce 6 maps, embedded_ssd_mobilenet_v1 5, \
      FPN extractors max_level - min_level + 1 (then use multiscale_anchor_generator with the \
      same levels).
      """,
    bad: """
      model { ssd {
        feature_extractor { type: "embedded_ssd_mobilenet_v1" }
        anchor_generator { ssd_anchor_generator { num_layers: 6 } }
      } }
      """,
    good: """
      model { ssd {
        feature_extractor { type: "embedded_ssd_mobilenet_v1" }
        anchor_generator { ssd_anchor_generator { num_layers: 5 } }
      } }
      """,
    check: { ctx in
      guard let (kind, model) = ctx.model, kind == .ssd, let generator = ctx.child(model, "anchor_generator"),
        let extractor = ctx.child(model, "feature_extractor"), let maps = ctx.featureMapCount(extractor)
      else { return }
      if let ssd = ctx.child(generator, "ssd_anchor_generator"), let layers = ctx.setting(ssd, "num_layers"),
        let n = layers.int, n != maps
      {
        ctx.report(
          "ssd_anchor_generator num_layers is \(n)\(layers.isSet ? "" : " (the default)") but the feature extractor produces \(maps) feature maps: TensorFlow raises ValueError",
          at: layers.range ?? ssd.site, path: layers.path,
          help: "set num_layers to \(maps)",
          fixes: layers.range.map { [Fix("set num_layers to \(maps)", edits: [ctx.replace($0, with: "\(maps)")], isSafe: false)] } ?? [])
      }
      if let multi = ctx.child(generator, "multiscale_anchor_generator"),
        let fpn = ctx.oneof(extractor, ["fpn", "bifpn"])?.node,
        let low = ctx.setting(multi, "min_level")?.int, let high = ctx.setting(multi, "max_level")?.int,
        high - low + 1 != maps
      {
        let fpnLow = ctx.setting(fpn, "min_level")?.int ?? 3
        ctx.report(
          "multiscale_anchor_generator covers levels \(low)-\(high) (\(high - low + 1) layers) but the FPN produces levels \(fpnLow)-\(fpnLow + maps - 1) (\(maps) feature maps): TensorFlow raises ValueError",
          at: multi.site, node: multi, help: "use the same min_level and max_level in both")
      }
    })
}
