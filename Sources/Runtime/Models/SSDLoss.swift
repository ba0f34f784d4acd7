#if canImport(Glibc)
import Glibc
#endif

/// The SSD-style loss of `tf_bench.py` over a detector's head outputs.
///
/// Per image, anchors are the box/class head locations of F1 then F2
/// (`[H, W, A]` order, as reshaping an NHWC head to `[N, H*W*A, k]` gives).
/// `loss = (Σ sigmoid_xent(onehot(class), logits) + Σ_pos huber(box - target))
/// / max(#positives, 1)`, the Huber delta being 1; class 0 is background.
/// The L2 term is added separately by `Regularizer`.
package struct SSDTargets {
  /// `[N * anchors]` class ids in `0...numClasses`.
  package var classes: [Int32]
  /// `[N * anchors * 4]` box regression targets.
  package var boxes: [Float]

  /// tf_bench.py's synthetic targets: background with probability 0.9, the
  /// rest spread evenly over the classes; box targets standard normal.
  package static func synthetic(batch: Int, anchors: Int, numClasses: Int,
                                random: inout SeededRandom) -> SSDTargets {
    var classes = [Int32]()
    var boxes = [Float]()
    for _ in 0..<(batch * anchors) {
      let u = random.uniform()
      classes.append(u < 0.9 ? 0 : Int32(min(numClasses, 1 + Int((u - 0.9) / 0.1 * Double(numClasses)))))
      for _ in 0..<4 { boxes.append(Float(random.normal())) }
    }
    return SSDTargets(classes: classes, boxes: boxes)
  }
}

package enum SSDLoss {
  /// Computes the loss and overwrites the gradient of every head output.
  ///
  /// - Parameters:
  ///   - heads: pairs `(box [N, H, W, A*4], class [N, H, W, A*(C+1)])`, one per feature map.
  ///   - grads: buffers shaped like `heads`, same order.
  package static func evaluate(heads: [(Tensor, Tensor)], grads: [(Tensor, Tensor)],
                               targets: SSDTargets, numClasses: Int) -> Double {
    let k = numClasses + 1
    let batch = heads.first?.0.shape[0] ?? 0
    let perImage = heads.reduce(0) { $0 + $1.0.count / max(batch, 1) / 4 }
    precondition(targets.classes.count == batch * perImage,
                 "targets hold \(targets.classes.count) anchors, heads \(batch * perImage)")
    let positives = targets.classes.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
    let norm = Float(max(positives, 1))
    var classLoss = 0.0, boxLoss = 0.0
    for b in 0..<batch {
      var anchorBase = b * perImage
      for ((box, logits), (gBox, gLogits)) in zip(heads, grads) {
        let anchors = box.count / batch / 4
        precondition(logits.count / batch == anchors * k, "class head \(logits.shape) does not match box head \(box.shape)")
        let boxes = box.data + b * anchors * 4, gBoxes = gBox.data + b * anchors * 4
        let scores = logits.data + b * anchors * k, gScores = gLogits.data + b * anchors * k
        for a in 0..<anchors {
          let target = Int(targets.classes[anchorBase + a])
          for c in 0..<k {
            let z = scores[a * k + c], label: Float = c == target ? 1 : 0
            classLoss += Double(max(z, 0) - z * label + log1pf(expf(-abs(z))))
            gScores[a * k + c] = (1 / (1 + expf(-z)) - label) / norm
          }
          let positive = target > 0
          for j in 0..<4 {
            let d = boxes[a * 4 + j] - targets.boxes[(anchorBase + a) * 4 + j]
            if positive {
              let ad = abs(d)
              boxLoss += Double(ad < 1 ? 0.5 * d * d : ad - 0.5)
              gBoxes[a * 4 + j] = (ad < 1 ? d : (d > 0 ? 1 : -1)) / norm
            } else {
              gBoxes[a * 4 + j] = 0
            }
          }
        }
        anchorBase += anchors
      }
    }
    return (classLoss + boxLoss) / Double(norm)
  }
}
