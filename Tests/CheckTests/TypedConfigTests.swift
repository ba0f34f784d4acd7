import Schema
import Testing

@testable import Check

/// The typed tree holds what TensorFlow's reader would: values by type, merges,
/// and defaults for what is unset.
@Test func effectiveValuesFollowTensorFlowsMerge() throws {
  let (config, _, _) = checkPipeline("""
    train_config { batch_size: 8 batch_size: 16 optimizer { momentum_optimizer { } adam_optimizer { } } }
    train_config { num_steps: 1000 }
    eval_config { metrics_set: "a" metrics_set: ["b", "c"] }
    """)
  let train = try #require(config.effective("train_config", in: config.root)?.message)
  #expect(config.integer("batch_size", in: train) == 16)  // the last value wins
  #expect(config.integer("num_steps", in: train) == 1000)  // the second block merged in
  let optimizer = try #require(config.effective("optimizer", in: train)?.message)
  #expect(config.setFieldNames(of: optimizer) == ["adam_optimizer"])  // the later oneof member replaces
  let eval = try #require(config.effective("eval_config", in: config.root)?.message)
  let descriptor = config.schema[eval.type]
  let metricsIndex = try #require(descriptor.fieldIndexByName["metrics_set"])
  let metrics = try #require(eval.field(at: metricsIndex))
  #expect(metrics.values.count == 3)
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

extension EffectiveValue {
  var message: TypedMessage? {
    if case .message(let m) = kind { return m }
    return nil
  }
}

extension TypedConfig {
  func integer(_ name: String, in message: TypedMessage) -> Int128? {
    if case .integer(let v)? = effective(name, in: message)?.kind { return v }
    return nil
  }

  func setFieldNames(of message: TypedMessage) -> [String] {
    message.fields.map { schema[message.type].fields[$0.index].name }
  }
}
