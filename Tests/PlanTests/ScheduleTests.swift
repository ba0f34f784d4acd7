import Diagnostics
import Testing

@testable import Plan

struct RateCase: Sendable, CustomTestStringConvertible {
  let name: String
  let schedule: LearningRateSchedule
  /// (step, expected rate), computed by hand from the TF OD API formulas.
  let table: [(Int, Double)]
  var testDescription: String { name }
}

// Expected values are hand-computed from utils/learning_schedules.py as the
// optimizer builder calls it; the comments show the arithmetic.
@Test(arguments: [
  RateCase(name: "constant", schedule: .constant(rate: 0.01), table: [(0, 0.01), (1_000_000, 0.01)]),
  RateCase(
    name: "exponential staircase (ssd_mobilenet_v1_coco)",
    schedule: .exponentialDecay(
      base: 0.004, decaySteps: 800_720, factor: 0.95, staircase: true,
      burninRate: 0, burninSteps: 0, minRate: 0),
    table: [(0, 0.004), (800_719, 0.004), (800_720, 0.0038), (1_601_440, 0.00361)]),
  RateCase(
    name: "exponential smooth",
    schedule: .exponentialDecay(
      base: 0.1, decaySteps: 100, factor: 0.5, staircase: false,
      burninRate: 0, burninSteps: 0, minRate: 0),
    table: [(0, 0.1), (50, 0.07071067811865475), (100, 0.05), (200, 0.025)]),  // 0.1 * 0.5^(s/100)
  RateCase(
    name: "exponential with burn-in and floor",
    schedule: .exponentialDecay(
      base: 0.1, decaySteps: 100, factor: 0.5, staircase: true,
      burninRate: 0.05, burninSteps: 10, minRate: 0.03),
    // burn-in rate before step 10; then 0.1 * 0.5^floor((s - 10) / 100), never below 0.03
    table: [
      (0, 0.05), (9, 0.05), (10, 0.1), (109, 0.1), (110, 0.05), (209, 0.05), (210, 0.03), (10_000, 0.03),
    ]),
  RateCase(
    name: "the floor applies during burn-in too",
    schedule: .exponentialDecay(
      base: 0.1, decaySteps: 100, factor: 0.5, staircase: true,
      burninRate: 0.01, burninSteps: 10, minRate: 0.03),
    table: [(0, 0.03), (9, 0.03), (10, 0.1)]),
  RateCase(
    name: "burn-in rate 0 means the base rate",
    schedule: .exponentialDecay(
      base: 0.1, decaySteps: 100, factor: 0.5, staircase: true,
      burninRate: 0, burninSteps: 10, minRate: 0),
    table: [(0, 0.1), (9, 0.1), (10, 0.1), (110, 0.05)]),
  RateCase(
    name: "manual step (faster_rcnn_resnet101_coco)",
    schedule: .manualStep(
      boundaries: [900_000, 1_200_000], rates: [0.0003, 0.00003, 0.000003], warmup: false),
    table: [(0, 0.0003), (899_999, 0.0003), (900_000, 0.00003), (1_199_999, 0.00003), (1_200_000, 0.000003)]),
  RateCase(
    name: "manual step with warm-up",
    schedule: .manualStep(boundaries: [100, 200], rates: [0.0, 0.1, 0.01], warmup: true),
    // ramp 0 + s * (0.1 - 0) / 100 before the first boundary
    table: [(0, 0), (1, 0.001), (50, 0.05), (99, 0.099), (100, 0.1), (199, 0.1), (200, 0.01)]),
  RateCase(
    name: "cosine with warm-up (ssd_mobilenet_v2_fpnlite_320x320_coco17)",
    schedule: .cosineDecay(
      base: 0.08, totalSteps: 50_000, warmupRate: 0.026666, warmupSteps: 1000, holdSteps: 0),
    // warm-up: 0.026666 + s * (0.08 - 0.026666) / 1000; then 0.04 * (1 + cos(pi (s - 1000) / 49000))
    table: [
      (0, 0.026666), (500, 0.053333), (999, 0.079946666), (1000, 0.08), (25_500, 0.04),
      (50_000, 0), (50_001, 0),
    ]),
  RateCase(
    name: "cosine with warm-up and hold",
    schedule: .cosineDecay(base: 0.1, totalSteps: 1000, warmupRate: 0, warmupSteps: 100, holdSteps: 100),
    // hold at 0.1 through step 200; then 0.05 * (1 + cos(pi (s - 200) / 800))
    table: [(0, 0), (50, 0.05), (100, 0.1), (150, 0.1), (200, 0.1), (600, 0.05), (1000, 0)]),
])
func scheduleMatchesHandComputedTable(_ c: RateCase) {
  for (step, expected) in c.table {
    let rate = c.schedule.rate(at: step)
    #expect(
      abs(rate - expected) <= 1e-9 + 1e-6 * abs(expected), "step \(step): got \(rate), expected \(expected)")
  }
}

@Test func milestonesIncludeWarmupBoundariesAndLastStep() {
  let cosine = LearningRateSchedule.cosineDecay(
    base: 0.08, totalSteps: 50_000, warmupRate: 0.026666, warmupSteps: 1000, holdSteps: 0)
  #expect(cosine.milestones(lastStep: 50_000).map(\.step) == [0, 1000, 25_500, 50_000])
  let manual = LearningRateSchedule.manualStep(boundaries: [100, 200], rates: [0, 0.1, 0.01], warmup: true)
  #expect(
    manual.milestones(lastStep: 300).map(\.label) == ["start", "end of warm-up", "boundary 2", "last step"])
}

struct ScheduleErrorCase: Sendable, CustomTestStringConvertible {
  let rate: String
  let message: String
  var testDescription: String { message }
}

@Test(arguments: [
  ScheduleErrorCase(
    rate: "cosine_decay_learning_rate { total_steps: 10 warmup_steps: 20 }",
    message: "total_steps (10) must be at least warmup_steps (20)"),
  ScheduleErrorCase(
    rate:
      "cosine_decay_learning_rate { learning_rate_base: 0.01 warmup_learning_rate: 0.1 warmup_steps: 5 total_steps: 100 }",
    message: "learning_rate_base (0.01) must be at least warmup_learning_rate (0.1)"),
  ScheduleErrorCase(
    rate: "manual_step_learning_rate { schedule { step: 20 } schedule { step: 10 } }",
    message: "manual step boundaries must be strictly increasing, found 10 after 20"),
])
func schedulesTensorFlowRejectsAreErrors(_ c: ScheduleErrorCase) {
  let (plan, diagnostics, _) = planPipeline(
    "train_config { optimizer { momentum_optimizer { learning_rate { \(c.rate) } } } }")
  #expect(plan.training.schedule == nil)
  #expect(
    diagnostics.contains {
      $0.code == .unplannableSetting && $0.severity == .error && $0.message.contains(c.message)
    },
    "\(diagnostics.map(\.message))")
}

@Test func holdPastTheEndIsAWarningAndStillPlanned() {
  let (plan, diagnostics, _) = planPipeline(
    """
    train_config { optimizer { adam_optimizer { learning_rate { cosine_decay_learning_rate {
      learning_rate_base: 0.002 total_steps: 100 warmup_steps: 50 hold_base_rate_steps: 80 } } } } }
    """)
  #expect(diagnostics.map(\.severity) == [.warning])
  let schedule = plan.training.schedule
  #expect(schedule?.rate(at: 100) == 0.002 && schedule?.rate(at: 101) == 0)
}

/// examples/lr-range-test: the rate grows tenfold every 100 steps, 1e-7 to 1.
@Test func rangeTestExampleSweepsSevenDecades() throws {
  let (plan, diagnostics) = try planFile(packageRoot.appendingPathComponent("examples/lr-range-test/range-test.config"))
  #expect(!diagnostics.hasErrors)
  let schedule = try #require(plan.training.schedule)
  for (step, expected) in [(0, 1e-7), (100, 1e-6), (300, 1e-4), (500, 1e-2), (700, 1.0)] {
    let rate = schedule.rate(at: step)
    #expect(abs(rate - expected) <= expected * 1e-5, "step \(step): \(rate)")
  }
}
