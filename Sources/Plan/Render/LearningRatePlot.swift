#if canImport(Glibc)
  import Glibc
#endif

/// The learning rate over steps 0...`lastStep` as a standalone SVG: axes
/// with 1-2-5 ticks, labels, the milestones marked, linear or log rate axis.
///
/// The curve samples 600 evenly spaced steps plus each milestone and the step
/// before it, so jumps (manual steps, staircases, the end of warm-up) stay sharp.
package func renderLearningRateSVG(
  _ schedule: LearningRateSchedule, lastStep: Int, logScale: Bool = false,
  width: Int = 760, height: Int = 380
) -> String {
  let left = 84.0
  let right = 24.0
  let top = 40.0
  let bottom = 56.0
  let plotW = Double(width) - left - right
  let plotH = Double(height) - top - bottom
  let last = max(lastStep, 1)
  let milestones = schedule.milestones(lastStep: last)
  var steps = Set((0...600).map { last * $0 / 600 })
  for m in milestones {
    steps.insert(m.step)
    if m.step > 0 { steps.insert(m.step - 1) }
  }
  let samples = steps.sorted().map { (step: $0, rate: schedule.rate(at: $0)) }
  let maxRate = samples.map(\.rate).max() ?? 0
  let positive = samples.map(\.rate).filter { $0 > 0 }

  // Rate axis: linear from 0, or whole decades around the positive rates.
  var yTicks: [Double]
  var yLow = 0.0
  var yHigh = 1.0
  if logScale, !positive.isEmpty, maxRate > 0 {
    // The low end follows the rates the run spends its steps at: a cosine's
    // brief tail towards 0 would squash the rest, so the lowest 2% of the
    // positive rates may fall below the axis; a range test sweeping seven
    // decades is shown whole. Ten decades at most.
    let sorted = positive.sorted()
    let low = sorted[min(sorted.count - 1, sorted.count / 50)]
    let highDecade = ceil(log10(maxRate))
    let lowDecade = max(floor(log10(low)), highDecade - 10)
    yLow = lowDecade
    yHigh = max(highDecade, lowDecade + 1)
    yTicks = stride(from: yLow, through: yHigh, by: 1).map { pow(10, $0) }
  } else {
    let tick = niceStep(maxRate > 0 ? maxRate / 5 : 0.2)
    yHigh = max(tick * (maxRate / tick).rounded(.up), tick)
    yTicks = stride(from: 0, through: yHigh + tick / 2, by: tick).map { $0 }
  }
  func x(_ step: Int) -> Double { left + plotW * Double(step) / Double(last) }
  func y(_ rate: Double) -> Double {
    if logScale {
      let v = rate > 0 ? log10(rate) : yLow
      return top + plotH * (1 - (max(v, yLow) - yLow) / (yHigh - yLow))
    }
    return top + plotH * (1 - rate / yHigh)
  }
  func f(_ v: Double) -> String { cFormat("%.1f", v) }

  var svg = """
    <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
    font-family="Helvetica, Arial, sans-serif" font-size="12">
    <rect width="100%" height="100%" fill="white"/>
    <text x="\(f(left))" y="22" font-size="15" font-weight="bold">Learning rate: \(schedule.kind)\(logScale ? " (log scale)" : "")</text>

    """
  // Grid and ticks.
  for tick in yTicks {
    let ty = y(tick)
    svg +=
      "<line x1=\"\(f(left))\" y1=\"\(f(ty))\" x2=\"\(f(left + plotW))\" y2=\"\(f(ty))\" stroke=\"#e5e5e5\"/>\n"
    svg += "<text x=\"\(f(left - 8))\" y=\"\(f(ty + 4))\" text-anchor=\"end\">\(Units.rate(tick))</text>\n"
  }
  let xTick = niceStep(Double(last) / 6)
  for s in stride(from: 0.0, through: Double(last), by: xTick) {
    let tx = x(Int(s))
    svg +=
      "<line x1=\"\(f(tx))\" y1=\"\(f(top + plotH))\" x2=\"\(f(tx))\" y2=\"\(f(top + plotH + 5))\" stroke=\"#333\"/>\n"
    svg +=
      "<text x=\"\(f(tx))\" y=\"\(f(top + plotH + 19))\" text-anchor=\"middle\">\(Units.count(Int(s)))</text>\n"
  }
  // Axes and labels.
  svg +=
    "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotH))\" stroke=\"#333\"/>\n"
  svg +=
    "<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(left + plotW))\" y2=\"\(f(top + plotH))\" stroke=\"#333\"/>\n"
  svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(height - 12)\" text-anchor=\"middle\">step</text>\n"
  svg +=
    "<text transform=\"translate(18 \(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">learning rate</text>\n"
  // The curve.
  let points = samples.map { "\(f(x($0.step))),\(f(y($0.rate)))" }.joined(separator: " ")
  svg += "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"\(points)\"/>\n"
  // Milestones.
  for m in milestones where m.step > 0 && m.step < last {
    let r = schedule.rate(at: m.step)
    svg +=
      "<circle cx=\"\(f(x(m.step)))\" cy=\"\(f(y(r)))\" r=\"3.5\" fill=\"#d62728\"><title>step \(m.step): \(Units.rate(r)) (\(m.label))</title></circle>\n"
  }
  svg += "</svg>\n"
  return svg
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
private func niceStep(_ raw: Double) -> Double {
  guard raw > 0, raw.isFinite else { return 1 }
  let power = pow(10, floor(log10(raw)))
  for m in [1.0, 2.0, 5.0, 10.0] where m * power >= raw { return m * power }
  return 10 * power
}
