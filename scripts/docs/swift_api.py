"""The Swift API page: the public declarations of the Swift source that uniffi-bindgen
generated for the swift host line (PeekerCore.swift), each with its doc comment (the
Rust doc comments, which UniFFI copies). A listing, not DocC: DocC needs the
swift-docc-plugin package, which the offline Swift chroot cannot fetch. UniFFI's
plumbing (FfiConverter*, the protocols a class implements for mocking) is left out.
Usage: swift_api.py <PeekerCore.swift> <output .md>"""

import re
import sys
from collections.abc import Collection
from pathlib import Path
from typing import Any

TYPE = re.compile(r"(?:public|open) (struct|enum|class)\s+(\w+)")
EXTENSION = re.compile(r"(?:public )?extension (\w+)")
MEMBER = re.compile(r"\s*(?:(?:public|open) (?:static )?(?:func|let|var|init)\b|case \w)")
FUNCTION = re.compile(r"public func (\w+)")
DOC = re.compile(r"/\*\*(.*?)\*/", re.S)
MARK = re.compile(r"\x01(\d+)\x02")
NOISE = re.compile(r'"(?:\\.|[^"\\\n])*"|//[^\n]*')  # strings and line comments: their braces do not count


def signature(line: str) -> str:
    """A declaration's line without its body, spaces tidied."""
    head = line.split("{")[0]
    return " ".join(head.replace(")throws", ") throws").split()).replace("`", "").replace("( ", "(").replace(" )", ")")


def declared(line: str, depth: int, current: str | None, types: Collection[str]) -> tuple[str, str, str] | None:
    """The declaration a line starts, if any: ("type", kind, name), ("extension", "", name),
    ("function", "", "") or ("member", "", current)."""
    if depth == 0 and (match := TYPE.match(line)) and not match.group(2).startswith("FfiConverter"):
        return "type", match.group(1), match.group(2)
    if depth == 0 and (match := EXTENSION.match(line)) and match.group(1) in types:
        return "extension", "", match.group(1)
    if depth == 0 and (match := FUNCTION.match(line)) and not match.group(1).startswith(("FfiConverter", "uniffi")):
        return "function", "", ""
    if depth == 1 and current and MEMBER.match(line) and "FfiConverter" not in line and "uniffiClone" not in line:
        return "member", "", current
    return None


def document(source: str) -> dict[str, list[Any]]:
    """Top-level functions and types with their members, each (signature, doc)."""
    docs: list[str] = []

    def keep(match: re.Match[str]) -> str:
        body = (line.strip().removeprefix("*").strip() for line in match.group(1).splitlines())
        docs.append(" ".join(" ".join(body).split()))
        return f"\x01{len(docs) - 1}\x02"

    types: dict[str, tuple[str, str, list[tuple[str, str]]]] = {}
    functions: list[tuple[str, str]] = []
    doc, depth, current = "", 0, None  # current: the type whose members come
    lines = iter(NOISE.sub('""', DOC.sub(keep, source)).splitlines())
    for line in lines:
        if marks := MARK.findall(line):
            doc, line = docs[int(marks[-1])], MARK.sub("", line)
        while line.strip() in ("public", "open"):  # UniFFI puts PeekerError's `public` on a line of its own
            line = line.rstrip() + " " + next(lines).lstrip()
        if line.strip() and not line.lstrip().startswith(("@", "#")):
            what = declared(line, depth, current, types)
            while what and what[0] in ("function", "member") and line.count("(") > line.count(")"):
                line += " " + MARK.sub("", next(lines))  # parameters over several lines, with their docs
            if what and what[0] == "type":
                types[what[2]], current = (what[1], doc, []), what[2]
            elif what and what[0] == "extension":
                current = what[2]
            elif what and what[0] == "function":
                functions.append((signature(line), doc))
            elif what and what[0] == "member":
                types[what[2]][2].append((signature(line), doc))
            doc = ""
        depth += line.count("{") - line.count("}")
        if depth == 0:
            current = None
    return {"functions": functions, "types": sorted(types.items())}


def main() -> None:
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    api = document(source.read_text(encoding="utf-8"))
    lines = ["# Swift API", "",
             "The `PeekerCore` module: the API that UniFFI generates from the Rust crate, under Swift's names "
             "(camelCase; the errors are `PeekerError`), listed from the generated `PeekerCore.swift` with the doc "
             "comments of the Rust crate. The [mobile README](https://github.com/peeker-ai/peeker-core/blob/main/"
             "bindings-mobile/README.md) shows it in use; the hand-written `Sender` (sending a request with "
             "`URLSession`, retries and pages) is in `bindings-mobile/swift/Sources/PeekerCore/Sender.swift`.", "",
             "## Functions", ""]
    lines += [f"- `{sig}`" + (f": {doc}" if doc else "") for sig, doc in api["functions"]]
    lines += ["", "## Types", ""]
    for name, (kind, doc, members) in api["types"]:
        lines += [f"### `{kind} {name}`", ""] + ([doc, ""] if doc else [])
        lines += [f"- `{sig}`" + (f": {mdoc}" if mdoc else "") for sig, mdoc in members]
        lines.append("")
    if not api["functions"] or len(api["types"]) < 20:
        sys.exit(f"swift_api.py: {source} looks wrong: {len(api['functions'])} functions, {len(api['types'])} types")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"swift_api.py: {len(api['functions'])} functions, {len(api['types'])} types")


main()
