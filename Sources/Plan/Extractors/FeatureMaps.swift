/// The layers SSD feature extractors add after a backbone: the extra
/// stride-2 layers of `multi_resolution_feature_maps` and the top-down path
/// of `fpn_top_down_feature_maps` (`models/feature_map_generators.py`).
package enum FeatureMapGenerators {
  /// Extra layers after the last backbone map: for each depth d, a 1 x 1 conv
  /// to d/2 then a 3 x 3 stride-2 conv to d (depthwise-separable when
  /// `depthwise`); depths go through `max(Int(d * multiplier), minDepth)`.
  package static func extraLayers(
    _ net: inout NetworkBuilder, base: StaticString, from index: Int, depths: [Int],
    multiplier: Double, minDepth: Int, depthwise: Bool
  ) -> [FeatureMap] {
    func depth(_ d: Int) -> Int { max(Int(Double(d) * multiplier), minDepth) }
    var maps: [FeatureMap] = []
    for (offset, d) in depths.enumerated() {
      let i = index + offset
      net.conv(LayerName("extras/") + base + "_1_Conv2d_" + i + "_1x1_" + depth(d / 2), depth(d / 2), kernel: 1)
      let name = LayerName(base) + "_2_Conv2d_" + i + "_3x3_s2_" + depth(d)
      if depthwise {
        net.depthwise(LayerName("extras/") + name + "/depthwise", kernel: 3, stride: 2)
        net.conv(LayerName("extras/") + name + "/pointwise", depth(d), kernel: 1)
      } else {
        net.conv(LayerName("extras/") + name, depth(d), kernel: 3, stride: 2)
      }
      maps.append(FeatureMap(name: name.description, shape: net.shape))
    }
    return maps
  }

  /// A feature pyramid over `levels` (backbone maps from the lowest level up to
  /// at most level 5), then stride-2 convs for the levels above: lateral 1 x 1
  /// projections (bias, no batch norm), nearest-neighbour upsampling and a sum,
  /// a 3 x 3 smoothing conv for every level but the top; returns maps for
  /// `minLevel...maxLevel`, each with `depth` channels.
  package static func fpn(
    _ net: inout NetworkBuilder, backbone: [(level: Int, shape: Shape)], minLevel: Int,
    maxLevel: Int, depth: Int, depthwise: Bool, smoothTop: Bool = false
  ) -> [FeatureMap] {
    // Backbone levels above 5 (or above `maxLevel`) are not used: those levels are stride-2 convs.
    let inputs = backbone.filter { $0.level >= minLevel && $0.level <= min(maxLevel, 5) }
      .sorted { $0.level > $1.level }
    // A handful of levels: a list searched in order costs less than hashing each level.
    var maps: [(level: Int, shape: Shape)] = []
    maps.reserveCapacity(min(inputs.count + max(maxLevel - minLevel, 0) + 1, 16))
    func map(_ level: Int) -> Shape? { maps.first { $0.level == level }?.shape }
    var above: Shape?
    for (i, input) in inputs.enumerated() {
      net.from(input.shape)
      net.conv(LayerName("fpn/projection_") + input.level, depth, kernel: 1, batchNorm: false)
      if above != nil {
        net.resize(LayerName("fpn/upsample_") + input.level, to: net.shape)
        net.add(LayerName("fpn/sum_") + input.level)
      }
      if i > 0 || smoothTop {
        let name = LayerName("fpn/smoothing_") + input.level
        if depthwise {
          net.depthwise(name + "/depthwise", kernel: 3)
          net.conv(name + "/pointwise", depth, kernel: 1)
        } else {
          net.conv(name, depth, kernel: 3)
        }
      }
      maps.append((input.level, net.shape))
      above = net.shape
    }
    let top = inputs.first?.level ?? minLevel
    if let topShape = map(top) { net.from(topShape) }
    var level = top + 1
    while level <= maxLevel {
      let name = LayerName("fpn/bottom_up_Conv2d_") + level
      if depthwise {
        net.depthwise(name + "/depthwise", kernel: 3, stride: 2)
        net.conv(name + "/pointwise", depth, kernel: 1)
      } else {
        net.conv(name, depth, kernel: 3, stride: 2)
      }
      maps.append((level, net.shape))
      level += 1
    }
    return (minLevel...max(minLevel, maxLevel)).compactMap { l in
      map(l).map { FeatureMap(name: "level_\(l)", shape: $0) }
    }
  }
}
