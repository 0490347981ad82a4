// swift-tools-version:5.9
// Swift host of peeker-core. scripts/hosts/swift.sh generates the Swift API
// (Sources/PeekerCore/PeekerCore.swift) and the C header + module map
// (Sources/PeekerCoreFFI/) with uniffi-bindgen from the Rust library built by
// `cargo build --release -p peeker-core-mobile`. Hand-written next to it:
// Sources/PeekerCore/PeekerError+Fields.swift (`code`/`detail` on every error,
// redacted Mirrors for HttpRequest, NewOrder and OrderSequencer) and
// Sources/PeekerCore/Sender.swift (the optional URLSession sender). The tests
// (Tests/PeekerCoreTests/) run every shared vector of tests/vectors/
// (PEEKER_VECTORS overrides the folder) through the generated Dispatch.swift,
// check the API covers the contract, and run the host tests, and against the
// Peeker of the PEEKER_* variables the Sender and the README's Swift example
// (../README.md, Sources/PeekerExample/).
import Foundation
import PackageDescription

// Where libpeeker_core_ffi.so/.dylib lies; PEEKER_RUST_LIB_DIR overrides it.
let packageDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let rustLibDir = ProcessInfo.processInfo.environment["PEEKER_RUST_LIB_DIR"]
    ?? packageDir.appendingPathComponent("../../target/release").standardized.path

let package = Package(
    name: "PeekerCore",
    products: [
        .library(name: "PeekerCore", targets: ["PeekerCore"]),
    ],
    targets: [
        // Header-only C module of the Rust FFI: no sources to compile, so a
        // system-library target (module.modulemap + header) rather than a
        // C target that would need a placeholder .c file.
        .systemLibrary(name: "PeekerCoreFFI", path: "Sources/PeekerCoreFFI"),
        .target(
            name: "PeekerCore",
            dependencies: ["PeekerCoreFFI"],
            linkerSettings: [
                .linkedLibrary("peeker_core_ffi"),
                // rpath: the tests find the library without LD_LIBRARY_PATH.
                .unsafeFlags(["-L", rustLibDir, "-Xlinker", "-rpath", "-Xlinker", rustLibDir]),
            ]
        ),
        // The README's Swift example (BuyDomains.swift is its block verbatim) and the
        // webhook listener it runs with: not a product of the package.
        .target(name: "PeekerExample", dependencies: ["PeekerCore"]),
        // The demonstration: the example against the Peeker of the PEEKER_* variables.
        .executableTarget(name: "peeker-demo", dependencies: ["PeekerExample"]),
        .testTarget(name: "PeekerCoreTests", dependencies: ["PeekerCore", "PeekerExample"]),
    ]
)
