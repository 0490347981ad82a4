#!/usr/bin/env python3
"""Static checks of every native library inside the release artifacts
(scripts/release.sh), for the platforms nothing here can run as well as those
it can: the CPU architecture, the newest glibc symbol version (<= 2.17 for
manylinux2014 and the npm/JVM Linux gnu builds), no glibc at all in musl
builds, the Mach-O minimum macOS version, and the entry point each host loads;
Windows DLLs import nothing but Windows' own DLLs (no mingw runtime DLL). The
XCFramework's static libraries (every architecture of a universal file): platform
(iOS, iOS simulator, macOS) and minimum OS of every object, and every function its
C header declares defined; its Info.plist names slices that exist. The Android
AAR's libraries (linked without an NDK, never run here): ELF machine, NEEDED only
bionic's libc/libdl/libm/liblog, no undefined symbol outside scripts/android/bionic.txt,
16 KB-aligned segments; the AAR's entries (manifest, classes, one library per ABI).
Reads the binaries with LLVM's readobj, objdump and nm (ELF, Mach-O and PE alike).
    scripts/check-artifacts.py DIR    one line per library; exit 1 on any failure
Last line: `peeker-summary artifacts <N> passed`."""

from __future__ import annotations

import hashlib
import io
import plistlib
import re
import struct
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
    "windows-x86_64": ("COFF-x86-64", None, None),
    "android-arm64": ("elf64-littleaarch64", "bionic", None),
    "android-x86_64": ("elf64-x86-64", "bionic", None),
}
# What an Android library may need and import: scripts/android/cc.sh links against these.
BIONIC_LIBS = {"libc.so", "libdl.so", "libm.so", "liblog.so"}
BIONIC_TXT = Path(__file__).with_name("android") / "bionic.txt"
PAGE_16K = 0x4000  # Android 15+ devices with 16 KB pages load only libraries aligned so
AAR_ABIS = {"arm64-v8a", "x86_64"}
GLIBC_MAX = (2, 17)
# What a Windows DLL may import: Windows' own DLLs, and the host's python3.dll.
WINDOWS_DLLS = re.compile(r"(kernel32|ntdll|msvcrt|userenv|ws2_32|advapi32|bcrypt|bcryptprimitives|"
                          r"api-ms-win-[a-z0-9-]+|python3)\.dll", re.I)
# XCFramework slice -> (Info.plist platform and variant, the objects' LC_BUILD_VERSION
# platform, newest minimum OS allowed per architecture: the Swift package's iOS 13 and
# macOS 10.13; arm64 Macs start at 11.0).
APPLE_SLICES = {
    "ios-arm64": ("ios", None, "ios", {"arm64": (13, 0)}),
    "ios-arm64-simulator": ("ios", "simulator", "iossimulator", {"arm64": (14, 0)}),
    "macos-arm64_x86_64": ("macos", None, "macos", {"arm64": (11, 0), "x86_64": (10, 13)}),
}
MACHO_FORMAT = {"arm64": "Mach-O arm64", "x86_64": "Mach-O 64-bit x86-64"}
MACHO_CPU = {0x0100000C: "arm64", 0x01000007: "x86_64"}


def platform_of(name: str) -> str:
    """The platform a library's path names (wheel tag, napi-rs triple or JNA prefix)."""
    rules = [
        (r"\.aar/jni/arm64-v8a/", "android-arm64"),
        (r"\.aar/jni/x86_64/", "android-x86_64"),
        (r"musllinux_\d+_\d+_x86_64|linux-x64-musl", "linux-x86_64-musl"),
        (r"manylinux\w*_x86_64|linux-x64-gnu|linux-x86-64/", "linux-x86_64-gnu"),
        (r"manylinux\w*_aarch64|linux-arm64-gnu|linux-aarch64/", "linux-aarch64-gnu"),
        (r"macosx_\d+_\d+_arm64|darwin-arm64|darwin-aarch64/", "darwin-arm64"),
        (r"macosx_\d+_\d+_x86_64|darwin-x64|darwin-x86-64/", "darwin-x86_64"),
        (r"win_amd64|win32-x64|win32-x86-64/", "windows-x86_64"),
    ]
    for pattern, platform in rules:
        if re.search(pattern, name):
            return platform
    raise ValueError(f"no platform named in {name}")


def tool(*args: str, check: bool = True) -> str:
    return subprocess.run(args, check=check, capture_output=True, text=True).stdout


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
    if libc == "bionic":
        problems += check_bionic(path, headers)
    if macos:
        load = tool("llvm-objdump", "--macho", "--private-headers", str(path))
        found = re.search(r"cmd LC_BUILD_VERSION.*?minos (\d+)\.(\d+)", load, re.S) or re.search(
            r"cmd LC_VERSION_MIN_MACOSX.*?version (\d+)\.(\d+)", load, re.S)
        minos = tuple(map(int, found.groups())) if found else None
        if minos is None or minos > macos:
            problems.append(f"minimum macOS {minos}, expected <= {macos}")
    if arch.startswith("COFF"):
        pe = tool("llvm-objdump", "-p", str(path))
        foreign = [dll for dll in re.findall(r"DLL Name: (\S+)", pe) if not WINDOWS_DLLS.fullmatch(dll)]
        if foreign:
            problems.append(f"imports {', '.join(foreign)} (not a Windows DLL)")
        exports = pe.split("Export Table:", 1)[-1] if "Export Table:" in pe else ""
        symbols = re.findall(r"^\s+\d+\s+0x[0-9a-f]+\s+(\S+)$", exports, re.M)
    else:
        dynamic = ["-D"] if arch.startswith("elf") else []
        symbols = tool("llvm-nm", *dynamic, "--defined-only", "--extern-only", str(path)).split()
    if not any(s.lstrip("_") == entry.lstrip("_") or re.fullmatch(entry, s.lstrip("_")) for s in symbols):
        problems.append(f"does not export {entry}")
    return problems


def bionic_symbols() -> set[str]:
    """The symbols scripts/android/bionic.txt allows (every library's)."""
    lines = (line.split("#", 1)[0].split() for line in BIONIC_TXT.read_text().splitlines())
    return {words[0] for words in lines if words and not words[0].endswith(":")}


def check_bionic(path: Path, headers: str) -> list[str]:
    """An Android library's dependencies, imports and segment alignment."""
    problems = []
    needed = set(re.findall(r"NEEDED\s+(\S+)", headers))
    if not needed <= BIONIC_LIBS or "libc.so" not in needed:
        problems.append(f"needs {sorted(needed)}, expected libc.so and only {sorted(BIONIC_LIBS)}")
    # Weak references (w) are looked up at run time and may be missing (std checks).
    strong = {line.split()[-1] for line in tool("llvm-nm", "-D", "--undefined-only", str(path)).splitlines()
              if line.split()[0] == "U"}
    if strong - bionic_symbols():
        problems.append(f"imports {len(strong - bionic_symbols())} symbols bionic.txt does not list: "
                        + ", ".join(sorted(strong - bionic_symbols())[:5]))
    aligns = [1 << int(a) for a in re.findall(r"^\s+LOAD\s.*\salign 2\*\*(\d+)", headers, re.M)]
    if not aligns or min(aligns) < PAGE_16K:
        problems.append(f"LOAD segments aligned to {min(aligns, default=0)}, expected >= {PAGE_16K}")
    return problems


def check_aar(aar: Path, scratch: Path) -> list[str]:
    """The AAR's layout: manifest (package, minSdk), classes without natives, one library
    per ABI, exporting every UniFFI function the classes bind by name (JNA)."""
    problems, called = [], set()
    with zipfile.ZipFile(aar) as archive:
        names = set(archive.namelist())
        manifest = archive.read("AndroidManifest.xml").decode() if "AndroidManifest.xml" in names else ""
        if 'package="ai.peeker.core"' not in manifest or not re.search(r'minSdkVersion="\d+"', manifest):
            problems.append("AndroidManifest.xml without the package or minSdkVersion")
        missing = {"classes.jar", "R.txt", "proguard.txt"} - names
        if missing:
            problems.append(f"no {', '.join(sorted(missing))}")
        else:
            with zipfile.ZipFile(io.BytesIO(archive.read("classes.jar"))) as classes:
                inner = classes.namelist()
                for name in inner:
                    if name.endswith(".class"):
                        called |= {m.decode() for m in re.findall(rb"(?:uniffi|ffi)_peeker_core_ffi_\w+",
                                                                   classes.read(name))}
            if not any(n.startswith("ai/peeker/core/") and n.endswith(".class") for n in inner):
                problems.append("classes.jar has no ai.peeker.core classes")
            if any(re.search(r"\.(so|dylib|dll)$", n) for n in inner):
                problems.append("classes.jar carries native libraries")
        abis = {n.split("/")[1] for n in names if n.startswith("jni/") and n.endswith("/libpeeker_core_ffi.so")}
        if abis != AAR_ABIS or len([n for n in names if n.startswith("jni/")]) != len(AAR_ABIS):
            problems.append(f"jni/ holds {sorted(n for n in names if n.startswith('jni/'))}")
        for abi in sorted(abis):
            library = scratch / f"aar-{abi}.so"
            library.write_bytes(archive.read(f"jni/{abi}/libpeeker_core_ffi.so"))
            exported = set(tool("llvm-nm", "-D", "--defined-only", "-j", str(library)).split())
            if not called or called - exported:
                problems.append(f"{abi}: {len(called - exported)} of {len(called)} functions the classes call not exported")
    pom = aar.with_suffix(".pom")
    if not pom.is_file() or not re.search(r"<artifactId>jna</artifactId>\s*<version>[^<]+</version>\s*<type>aar</type>",
                                         pom.read_text()):
        problems.append(f"{pom.name} does not name JNA's AAR")
    return problems


def libraries(artifact: Path, scratch: Path):
    """(name, extracted path, entry point) of each native library in an artifact."""
    def extract(name: str, data: bytes) -> Path:
        target = scratch / f"{len(list(scratch.iterdir()))}-{Path(name).name}"
        target.write_bytes(data)
        return target

    if artifact.suffix in (".whl", ".jar", ".aar"):
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


def thin(data: bytes) -> dict[str, bytes]:
    """The architectures of a universal (fat) file, or {"": data} for a thin one."""
    if data[:4] != b"\xca\xfe\xba\xbe":
        return {"": data}
    count = int.from_bytes(data[4:8], "big")
    slices = {}
    for i in range(count):
        cpu, _, offset, size, _ = struct.unpack(">iiIII", data[8 + 20 * i:28 + 20 * i])
        slices[MACHO_CPU.get(cpu, hex(cpu))] = data[offset:offset + size]
    return slices


def check_static(path: Path, ident: str, header: str, scratch: Path) -> list[str]:
    """The problems of one XCFramework slice's static library (every architecture)."""
    _, _, platform, minimum = APPLE_SLICES[ident]
    problems = []
    slices = thin(path.read_bytes())
    if "" in slices:
        slices = {next(iter(minimum)): slices[""]}
    if sorted(slices) != sorted(minimum):
        problems.append(f"architectures {sorted(slices)}, expected {sorted(minimum)}")
    declared = set(re.findall(r"\b((?:uniffi|ffi)_peeker_core_ffi_\w+)\s*\(", header))
    for arch, data in slices.items():
        archive = scratch / f"{ident}-{arch}.a"
        archive.write_bytes(data)
        formats = set(re.findall(r"^Format: (.+)$", tool("llvm-readobj", "--file-headers", str(archive)), re.M))
        if formats != {MACHO_FORMAT.get(arch)}:
            problems.append(f"{arch}: object formats {sorted(formats)}")
        load = tool("llvm-objdump", "--macho", "--private-headers", str(archive))
        # LC_BUILD_VERSION (platform, minos), or the older LC_VERSION_MIN_* (x86_64 std objects).
        old = re.findall(r"cmd LC_VERSION_MIN_(MACOSX|IPHONEOS)\n.*?version (\d+)\.(\d+)", load, re.S)
        platforms = set(re.findall(r"^\s+platform (\S+)$", load, re.M)) | \
            {{"MACOSX": "macos", "IPHONEOS": "ios"}[kind] for kind, _, _ in old}
        versions = [tuple(map(int, v)) for v in re.findall(r"^\s+minos (\d+)\.(\d+)", load, re.M)] + \
            [(int(major), int(minor)) for _, major, minor in old]
        if platforms != {platform}:
            problems.append(f"{arch}: objects for {sorted(platforms)}, expected {platform}")
        if not versions or max(versions) > minimum.get(arch, (0, 0)):
            problems.append(f"{arch}: minimum OS {max(versions, default=None)}, expected <= {minimum.get(arch)}")
        # check=False: Debian's LLVM 14 cannot read the bitcode that rustup's std objects
        # embed and says so for each; their Mach-O symbols are listed all the same.
        symbols = {s.lstrip("_") for s in tool("llvm-nm", "--defined-only", "--extern-only", "-j",
                                                 str(archive), check=False).split()}
        missing = sorted(declared - symbols)
        if not declared or missing:
            problems.append(f"{arch}: {len(missing)} of {len(declared)} header functions undefined")
    return problems


def check_xcframework(folder: Path, scratch: Path):
    """(label, problems) of each slice, then of the Info.plist, the zip and the Swift package."""
    info = plistlib.loads((folder / "Info.plist").read_bytes())
    slices = {entry["LibraryIdentifier"]: entry for entry in info.get("AvailableLibraries", [])}
    plist_problems = [] if sorted(slices) == sorted(APPLE_SLICES) else [f"slices {sorted(slices)}"]
    for ident, entry in sorted(slices.items()):
        want = APPLE_SLICES.get(ident)
        library = folder / ident / entry["LibraryPath"]
        headers = folder / ident / entry["HeadersPath"]
        if want is None or (entry["SupportedPlatform"], entry.get("SupportedPlatformVariant")) != want[:2]:
            plist_problems.append(f"{ident}: platform {entry['SupportedPlatform']}")
            continue
        if not library.is_file() or not (headers / "module.modulemap").is_file():
            yield f"{folder.name}/{ident}", ["library or module map missing"]
            continue
        header = (headers / "PeekerCoreFFI.h").read_text()
        yield f"{folder.name}/{ident}/{entry['LibraryPath']}", check_static(library, ident, header, scratch)
    yield f"{folder.name}/Info.plist", plist_problems
    # The zip holds the same files, and the Swift package names the zip's checksum.
    archive = folder.with_name(folder.name + ".zip")
    with zipfile.ZipFile(archive) as zipped:
        same = all(zipped.read(str(p.relative_to(folder.parent))) == p.read_bytes()
                   for p in folder.rglob("*") if p.is_file())
        same = same and len([n for n in zipped.namelist() if not n.endswith("/")]) == \
            len([p for p in folder.rglob("*") if p.is_file()])
    package = (folder.parent / "PeekerCore" / "Package.swift").read_text()
    checksum = hashlib.sha256(archive.read_bytes()).hexdigest()
    # The released Swift API is generated without the tests' panic hook.
    hooked = [p.name for p in (folder.parent / "PeekerCore" / "Sources").rglob("*.swift")
              if "panicForTests" in p.read_text()]
    yield f"{archive.name} + PeekerCore/Package.swift", \
        ([] if same else ["the zip differs from the folder"]) + \
        ([] if f'checksum: "{checksum}"' in package else ["Package.swift names another checksum"]) + \
        [f"{name} has the test hook" for name in hooked]


def main() -> int:
    root = Path(sys.argv[1])
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        for artifact in sorted(p for p in root.rglob("*") if p.is_file()):
            for label, path, entry, name in libraries(artifact, Path(scratch)):
                platform = platform_of(name)
                results.append((platform, label, check(path, platform, entry)))
        for aar in sorted(root.rglob("*.aar")):
            results.append(("android", aar.name, check_aar(aar, Path(scratch))))
        for folder in sorted(root.rglob("*.xcframework")):
            results += [("apple", label, problems) for label, problems in check_xcframework(folder, Path(scratch))]
    for platform, label, problems in results:
        print(f"{'ok  ' if not problems else 'FAIL'} {platform:18} {label}" +
              ("" if not problems else ": " + "; ".join(problems)))
    failed = sum(bool(problems) for _, _, problems in results)
    if not results:
        print(f"no native library in {root}", file=sys.stderr)
    print(f"peeker-summary artifacts {len(results) - failed} passed")
    return 1 if failed or not results else 0

if __name__ == "__main__":
    sys.exit(main())
