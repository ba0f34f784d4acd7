#if canImport(Glibc)
  import Glibc
#endif

/// The anchors of a model: how many per location on each feature map and in total.
package struct AnchorPlan: Sendable, Equatable {
  package struct Level: Sendable, Equatable {
    package var name: String
    package var height: Int
    package var width: Int
    /// Anchors per location, as (scale, aspect ratio) pairs; scales are
    /// relative to the image's shorter side (SSD) or in pixels (grid, multiscale).
    package var boxes: [(scale: Double, aspectRatio: Double)]
    package var count: Int { height * width * boxes.count }

    package static func == (a: Level, b: Level) -> Bool {
      a.name == b.name && a.height == b.height && a.width == b.width
        && a.boxes.map(\.scale) == b.boxes.map(\.scale)
        && a.boxes.map(\.aspectRatio) == b.boxes.map(\.aspectRatio)
    }
  }

  /// `ssd_anchor_generator`, `multiscale_anchor_generator`, `grid_anchor_generator`, ...
  package var generator: String
  package var levels: [Level]
  package var origin: Origin
  package var total: Int { levels.reduce(0) { $0 + $1.count } }
}

/// Anchor generators with the Object Detection API's semantics
/// (`anchor_generators/*.py`), given the feature-map grid each one tiles.
package enum AnchorGenerators {
  /// `MultipleGridAnchorGenerator` built by `create_ssd_anchors`: scales
  /// linearly from `minScale` to `maxScale` over the layers (or `scales`), then 1;
  /// every aspect ratio at the layer's scale, plus the interpolated scale
  /// sqrt(s_i * s_{i+1}) at `interpolatedScaleAspectRatio` when it is positive;
  /// the lowest layer gets (0.1, 1), (s, 2), (s, 0.5) when reduced.
  package static func ssd(
    grids: [(name: String, height: Int, width: Int)], minScale: Double, maxScale: Double,
    scales explicit: [Double], aspectRatios: [Double], interpolatedScaleAspectRatio: Double,
    reduceBoxesInLowestLayer: Bool
  ) -> [AnchorPlan.Level] {
    let n = grids.count
    var scales: [Double]
    if !explicit.isEmpty {
      scales = explicit
    } else if n > 1 {
      scales = (0..<n).map { minScale + (maxScale - minScale) * Double($0) / Double(n - 1) }
    } else {
      scales = [minScale]
    }
    scales.append(1.0)
    var levels: [AnchorPlan.Level] = []
    for (i, grid) in grids.enumerated() {
      let scale = i < scales.count ? scales[i] : 1.0
      let next = i + 1 < scales.count ? scales[i + 1] : 1.0
      var boxes: [(scale: Double, aspectRatio: Double)]
      if i == 0 && reduceBoxesInLowestLayer {
        boxes = [(0.1, 1.0), (scale, 2.0), (scale, 0.5)]
      } else {
        boxes = aspectRatios.map { (scale, $0) }
        if interpolatedScaleAspectRatio > 0 {
          boxes.append(((scale * next).squareRoot(), interpolatedScaleAspectRatio))
        }
      }
      levels.append(.init(name: grid.name, height: grid.height, width: grid.width, boxes: boxes))
    }
    return levels
  }

  /// `MultiscaleGridAnchorGenerator`: on each level l, the anchor size is
  /// `anchorScale * 2^l * 2^(k / scalesPerOctave)` pixels for k in 0..<scalesPerOctave,
  /// at every aspect ratio.
  package static func multiscale(
    grids: [(name: String, level: Int, height: Int, width: Int)], anchorScale: Double,
    scalesPerOctave: Int, aspectRatios: [Double]
  ) -> [AnchorPlan.Level] {
    grids.map { grid in
      let base = anchorScale * pow(2, Double(grid.level))
      let boxes = (0..<max(scalesPerOctave, 0)).flatMap { k in
        aspectRatios.map { (base * pow(2, Double(k) / Double(scalesPerOctave)), $0) }
      }
      return .init(name: grid.name, height: grid.height, width: grid.width, boxes: boxes)
    }
  }

  /// `GridAnchorGenerator` (Faster R-CNN's first stage): every scale times
  /// every aspect ratio at each location of one grid; scales multiply the base
  /// anchor size (`height` x `width` pixels, 256 by default).
  package static func grid(
    name: String, height: Int, width: Int, baseSize: Double, scales: [Double],
    aspectRatios: [Double]
  ) -> AnchorPlan.Level {
    .init(
      name: name, height: height, width: width,
      boxes: scales.flatMap { s in aspectRatios.map { (s * baseSize, $0) } })
  }
}
