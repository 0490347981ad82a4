#!/usr/bin/env python3
"""Writes tests/vectors/marked.json: every case of index.json's `files` with a
marker in every string of its input (spec/DECISIONS.md D8). Every host runs
each marked case through its own vector runner and fails when the marker shows
in an error it raised: its message, its repr/Debug/toString, its fields, or a
violation's message. The results themselves are not compared.

The marker goes in front of each string value, so an email or a domain stays
well formed and the case gets as deep as it can. Inside JSON texts (bodies,
canonicalize inputs) it goes into every string literal that is not a key: keys
and positions may be named in a message, values may not. Kept as given,
so that the case still reaches the code it was written for: the fields that
steer the runner, header names, the Content-Type, members named `type` (an
event's type, a line item's), the client (its key is checked elsewhere; a
marked key would stop every request case at the client), bytes, and what an
ApiError relays from Peeker as Peeker wrote it (the Peeker-Request-Id, the
`error` object of an error answer: its code, message, field and details).

    python3 tests/vectors/marked.py           rewrite marked.json
    python3 tests/vectors/marked.py --check   fail when marked.json is stale
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
INDEX = json.loads((HERE / "index.json").read_text(encoding="utf-8"))
OUT, MARKER = HERE / INDEX["marked"], INDEX["marker"]
KEEP = {"name", "op", "expect", "call", "operation", "kind", "exact", "client", "body_base64"}
KEEP_MEMBER, KEEP_HEADERS = "type", {"content-type", "peeker-request-id"}
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"(\s*:)?', re.S)


def mark_text(text: str) -> str:
    if '"' not in text:
        return MARKER + text
    last_key = [""]

    def literal(m: "re.Match[str]") -> str:
        if m.group(2):  # a key
            last_key[0] = m.group(1)
            return m.group(0)
        if last_key[0] == KEEP_MEMBER:
            return m.group(0)
        return f'"{MARKER}{m.group(1)}"'

    return LITERAL.sub(literal, text)


def mark(value):
    if isinstance(value, str):
        return mark_text(value)
    if isinstance(value, list):
        return [mark(item) for item in value]
    if isinstance(value, dict):
        return {key: item if key == KEEP_MEMBER else mark(item) for key, item in value.items()}
    return value


def peeker_error(body: object) -> bool:
    """Whether a response body is Peeker's error shape `{error: {code, ...}}`."""
    try:
        parsed = json.loads(body) if isinstance(body, str) else None
    except ValueError:
        return False
    error = parsed.get("error") if isinstance(parsed, dict) else None
    return isinstance(error, dict) and isinstance(error.get("code"), str)


def mark_fields(case: dict) -> dict:
    marked = {}
    for key, value in case.items():
        if key in KEEP or (key == "body" and "status" in case and peeker_error(value)):
            marked[key] = value
        elif key == "headers":
            marked[key] = [[name, text if name.lower() in KEEP_HEADERS else mark(text)] for name, text in value]
        elif key == "failure_response":
            marked[key] = mark_fields(value)
        else:
            marked[key] = mark(value)
    return marked


def mark_case(file: str, case: dict) -> dict:
    return {**mark_fields(case), "name": f"{file}: {case['name']}"}


def render() -> str:
    cases = [
        mark_case(file, case)
        for file in INDEX["files"]
        for case in json.loads((HERE / file).read_text(encoding="utf-8"))
    ]
    lines = ",\n".join("  " + json.dumps(case, ensure_ascii=False) for case in cases)
    return f"[\n{lines}\n]\n"


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print("tests/vectors/marked.json is stale: run python3 tests/vectors/marked.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(HERE.parent.parent)} ({text.count(MARKER)} markers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
