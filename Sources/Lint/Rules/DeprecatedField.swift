import Check
import Diagnostics
import Syntax

extension LintRule {
  /// PC306: fields the API has deprecated.
  package static let deprecatedField = LintRule(
    id: "PC306", name: "deprecated-field", area: .training, severity: .warning,
    summary: "a deprecated field (from_detection_checkpoint, train_config.max_number_of_boxes, …)",
    rationale: """
      Fields marked deprecated in the API's .proto files are ignored by current code or kept \
      only for old configs: train_config.max_number_of_boxes is ignored (the input reader's \
      field counts), queue sizes belong to the removed queue-based readers, \
      eval_config.num_examples and max_evals are superseded by the eval binaries' flags. \
      from_detection_checkpoint still works but fine_tune_checkpoint_type replaces it.
      """,
    bad: """
      train_config { fine_tune_checkpoint: "ckpt/model.ckpt" from_detection_checkpoint: true }
      """,
    good: """
      train_config { fine_tune_checkpoint: "ckpt/model.ckpt" fine_tune_checkpoint_type: "detection" }
      """,
    check: { ctx in
      for (node, index) in ctx.deprecatedFieldsSet() {
        guard let setting = ctx.setting(node, index: index), let fieldRange = ctx.fieldRange(of: setting) else { continue }
        // The two fields with their own advice, recognised by descriptor index (names
        // are resolved once per schema; no descriptor or `String` is read per field).
        let isDetectionFlag = ctx.resolve(node.type, "from_detection_checkpoint").index == Int32(index)
        let isMaxBoxes = !isDetectionFlag && ctx.resolve(node.type, "max_number_of_boxes").index == Int32(index)
        var fixes: [Fix] = []
        var help = "remove it"
        if isDetectionFlag {
          let hasType = ctx.setting(node, "fine_tune_checkpoint_type")?.isSet == true
          if setting.bool == true && !hasType {
            help = "write 'fine_tune_checkpoint_type: \"detection\"', which is what it means"
            fixes = [Fix("replace with fine_tune_checkpoint_type: \"detection\"", edits: [ctx.replace(fieldRange, with: "fine_tune_checkpoint_type: \"detection\"")])]
          } else if hasType || setting.bool == false {
            fixes = [Fix("remove it", edits: [ctx.delete(fieldRange)])]
          }
        } else if isMaxBoxes {
          help = "remove it; set max_number_of_boxes in the input readers instead"
          fixes = [Fix("remove it", edits: [ctx.delete(fieldRange)])]
        } else {
          fixes = [Fix("remove it", edits: [ctx.delete(fieldRange)], isSafe: false)]
        }
        let name = ctx.info.flags.name(node.type, Int32(index))
        ctx.report(
          concat("'", name, "' is deprecated in ", ctx.schema[node.type].name, isMaxBoxes ? " and ignored" : ""),
          at: setting.range, path: setting.path, help: help, fixes: fixes)
      }
    })

  /// PC307: fields the TF2 code never reads.
  package static let ignoredUnderTF2 = LintRule(
    id: "PC307", name: "ignored-under-tf2", area: .training, severity: .warning,
    summary: "a field the TF2 code path never reads (freeze_variables, …)",
    rationale: """
      Some train_config fields only exist for the TF1 (Estimator/slim) trainer. Under TF2 \
      they do nothing and give a false sense of control: freeze_variables freezes nothing \
      (the Keras trainer trains every variable, or those named by \
      update_trainable_variables).
      """,
    bad: """
      model { ssd { feature_extractor { type: "ssd_mobilenet_v2_keras" } } }
      train_config { freeze_variables: ".*FeatureExtractor.*" }
      """,
    good: """
      model { ssd { feature_extractor { type: "ssd_mobilenet_v2_keras" } } }
      train_config { num_steps: 1000 }
      """,
    target: .tf2,
    check: { ctx in
      // Only freeze_variables so far; others would be listed here with their consequence.
      guard let train = ctx.trainConfig, let first = ctx.settings(train, "freeze_variables").first, first.isSet
      else { return }
      ctx.report(
        "'freeze_variables' is ignored by the TF2 trainer: no variable is frozen", at: first.range, path: first.path,
        help: "to train only some variables under TF2, use update_trainable_variables")
    })
}
