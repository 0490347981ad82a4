"""Writes the page of every webhook event type, violation code and error code
(reference/events-and-codes.md) from the contract: the lists and meanings from
spec/openapi.yaml, each example from the shared vectors of tests/vectors/ (the
cases every host runs), so the page cannot drift from what the SDK does.
Usage: reference.py <output.md>"""

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
spec = yaml.safe_load((ROOT / "spec/openapi.yaml").read_text(encoding="utf-8"))
contract = json.loads((ROOT / "tests/vectors/contract.json").read_text(encoding="utf-8"))
cases = [case for name in json.loads((ROOT / "tests/vectors/index.json").read_text())["files"]
         for case in json.loads((ROOT / "tests/vectors" / name).read_text(encoding="utf-8"))]
schemas = spec["components"]["schemas"]


def cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def events() -> list[str]:
    lines = ["## Webhook event types", "",
             f"Peeker signs and posts {len(contract['events'])} event types. `construct_event` / `constructEvent` "
             "verifies a delivery and returns the event typed by its `type`; a type this version does not know "
             "arrives as `unknown`. Examples are the shared vectors' bodies (`tests/vectors/events.json`).", ""]
    for name in contract["events"]:
        operation = spec["webhooks"][name]["post"]
        schema = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        data = schemas[schema]["properties"]["data"]
        data_type = data["$ref"].rsplit("/", 1)[1] if "$ref" in data else data.get("type", "object")
        lines += [f"### `{name}`", "", f"{operation['summary']} `data`: `{data_type}`.", ""]
        example = next((c for c in cases if c.get("op") == "parse_event" and json.loads(c["body"]).get("type") == name
                        and "error" not in c.get("expect", {})), None)
        if example:
            lines += ["```json", json.dumps(json.loads(example["body"]), indent=2), "```", ""]
    return lines


def violation_example(code: str) -> str:
    for case in cases:
        for violation in case.get("expect", {}).get("violations", []) if isinstance(case.get("expect"), dict) else []:
            if violation.get("code") == code:
                return f"`{case['op']}`, *{cell(case['name'])}*: at `{violation.get('path', '')}`"
    sys.exit(f"reference.py: no shared vector reports the violation code {code}")


def names_error(value: object, code: str) -> bool:
    """Whether an expectation (any depth) names this error code."""
    if isinstance(value, dict):
        return any((key in ("error", "code") and item == code) or names_error(item, code) for key, item in value.items())
    return isinstance(value, list) and any(names_error(item, code) for item in value)


def error_example(code: str) -> str:
    case = next((c for c in cases if names_error(c.get("expect"), code)), None)
    if case:
        return f"`{case['op']}`, *{cell(case['name'])}*"
    if code == "internal_error":  # a bug by definition: no vector can produce it
        return "none: no input produces it"
    if code == "not_ready":  # the WebAssembly package's state, not an input: no vector can hold it
        return "a call before `await ready()` in a browser (`tests/js/bundlers.test.mjs`)"
    sys.exit(f"reference.py: no shared vector produces the error code {code}")


def codes() -> list[str]:
    violation = schemas["ViolationCode"]
    warnings = set(violation.get("x-peeker-warnings", []))
    lines = ["## Violation codes", "",
             "What `validate_*` report (every violation at once, each with a `path` like "
             "`personas[2].profile_picture_url`) and what a `ValidationError` carries. Example: a shared vector "
             "that reports the code (`tests/vectors/`).", "",
             "| code | severity | meaning | example |", "|---|---|---|---|"]
    for code in contract["violation_codes"]:
        severity = "warning" if code in warnings else "error"
        meaning = violation["x-enumDescriptions"][code].removeprefix("(warning) ")
        lines.append(f"| `{code}` | {severity} | {cell(meaning)} | {violation_example(code)} |")
    error = schemas["ErrorCode"]
    kind_of = {code: kind for kind, names in error["x-peeker-kinds"].items() for code in names}
    classes = {kind: cell(text.split(":")[0].strip("`'")) for kind, text in schemas["ErrorKind"]["x-enumDescriptions"].items()}
    lines += ["", "## Error codes", "",
              "The SDK's own errors: each is raised as the host's error class (under `PeekerError`) with this "
              "stable `code`. An `ApiError` otherwise carries Peeker's own `error.code` as sent.", "",
              "| code | class | meaning | example |", "|---|---|---|---|"]
    for code in contract["error_codes"]:
        kind = kind_of.get(code, "")
        lines.append(f"| `{code}` | `{classes.get(kind, kind)}` | {cell(error['x-enumDescriptions'][code])} | {error_example(code)} |")
    return lines


page = ["# Events and codes", "",
        "Generated from the contract (`spec/openapi.yaml`) and the shared vectors by `scripts/docs/reference.py`.", "",
        *events(), *codes(), ""]
Path(sys.argv[1]).write_text("\n".join(page), encoding="utf-8")
