#!/usr/bin/env python3
"""Static checks of every native library inside the release artifacts
(scripts/release.sh), for the platforms nothing here can run as well as those
it can: the CPU architecture, the newest glibc symbol version (<= 2.17 for
manylinux2014 and the npm/JVM Linux gnu builds), no glibc at all in musl
builds, the Mach-O minimum macOS version, and the entry point each host loads.
Reads the binaries with LLVM's readobj, objdump and nm (ELF, Mach-O and PE alike).
    scripts/check-artifacts.py DIR    one line per library; exit 1 on any failure
Last line: `peeker-summary artifacts <N> passed`."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

# (file format as llvm-readobj names it, libc, newest macOS minimum)
PLATFORMS = {
    "linux-x86_64-gnu": ("elf64-x86-64", "gnu", None),
    "linux-aarch64-gnu": ("elf64-littleaarch64", "gnu", None),
    "linux-x86_64-musl": ("elf64-x86-64", "musl", None),
    "darwin-arm64": ("Mach-O arm64", None, (11, 0)),
    "darwin-x86_64": ("Mach-O 64-bit x86-64", None, (10, 12)),
}
GLIBC_MAX = (2, 17)


def platform_of(name: str) -> str:
    """The platform a library's path names (wheel tag, napi-rs triple or JNA prefix)."""
    rules = [
        (r"musllinux_\d+_\d+_x86_64|linux-x64-musl", "linux-x86_64-musl"),
        (r"manylinux\w*_x86_64|linux-x64-gnu|linux-x86-64/", "linux-x86_64-gnu"),
        (r"manylinux\w*_aarch64|linux-arm64-gnu|linux-aarch64/", "linux-aarch64-gnu"),
        (r"macosx_\d+_\d+_arm64|darwin-arm64|darwin-aarch64/", "darwin-arm64"),
        (r"macosx_\d+_\d+_x86_64|darwin-x64|darwin-x86-64/", "darwin-x86_64"),
    ]
    for pattern, platform in rules:
        if re.search(pattern, name):
            return platform
    raise ValueError(f"no platform named in {name}")


def tool(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def check(path: Path, platform: str, entry: str) -> list[str]:
    """The problems of one library (empty when it passes)."""
    arch, libc, macos = PLATFORMS[platform]
    problems = []
    # llvm-readobj: LLVM 14's objdump -f cannot read zig's arm64 Mach-O files.
    fmt = re.search(r"^Format: (.+)$", tool("llvm-readobj", "--file-headers", str(path)), re.M)
    if not fmt or fmt.group(1).strip() != arch:
        problems.append(f"format {fmt.group(1).strip() if fmt else '?'}, expected {arch}")
    headers = tool("llvm-objdump", "-p", str(path)) if arch.startswith("elf") else ""
    glibc = sorted({tuple(map(int, v.split("."))) for v in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", headers)})
    if libc == "gnu" and glibc and glibc[-1][:2] > GLIBC_MAX:
        problems.append(f"needs GLIBC_{'.'.join(map(str, glibc[-1]))} (> 2.17)")
    # musl's loader takes both libc.so (what zig links) and libc.musl-<arch>.so.1 as itself.
    if libc == "musl" and (glibc or "ld-linux" in headers or not re.search(r"NEEDED\s+libc\.(so\s|musl-)", headers)):
        problems.append("not a musl build (glibc symbol versions, glibc's loader, or no musl libc)")
    if macos:
        load = tool("llvm-objdump", "--macho", "--private-headers", str(path))
        found = re.search(r"cmd LC_BUILD_VERSION.*?minos (\d+)\.(\d+)", load, re.S) or re.search(
            r"cmd LC_VERSION_MIN_MACOSX.*?version (\d+)\.(\d+)", load, re.S)
        minos = tuple(map(int, found.groups())) if found else None
        if minos is None or minos > macos:
            problems.append(f"minimum macOS {minos}, expected <= {macos}")
    dynamic = ["-D"] if arch.startswith("elf") else []
    symbols = tool("llvm-nm", *dynamic, "--defined-only", "--extern-only", str(path)).split()
    if not any(s.lstrip("_") == entry.lstrip("_") or re.fullmatch(entry, s.lstrip("_")) for s in symbols):
        problems.append(f"does not export {entry}")
    return problems


def libraries(artifact: Path, scratch: Path):
    """(name, extracted path, entry point) of each native library in an artifact."""
    def extract(name: str, data: bytes) -> Path:
        target = scratch / f"{len(list(scratch.iterdir()))}-{Path(name).name}"
        target.write_bytes(data)
        return target

    if artifact.suffix in (".whl", ".jar"):
        entry = "PyInit__native" if artifact.suffix == ".whl" else "uniffi_peeker_core_ffi_fn_.*"
        with zipfile.ZipFile(artifact) as archive:
            for name in archive.namelist():
                if re.search(r"\.(so|dylib|pyd|dll)$", name):
                    label = f"{artifact.name}!{name}"
                    yield label, extract(name, archive.read(name)), entry, artifact.name + "/" + name
    elif artifact.name.endswith(".tgz"):
        with tarfile.open(artifact) as archive:
            for member in archive.getmembers():
                if member.name.endswith(".node"):
                    data = archive.extractfile(member)
                    assert data is not None
                    yield f"{artifact.name}!{member.name}", extract(member.name, data.read()), \
                        "napi_register_module_v1", member.name


def main() -> int:
    root = Path(sys.argv[1])
    passed = failed = 0
    with tempfile.TemporaryDirectory() as scratch:
        for artifact in sorted(p for p in root.rglob("*") if p.is_file()):
            for label, path, entry, name in libraries(artifact, Path(scratch)):
                platform = platform_of(name)
                problems = check(path, platform, entry)
                print(f"{'ok  ' if not problems else 'FAIL'} {platform:18} {label}" +
                      ("" if not problems else ": " + "; ".join(problems)))
                passed, failed = passed + (not problems), failed + bool(problems)
    if passed + failed == 0:
        print(f"no native library in {root}", file=sys.stderr)
        failed = 1
    print(f"peeker-summary artifacts {passed} passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
