import Diagnostics
import Schema

/// The plan as JSON for tools: objects with snake_case keys, numbers as JSON
/// numbers, provenance as `{"path": ..., "start": byte, "end": byte}`.
package func renderJSON(_ plan: Plan, deviceMemory: Int? = nil) -> String {
  let w = JSONWriter(schema: plan.schema)
  let m = plan.model
  let t = plan.training
  let c = plan.cost
  w.object {
    w.key("model") {
      w.object {
        w.field("meta_architecture", m.metaArchitecture)
        w.field("num_classes", m.numClasses)
        w.key("input") {
          if let input = m.input {
            w.object {
              w.field("height", input.height)
              w.field("width", input.width)
              w.field("basis", input.basis)
            }
          } else {
            w.null()
          }
        }
        w.key("resizer") { w.component(m.resizer) }
        w.key("feature_extractor") {
          if let fe = m.featureExtractor {
            w.object {
              w.field("type", fe.type)
              w.key("layers") { w.layers(fe.layers) }
              w.key("feature_maps") {
                w.array(fe.featureMaps) { map in
                  w.object {
                    w.field("name", map.name)
                    w.key("shape") { w.shape(map.shape) }
                  }
                }
              }
              w.key("origin") { w.origin(fe.origin) }
            }
          } else {
            w.null()
          }
        }
        w.key("heads") { w.layers(m.heads) }
        w.key("second_stage") { w.layers(m.secondStage) }
        w.field("proposals_per_image", m.proposalsPerImage)
        w.key("per_detection") { w.layers(m.perDetection) }
        w.field("detections_per_image", m.detectionsPerImage)
        w.key("box_predictor") { w.component(m.boxPredictor) }
        w.key("anchors") {
          if let a = m.anchors {
            w.object {
              w.field("generator", a.generator)
              w.field("total", a.total)
              w.key("levels") {
                w.array(a.levels) { level in
                  w.object {
                    w.field("name", level.name)
                    w.field("height", level.height)
                    w.field("width", level.width)
                    w.field("per_location", level.boxes.count)
                    w.field("count", level.count)
                    w.key("boxes") {
                      w.array(level.boxes) { b in
                        w.object {
                          w.field("scale", b.scale)
                          w.field("aspect_ratio", b.aspectRatio)
                        }
                      }
                    }
                  }
                }
              }
              w.key("origin") { w.origin(a.origin) }
            }
          } else {
            w.null()
          }
        }
        w.key("components") {
          w.array(m.components) { role, component in
            w.object {
              w.field("role", role)
              w.key("component") { w.component(component) }
            }
          }
        }
      }
    }
    w.key("training") {
      w.object {
        w.field("batch_size", t.batchSize)
        w.field("steps", t.steps)
        w.key("optimizer") { w.component(t.optimizer) }
        w.key("learning_rate") {
          if let s = t.schedule {
            w.object {
              w.field("kind", s.kind)
              w.key("milestones") {
                w.array(s.milestones(lastStep: t.lastStep)) { m in
                  w.object {
                    w.field("step", m.step)
                    w.field("rate", s.rate(at: m.step))
                    w.field("label", m.label)
                  }
                }
              }
              if let origin = t.scheduleOrigin { w.key("origin") { w.origin(origin) } }
            }
          } else {
            w.null()
          }
        }
        w.field("optimizer_slots", t.optimizerSlots)
        w.key("moving_average_decay") { if let d = t.movingAverageDecay { w.number(d) } else { w.null() } }
        w.field("gradient_clipping_by_norm", t.gradientClippingNorm)
        w.key("fine_tune_checkpoint") { if let v = t.fineTuneCheckpoint { w.string(v) } else { w.null() } }
        w.key("fine_tune_checkpoint_type") {
          if let v = t.fineTuneCheckpointType { w.string(v) } else { w.null() }
        }
        w.key("augmentation") { w.array(t.augmentation) { w.component($0) } }
        w.key("settings") { w.parameters(t.settings) }
      }
    }
    w.key("inputs") {
      w.array([plan.trainInput].compactMap { $0 } + plan.evalInputs) { input in
        w.object {
          w.field("name", input.name)
          w.key("reader") { if let r = input.reader { w.string(r) } else { w.null() } }
          w.key("paths") { w.array(input.paths) { w.string($0) } }
          w.key("label_map") { if let l = input.labelMap { w.string(l) } else { w.null() } }
          w.field("shuffle", input.shuffle)
          w.key("parameters") { w.parameters(input.parameters) }
          w.key("origin") { w.origin(input.origin) }
        }
      }
    }
    w.key("eval") {
      w.object {
        w.key("metrics") { w.array(plan.evaluation.metrics) { w.string($0) } }
        w.key("num_examples") {
          if let n = plan.evaluation.numExamples { w.number(Double(n)) } else { w.null() }
        }
        w.key("parameters") { w.parameters(plan.evaluation.parameters) }
      }
    }
    w.key("cost") {
      w.object {
        w.field("complete", c.isComplete)
        w.field("parameters", c.parameters)
        w.field("forward_macs_per_image", c.forwardMACs)
        w.field("forward_flops_per_image", c.forwardFLOPs)
        w.field("activation_bytes_per_image", c.activationBytesPerImage)
        w.field("input_bytes_per_image", c.inputBytesPerImage)
        w.field("state_bytes", c.stateBytes)
        w.field("batch_size", c.batchSize)
        w.field("bytes_per_step", c.bytesPerStep)
        w.key("steps_per_epoch") { if let s = c.stepsPerEpoch { w.number(Double(s)) } else { w.null() } }
        if let device = deviceMemory {
          w.key("device") {
            w.object {
              w.field("bytes", device)
              w.field("fits", c.bytesPerStep <= device)
              w.field("largest_batch", c.largestBatch(fitting: device))
            }
          }
        }
      }
    }
  }
  return w.text
}

/// A small streaming JSON writer with two-space indentation (a class, so the
/// nested closures that describe the document can all write to it).
private final class JSONWriter {
  /// Spells out parameter names and enum values.
  let schema: Schema
  var text = ""

  init(schema: Schema) { self.schema = schema }

  var depth = 0
  var needsComma = [false]

  func newline() { text += "\n" + String(repeating: "  ", count: depth) }
  func separator() {
    if needsComma[needsComma.count - 1] { text += "," }
    needsComma[needsComma.count - 1] = true
    newline()
  }
  func object(_ body: () -> Void) {
    text += "{"
    depth += 1
    needsComma.append(false)
    body()
    let hadItems = needsComma.removeLast()
    depth -= 1
    if hadItems { newline() }
    text += "}"
  }
  func array<T>(_ items: [T], _ each: (T) -> Void) {
    text += "["
    depth += 1
    needsComma.append(false)
    for item in items {
      separator()
      each(item)
    }
    let hadItems = needsComma.removeLast()
    depth -= 1
    if hadItems { newline() }
    text += "]"
  }
  func key(_ name: String, _ value: () -> Void) {
    separator()
    text += JSONValue.quoted(name) + ": "
    value()
  }
  func field(_ name: String, _ value: String) { key(name) { string(value) } }
  func field(_ name: String, _ value: Int) { key(name) { text += "\(value)" } }
  func field(_ name: String, _ value: Double) { key(name) { number(value) } }
  func field(_ name: String, _ value: Bool) { key(name) { text += value ? "true" : "false" } }
  func string(_ s: String) { text += JSONValue.quoted(s) }
  func number(_ v: Double) {
    text += v.isFinite ? formatNumber(v) : "null"
  }
  func null() { text += "null" }

  func value(_ v: ParameterValue) {
    switch v {
    case .integer(let i): text += "\(i)"
    case .number(let d): number(d)
    case .bool(let b): text += b ? "true" : "false"
    case .text(let s): string(s)
    case .enumValue(let type, let number): string(schema.enumName(type, number))
    case .list(let vs): array(vs) { value($0) }
    }
  }
  func parameters(_ ps: [Parameter]) {
    object { for p in ps { key(p.name(in: schema)) { value(p.value) } } }
  }
  func component(_ c: Component?) {
    guard let c else { return null() }
    object {
      field("kind", c.kind)
      key("parameters") { parameters(c.parameters) }
      key("defaults") { array(c.parameters.filter { !$0.isSet }.map { $0.name(in: schema) }) { string($0) } }
      key("origin") { origin(c.origin) }
    }
  }
  func origin(_ o: Origin) {
    object {
      field("path", o.path)
      if let r = o.range {
        field("start", r.lowerBound)
        field("end", r.upperBound)
      }
    }
  }
  func shape(_ s: Shape) { text += "[\(s.height), \(s.width), \(s.channels)]" }
  func layers(_ ls: [Layer]) {
    array(ls) { l in
      object {
        field("name", l.name)
        field("kind", l.kind.rawValue)
        field("kernel", l.kernel)
        field("stride", l.stride)
        key("output") { shape(l.output) }
        field("parameters", l.parameters)
        field("macs", l.macs)
      }
    }
  }

}
