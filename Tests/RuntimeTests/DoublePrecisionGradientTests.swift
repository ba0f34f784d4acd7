import Testing
@testable import Runtime

#if canImport(Glibc)
import Glibc
#endif

// Convolution, depthwise convolution and batch norm against double-precision references (see
// GradientCheck.swift); the references follow TensorFlow's padding via `Window` (checked against
// TensorFlow's tables in PaddingTests), HWIO and `[kh, kw, C, M]` filters, and batch statistics
// with the biased variance.

/// Double-precision forward passes.
enum Reference {
  static func conv2d(_ x: [Double], _ shape: Shape, weight w: [Double], bias: [Double]?,
                     _ conv: Conv2D) -> [Double] {
    let (n, h, wd, ci) = (shape[0], shape[1], shape[2], shape[3])
    let win = conv.window(height: h, width: wd)
    let (oh, ow, co) = (win.y.output, win.x.output, conv.outChannels)
    let (kh, kw) = (conv.kernel.height, conv.kernel.width)
    var y = [Double](repeating: 0, count: n * oh * ow * co)
    for b in 0..<n {
      for oy in 0..<oh {
        for ox in 0..<ow {
          for o in 0..<co {
            var sum = bias?[o] ?? 0
            for ky in 0..<kh {
              let iy = win.y.source(oy, ky)
              guard iy >= 0 && iy < h else { continue }
              for kx in 0..<kw {
                let ix = win.x.source(ox, kx)
                guard ix >= 0 && ix < wd else { continue }
                for c in 0..<ci {
                  sum += x[((b * h + iy) * wd + ix) * ci + c] * w[((ky * kw + kx) * ci + c) * co + o]
                }
              }
            }
            y[((b * oh + oy) * ow + ox) * co + o] = sum
          }
        }
      }
    }
    return y
  }

  static func depthwise(_ x: [Double], _ shape: Shape, weight w: [Double],
                        _ layer: DepthwiseConv2D) -> [Double] {
    let (n, h, wd, c) = (shape[0], shape[1], shape[2], shape[3])
    let win = layer.window(height: h, width: wd)
    let (oh, ow, m) = (win.y.output, win.x.output, layer.multiplier)
    let (kh, kw) = (layer.kernel.height, layer.kernel.width)
    var y = [Double](repeating: 0, count: n * oh * ow * c * m)
    for b in 0..<n {
      for oy in 0..<oh {
        for ox in 0..<ow {
          for ch in 0..<c {
            for j in 0..<m {
              var sum = 0.0
              for ky in 0..<kh {
                let iy = win.y.source(oy, ky)
                guard iy >= 0 && iy < h else { continue }
                for kx in 0..<kw {
                  let ix = win.x.source(ox, kx)
                  guard ix >= 0 && ix < wd else { continue }
                  sum += x[((b * h + iy) * wd + ix) * c + ch] * w[((ky * kw + kx) * c + ch) * m + j]
                }
              }
              y[((b * oh + oy) * ow + ox) * c * m + ch * m + j] = sum
            }
          }
        }
      }
    }
    return y
  }

  /// Batch statistics (biased variance) when `batch`, else the moving statistics.
  static func batchNorm(_ x: [Double], channels c: Int, gamma: [Double], beta: [Double],
                        mean moving: [Double], variance movingVariance: [Double],
                        epsilon: Double, batch: Bool, activation: Activation) -> [Double] {
    let rows = x.count / c
    var y = x
    for ch in 0..<c {
      var mean = moving[ch], variance = movingVariance[ch]
      if batch {
        mean = 0
        for r in 0..<rows { mean += x[r * c + ch] }
        mean /= Double(rows)
        variance = 0
        for r in 0..<rows { variance += (x[r * c + ch] - mean) * (x[r * c + ch] - mean) }
        variance /= Double(rows)
      }
      for r in 0..<rows {
        let z = gamma[ch] * (x[r * c + ch] - mean) / (variance + epsilon).squareRoot() + beta[ch]
        y[r * c + ch] = activate(z, activation)
      }
    }
    return y
  }

  static func activate(_ z: Double, _ activation: Activation) -> Double {
    switch activation {
    case .identity: return z
    case .relu: return max(z, 0)
    case .relu6: return min(max(z, 0), 6)
    case .sigmoid: return 1 / (1 + exp(-z))
    case .swish: return z / (1 + exp(-z))
    }
  }
}

@Test(arguments: convCases)
func convolutionGradientsMatchDoublePrecision(_ c: ConvCase) {
  let conv = c.makeLayer()
  // Blocks of one row exercise the im2col blocking on these tiny shapes.
  conv.columnBlockElements = 1
  let x = randomTensor(c.input, seed: 3)
  let y = Tensor(Shape(0))
  conv.forward(x, into: y)
  let probe = randomTensor(y.shape, seed: 4).array
  let dx = garbage(x.shape)  // accumulate: false must overwrite it
  conv.backward(input: x, gradOutput: Tensor(y.shape, values: probe), gradInput: dx,
                accumulate: false)
  var variables = [
    Variable("input", x, gradient: dx.array),
    Variable("weight", conv.weight, gradient: conv.gradWeight.array),
  ]
  if let bias = conv.bias { variables.append(Variable("bias", bias, gradient: conv.gradBias?.array)) }
  checkLayerInDouble("conv \(c.name)", output: y, probe: probe, variables) { v in
    Reference.conv2d(v[0], c.input, weight: v[1], bias: c.bias ? v[2] : nil, conv)
  }
}

@Test(arguments: depthwiseCases)
func depthwiseGradientsMatchDoublePrecision(_ c: DepthwiseCase) {
  let conv = c.makeLayer()
  let x = randomTensor(c.input, seed: 12)
  let y = Tensor(Shape(0))
  conv.forward(x, into: y)
  let probe = randomTensor(y.shape, seed: 13).array
  let dx = garbage(x.shape)
  conv.backward(input: x, gradOutput: Tensor(y.shape, values: probe), gradInput: dx,
                accumulate: false)
  checkLayerInDouble("depthwise \(c.name)", output: y, probe: probe, [
    Variable("input", x, gradient: dx.array),
    Variable("weight", conv.weight, gradient: conv.gradWeight.array),
  ]) { v in
    Reference.depthwise(v[0], c.input, weight: v[1], conv)
  }
}

@Test(arguments: batchNormCases)
func batchNormGradientsMatchDoublePrecision(_ c: BatchNormCase) {
  let bn = c.makeLayer()
  // The reference uses the moving statistics as they are before this forward pass.
  let (mean, variance) = (doubles(bn.movingMean), doubles(bn.movingVariance))
  let x = randomTensor(c.input, seed: 101)
  let y = Tensor(Shape(0))
  bn.forward(x, into: y)
  let probe = randomTensor(y.shape, seed: 102).array
  let dx = garbage(x.shape)
  bn.backward(input: x, output: y, gradOutput: Tensor(y.shape, values: probe), gradInput: dx,
              accumulate: false)
  // Parameters the layer does not train are constants of the reference and get no gradient.
  let trainsGamma = c.scale && !c.frozen, trainsBeta = c.center && !c.frozen
  if !trainsGamma { #expect(bn.gradGamma.array == [0, 0, 0], "\(c.name): gamma has a gradient") }
  if !trainsBeta { #expect(bn.gradBeta.array == [0, 0, 0], "\(c.name): beta has a gradient") }
  let batch = c.mode == .training && !c.frozen
  checkLayerInDouble("batch norm \(c.name)", output: y, probe: probe, [
    Variable("input", x, gradient: dx.array),
    Variable("gamma", c.scale ? doubles(bn.gamma) : [1, 1, 1],
             gradient: trainsGamma ? bn.gradGamma.array : nil),
    Variable("beta", c.center ? doubles(bn.beta) : [0, 0, 0],
             gradient: trainsBeta ? bn.gradBeta.array : nil),
  ]) { v in
    Reference.batchNorm(v[0], channels: 3, gamma: v[1], beta: v[2], mean: mean,
                        variance: variance, epsilon: Double(Float(1e-3)), batch: batch,
                        activation: c.activation)
  }
}
