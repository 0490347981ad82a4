"""Every code block of the site's pages, checked: Python blocks pass `mypy --strict`
and run, TypeScript blocks pass `tsc --strict` and run (those that export a handler are
type-checked only), shell blocks parse (`bash -n`), JSON parses, and a block followed by
"It prints:" must print exactly the text block after it. Install lines and dependency
fragments (npm, pip, cargo, Gradle, Maven, SwiftPM), here and in the package READMEs,
must name the packages and version the manifests publish. Blocks that are whole tested
source files are included with `--8<--` and must exist; a README's Kotlin, Swift or
Rust block must be a verbatim copy of a source file the host's tests compile and run;
a `js` block's imports and requires must be exports of the installed package.
The package READMEs' Python and TypeScript blocks are run and type-checked here too. Run inside
scripts/with-local.sh (the blocks talk to the local Peeker), after the python and
npm-packages lines (their venv and installed tarballs).
Usage: snippets.py <site source dir> <package README>...
Last line: `snippets: N passed, M failed`."""

import json
import os
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / "target/py-test-venv/bin/python"
JS = ROOT / "target/js-consumer"
WORK = ROOT / "target/docs-check"
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```\n(?:\nIt prints:\n\n```text\n(.*?)^```\n)?", re.S | re.M)

passed, failures = 0, []


def check(name: str, ok: bool, detail: str = "") -> None:
    global passed
    if ok:
        passed += 1
    else:
        failures.append(f"{name}: {detail}")
        print(f"FAIL {name}: {detail}", file=sys.stderr)


def manifests() -> dict[str, str]:
    """What each manifest publishes: name -> version."""
    version = tomllib.loads((ROOT / "Cargo.toml").read_text())["workspace"]["package"]["version"]
    pom = ET.parse(ROOT / "bindings-mobile/kotlin/pom.xml").getroot()
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    coords = ":".join(pom.findtext(f"m:{key}", namespaces=ns) or "" for key in ("groupId", "artifactId", "version"))
    return {
        "npm": {json.loads((ROOT / p).read_text())["name"]: json.loads((ROOT / p).read_text())["version"]
                for p in ("bindings-wasm/npm/package.json", "bindings-node/package.json")},
        "pip": tomllib.loads((ROOT / "bindings-python/pyproject.toml").read_text())["project"]["name"],
        "cargo": tomllib.loads((ROOT / "core/Cargo.toml").read_text())["package"]["name"],
        "maven": coords, "version": version,
        "swift": re.search(r'Package\(\s*name: "(\w+)"', (ROOT / "bindings-mobile/swift/Package.swift").read_text()).group(1),
    }


def install_lines(where: str, lang: str, code: str, published: dict) -> None:
    """The install lines of a block name what the manifests publish."""
    for name in re.findall(r"npm install ([\w@/.-]+)", code):
        check(f"{where}: npm install {name}", name in published["npm"], "no such npm package here")
    for name in re.findall(r"pip install ([\w.-]+)", code):
        if name not in ("uvicorn", "starlette"):
            check(f"{where}: pip install {name}", name == published["pip"], f"the wheel is {published['pip']}")
    for name in re.findall(r"cargo add ([\w-]+)", code):
        check(f"{where}: cargo add {name}", name == published["cargo"], f"the crate is {published['cargo']}")
    for coords in re.findall(r'implementation\("([^"]+)"\)', code):
        check(f"{where}: gradle {coords}", coords == published["maven"], f"the pom says {published['maven']}")
    if lang == "xml":
        dep = ET.fromstring(code)
        coords = ":".join(dep.findtext(key) or "" for key in ("groupId", "artifactId", "version"))
        check(f"{where}: maven {coords}", coords == published["maven"], f"the pom says {published['maven']}")
    for path, product, package in re.findall(r'\.package\(path: "([^"]+)"\)(?:.|\n)*?\.product\(name: "(\w+)", package: "(\w+)"\)', code):
        check(f"{where}: swiftpm {product}", path.endswith("bindings-mobile/swift") and product == package == published["swift"],
              f"the package is {published['swift']} in bindings-mobile/swift")


def imports(name: str, code: str, published: dict) -> None:
    """A `js` block shows how to load a package: every name it imports (ESM) or
    requires (CommonJS) must be exported by the installed package, both ways."""
    found = re.findall(r"import \{([^}]*)\} from '([\w/-]+)'", code)  # a package or one of its entries
    found += re.findall(r"const \{([^}]*)\} = require\('([\w/-]+)'\)", code)
    check(name, bool(found), "no import or require of a package")
    for names, package in found:
        wanted = [n.strip().split(" as ")[0] for n in names.split(",") if n.strip()]
        script = (f"const m = require({package!r}); import({package!r}).then((e) => process.exit("
                  f"{json.dumps(wanted)}.every((n) => n in m && n in e) ? 0 : 1))")
        run(f"{name}: {package} exports {', '.join(wanted)}", ["node", "-e", script], None, JS)


def run(name: str, command: list[str], expected: str | None, cwd: Path = ROOT) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
    ok = result.returncode == 0 and (expected is None or result.stdout == expected)
    check(name, ok, f"exit {result.returncode}\n{result.stdout}{result.stderr}"
          + (f"\nexpected:\n{expected}" if expected is not None else ""))


def main() -> None:
    site, readmes = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
    published = manifests()
    python, typescript = [], []
    WORK.mkdir(parents=True, exist_ok=True)
    pages = [(str(page.relative_to(site)), page) for page in sorted(site.rglob("*.md"))]
    pages += [(str(readme), ROOT / readme) for readme in readmes]
    tracked = subprocess.run(["git", "ls-files", "*.kt", "*.swift", "*.rs"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    sources = {(ROOT / path).read_text(encoding="utf-8") for path in tracked if (ROOT / path).is_file()}
    for where, page in pages:
        for index, match in enumerate(FENCE.finditer(page.read_text(encoding="utf-8"))):
            lang, code, expected = match.group(1), match.group(2), match.group(3)
            name = f"{where}#{index}"
            install_lines(name, lang, code, published)
            include = re.fullmatch(r'--8<-- "([^"]+)"\n', code)
            if include:
                check(name, (ROOT / include.group(1)).is_file(), "included file missing")
            elif lang == "python":
                python.append((name, code, expected))
            elif lang == "ts":
                typescript.append((name, code, expected))
            elif lang == "js":
                imports(name, code, published)
            elif lang == "sh":
                run(name, ["bash", "-n", "-c", code], None)
            elif lang == "json":
                check(name, json.loads(code) is not None)
            elif lang in ("kotlin", "swift", "xml", "rust"):
                # A dependency fragment (checked above), or a whole source file that a
                # host compiles and runs (its README test checks the same copy).
                fragment = any(k in code for k in ("implementation(", "<dependency>", ".package("))
                check(name, fragment or code in sources,
                      "neither a dependency fragment nor a verbatim copy of a tested source file")
            else:
                check(name, lang in ("text", "mermaid") or (lang == "" and where.endswith("README.md")),
                      f"a `{lang or 'plain'}` block: give it a checked language")

    # Python: mypy --strict over every block at once, then each run.
    files = []
    for i, (name, code, expected) in enumerate(python):
        path = WORK / f"block_{i}.py"
        path.write_text(code, encoding="utf-8")
        files.append(str(path))
    if files:
        run("python blocks: mypy --strict", [str(PYTHON), "-m", "mypy", "--strict", "--cache-dir",
                                             str(ROOT / "target/py-mypy-cache"), *files], None)
    for (name, _, expected), path in zip(python, files):
        run(name, [str(PYTHON), path], expected)

    # TypeScript: tsc --strict in the folder where both npm tarballs are installed.
    names = []
    for i, (name, code, expected) in enumerate(typescript):
        (JS / f"docs-{i}.ts").write_text(code, encoding="utf-8")
        names.append(f"docs-{i}.ts")
    if names:
        options = {"strict": True, "noEmit": True, "target": "es2022", "module": "nodenext",
                   "moduleResolution": "nodenext", "lib": ["es2022", "dom"], "types": ["node"]}
        (JS / "tsconfig.docs.json").write_text(json.dumps({"compilerOptions": options, "files": names}))
        run("ts blocks: tsc --strict", [str(ROOT / "node_modules/.bin/tsc"), "-p", "tsconfig.docs.json"], None, JS)
    for (name, code, expected), file in zip(typescript, names):
        if re.search(r"^export ", code, re.M):
            continue  # a handler for a framework: type-checked above
        mjs = file.replace(".ts", ".mjs")
        run(f"{name}: esbuild", [str(ROOT / "node_modules/.bin/esbuild"), file, "--format=esm", "--log-level=warning",
                                 f"--outfile={mjs}"], None, JS)
        run(name, ["node", mjs], expected, JS)

    print(f"snippets: {passed} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


main()
