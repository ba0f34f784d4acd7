import Check
import Diagnostics
import Syntax

extension LintContext {
  /// `fine_tune_checkpoint` when set to a non-empty path.
  var fineTuneCheckpoint: (train: Node, path: Setting)? {
    guard let train = trainConfig, let path = setting(train, "fine_tune_checkpoint"),
      path.isSet, withBytes(path, { $0.count > 0 }) == true
    else { return nil }
    return (train, path)
  }

  /// The `fine_tune_checkpoint_type` values the meta-architecture accepts under the target.
  ///
  /// Sources: research/object_detection/meta_architectures in tensorflow/models.
  /// SSDMetaArch.restore_map (the TF1 path) knows 'classification' and 'detection' and
  /// raises ValueError for anything else; SSDMetaArch.restore_from_objects (TF2) adds
  /// 'full'. FasterRCNNMetaArch.restore_map checks the same two TF1 types; its TF2
  /// restore_from_objects follows SSD's. CenterNet: see `centerNetCheckpointTypes`.
  func validCheckpointTypes() -> [String] {
    if let (kind, model) = model, kind == .centerNet { return centerNetCheckpointTypes(model) }
    switch target {
    case .tf1?: return ["classification", "detection"]
    default: return ["classification", "detection", "full"]
    }
  }

  /// The checkpoint types CenterNet accepts with the model's backbone.
  ///
  /// CenterNetMetaArch has no TF1 path (restore_map raises RuntimeError). Its
  /// restore_from_objects accepts the feature extractor's `supported_sub_model_types`
  /// plus 'fine_tune' (the whole extractor) and raises ValueError for any other type.
  /// The extractors (research/object_detection/models/center_net_*_feature_extractor.py)
  /// support 'classification' (ResNet v2, ResNet v1 FPN, MobileNetV2 FPN, EfficientNet:
  /// their ImageNet base model) or 'detection' (Hourglass and plain MobileNetV2: the
  /// whole network). With an unknown or missing backbone every one of these is accepted,
  /// and 'full', as before, so that only a known backbone narrows the list.
  func centerNetCheckpointTypes(_ model: Node) -> [String] {
    let name = child(model, "feature_extractor").flatMap { setting($0, "type") }.flatMap { string($0) } ?? ""
    switch centerNetSubModel(name) {
    case "classification"?: return ["classification", "fine_tune"]
    case "detection"?: return ["detection", "fine_tune"]
    default: return ["classification", "detection", "fine_tune", "full"]
    }
  }
}

/// The sub-model a CenterNet backbone (feature_extractor.type) restores, or nil when unknown.
func centerNetSubModel(_ backbone: String) -> String? {
  if backbone.hasPrefix("hourglass_") || backbone == "mobilenet_v2" { return "detection" }
  if backbone.hasPrefix("resnet_v2_") || (backbone.hasPrefix("resnet_v1_") && backbone.hasSuffix("_fpn"))
    || backbone.hasPrefix("mobilenet_v2_fpn") || backbone.hasPrefix("efficientnet_b")
  {
    return "classification"
  }
  return nil
}

extension LintRule {
  /// PC302: a checkpoint without its type.
  package static let missingCheckpointType = LintRule(
    id: "PC302", name: "missing-checkpoint-type", area: .training, severity: .warning,
    summary: "fine_tune_checkpoint without fine_tune_checkpoint_type",
    rationale: """
      Without fine_tune_checkpoint_type (or the deprecated from_detection_checkpoint) the \
      trainers treat the checkpoint as 'classification' and restore only the feature \
      extractor. Given a detection checkpoint from the zoo, the box predictor silently starts \
      from scratch and the first thousands of steps relearn what was already there.
      """,
    bad: """
      train_config { fine_tune_checkpoint: "ckpt/model.ckpt" }
      """,
    good: """
      train_config { fine_tune_checkpoint: "ckpt/model.ckpt" fine_tune_checkpoint_type: "detection" }
      """,
    check: { ctx in
      guard let (train, path) = ctx.fineTuneCheckpoint,
        ctx.setting(train, "fine_tune_checkpoint_type")?.isSet == false,
        ctx.setting(train, "from_detection_checkpoint")?.isSet == false
      else { return }
      ctx.report(
        "fine_tune_checkpoint is set without fine_tune_checkpoint_type, so it is restored as 'classification' (feature extractor only)",
        at: path.range, path: path.path,
        help: "add 'fine_tune_checkpoint_type: \"detection\"' for a zoo detection checkpoint, or \"classification\" for an ImageNet one")
    })

  /// PC303: a checkpoint type the model cannot restore.
  package static let invalidCheckpointType = LintRule(
    id: "PC303", name: "invalid-checkpoint-type", area: .training, severity: .error,
    summary: "fine_tune_checkpoint_type not valid for the meta-architecture and target",
    rationale: """
      Each meta-architecture's restore map accepts a few types and raises ValueError for any \
      other, once the model is built: SSD and Faster R-CNN take 'classification' and \
      'detection' (TF2 adds 'full'). CenterNet (TF2 only) takes 'fine_tune' or the one \
      sub-model its backbone defines: 'classification' for ResNet, MobileNetV2-FPN and \
      EfficientNet, 'detection' for Hourglass and MobileNetV2 (a backbone pipec does not \
      know is given every type).
      """,
    bad: """
      model { ssd { feature_extractor { type: "ssd_mobilenet_v2" } } }
      train_config { fine_tune_checkpoint: "ckpt/model.ckpt" fine_tune_checkpoint_type: "detecton" }
      """,
    good: """
      model { ssd { feature_extractor { type: "ssd_mobilenet_v2" } } }
      train_config { fine_tune_checkpoint: "ckpt/model.ckpt" fine_tune_checkpoint_type: "detection" }
      """,
    check: { ctx in
      guard let train = ctx.trainConfig, let type = ctx.setting(train, "fine_tune_checkpoint_type"),
        type.isSet, let value = ctx.string(type), !value.isEmpty
      else { return }
      let valid = ctx.validCheckpointTypes()
      guard !valid.contains(value) else { return }
      let nearest = nearestNames(to: value, among: valid)
      var model = ctx.model?.kind.name ?? "this model"
      var otherwise = "use \"detection\" or \"classification\""
      if let (kind, node) = ctx.model, kind == .centerNet,
        let backbone = ctx.child(node, "feature_extractor").flatMap({ ctx.setting($0, "type") }).flatMap({ ctx.string($0) }),
        let subModel = centerNetSubModel(backbone)
      {
        // The backbone narrowed the list: say which, and what it restores.
        model += " with backbone '\(backbone)'"
        otherwise = "use \"\(subModel)\" (the backbone's \(subModel == "detection" ? "whole network" : "ImageNet base model")) or \"fine_tune\" (a CenterNet checkpoint)"
      }
      let under = ctx.target.map { " under \($0.display)" } ?? ""
      ctx.report(
        "fine_tune_checkpoint_type \"\(value)\" is not one \(model)\(under) accepts (\(valid.map { "\"\($0)\"" }.joined(separator: ", ")))",
        at: type.range, path: type.path,
        help: nearest.first.map { "did you mean \"\($0)\"?" } ?? otherwise,
        fixes: nearest.count == 1
          ? [Fix("use \"\(nearest[0])\"", edits: [ctx.replace(type.range ?? TextRange(0, 0), with: "\"\(nearest[0])\"")], isSafe: true)] : [])
    })

  /// PC304: a V1 checkpoint under TF2.
  package static let checkpointV1UnderTF2 = LintRule(
    id: "PC304", name: "checkpoint-v1-under-tf2", area: .training, severity: .error,
    summary: "fine_tune_checkpoint_version V1 (the default) under TF2",
    rationale: """
      The TF2 trainer restores object-based (V2) checkpoints only and raises ValueError \
      ("Checkpoint version should be V2") for V1, which is the field's default. Every TF2 zoo \
      config therefore says fine_tune_checkpoint_version: V2.
      """,
    bad: """
      model { ssd { feature_extractor { type: "ssd_mobilenet_v2_keras" } } }
      train_config { fine_tune_checkpoint: "ckpt/ckpt-0" fine_tune_checkpoint_type: "detection" }
      """,
    good: """
      model { ssd { feature_extractor { type: "ssd_mobilenet_v2_keras" } } }
      train_config { fine_tune_checkpoint: "ckpt/ckpt-0" fine_tune_checkpoint_type: "detection" fine_tune_checkpoint_version: V2 }
      """,
    target: .tf2,
    check: { ctx in
      guard let (train, path) = ctx.fineTuneCheckpoint, let version = ctx.setting(train, "fine_tune_checkpoint_version"),
        ctx.enumName(version) == "V1"
      else { return }
      if let range = version.range {
        ctx.report(
          "fine_tune_checkpoint_version V1 under TF2: the TF2 trainer raises ValueError (it restores V2 checkpoints only)",
          at: range, path: version.path, help: "use V2 with a TF2 checkpoint (ckpt-0 from the TF2 zoo)",
          fixes: [Fix("use V2", edits: [ctx.replace(range, with: "V2")], isSafe: false)])
      } else {
        var fixes: [Fix] = []
        if let edit = ctx.insert("fine_tune_checkpoint_version: V2", into: train) { fixes.append(Fix("add 'fine_tune_checkpoint_version: V2'", edits: [edit], isSafe: false)) }
        ctx.report(
          "fine_tune_checkpoint_version is not set, so it is V1: the TF2 trainer raises ValueError (it restores V2 checkpoints only)",
          at: path.range, path: path.path, help: "add 'fine_tune_checkpoint_version: V2'", fixes: fixes)
      }
    })
}
