import Check
import Diagnostics
import Schema
import Syntax

extension Lowering {
  /// `model { ssd | faster_rcnn | center_net { ... } }` lowered to a `ModelPlan`.
  mutating func lowerModel(_ root: MessageView) -> ModelPlan {
    var plan = ModelPlan(
      metaArchitecture: "", numClasses: 0, input: nil, resizer: nil, featureExtractor: nil,
      heads: [], secondStage: [], proposalsPerImage: 0, boxPredictor: nil, anchors: nil,
      components: [], origin: Origin("model"))
    guard let model = message("model", in: root), let arch = chosen(in: model.view) else { return plan }
    plan.metaArchitecture = arch.name
    plan.origin = Origin("model." + arch.name, arch.range)
    let path = "model." + arch.name
    let view = arch.view
    plan.numClasses = int("num_classes", in: view)
    lowerResizer(view, path: path, into: &plan)
    switch arch.name {
    case "ssd": lowerSSD(view, path: path, into: &plan)
    case "faster_rcnn": lowerFasterRCNN(view, path: path, into: &plan)
    case "center_net": lowerCenterNet(view, path: path, into: &plan)
    default:
      report(
        .unplannableSetting, .warning, "pipec cannot plan the '\(arch.name)' meta-architecture",
        at: arch.range, path: path)
    }
    return plan
  }

  /// The image resizer and the network input size it implies.
  mutating func lowerResizer(_ view: MessageView, path: String, into plan: inout ModelPlan) {
    guard let resizer = message("image_resizer", in: view), let kind = chosen(in: resizer.view) else {
      return
    }
    let p = path + ".image_resizer." + kind.name
    plan.resizer = component(kind.name, kind.view, path: p, range: kind.range)
    switch kind.name {
    case "fixed_shape_resizer":
      plan.input = InputSize(
        height: int("height", in: kind.view), width: int("width", in: kind.view), basis: "fixed")
    case "keep_aspect_ratio_resizer":
      let low = int("min_dimension", in: kind.view)
      let high = int("max_dimension", in: kind.view)
      plan.input =
        bool("pad_to_max_dimension", in: kind.view)
        ? InputSize(height: high, width: high, basis: "padded to max")
        : InputSize(height: low, width: high, basis: "largest area")
    default:
      report(
        .unplannableSetting, .warning,
        ("the input size of '" + kind.name + "' depends on the image; shapes and cost are not derived"),
        at: kind.range, path: p)
    }
  }

  // MARK: SSD

  mutating func lowerSSD(_ view: MessageView, path: String, into plan: inout ModelPlan) {
    let background = bool("add_background_class", in: view) ? 1 : 0
    var extractor: FeatureExtractorPlan?
    if let fe = message("feature_extractor", in: view) {
      let type = string("type", in: fe.view)
      let typeRange = range("type", in: fe.view) ?? fe.range
      let fpn = message("fpn", in: fe.view).map {
        (
          int("min_level", in: $0.view), int("max_level", in: $0.view),
          int("additional_layer_depth", in: $0.view)
        )
      }
      let bifpn = message("bifpn", in: fe.view).map {
        (
          int("min_level", in: $0.view), int("max_level", in: $0.view), int("num_iterations", in: $0.view),
          int("num_filters", in: $0.view)
        )
      }
      if let input = plan.input {
        let settings = SSDExtractorSettings(
          type: type, input: Shape(input.height, input.width, 3),
          depthMultiplier: double("depth_multiplier", in: fe.view),
          minDepth: int("min_depth", in: fe.view), useDepthwise: bool("use_depthwise", in: fe.view),
          numLayers: ssdNumLayers(view), fpn: fpn, bifpn: bifpn)
        if let built = SSDExtractors.build(settings) {
          extractor = FeatureExtractorPlan(
            type: type, layers: built.layers, featureMaps: built.maps,
            origin: Origin(path + ".feature_extractor", fe.range))
        } else {
          unsupported(
            type, at: typeRange, path: path + ".feature_extractor.type", supported: SSDExtractors.supported)
        }
      }
    }
    plan.featureExtractor = extractor
    let maps = extractor?.featureMaps ?? []
    plan.anchors = lowerAnchors(view, field: "anchor_generator", path: path, maps: maps, input: plan.input)
    if let predictor = message("box_predictor", in: view), let kind = chosen(in: predictor.view) {
      let p = path + ".box_predictor." + kind.name
      plan.boxPredictor = component(kind.name, kind.view, path: p, range: kind.range)
      if let anchors = plan.anchors, anchors.levels.count == maps.count {
        plan.heads = ssdHeads(
          kind.name, kind.view, maps: maps, anchorsPerLocation: anchors.levels.map { $0.boxes.count },
          classes: plan.numClasses + background)
      }
    }
    addComponents(
      view, path: path,
      roles: [
        ("box coder", "box_coder"), ("matcher", "matcher"), ("similarity", "similarity_calculator"),
      ], into: &plan)
    if let loss = message("loss", in: view) {
      plan.components.append(("loss", component("loss", loss.view, path: path + ".loss", range: loss.range)))
      if let miner = message("hard_example_miner", in: loss.view) {
        plan.components.append(
          (
            "hard example mining",
            component(
              "hard_example_miner", miner.view, path: path + ".loss.hard_example_miner", range: miner.range)
          ))
      }
    }
    if let post = message("post_processing", in: view) {
      plan.components.append(
        (
          "post-processing",
          component(
            "post_processing", post.view, path: path + ".post_processing", range: post.range)
        ))
    }
    plan.components.append(
      (
        "ssd",
        Component(
          kind: "ssd",
          parameters: parameters(of: view, prefix: "", nested: false, except: "num_classes"),
          origin: plan.origin)
      ))
  }

  /// The number of feature maps an SSD extractor makes: the anchor generator's `num_layers`.
  func ssdNumLayers(_ view: MessageView) -> Int {
    if let a = message("anchor_generator", in: view), let g = message("ssd_anchor_generator", in: a.view) {
      return int("num_layers", in: g.view)
    }
    return 6
  }

  mutating func unsupported(_ type: String, at range: TextRange?, path: String, supported: [String]) {
    report(
      .unsupportedExtractor, .warning,
      ("shape inference does not support feature extractor '" + type
        + "'; the plan has no layers, anchors or cost for it"),
      at: range, path: path,
      help: "supported: " + supported.joined(separator: ", "))
  }

  /// Box coder, matcher and the like: the chosen member of each oneof message.
  mutating func addComponents(
    _ view: MessageView, path: String, roles: [(String, StaticString)], into plan: inout ModelPlan
  ) {
    for (role, field) in roles {
      guard let m = message(field, in: view) else { continue }
      if let kind = chosen(in: m.view) {
        plan.components.append(
          (
            role,
            component(
              kind.name, kind.view, path: path + "." + field.description + "." + kind.name, range: kind.range)
          ))
      } else {
        plan.components.append(
          (role, component(field.description, m.view, path: path + "." + field.description, range: m.range)))
      }
    }
  }

  /// Box and class predictors on every feature map.
  ///
  /// One builder for every map (`from` restarts it at each map's shape), so the
  /// layers land in one array instead of being appended map by map.
  func ssdHeads(
    _ kind: String, _ view: MessageView, maps: [FeatureMap], anchorsPerLocation: [Int], classes: Int
  ) -> [Layer] {
    let code = int("box_code_size", in: view)
    let kernel = int("kernel_size", in: view)
    let depthwise = bool("use_depthwise", in: view)
    switch kind {
    case "convolutional_box_predictor":
      let before = int("num_layers_before_predictor", in: view)
      let maxDepth = int("max_depth", in: view)
      let minDepth = int("min_depth", in: view)
      var net = NetworkBuilder(
        input: maps.first?.shape ?? Shape(0, 0, 0), capacity: maps.count * (max(before, 0) + 4))
      for (i, map) in maps.enumerated() {
        net.from(map.shape)
        let depth = max(min(map.shape.channels, maxDepth), minDepth)
        for j in 0..<before {
          net.conv(LayerName("BoxPredictor_") + i + "/Conv2d_" + j + "_1x1_" + depth, depth, kernel: 1)
        }
        let features = net.shape
        func head(_ head: StaticString, _ outputs: Int) {
          net.from(features)
          let name = LayerName("BoxPredictor_") + i + "/" + head
          if depthwise {
            net.depthwise(name + "_depthwise", kernel: kernel)
            net.conv(name, outputs, kernel: 1, batchNorm: false)
          } else {
            net.conv(name, outputs, kernel: kernel, batchNorm: false)
          }
        }
        head("BoxEncodingPredictor", anchorsPerLocation[i] * code)
        head("ClassPredictor", anchorsPerLocation[i] * classes)
      }
      return net.layers
    case "weight_shared_convolutional_box_predictor":
      let depth = int("depth", in: view)
      let before = int("num_layers_before_predictor", in: view)
      let shareTower = bool("share_prediction_tower", in: view)
      let perTower = max(before, 0) * (depthwise ? 2 : 1)
      var net = NetworkBuilder(
        input: maps.first?.shape ?? Shape(0, 0, 0),
        capacity: maps.count * ((shareTower ? 1 : 2) * perTower + 4))
      for (i, map) in maps.enumerated() {
        let start = net.layers.count
        // A prediction tower from the map; returns its output.
        func tower(_ tower: StaticString) -> Shape {
          net.from(map.shape)
          for j in 0..<before {
            let conv = LayerName("WeightShared/") + tower + "/conv2d_" + j
            if depthwise {
              net.depthwise(conv + "/depthwise/level_" + i, kernel: kernel, batchNorm: false)
              net.conv(conv + "/level_" + i, depth, kernel: 1)
            } else {
              net.conv(conv + "/level_" + i, depth, kernel: kernel)
            }
          }
          return net.shape
        }
        // One shared tower, or a box tower and a class tower.
        let boxTower = tower(shareTower ? "PredictionTower" : "BoxPredictionTower")
        let classTower = shareTower ? boxTower : tower("ClassPredictionTower")
        func head(_ head: StaticString, _ outputs: Int, from features: Shape) {
          net.from(features)
          let name = LayerName("WeightShared/") + head
          if depthwise {
            net.depthwise(name + "/depthwise/level_" + i, kernel: kernel, batchNorm: false)
            net.conv(name + "/level_" + i, outputs, kernel: 1, batchNorm: false)
          } else {
            net.conv(name + "/level_" + i, outputs, kernel: kernel, batchNorm: false)
          }
        }
        head("BoxPredictor", anchorsPerLocation[i] * code, from: boxTower)
        head("ClassPredictor", anchorsPerLocation[i] * classes, from: classTower)
        // Weights are shared across levels; only batch norm is per level.
        if i > 0 {
          for k in start..<net.layers.count {
            net.layers[k].parameters = net.layers[k].batchNorm ? 2 * net.layers[k].output.channels : 0
          }
        }
      }
      return net.layers
    default:
      return []
    }
  }

  // MARK: Anchors

  mutating func lowerAnchors(
    _ view: MessageView, field: StaticString, path: String, maps: [FeatureMap],
    input: InputSize?
  ) -> AnchorPlan? {
    guard let a = message(field, in: view), let kind = chosen(in: a.view) else { return nil }
    let g = kind.view
    let p = path + "." + field.description + "." + kind.name
    let origin = Origin(p, kind.range)
    switch kind.name {
    case "ssd_anchor_generator":
      let n = int("num_layers", in: g)
      guard !maps.isEmpty else { return nil }
      if n != maps.count {
        report(
          .unplannableSetting, .error,
          "ssd_anchor_generator has num_layers \(n) but the feature extractor makes \(maps.count) feature maps",
          at: range("num_layers", in: g) ?? kind.range, path: p)
        return nil
      }
      let levels = AnchorGenerators.ssd(
        grids: maps.map { ($0.name, $0.shape.height, $0.shape.width) }, minScale: double("min_scale", in: g),
        maxScale: double("max_scale", in: g), scales: doubles("scales", in: g),
        aspectRatios: doubles("aspect_ratios", in: g),
        interpolatedScaleAspectRatio: double("interpolated_scale_aspect_ratio", in: g),
        reduceBoxesInLowestLayer: bool("reduce_boxes_in_lowest_layer", in: g))
      return AnchorPlan(generator: kind.name, levels: levels, origin: origin)
    case "multiscale_anchor_generator":
      let low = int("min_level", in: g)
      let high = int("max_level", in: g)
      var grids: [(name: String, level: Int, height: Int, width: Int)] = []
      for level in low...max(low, high) {
        if let map = maps.first(where: { $0.name == ("level_" + String(level)) }) {
          grids.append((map.name, level, map.shape.height, map.shape.width))
        } else if let input {
          // The generator tiles the image at stride 2^level whatever the extractor makes.
          let stride = 1 << max(level, 0)
          grids.append(
            ("level_" + String(level), level, ceilDiv(input.height, stride), ceilDiv(input.width, stride)))
        }
      }
      guard !grids.isEmpty else { return nil }
      let levels = AnchorGenerators.multiscale(
        grids: grids, anchorScale: double("anchor_scale", in: g),
        scalesPerOctave: int("scales_per_octave", in: g),
        aspectRatios: doubles("aspect_ratios", in: g))
      return AnchorPlan(generator: kind.name, levels: levels, origin: origin)
    case "grid_anchor_generator":
      guard let map = maps.first else { return nil }
      let level = AnchorGenerators.grid(
        name: map.name, height: map.shape.height, width: map.shape.width, baseSize: double("height", in: g),
        scales: doubles("scales", in: g), aspectRatios: doubles("aspect_ratios", in: g))
      return AnchorPlan(generator: kind.name, levels: [level], origin: origin)
    case "flexible_grid_anchor_generator":
      var levels: [AnchorPlan.Level] = []
      for (i, grid) in messages("anchor_grid", in: g).enumerated() {
        let sizes = doubles("base_sizes", in: grid.view)
        let ratios = doubles("aspect_ratios", in: grid.view)
        let map = i < maps.count ? maps[i] : nil
        let strideY = max(int("height_stride", in: grid.view), 1)
        let strideX = max(int("width_stride", in: grid.view), 1)
        let h = map?.shape.height ?? (input.map { ceilDiv($0.height, strideY) } ?? 0)
        let w = map?.shape.width ?? (input.map { ceilDiv($0.width, strideX) } ?? 0)
        levels.append(
          .init(
            name: map?.name ?? ("grid_" + String(i)), height: h, width: w,
            boxes: zip(sizes, ratios).map { ($0, $1) }))
      }
      return AnchorPlan(generator: kind.name, levels: levels, origin: origin)
    default:
      report(
        .unplannableSetting, .warning, "pipec does not count the anchors of '\(kind.name)'", at: kind.range,
        path: p)
      return nil
    }
  }
}
