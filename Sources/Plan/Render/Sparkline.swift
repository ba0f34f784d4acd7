/// A one-line chart of the learning rate: `width` block characters, each the
/// rate at evenly spaced steps from 0 to `lastStep`, scaled to the maximum.
package func sparkline(_ schedule: LearningRateSchedule, lastStep: Int, width: Int = 48) -> String {
  let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
  let n = max(width, 2)
  let rates = (0..<n).map { schedule.rate(at: lastStep * $0 / (n - 1)) }
  let top = rates.max() ?? 0
  guard top > 0 else { return String(repeating: bars[0], count: n) }
  return String(rates.map { bars[min(Int(($0 / top) * Double(bars.count - 1) + 0.5), bars.count - 1)] })
}
