import Testing

@testable import Plan

struct AnchorCase: Sendable, CustomTestStringConvertible {
  let size: Int
  let perMap: [Int]
  let total: Int
  var testDescription: String { "SSD MobileNet v2 at \(size)x\(size)" }
}

// 300: 19x19x3 + (10x10 + 5x5 + 3x3 + 2x2 + 1x1) x 6 = 1083 + 834 = 1917, the
// count every SSD MobileNet at 300 x 300 reports.
@Test(arguments: [
  AnchorCase(size: 300, perMap: [1083, 600, 150, 54, 24, 6], total: 1917),
  AnchorCase(size: 320, perMap: [1200, 600, 150, 54, 24, 6], total: 2034),
])
func ssdMobileNetV2AnchorsExactly(_ c: AnchorCase) throws {
  let (plan, diagnostics, _) = planPipeline(try quickstart(size: c.size))
  #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
  let anchors = try #require(plan.model.anchors)
  #expect(anchors.levels.map(\.count) == c.perMap)
  #expect(anchors.total == c.total)
}

@Test func ssdAnchorScalesFollowTheGenerator() {
  let levels = AnchorGenerators.ssd(
    grids: [("a", 19, 19), ("b", 10, 10), ("c", 5, 5), ("d", 3, 3), ("e", 2, 2), ("f", 1, 1)], minScale: 0.2,
    maxScale: 0.95, scales: [], aspectRatios: [1, 2, 0.5, 3, 0.3333], interpolatedScaleAspectRatio: 1,
    reduceBoxesInLowestLayer: true)
  #expect(levels[0].boxes.map(\.scale) == [0.1, 0.2, 0.2])
  // Layer 1: scale 0.2 + 0.75 / 5 = 0.35; interpolated sqrt(0.35 * 0.5).
  #expect(abs(levels[1].boxes[0].scale - 0.35) < 1e-12)
  #expect(abs(levels[1].boxes[5].scale - (0.35 * 0.5).squareRoot()) < 1e-12)
  // The last layer interpolates towards 1.0.
  #expect(abs(levels[5].boxes[5].scale - (0.95).squareRoot()) < 1e-12)
  #expect(levels.reduce(0) { $0 + $1.count } == 1917)
}

@Test func multiscaleAndGridAnchorCounts() {
  // RetinaNet-style at 640: levels 3...7 are 80, 40, 20, 10, 5 wide; 2 scales x 3 ratios.
  let grids = (3...7).map { l in (name: "level_\(l)", level: l, height: 640 >> l, width: 640 >> l) }
  let multiscale = AnchorGenerators.multiscale(
    grids: grids, anchorScale: 4, scalesPerOctave: 2, aspectRatios: [1, 2, 0.5])
  let expected: Int = (6400 + 1600 + 400 + 100 + 25) * 6
  #expect(multiscale.reduce(0) { $0 + $1.count } == expected)
  // Scales outer, aspect ratios inner: box 3 is the second scale of level 3.
  #expect(multiscale[0].boxes[3].scale == 4 * 8 * 2.0.squareRoot())
  // Faster R-CNN at 600 x 1024, stride 16: 38 x 64 locations, 4 scales x 3 ratios.
  let grid = AnchorGenerators.grid(
    name: "block3", height: 38, width: 64, baseSize: 256, scales: [0.25, 0.5, 1, 2],
    aspectRatios: [0.5, 1, 2])
  #expect(grid.count == 29_184)
}

/// A flexible grid beyond the extractor's maps tiles the input at its own height and width strides.
@Test func flexibleGridWithoutAMapUsesBothStrides() throws {
  let (plan, diagnostics, _) = planPipeline(
    """
    model { faster_rcnn { num_classes: 2 image_resizer { fixed_shape_resizer { height: 320 width: 320 } }
      feature_extractor { type: 'faster_rcnn_resnet50_keras' } initial_crop_size: 14
      first_stage_anchor_generator { flexible_grid_anchor_generator {
        anchor_grid { base_sizes: [32] aspect_ratios: [1.0] height_stride: 16 width_stride: 16 }
        anchor_grid { base_sizes: [64, 64] aspect_ratios: [1.0, 2.0] height_stride: 32 width_stride: 8 } } } } }
    """)
  #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
  let levels = try #require(plan.model.anchors?.levels)
  // The first grid lies on block3 (stride 16); the second has no map: 320 / 32 rows, 320 / 8 columns.
  #expect(levels.map(\.height) == [20, 10] && levels.map(\.width) == [20, 40])
  #expect(levels.map(\.count) == [400, 800])
}
