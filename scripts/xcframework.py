#!/usr/bin/env python3
"""Assembles the Apple release (scripts/release.sh apple) from static libraries
already built: the XCFramework folder (one slice per platform with the library,
the UniFFI C header and its module map, and the Info.plist Xcode reads), its zip,
and a Swift package whose PeekerCoreFFI is a binary target pointing at that zip
(url + SHA-256 checksum, as `swift package compute-checksum` computes it).
    scripts/xcframework.py OUT VERSION HEADERS SWIFT_SOURCES SLICE...
    SLICE: LIBRARY[+LIBRARY]:PLATFORM[:VARIANT]:ARCH[+ARCH]   (PLATFORM: ios, macos)
Several libraries (one per architecture) are joined into one universal (fat) file:
lipo's format, written here because llvm-lipo (14 and 19) crashes on Rust's archives.
HEADERS holds PeekerCoreFFI.h and PeekerCoreFFI.modulemap (uniffi-bindgen);
SWIFT_SOURCES the package's Sources/PeekerCore/ (generated and hand-written)."""

from __future__ import annotations

import hashlib
import plistlib
import shutil
import struct
import sys
import zipfile
from pathlib import Path

NAME = "PeekerCoreFFI"
LIBRARY = "libpeeker_core_ffi.a"
URL = "https://github.com/peeker-ai/peeker-core/releases/download/v{version}/" + NAME + ".xcframework.zip"
PACKAGE = """// swift-tools-version:5.9
// PeekerCore {version} for iOS and macOS: the Swift API over the Rust core, which
// comes as a static XCFramework (a binary target, downloaded and checked by SwiftPM).
import PackageDescription

let package = Package(
    name: "PeekerCore",
    platforms: [.iOS(.v13), .macOS(.v10_13)],
    products: [
        .library(name: "PeekerCore", targets: ["PeekerCore"]),
    ],
    targets: [
        .binaryTarget(
            name: "{name}",
            url: "{url}",
            checksum: "{checksum}"
        ),
        .target(name: "PeekerCore", dependencies: ["{name}"]),
    ]
)
"""


# Mach-O CPU type and subtype (mach/machine.h) of each architecture.
CPU = {"arm64": (0x0100000C, 0), "x86_64": (0x01000007, 3)}
FAT_ALIGN = 14  # 16 KiB, lipo's alignment for arm64


def fat(libraries: list[Path], archs: list[str], target: Path) -> None:
    """A universal file: the big-endian fat header, then each library at an aligned offset."""
    header = struct.pack(">II", 0xCAFEBABE, len(libraries))
    end, body = 8 + 20 * len(libraries), b""
    for library, arch in zip(libraries, archs):
        data = library.read_bytes()
        start = -(-end // (1 << FAT_ALIGN)) * (1 << FAT_ALIGN)
        body += b"\0" * (start - end) + data
        header += struct.pack(">iiIII", *CPU[arch], start, len(data), FAT_ALIGN)
        end = start + len(data)
    target.write_bytes(header + body)


def zip_tree(folder: Path, target: Path) -> None:
    """A reproducible zip (sorted entries, fixed times) with the folder at its top."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            info = zipfile.ZipInfo(str(path.relative_to(folder.parent)), (1980, 1, 1, 0, 0, 0))
            if path.is_dir():
                info.filename += "/"
                archive.writestr(info, b"")
            else:
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)


def main() -> int:
    out, version, headers, sources = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
    framework = out / f"{NAME}.xcframework"
    shutil.rmtree(framework, ignore_errors=True)
    libraries = []
    for spec in sys.argv[5:]:
        library, *platform, archs = spec.split(":")
        variant = platform[1] if len(platform) > 1 else None
        ident = "-".join([platform[0], "_".join(archs.split("+"))] + ([variant] if variant else []))
        slice_dir = framework / ident
        (slice_dir / "Headers").mkdir(parents=True)
        inputs = [Path(lib) for lib in library.split("+")]
        if len(inputs) > 1:
            fat(inputs, archs.split("+"), slice_dir / LIBRARY)
        else:
            shutil.copy(inputs[0], slice_dir / LIBRARY)
        shutil.copy(headers / f"{NAME}.h", slice_dir / "Headers" / f"{NAME}.h")
        shutil.copy(headers / f"{NAME}.modulemap", slice_dir / "Headers" / "module.modulemap")
        entry = {
            "LibraryIdentifier": ident,
            "LibraryPath": LIBRARY,
            "HeadersPath": "Headers",
            "SupportedArchitectures": archs.split("+"),
            "SupportedPlatform": platform[0],
        }
        if variant:
            entry["SupportedPlatformVariant"] = variant
        libraries.append(entry)
    info = {"AvailableLibraries": libraries, "CFBundlePackageType": "XFWK", "XCFrameworkFormatVersion": "1.0"}
    with open(framework / "Info.plist", "wb") as plist:
        plistlib.dump(info, plist)
    archive = out / f"{NAME}.xcframework.zip"
    zip_tree(framework, archive)
    checksum = hashlib.sha256(archive.read_bytes()).hexdigest()
    package = out / "PeekerCore"
    shutil.rmtree(package, ignore_errors=True)
    shutil.copytree(sources, package / "Sources" / "PeekerCore")
    (package / "Package.swift").write_text(
        PACKAGE.format(version=version, name=NAME, url=URL.format(version=version), checksum=checksum))
    print(f"apple: {framework.name} ({', '.join(e['LibraryIdentifier'] for e in libraries)}), {checksum[:12]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
