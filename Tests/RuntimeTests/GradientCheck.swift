import Testing
@testable import Runtime

// Gradients are checked against finite differences of double-precision references of the
// layers' forward passes: the numeric side then carries no float32 rounding, so small steps and
// tight tolerances are usable, and what is left is the analytic float32 gradient's own rounding.
// Measured differences are 6e-8 to 1.4e-6 (float32 rounding of the analytic side and of the
// forward output), hence the default tolerance of 1e-5. The references (`Reference`) are plain loops written from the
// layers' contracts, not from their code.

/// A tensor of `shape` filled from a seeded normal distribution.
func randomTensor(_ shape: Shape, seed: UInt64, scale: Float = 1) -> Tensor {
  var random = SeededRandom(seed: seed)
  let t = Tensor(shape)
  for i in 0..<t.count { t.data[i] = Float(random.normal()) * scale }
  return t
}

/// The values of `t`, exactly, in double precision.
func doubles(_ t: Tensor) -> [Double] { t.array.map(Double.init) }

/// A gradient buffer holding garbage, for backward passes that must overwrite or add into it.
func garbage(_ shape: Shape) -> Tensor { randomTensor(shape, seed: 997) }

/// What a backward pass added to `gradient`, which held `garbage(gradient.shape)` before.
func added(to gradient: Tensor) -> [Float] {
  zip(gradient.array, garbage(gradient.shape).array).map { $0 - $1 }
}

/// Compares an analytic float32 gradient with central differences of `f`, a double-precision
/// reference of the layer, at `point` (the float32 values, exactly). The loss is `Σ probe · f`.
/// Records an issue naming `name`, the largest `|analytic - numeric| / max(1, |numeric|)` and
/// its index when that exceeds `tolerance`.
@discardableResult
func checkGradientInDouble(
  _ name: String, analytic: [Float], at point: [Double], probe: [Float], step: Double = 1e-5,
  tolerance: Double = 1e-5, sourceLocation: SourceLocation = #_sourceLocation,
  _ f: ([Double]) -> [Double]
) -> Double {
  #expect(analytic.count == point.count, "gradient of \(name) has \(analytic.count) elements",
          sourceLocation: sourceLocation)
  func loss(_ p: [Double]) -> Double {
    let y = f(p)
    precondition(y.count == probe.count, "probe does not match the reference output")
    var sum = 0.0
    for i in 0..<y.count { sum += Double(probe[i]) * y[i] }
    return sum
  }
  var worst = 0.0, worstIndex = -1, worstNumeric = 0.0
  var p = point
  for i in 0..<min(point.count, analytic.count) {
    p[i] = point[i] + step
    let up = loss(p)
    p[i] = point[i] - step
    let down = loss(p)
    p[i] = point[i]
    let numeric = (up - down) / (2 * step)
    let difference = abs(Double(analytic[i]) - numeric) / max(1, abs(numeric))
    if difference > worst { worst = difference; worstIndex = i; worstNumeric = numeric }
  }
  #expect(worst <= tolerance, """
    gradient of \(name) differs from double-precision finite differences by \(worst) at index \
    \(worstIndex) (analytic \(worstIndex >= 0 ? analytic[worstIndex] : 0), numeric \(worstNumeric))
    """, sourceLocation: sourceLocation)
  return worst
}

/// One argument of a layer's double-precision reference: its name in failure messages, its
/// value, and the layer's analytic gradient with respect to it, or nil for a constant (a
/// parameter the layer does not train, an operand whose gradient is not asked for).
struct Variable {
  let name: String
  let value: [Double]
  let gradient: [Float]?

  init(_ name: String, _ value: [Double], gradient: [Float]?) {
    self.name = name
    self.value = value
    self.gradient = gradient
  }

  init(_ name: String, _ tensor: Tensor, gradient: [Float]?) {
    self.init(name, doubles(tensor), gradient: gradient)
  }
}

/// Checks one layer case against `reference`, its forward pass in double precision taking the
/// variables' values in order: the layer's output `y` must match the reference within
/// `forwardTolerance` (relative to `max(1, |reference|)`), and every variable's analytic
/// gradient the central differences of `Σ probe · reference` (`checkGradientInDouble`).
/// Failures name `layer` (the case), the variable, the largest difference and its index.
func checkLayerInDouble(
  _ layer: String, output y: Tensor, probe: [Float], _ variables: [Variable],
  forwardTolerance: Double = 1e-5, sourceLocation: SourceLocation = #_sourceLocation,
  reference: ([[Double]]) -> [Double]
) {
  let values = variables.map(\.value)
  let expected = reference(values)
  #expect(y.count == expected.count,
          "\(layer): output has \(y.count) elements, reference \(expected.count)",
          sourceLocation: sourceLocation)
  var worst = 0.0, worstIndex = -1
  for i in 0..<min(y.count, expected.count) {
    let difference = abs(Double(y.data[i]) - expected[i]) / max(1, abs(expected[i]))
    if difference > worst { worst = difference; worstIndex = i }
  }
  #expect(worst <= forwardTolerance, """
    \(layer): output differs from the double-precision reference by \(worst) at index \
    \(worstIndex) (layer \(worstIndex >= 0 ? y.data[worstIndex] : 0), \
    reference \(worstIndex >= 0 ? expected[worstIndex] : 0))
    """, sourceLocation: sourceLocation)
  for (k, variable) in variables.enumerated() {
    guard let gradient = variable.gradient else { continue }
    checkGradientInDouble("\(variable.name) (\(layer))", analytic: gradient, at: variable.value,
                          probe: probe, sourceLocation: sourceLocation) { point in
      var arguments = values
      arguments[k] = point
      return reference(arguments)
    }
  }
}
