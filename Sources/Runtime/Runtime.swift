/// The detector runtime: tensors and layers on OpenBLAS. See issue 8.
package enum RuntimeInfo {
  package static let layout = "NHWC"
}
