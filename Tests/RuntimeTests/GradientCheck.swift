import Testing
@testable import Runtime

/// A tensor of `shape` filled from a seeded normal distribution.
func randomTensor(_ shape: Shape, seed: UInt64, scale: Float = 1) -> Tensor {
  var random = SeededRandom(seed: seed)
  let t = Tensor(shape)
  for i in 0..<t.count { t.data[i] = Float(random.normal()) * scale }
  return t
}

/// Compares an analytic gradient with central finite differences.
///
/// The probe loss is `Σ probe_i * output_i`, summed in Double, so its gradient
/// with respect to the output is `probe`. Each element of `tensor` is moved by
/// `±step` (the float steps actually taken are used in the quotient) and the
/// forward pass rerun. Returns the largest `|analytic - numeric| / max(1, |numeric|)`
/// and records an issue naming `name` and that difference when it exceeds `tolerance`.
@discardableResult
func checkGradient(
  _ name: String, of tensor: Tensor, analytic: [Float], step: Float = 1e-2,
  tolerance: Double = 2e-3, probe: Tensor, output: () -> Tensor,
  sourceLocation: SourceLocation = #_sourceLocation
) -> Double {
  #expect(analytic.count == tensor.count, "gradient of \(name) has \(analytic.count) elements",
          sourceLocation: sourceLocation)
  func loss() -> Double {
    let y = output()
    precondition(y.count == probe.count, "probe does not match output \(y.shape)")
    var sum = 0.0
    for i in 0..<y.count { sum += Double(probe.data[i]) * Double(y.data[i]) }
    return sum
  }
  var worst = 0.0, worstIndex = -1, worstNumeric = 0.0
  for i in 0..<tensor.count {
    let saved = tensor.data[i]
    tensor.data[i] = saved + step
    let up = Double(tensor.data[i])
    let lossUp = loss()
    tensor.data[i] = saved - step
    let down = Double(tensor.data[i])
    let lossDown = loss()
    tensor.data[i] = saved
    let numeric = (lossUp - lossDown) / (up - down)
    let difference = abs(Double(analytic[i]) - numeric) / max(1, abs(numeric))
    if difference > worst { worst = difference; worstIndex = i; worstNumeric = numeric }
  }
  _ = loss()  // leave layer caches as of the unperturbed input
  #expect(worst <= tolerance, """
    gradient of \(name) differs from finite differences by \(worst) at index \(worstIndex) \
    (analytic \(worstIndex >= 0 ? analytic[worstIndex] : 0), numeric \(worstNumeric))
    """, sourceLocation: sourceLocation)
  return worst
}
