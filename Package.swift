// swift-tools-version:6.0
// pipec: compiler, validator and runtime for TensorFlow Object Detection API pipeline configs.
//
// Targets follow the pipeline, each importing only the stages before it:
//   Diagnostics -> Syntax -> Schema -> (Check -> Lint -> Sweep -> Plan) -> pipec
//   COpenBLAS -> Runtime                                                    -> pipec-bench
import PackageDescription

let package = Package(
  name: "pipec",
  products: [
    .executable(name: "pipec", targets: ["pipec"]),
  ],
  targets: [
    // Front end
    .target(name: "Diagnostics"),
    .target(name: "Syntax", dependencies: ["Diagnostics"]),
    .target(
      name: "Schema",
      dependencies: ["Diagnostics", "Syntax"],
      exclude: ["Protos"]
    ),

    // Runtime: tensors and layers on OpenBLAS; knows nothing of syntax or schemas.
    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
    ),
    .target(
      name: "Runtime",
      dependencies: ["COpenBLAS"],
      // Release kernels are compiled for AVX2 (Haswell, 2013, and later): the
      // depthwise, batch-norm and elementwise loops vectorise 8 floats wide.
      swiftSettings: [
        .unsafeFlags(["-Ounchecked", "-target-cpu", "haswell"], .when(configuration: .release)),
      ]
    ),

    // Command-line layers
    .executableTarget(name: "pipec", dependencies: ["Diagnostics", "Syntax", "Schema"]),
    .executableTarget(name: "pipec-bench", dependencies: ["Diagnostics", "Syntax", "Schema", "Runtime"]),

    // Tests
    .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
    .testTarget(
      name: "SyntaxTests",
      dependencies: ["Diagnostics", "Syntax"],
      resources: [.copy("Fixtures"), .copy("Golden")]
    ),
    .testTarget(name: "SchemaTests", dependencies: ["Diagnostics", "Syntax", "Schema"]),
    .testTarget(name: "RuntimeTests", dependencies: ["Runtime"]),
  ]
)
