import Schema
import Testing

@testable import Check

/// The typed config holds what TensorFlow's reader would: values by type,
/// merges, and defaults for what is unset.
@Test func effectiveValuesFollowTensorFlowsMerge() throws {
  let (config, _, _) = checkPipeline("""
    train_config { batch_size: 8 batch_size: 16 optimizer { momentum_optimizer { } adam_optimizer { } } }
    train_config { num_steps: 1000 }
    eval_config { metrics_set: "a" metrics_set: ["b", "c"] }
    """)
  let train = try #require(config.effective("train_config", in: config.root)?.message)
  #expect(train.blocks.count == 2)  // the two blocks merge
  #expect(config.integer("batch_size", in: train) == 16)  // the last value wins
  #expect(config.integer("num_steps", in: train) == 1000)
  let optimizer = try #require(config.effective("optimizer", in: train)?.message)
  #expect(config.setFieldNames(of: optimizer) == ["adam_optimizer"])  // the later oneof member replaces
  let eval = try #require(config.effective("eval_config", in: config.root)?.message)
  let metrics = config.values("metrics_set", in: eval).compactMap { value -> String? in
    if case .string(let s) = value.kind { return s }
    return nil
  }
  #expect(metrics == ["a", "b", "c"])
}

@Test func unsetFieldsHaveTheirSchemaDefaults() throws {
  let (config, diagnostics, _) = checkPipeline("train_config { }")
  #expect(diagnostics.isEmpty)
  let train = try #require(config.effective("train_config", in: config.root)?.message)
  let batch = try #require(config.effective("batch_size", in: train))
  #expect(!batch.isSet)
  #expect(config.integer("batch_size", in: train) == 32)
  if case .enumValue(let name, let number)? = config.effective("fine_tune_checkpoint_version", in: train)?.kind {
    #expect(name == "V1" && number == 1)
  } else {
    Issue.record("fine_tune_checkpoint_version is an enum")
  }
  #expect(config.effective("no_such_field", in: train) == nil)
}

@Test func valuesAreTypedAndTraceBackToTheirSource() throws {
  let text = "model { ssd { num_classes: 0x10 post_processing { score_converter: 1 } } } train_config { fine_tune_checkpoint: \"a\\x41\" }"
  let (config, diagnostics, _) = checkPipeline(text)
  #expect(diagnostics.isEmpty)
  let model = try #require(config.effective("model", in: config.root)?.message)
  let ssd = try #require(config.effective("ssd", in: model)?.message)
  let classes = try #require(config.effective("num_classes", in: ssd))
  #expect(config.integer("num_classes", in: ssd) == 16)
  #expect(classes.range.map { config.tree.text($0) } == "0x10")
  let post = try #require(config.effective("post_processing", in: ssd)?.message)
  if case .enumValue(let name, _)? = config.effective("score_converter", in: post)?.kind {
    #expect(name == "SIGMOID")
  } else {
    Issue.record("score_converter is an enum")
  }
  let train = try #require(config.effective("train_config", in: config.root)?.message)
  if case .string(let path)? = config.effective("fine_tune_checkpoint", in: train)?.kind {
    #expect(path == "aA")
  } else {
    Issue.record("fine_tune_checkpoint is a string")
  }
}

extension EffectiveValue {
  var message: MessageView? {
    if case .message(let m) = kind { return m }
    return nil
  }
}

extension TypedConfig {
  func integer(_ name: String, in view: MessageView) -> Int128? {
    if case .integer(let v)? = effective(name, in: view)?.kind { return v }
    return nil
  }

  func setFieldNames(of view: MessageView) -> [String] {
    setFields(of: view).map { schema[view.type].fields[$0].name }
  }
}
