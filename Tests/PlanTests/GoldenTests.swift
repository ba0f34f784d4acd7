import Foundation
import Testing

@testable import Plan

/// The summary of the quickstart example, reviewed like code (`UPDATE_GOLDEN=1 swift test` rewrites it).
@Test func quickstartSummaryMatchesGolden() throws {
  let text = try String(
    contentsOf: packageRoot.appendingPathComponent("examples/quickstart/pipeline.config"), encoding: .utf8)
  let (plan, diagnostics, _) = planPipeline(text, options: LoweringOptions(datasetSize: 3680))
  #expect(diagnostics.isEmpty)
  let summary = renderSummary(plan, options: SummaryOptions(deviceMemory: 16 << 30))
  let golden = planTestsDirectory.appendingPathComponent("Golden/quickstart.plan")
  if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
    try summary.write(to: golden, atomically: true, encoding: .utf8)
    return
  }
  let expected = try String(contentsOf: golden, encoding: .utf8)
  #expect(summary == expected, "run UPDATE_GOLDEN=1 swift test --filter PlanTests and review the diff")
}

@Test func svgPlotHasAxesTicksAndCurve() {
  let schedule = LearningRateSchedule.cosineDecay(
    base: 0.08, totalSteps: 50_000, warmupRate: 0.026666, warmupSteps: 1000, holdSteps: 0)
  let svg = renderLearningRateSVG(schedule, lastStep: 50_000)
  #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
  #expect(svg.contains("<polyline") && svg.contains(">step</text>") && svg.contains(">learning rate</text>"))
  #expect(svg.contains(">0.08</text>") && svg.contains(">50k</text>"))
  let log = renderLearningRateSVG(schedule, lastStep: 50_000, logScale: true)
  #expect(log.contains("(log scale)") && log.contains(">0.1</text>") && log.contains(">0.01</text>"))
}

@Test func sparklineRisesThenFalls() {
  let schedule = LearningRateSchedule.cosineDecay(
    base: 1, totalSteps: 100, warmupRate: 0, warmupSteps: 10, holdSteps: 0)
  let line = Array(sparkline(schedule, lastStep: 100, width: 11))
  #expect(line.count == 11 && line.first == "▁" && line[1] == "█" && line.last == "▁")
}

@Test(arguments: [
  ("16GiB", 17_179_869_184), ("16 GB", 16_000_000_000), ("512MiB", 536_870_912), ("8g", 8_589_934_592),
  ("1024", 1024),
])
func parsesDeviceMemory(_ text: String, _ bytes: Int) {
  #expect(Units.parseBytes(text) == bytes)
}

@Test func jsonIsWellFormedAndCarriesTheNumbers() throws {
  let (plan, _, _) = planPipeline(try quickstart(size: 300))
  let json = renderJSON(plan, deviceMemory: 16 << 30)
  let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
  let model = object?["model"] as? [String: Any]
  let anchors = model?["anchors"] as? [String: Any]
  #expect(anchors?["total"] as? Int == 1917)
  let cost = object?["cost"] as? [String: Any]
  #expect(cost?["parameters"] as? Int == plan.cost.parameters)
  #expect(
    (cost?["device"] as? [String: Any])?["largest_batch"] as? Int == plan.cost.largestBatch(fitting: 16 << 30)
  )
}
