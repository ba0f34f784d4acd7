import Testing
@testable import Runtime

@Test func runtimeUsesTensorFlowLayout() {
  #expect(RuntimeInfo.layout == "NHWC")
}
