import Check
import Diagnostics
import Syntax

extension LintRule {
  /// PC407: non-max suppression settings TensorFlow rejects.
  package static let nmsLimits = LintRule(
    id: "PC407", name: "nms-limits", area: .model, severity: .error,
    summary: "NMS iou_threshold outside [0, 1] or max_detections_per_class above max_total_detections",
    rationale: """
      The post-processing builder raises ValueError for an iou_threshold outside [0, 1] and \
      for max_detections_per_class larger than max_total_detections (a class may never keep \
      more boxes than the image).
      """,
    bad: """
      model { ssd { post_processing { batch_non_max_suppression { max_detections_per_class: 300 max_total_detections: 100 } } } }
      """,
    good: """
      model { ssd { post_processing { batch_non_max_suppression { max_detections_per_class: 100 max_total_detections: 300 } } } }
      """,
    check: { ctx in
      for node in ctx.nodes(ofType: "BatchNonMaxSuppression") {
        if let iou = ctx.setting(node, "iou_threshold"), let v = iou.double, v < 0 || v > 1 {
          ctx.report(
            "NMS iou_threshold \(show(v)) is outside [0, 1]: TensorFlow raises ValueError",
            at: iou.range ?? node.site, path: iou.path, help: "use an IoU such as 0.6")
        }
        if let perClass = ctx.setting(node, "max_detections_per_class"), let p = perClass.int,
          let total = ctx.setting(node, "max_total_detections"), let t = total.int, p > t
        {
          ctx.report(
            "max_detections_per_class \(p) is above max_total_detections \(t): TensorFlow raises ValueError",
            at: perClass.range ?? total.range ?? node.site, path: perClass.path,
            labels: [(total.range, "max_total_detections set here")],
            help: "lower max_detections_per_class to at most \(t)",
            fixes: perClass.range.map { [Fix("set max_detections_per_class to \(t)", edits: [ctx.replace($0, with: "\(t)")], isSafe: false)] } ?? [])
        }
      }
    })
}
