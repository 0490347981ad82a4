"""The host-value vectors (tests/vectors/host-values.json, spec/DECISIONS.md D14):
inputs built as Python values, not JSON text, with what the package must give
for them, the same as the JavaScript packages where the value exists there."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from typing import Any, Callable, Dict

import pytest

import peeker_core
from peeker_core import PeekerError

VECTORS = Path(os.environ.get("PEEKER_VECTORS") or Path(__file__).parent / "../../tests/vectors").resolve()
CASES = json.loads((VECTORS / "host-values.json").read_text(encoding="utf-8"))["cases"]

# Kinds that only JavaScript has: Python skips their cases.
JS_ONLY = {"map", "boxed", "undefined", "symbol_key", "null_prototype"}


class Instance:
    def __init__(self) -> None:
        self.a = 1


def kinds(spec: Any) -> set:
    if isinstance(spec, list):
        return set().union(*map(kinds, spec)) if spec else set()
    if isinstance(spec, dict):
        own = {spec["$"]} if "$" in spec else set()
        return own.union(*map(kinds, spec.values()))
    return set()


def build(spec: Any) -> Any:
    """The Python value a vector's value stands for (see the file's description)."""
    if isinstance(spec, list):
        return [build(item) for item in spec]
    if not isinstance(spec, dict):
        return spec
    if "$" not in spec:
        return {key: build(value) for key, value in spec.items()}
    kind = spec["$"]
    if kind == "number":
        return float(spec["text"])
    if kind == "int":
        return int(spec["text"])
    if kind == "utf16":
        units = b"".join(unit.to_bytes(2, "little") for unit in spec["units"])
        return units.decode("utf-16-le", "surrogatepass")
    if kind == "object":
        return {build(spec["key"]): build(spec["value"])}
    if kind == "nested":
        value = build(spec["leaf"])
        for _ in range(spec["depth"]):
            value = [value]
        return value
    if kind == "cycle":
        loop: Dict[str, Any] = {"a": []}
        loop["a"].append(loop)
        return loop
    simple: Dict[str, Callable[[], Any]] = {
        "date": lambda: datetime.datetime(1970, 1, 1),
        "set": lambda: {1},
        "bytes": lambda: b"\x01",
        "instance": Instance,
        "function": lambda: (lambda: 1),
    }
    return simple[kind]()


CALLS: Dict[str, Callable[[Any], Any]] = {
    "order_body": lambda value: peeker_core.order_body(value).decode("utf-8"),
    "verify_webhook_body": lambda value: peeker_core.verify_webhook(value, {}, "whsec_x", now=1),
    "sign_webhook_secret": lambda value: peeker_core.sign_webhook(value, 1, b"{}"),
    "canonicalize": peeker_core.canonicalize,
}


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_host_value(case: Dict[str, Any]) -> None:
    if kinds(case["value"]) & JS_ONLY:
        pytest.skip("a JavaScript value with no Python counterpart")
    expect = case["expect"]
    call = CALLS[case["function"]]
    if "error" not in expect:
        assert call(build(case["value"])) == expect["body"]
        return
    with pytest.raises(PeekerError) as raised:
        call(build(case["value"]))
    assert raised.value.code == expect["error"], raised.value.message
