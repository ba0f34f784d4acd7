/// CenterNet backbones whose shapes pipec derives (`models/center_net_*_feature_extractor.py`).
package enum CenterNetExtractors {
  package static let supported = [
    "resnet_v1_50", "resnet_v1_101", "resnet_v2_50", "resnet_v2_101",
    "resnet_v1_50_fpn", "resnet_v1_101_fpn",
    "hourglass_104", "hourglass_52",
  ]

  package static func build(type: String, input: Shape) -> (layers: [Layer], maps: [FeatureMap])? {
    var net = NetworkBuilder(input: input, capacity: 512)
    switch type {
    case "resnet_v1_50", "resnet_v1_101", "resnet_v2_50", "resnet_v2_101":
      // Keras ResNet to stride 32, then three (3 x 3 conv, 3 x 3 stride-2
      // transposed conv) stages of 256, 128, 64 filters: stride 4, 64 channels.
      let depth = type.hasSuffix("101") ? 101 : 50
      _ = ResNet.v1(&net, depth: depth, slim: false)
      for (i, filters) in [256, 128, 64].enumerated() {
        net.conv(LayerName("upsample_") + i + "/conv", filters, kernel: 3)
        upsample(&net, LayerName("upsample_") + i + "/transpose", filters, kernel: 3)
      }
      return (net.layers, [FeatureMap(name: "output", shape: net.shape)])
    case "resnet_v1_50_fpn", "resnet_v1_101_fpn":
      // Keras ResNet, then a top-down path to stride 4: at each of blocks 3, 2, 1
      // a 1 x 1 projection of the skip, nearest upsampling, a sum and a 3 x 3 conv
      // (256, 128, 64 filters).
      let depth = type.hasPrefix("resnet_v1_101") ? 101 : 50
      let e = ResNet.v1(&net, depth: depth, slim: false)
      guard var top = e["block4"] else { return nil }
      net.from(top)
      net.conv("fpn/projection_top", 256, kernel: 1, batchNorm: false)
      top = net.shape
      for (i, (block, filters)) in [("block3", 256), ("block2", 128), ("block1", 64)].enumerated() {
        guard let skip = e[block] else { return nil }
        net.from(skip)
        net.conv(LayerName("fpn/skip_") + i, filters, kernel: 1, batchNorm: false)
        net.resize(LayerName("fpn/upsample_") + i, to: net.shape)
        net.add(LayerName("fpn/sum_") + i)
        net.conv(LayerName("fpn/conv_") + i, filters, kernel: 3)
        top = net.shape
      }
      return (net.layers, [FeatureMap(name: "output", shape: top)])
    case "hourglass_104", "hourglass_52":
      let maps = Hourglass.build(&net, stacks: type == "hourglass_104" ? 2 : 1)
      return (net.layers, maps)
    default:
      return nil
    }
  }

  /// A k x k stride-2 transposed conv (with batch norm): twice the size, each
  /// input pixel spread over a k x k window.
  static func upsample(_ net: inout NetworkBuilder, _ name: LayerName, _ filters: Int, kernel: Int) {
    let input = net.shape
    let out = Shape(input.height * 2, input.width * 2, filters)
    net.conv(name, filters, kernel: kernel)  // weights and per-input-pixel work match a conv at the input size
    net.layers[net.layers.count - 1].output = out
    net.from(out)
  }
}
