/// What a plan costs: parameters, forward FLOPs, and memory for training.
///
/// Units: parameters are counts; MACs are multiply-accumulates and FLOPs are
/// 2 x MACs (additions, pooling and activations are not counted); bytes
/// assume float32 (4 bytes) everywhere. The memory figures are an estimate of
/// what backward needs, not a trace of an allocator: each conv with batch
/// norm keeps 3 tensors of its output size (conv output, normalized,
/// activated), every other layer keeps its output; weights are held with
/// their gradients, the optimizer's slots and a moving average when on.
package struct CostPlan: Sendable, Equatable {
  package static let bytesPerValue = 4

  /// False when the model's layers could not be derived (the figures then cover nothing).
  package var isComplete: Bool
  package var parameters: Int
  /// Per image; a two-stage model counts the second stage for every proposal.
  package var forwardMACs: Int
  package var forwardFLOPs: Int { 2 * forwardMACs }
  /// Activations kept for backward, per training image, in bytes (a two-stage model's second
  /// stage counted for every proposal, as `forwardMACs` counts it).
  package var activationBytesPerImage: Int
  /// The input image as float32, per image, in bytes.
  package var inputBytesPerImage: Int
  /// Weights, gradients, optimizer slots and moving averages, in bytes.
  package var stateBytes: Int
  package var batchSize: Int
  /// Per training step at `batchSize`: state plus `batchSize` x (activations + input).
  package var bytesPerStep: Int { stateBytes + batchSize * (activationBytesPerImage + inputBytesPerImage) }
  package var datasetSize: Int?
  /// ceil(dataset size / batch size), when the dataset size is known.
  package var stepsPerEpoch: Int?
  package var epochs: Double?

  init(model: ModelPlan, training: TrainingPlan, datasetSize: Int?) {
    let proposals = max(model.proposalsPerImage, 0)
    // The first stage is the extractor and the heads, summed apart: joining them copies every layer.
    let extractor = model.featureExtractor?.layers ?? []
    let heads = model.heads
    let second = model.secondStage
    isComplete = model.featureExtractor != nil && model.input != nil
    let perDetection = model.perDetection
    let detections = max(model.detectionsPerImage, 0)
    // The per-detection pass reuses the second stage's weights; only the mask head adds parameters.
    let maskLayers = perDetection.filter { $0.label.hasPrefix("MaskPredictor/") }
    func params(_ layers: [Layer]) -> Int { layers.reduce(0) { $0 + $1.parameters } }
    func macs(_ layers: [Layer]) -> Int { layers.reduce(0) { $0 + $1.macs } }
    func kept(_ layers: [Layer]) -> Int {
      layers.reduce(0) { $0 + $1.output.elements * ($1.batchNorm ? 3 : 1) }
    }
    parameters = params(extractor) + params(heads) + params(second) + params(maskLayers)
    forwardMACs =
      macs(extractor) + macs(heads) + proposals * macs(second) + detections * macs(perDetection)
    activationBytesPerImage =
      (kept(extractor) + kept(heads) + proposals * kept(second) + detections * kept(maskLayers))
      * CostPlan.bytesPerValue
    inputBytesPerImage = (model.input.map { $0.height * $0.width * 3 } ?? 0) * CostPlan.bytesPerValue
    let copies = 2 + training.optimizerSlots + (training.movingAverageDecay == nil ? 0 : 1)
    stateBytes = parameters * copies * CostPlan.bytesPerValue
    batchSize = training.batchSize
    self.datasetSize = datasetSize
    if let n = datasetSize, training.batchSize > 0 {
      let perEpoch = ceilDiv(n, training.batchSize)
      stepsPerEpoch = perEpoch
      epochs = training.steps > 0 ? Double(training.steps) / Double(perEpoch) : nil
    }
  }

  /// The largest batch whose step fits in `bytes` (0 when not even one does).
  package func largestBatch(fitting bytes: Int) -> Int {
    let perImage = activationBytesPerImage + inputBytesPerImage
    guard perImage > 0, bytes > stateBytes else { return 0 }
    return (bytes - stateBytes) / perImage
  }
}
