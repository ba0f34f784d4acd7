/// A trainable tensor and its gradient buffer, as optimizers see it.
///
/// `value` and `grad` are the layer's own tensors (e.g. `Conv2D.weight` and
/// `gradWeight`), so an update is visible to the layer without copying.
/// `regularized` marks kernels that the OD API's L2 regulariser covers (conv
/// and depthwise kernels, not biases or batch-norm parameters).
package final class Parameter {
  package let name: String
  package let value: Tensor
  package let grad: Tensor
  package let regularized: Bool

  package init(_ name: String, value: Tensor, grad: Tensor, regularized: Bool = false) {
    precondition(value.shape == grad.shape,
                 "parameter \(name): gradient shape \(grad.shape) differs from value \(value.shape)")
    self.name = name
    self.value = value
    self.grad = grad
    self.regularized = regularized
  }

  package func zeroGrad() { grad.zero() }
}

/// Slot tensors shaped like each parameter (accumulators), created on first use.
package struct Slots {
  private var tensors: [ObjectIdentifier: Tensor] = [:]
  private let initial: Float

  package init(initial: Float) { self.initial = initial }

  package mutating func slot(for p: Parameter) -> Tensor {
    if let t = tensors[ObjectIdentifier(p)] { return t }
    let t = Tensor(p.value.shape)
    t.fill(initial)
    tensors[ObjectIdentifier(p)] = t
    return t
  }
}
