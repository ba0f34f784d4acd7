import Testing

@testable import Plan

struct ExtractorCase: Sendable, CustomTestStringConvertible {
  let type: String
  let size: Int
  var useDepthwise = false
  var fpn: (minLevel: Int, maxLevel: Int, depth: Int)? = nil
  let maps: [Shape]
  var testDescription: String { "\(type) at \(size)" + (useDepthwise ? " (depthwise)" : "") }
}

// Feature maps the box predictor reads, as the TF extractors produce them:
// SSD maps at strides 16, 32, then the extra layers' 512, 256, 256, 128;
// FPN levels l at stride 2^l with the FPN depth.
@Test(arguments: [
  ExtractorCase(
    type: "ssd_mobilenet_v1", size: 300,
    maps: [
      Shape(19, 19, 512), Shape(10, 10, 1024), Shape(5, 5, 512), Shape(3, 3, 256), Shape(2, 2, 256),
      Shape(1, 1, 128),
    ]),
  ExtractorCase(
    type: "ssd_mobilenet_v2_keras", size: 300,
    maps: [
      Shape(19, 19, 576), Shape(10, 10, 1280), Shape(5, 5, 512), Shape(3, 3, 256), Shape(2, 2, 256),
      Shape(1, 1, 128),
    ]),
  ExtractorCase(
    type: "ssd_mobilenet_v2_fpn_keras", size: 320, useDepthwise: true, fpn: (3, 7, 128),
    maps: [
      Shape(40, 40, 128), Shape(20, 20, 128), Shape(10, 10, 128), Shape(5, 5, 128), Shape(3, 3, 128),
    ]),
  ExtractorCase(
    type: "ssd_mobilenet_v1_fpn", size: 640, fpn: (3, 7, 256),
    maps: [
      Shape(80, 80, 256), Shape(40, 40, 256), Shape(20, 20, 256), Shape(10, 10, 256), Shape(5, 5, 256),
    ]),
  ExtractorCase(
    type: "ssd_resnet50_v1_fpn", size: 640, fpn: (3, 7, 256),
    maps: [
      Shape(80, 80, 256), Shape(40, 40, 256), Shape(20, 20, 256), Shape(10, 10, 256), Shape(5, 5, 256),
    ]),
  ExtractorCase(
    type: "ssd_resnet101_v1_fpn_keras", size: 1024, fpn: (3, 7, 256),
    maps: [
      Shape(128, 128, 256), Shape(64, 64, 256), Shape(32, 32, 256), Shape(16, 16, 256), Shape(8, 8, 256),
    ]),
  ExtractorCase(
    type: "ssd_efficientnet-b0_bifpn_keras", size: 512,
    maps: [
      Shape(64, 64, 64), Shape(32, 32, 64), Shape(16, 16, 64), Shape(8, 8, 64), Shape(4, 4, 64),
    ]),
])
func ssdExtractorFeatureMaps(_ c: ExtractorCase) throws {
  let built = try #require(
    SSDExtractors.build(
      SSDExtractorSettings(
        type: c.type, input: Shape(c.size, c.size, 3), depthMultiplier: 1, minDepth: 16,
        useDepthwise: c.useDepthwise,
        numLayers: 6, fpn: c.fpn, bifpn: nil)))
  #expect(built.maps.map(\.shape) == c.maps)
}

@Test func resNetEndpointsAreAtTheirStrides() {
  // Non-strided endpoints (FPN): strides 4, 8, 16, 32 with 256, 512, 1024, 2048 channels.
  var net = NetworkBuilder(input: Shape(640, 640, 3))
  let e = ResNet.v1(&net, depth: 50, nonStrided: true)
  #expect(
    [e["block1"], e["block2"], e["block3"], e["block4"]] == [
      Shape(160, 160, 256), Shape(80, 80, 512), Shape(40, 40, 1024), Shape(20, 20, 2048),
    ])
  // Faster R-CNN: blocks 1-3 at output stride 16.
  var frcnn = NetworkBuilder(input: Shape(600, 1024, 3))
  let f = ResNet.v1(&frcnn, depth: 101, blocks: 3, outputStride: 16)
  #expect(f["block3"] == Shape(38, 64, 1024))
  #expect(frcnn.layers.filter { $0.name.hasPrefix("block3/") && $0.name.hasSuffix("/conv3") }.count == 23)
}

@Test func inceptionResNetV2Stages() {
  var first = NetworkBuilder(input: Shape(1024, 1024, 3))
  InceptionResNetV2.firstStage(&first, outputStride: 16)
  #expect(first.shape == Shape(64, 64, 1088))
  var second = NetworkBuilder(input: Shape(17, 17, 1088))
  InceptionResNetV2.secondStage(&second)
  #expect(second.shape == Shape(8, 8, 1536))
}

@Test func hourglassOutputsStride4() {
  var net = NetworkBuilder(input: Shape(512, 512, 3))
  let maps = Hourglass.build(&net, stacks: 2)
  #expect(maps.map(\.shape) == [Shape(128, 128, 256), Shape(128, 128, 256)])
}

/// Every type a supported list names (the list the unsupported-extractor help prints) is derived.
@Test func everySupportedExtractorIsDerived() {
  let input = Shape(320, 320, 3)
  for type in SSDExtractors.supported {
    let settings = SSDExtractorSettings(
      type: type, input: input, depthMultiplier: 1, minDepth: 16, useDepthwise: false, numLayers: 6,
      fpn: nil, bifpn: nil)
    #expect(SSDExtractors.build(settings)?.maps.isEmpty == false, "\(type)")
  }
  for type in CenterNetExtractors.supported {
    #expect(CenterNetExtractors.build(type: type, input: input)?.maps.isEmpty == false, "\(type)")
  }
  for type in fasterRCNNExtractors {
    let (plan, diagnostics, _) = planPipeline(
      """
      model { faster_rcnn { num_classes: 2 image_resizer { fixed_shape_resizer { } }
        feature_extractor { type: '\(type)' } initial_crop_size: 14 } }
      """)
    #expect(diagnostics.isEmpty && plan.model.featureExtractor != nil, "\(type): \(diagnostics.map(\.message))")
  }
}
