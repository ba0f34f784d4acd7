import Schema

/// Options of the text summary.
package struct SummaryOptions: Sendable {
  /// Every layer instead of one row per block.
  package var layers = false
  /// A card's memory in bytes, to compare the per-step memory with.
  package var deviceMemory: Int?

  package init(layers: Bool = false, deviceMemory: Int? = nil) {
    self.layers = layers
    self.deviceMemory = deviceMemory
  }
}

/// The plan as text for a person: model table, anchors, schedule milestones
/// with a sparkline, augmentation, inputs, evaluation and cost.
package func renderSummary(_ plan: Plan, options: SummaryOptions = .init()) -> String {
  var out = ""
  let m = plan.model
  func line(_ s: String = "") { out += s + "\n" }

  // Model
  var head = "model  \(m.metaArchitecture.isEmpty ? "(none)" : m.metaArchitecture)"
  if m.numClasses > 0 { head += ", \(m.numClasses) classes" }
  if let input = m.input {
    head +=
      ", input \(input.height)x\(input.width) (\(input.basis)" + (m.resizer.map { ", \($0.kind))" } ?? ")")
  }
  line(head)
  if let fe = m.featureExtractor {
    line("  feature extractor \(fe.type): \(fe.layers.count) layers")
    line()
    table(
      fe.layers + m.heads, second: m.secondStage, proposals: m.proposalsPerImage,
      perDetection: m.perDetection, detections: m.detectionsPerImage, options: options, into: &out)
    line()
    line("  feature maps: " + fe.featureMaps.map { "\($0.name) \($0.shape)" }.joined(separator: ", "))
  }
  if let predictor = m.boxPredictor { line("  box predictor: \(describe(predictor, plan.schema))") }
  if let anchors = m.anchors {
    line()
    line("anchors  \(anchors.generator): \(anchors.total) in total")
    for level in anchors.levels {
      let boxes = level.boxes.count
      line("  \(level.name.padded(34)) \(level.height)x\(level.width) x \(boxes) = \(level.count)")
    }
  }
  if !m.components.isEmpty {
    line()
    line("components  (~ marks a schema default)")
    for (role, component) in m.components {
      line("  \(role.padded(20)) \(describe(component, plan.schema))")
    }
  }

  // Training
  let t = plan.training
  line()
  line("training  batch \(t.batchSize), \(t.steps > 0 ? "\(t.steps) steps" : "no step limit (num_steps 0)")")
  if let optimizer = t.optimizer {
    let own = optimizer.parameters.map { ($0.name(in: plan.schema), $0.value) }
      .filter { !$0.0.hasPrefix("learning_rate.") }
    line(
      "  optimizer \(optimizer.kind): "
        + own.map { "\($0.0) \($0.1.spelled(in: plan.schema))" }.joined(separator: ", "))
  }
  line(
    "  gradient clipping: "
      + (t.gradientClippingNorm > 0 ? "by norm \(formatNumber(t.gradientClippingNorm))" : "off"))
  line("  moving average: " + (t.movingAverageDecay.map { "decay \(formatNumber($0))" } ?? "off"))
  if let checkpoint = t.fineTuneCheckpoint {
    line("  fine-tune from \(checkpoint) (\(t.fineTuneCheckpointType ?? "type unset"))")
  }
  if let schedule = t.schedule {
    line("  learning rate: \(schedule.kind)")
    for milestone in schedule.milestones(lastStep: t.lastStep) {
      line(
        "    step \(String(milestone.step).leftPadded(9))  \(Units.rate(schedule.rate(at: milestone.step)).padded(12)) \(milestone.label)"
      )
    }
    line("    " + sparkline(schedule, lastStep: t.lastStep) + "  (0 to step \(t.lastStep))")
  }
  if !t.augmentation.isEmpty {
    line()
    line("augmentation  \(t.augmentation.count) op\(t.augmentation.count == 1 ? "" : "s"), in order")
    for (i, op) in t.augmentation.enumerated() { line("  \(i + 1). \(describe(op, plan.schema))") }
  }

  // Input and evaluation
  line()
  for input in [plan.trainInput].compactMap({ $0 }) + plan.evalInputs {
    var text =
      "\(input.name)  \(input.reader ?? "no reader"): "
      + (input.paths.isEmpty ? "no paths" : input.paths.joined(separator: ", "))
    text += input.shuffle ? ", shuffled" : ", not shuffled"
    if let labels = input.labelMap { text += ", labels \(labels)" }
    line(text)
  }
  let e = plan.evaluation
  if e.metrics.isEmpty {
    line("eval  no eval_config")
  } else {
    line(
      "eval  metrics \(e.metrics.joined(separator: ", "))" + (e.numExamples.map { ", \($0) examples" } ?? ""))
  }

  // Cost
  let c = plan.cost
  line()
  if !c.isComplete {
    line("cost  not derived (no layers for this model)")
  } else {
    line("cost")
    line("  parameters            \(Units.count(c.parameters)) (\(c.parameters))")
    line(
      "  forward               \(Units.flops(c.forwardFLOPs)) per image"
        + (m.proposalsPerImage > 0 && !m.secondStage.isEmpty
          ? " (second stage x \(m.proposalsPerImage) proposals)" : "")
        + (m.detectionsPerImage > 0 && !m.perDetection.isEmpty
          ? " (masks x \(m.detectionsPerImage) detections)" : ""))
    line("  activations (train)   \(Units.bytes(c.activationBytesPerImage)) per image")
    line(
      "  weights and state     \(Units.bytes(c.stateBytes)) (weights, gradients, \(t.optimizerSlots) optimizer slot\(t.optimizerSlots == 1 ? "" : "s")\(t.movingAverageDecay == nil ? "" : ", moving average"))"
    )
    line("  memory per step       \(Units.bytes(c.bytesPerStep)) at batch \(c.batchSize)")
    if let perEpoch = c.stepsPerEpoch, let size = c.datasetSize {
      line(
        "  steps per epoch       \(perEpoch) (\(size) examples)"
          + (c.epochs.map { ", \(Units.significant($0)) epochs" } ?? ""))
    }
    if let device = options.deviceMemory {
      let fits = c.bytesPerStep <= device
      let largest = c.largestBatch(fitting: device)
      line(
        "  device                \(Units.bytes(device)): batch \(c.batchSize) \(fits ? "fits" : "does not fit") (\(Units.significant(100 * Double(c.bytesPerStep) / Double(max(device, 1))))%); largest batch that fits: \(largest)"
      )
    }
  }
  return out
}

/// Rows of the model table: one per layer, or per block (first name component).
private func table(
  _ layers: [Layer], second: [Layer], proposals: Int, perDetection: [Layer], detections: Int,
  options: SummaryOptions, into out: inout String
) {
  struct Row {
    var name: String
    var count: Int
    var output: Shape
    var parameters: Int
    var macs: Int
  }
  func rows(_ layers: [Layer]) -> [Row] {
    if options.layers {
      return layers.map {
        Row(name: $0.name, count: 1, output: $0.output, parameters: $0.parameters, macs: $0.macs)
      }
    }
    var result: [Row] = []
    for layer in layers {
      let block = String(layer.name.split(separator: "/").first ?? Substring(layer.name))
      if let last = result.last, last.name == block {
        result[result.count - 1].count += 1
        result[result.count - 1].output = layer.output
        result[result.count - 1].parameters += layer.parameters
        result[result.count - 1].macs += layer.macs
      } else {
        result.append(
          Row(name: block, count: 1, output: layer.output, parameters: layer.parameters, macs: layer.macs))
      }
    }
    return result
  }
  let firstRows = rows(layers)
  let secondRows = rows(second)
  let width = max(24, (firstRows + secondRows).map(\.name.count).max() ?? 0)
  out +=
    "  " + (options.layers ? "layer" : "block").padded(width) + " layers  " + "output".padded(14)
    + "params".leftPadded(11) + "MFLOPs".leftPadded(12) + "\n"
  func emit(_ rs: [Row]) {
    for r in rs {
      out +=
        "  " + r.name.padded(width) + String(r.count).leftPadded(7) + "  " + r.output.description.padded(14)
        + String(r.parameters).leftPadded(11) + Units.significant(2 * Double(r.macs) / 1e6).leftPadded(12)
        + "\n"
    }
  }
  emit(firstRows)
  if !second.isEmpty {
    out += "  second stage, per proposal (x \(proposals)):\n"
    emit(secondRows)
  }
  if !perDetection.isEmpty {
    out += "  masks, per detection (x \(detections)), box classifier features again, then:\n"
    emit(rows(perDetection.filter { $0.name.hasPrefix("MaskPredictor/") }))
  }
}

/// A component on one line: kind, then its parameters (set ones first, defaults marked `~`).
private func describe(_ c: Component, _ schema: Schema) -> String {
  // Hyperparameters (initializers, regularizers) are in the JSON; the summary keeps to the shape of things.
  let shown = c.parameters.map { (name: $0.name(in: schema), parameter: $0) }
    .filter { !$0.name.contains("hyperparams.") }
  let set = shown.filter(\.parameter.isSet).map { "\($0.name) \($0.parameter.value.spelled(in: schema))" }
  let defaults = shown.filter { !$0.parameter.isSet }
    .map { "\($0.name) ~\($0.parameter.value.spelled(in: schema))" }
  let all = set + defaults
  return all.isEmpty ? c.kind : "\(c.kind): " + all.joined(separator: ", ")
}

extension String {
  func padded(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
  func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
