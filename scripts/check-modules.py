#!/usr/bin/env python3
"""Fails when the core's top-level modules depend on each other in a cycle,
or when a hand-written source file of the core grows past MAX_LINES.

A module is a file or folder directly under core/src; it depends on another
when its code (comments and the trailing `#[cfg(test)]` module left out)
names `crate::<other>`, or a `use crate::{...}` group lists it. Prints the
modules in layer order (each depends only on those before it), or the cycle.
Run from the repository root.
"""

import re
import sys
from pathlib import Path

SRC = Path("core/src")
# Small enough to read at once; generated files (first line `// @generated`) excepted.
MAX_LINES = 400
# `crate::x` anywhere, and the members of `use crate::{a, b::c, ...}` groups.
PATH = re.compile(r"\bcrate::(\w+)")
GROUP = re.compile(r"\bcrate::\{([^}]*)\}", re.S)


def code(path: Path) -> str:
    """The file without comments and without its test module."""
    text = path.read_text()
    text = text.split("#[cfg(test)]", 1)[0]
    return "\n".join(line.split("//", 1)[0] for line in text.splitlines())


def modules() -> dict:
    found = {}
    for path in sorted(SRC.iterdir()):
        if path.name == "lib.rs":
            continue
        name = path.stem if path.is_file() else path.name
        files = [path] if path.is_file() else sorted(path.rglob("*.rs"))
        found[name] = "\n".join(code(f) for f in files)
    return found


def dependencies(found: dict) -> dict:
    graph = {}
    for name, text in found.items():
        used = set(PATH.findall(text))
        for group in GROUP.findall(text):
            used.update(item.strip().split("::")[0] for item in group.split(","))
        graph[name] = sorted(used & found.keys() - {name})
    return graph


def layers(graph: dict) -> list:
    """Modules in dependency order; raises ValueError with a cycle."""
    order, state = [], {}

    def visit(name, stack):
        if state.get(name) == "done":
            return
        if state.get(name) == "open":
            cycle = stack[stack.index(name):] + [name]
            raise ValueError(" -> ".join(cycle))
        state[name] = "open"
        for dep in graph[name]:
            visit(dep, stack + [name])
        state[name] = "done"
        order.append(name)

    for name in sorted(graph):
        visit(name, [])
    return order


def oversized() -> list:
    found = []
    for path in sorted(SRC.rglob("*.rs")):
        lines = path.read_text().splitlines()
        if len(lines) > MAX_LINES and not (lines and lines[0].startswith("// @generated")):
            found.append(f"{path} ({len(lines)} lines)")
    return found


def main() -> int:
    too_long = oversized()
    if too_long:
        print(f"core/src files over {MAX_LINES} lines: " + ", ".join(too_long), file=sys.stderr)
        return 1
    graph = dependencies(modules())
    try:
        order = layers(graph)
    except ValueError as cycle:
        print(f"core/src has a module cycle: {cycle}", file=sys.stderr)
        return 1
    print("core/src modules in layer order:", " < ".join(order))
    return 0


if __name__ == "__main__":
    sys.exit(main())
