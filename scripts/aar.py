#!/usr/bin/env python3
"""Assembles the Android library (scripts/release.sh android) from the Kotlin jar
and the linked UniFFI libraries: an AAR (the zip layout Android's build tools read)
and its Maven POM, which names JNA's AAR (net.java.dev.jna:jna, type aar: JNA's
Android natives) and the Kotlin standard library as dependencies.
    scripts/aar.py OUT VERSION MIN_SDK JAR ABI=LIBRARY...
    (ABI: arm64-v8a, x86_64; JAR: the Kotlin jar, whose classes become classes.jar
    without its desktop natives, and whose ProGuard rules become proguard.txt)
Experimental: nothing here can run these libraries (README: Platforms)."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

PACKAGE = "ai.peeker.core"
ARTIFACT = "peeker-core-android"
KOTLIN_POM = Path("bindings-mobile/kotlin/pom.xml")  # the JNA and Kotlin versions the jar is built with
NATIVE = re.compile(r"\.(so|dylib|dll)$")
MANIFEST = """<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="{package}">
    <uses-sdk android:minSdkVersion="{min_sdk}" />
</manifest>
"""
POM = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>ai.peeker</groupId>
  <artifactId>{artifact}</artifactId>
  <version>{version}</version>
  <packaging>aar</packaging>
  <description>peeker-core for Android (experimental: built, not run on a device)</description>
  <dependencies>
    <dependency>
      <groupId>net.java.dev.jna</groupId>
      <artifactId>jna</artifactId>
      <version>{jna}</version>
      <type>aar</type>
    </dependency>
    <dependency>
      <groupId>org.jetbrains.kotlin</groupId>
      <artifactId>kotlin-stdlib</artifactId>
      <version>{kotlin}</version>
    </dependency>
  </dependencies>
</project>
"""
# A fixed timestamp: the same inputs give the same bytes (and SHA256SUMS).
EPOCH = (1980, 1, 1, 0, 0, 0)


def add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def classes(jar: Path) -> tuple[bytes, bytes]:
    """classes.jar (the jar without its natives) and the jar's ProGuard rules."""
    out, rules = io.BytesIO(), b""
    with zipfile.ZipFile(jar) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            if name.endswith("/") or NATIVE.search(name):
                continue
            data = source.read(name)
            if name.startswith("META-INF/proguard/"):
                rules += data
            add(target, name, data)
    return out.getvalue(), rules


def main() -> int:
    out, version, min_sdk, jar, *libraries = sys.argv[1:]
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    classes_jar, rules = classes(Path(jar))
    pom = KOTLIN_POM.read_text()
    jna = re.search(r"<artifactId>jna</artifactId>\s*<version>([^<]+)<", pom)
    kotlin = re.search(r"<kotlin.version>([^<]+)<", pom)
    if not jna or not kotlin:
        raise SystemExit(f"aar: no JNA or Kotlin version in {KOTLIN_POM}")
    aar = out_dir / f"{ARTIFACT}-{version}.aar"
    with zipfile.ZipFile(aar, "w") as archive:
        add(archive, "AndroidManifest.xml", MANIFEST.format(package=PACKAGE, min_sdk=min_sdk).encode())
        add(archive, "classes.jar", classes_jar)
        add(archive, "R.txt", b"")  # no Android resources
        add(archive, "proguard.txt", rules)  # consumer rules: keep what JNA reaches by reflection
        for spec in libraries:
            abi, library = spec.split("=", 1)
            add(archive, f"jni/{abi}/{Path(library).name}", Path(library).read_bytes())
    (out_dir / f"{ARTIFACT}-{version}.pom").write_text(POM.format(
        artifact=ARTIFACT, version=version, jna=jna.group(1), kotlin=kotlin.group(1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
