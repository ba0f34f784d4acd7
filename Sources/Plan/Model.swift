/// The model part of a plan: architecture, shapes, anchors and the components
/// that turn predictions into losses and detections.
package struct ModelPlan: Sendable, Equatable {
  /// `ssd`, `faster_rcnn` or `center_net` (the `DetectionModel` oneof member).
  package var metaArchitecture: String
  package var numClasses: Int
  /// Height and width fed to the network, in pixels (see `InputSize`).
  package var input: InputSize?
  package var resizer: Component?
  package var featureExtractor: FeatureExtractorPlan?
  /// Box predictor and other heads, as layers after the extractor.
  package var heads: [Layer]
  /// For two-stage models: the per-proposal layers (run `proposalsPerImage` times).
  package var secondStage: [Layer]
  package var proposalsPerImage: Int
  /// Mask R-CNN at inference: the box classifier's features and the mask head
  /// run again on each final detection (`detectionsPerImage` of them).
  package var perDetection: [Layer] = []
  package var detectionsPerImage: Int = 0
  package var boxPredictor: Component?
  package var anchors: AnchorPlan?
  /// Box coder, matcher, similarity, losses, hard example mining, post-processing, ...
  package var components: [(role: String, component: Component)]
  package var origin: Origin

  package static func == (a: ModelPlan, b: ModelPlan) -> Bool {
    a.metaArchitecture == b.metaArchitecture && a.numClasses == b.numClasses && a.input == b.input
      && a.resizer == b.resizer && a.featureExtractor == b.featureExtractor && a.heads == b.heads
      && a.secondStage == b.secondStage && a.proposalsPerImage == b.proposalsPerImage
      && a.perDetection == b.perDetection && a.detectionsPerImage == b.detectionsPerImage
      && a.boxPredictor == b.boxPredictor && a.anchors == b.anchors
      && a.components.map(\.role) == b.components.map(\.role)
      && a.components.map(\.component) == b.components.map(\.component) && a.origin == b.origin
  }

  /// Every layer of one forward pass per image (the second stage once per proposal).
  package var allLayers: [Layer] { (featureExtractor?.layers ?? []) + heads }
}

/// The network input size in pixels, and how it was derived from the resizer.
package struct InputSize: Sendable, Equatable {
  package var height: Int
  package var width: Int
  /// Why this size: `fixed`, `padded to max`, or `largest area` (the bound for a
  /// keep-aspect-ratio resizer without padding: min_dimension x max_dimension).
  package var basis: String
}

/// A feature extractor as a list of layers and the feature maps it hands on.
package struct FeatureExtractorPlan: Sendable, Equatable {
  package var type: String
  package var layers: [Layer]
  /// The maps the box predictor (or RPN) reads, in order, as `[H, W, C]`.
  package var featureMaps: [FeatureMap]
  package var origin: Origin
}

package struct FeatureMap: Sendable, Equatable {
  package var name: String
  package var shape: Shape
}

/// An activation shape `[H, W, C]` for one image (NHWC without N).
package struct Shape: Sendable, Equatable, Hashable, CustomStringConvertible {
  package var height: Int
  package var width: Int
  package var channels: Int

  package init(_ height: Int, _ width: Int, _ channels: Int) {
    self.height = height
    self.width = width
    self.channels = channels
  }

  package var elements: Int { height * width * channels }
  package var description: String { "\(height)x\(width)x\(channels)" }
}

/// One layer of a network as the cost model sees it.
package struct Layer: Sendable, Equatable {
  package enum Kind: String, Sendable {
    case conv, depthwise, dense, pool, add, resize, concat
  }

  /// Slash-separated name, e.g. `layer_3/depthwise`; the summary groups layers by the first part.
  package var label: LayerName
  package var kind: Kind
  package var kernel: Int
  package var stride: Int
  package var output: Shape
  /// Trainable parameters (weights, biases, batch-norm scale and offset).
  package var parameters: Int
  /// Multiply-accumulates for one image; FLOPs are twice this.
  package var macs: Int
  /// Whether batch norm follows (its statistics are kept for backward).
  package var batchNorm: Bool

  /// The name spelled out (built on each call: renderers only).
  package var name: String { label.description }
}
