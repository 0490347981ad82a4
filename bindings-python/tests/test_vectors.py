"""Runs every case of tests/vectors/ against the installed package, one test per
case, like core/tests/vectors.rs does for Rust."""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path
from typing import Any, Callable

import pytest

import peeker_core
from peeker_core import DEFAULT_TOLERANCE_SECONDS, PeekerError

VECTORS = Path(os.environ.get("PEEKER_VECTORS") or Path(__file__).parent / "../../tests/vectors").resolve()
RFC8785 = VECTORS / "rfc8785"
INDEX = json.loads((VECTORS / "index.json").read_text(encoding="utf-8"))


def load_cases() -> list[Any]:
    params = []
    for file in INDEX["files"]:
        cases = json.loads((VECTORS / file).read_text(encoding="utf-8"))
        assert cases, f"no cases in {file}"
        params += [pytest.param(case, id=f"{file}: {case['name']}") for case in cases]
    return params


# The class each code must raise: the families of core/src/error.rs, restated
# here so the test checks the binding's mapping independently.
FAMILIES: dict[type[PeekerError], set[str]] = {
    peeker_core.ConfigError: {"invalid_api_key", "invalid_base_url", "invalid_argument"},
    peeker_core.JsonError: {
        "invalid_json", "duplicate_key", "number_out_of_range", "invalid_string", "too_deep", "too_large",
    },
    peeker_core.WebhookError: {
        "missing_header", "invalid_header", "timestamp_too_old", "timestamp_in_future",
        "signature_mismatch", "no_supported_signature", "invalid_payload",
    },
}


def error_class(code: str) -> type[PeekerError]:
    [cls] = [cls for cls, codes in FAMILIES.items() if code in codes]
    return cls


def expect(case: dict[str, Any], call: Callable[[], Any], check: Callable[[dict[str, Any], Any], bool]) -> None:
    expected = case["expect"]
    if "error" in expected:
        with pytest.raises(PeekerError) as info:
            call()
        assert info.value.code == expected["error"], str(info.value)
        assert type(info.value) is error_class(expected["error"])
    else:
        value = call()
        assert check(expected, value), f"got {value!r}"


@pytest.mark.parametrize("case", load_cases())
def test_vector(case: dict[str, Any]) -> None:
    op = case["op"]
    if op == "canonicalize":
        expect(case, lambda: peeker_core.canonicalize(case["input"]), lambda e, out: e["output"] == out)
    elif op == "sign":
        expect(
            case,
            lambda: peeker_core.sign_webhook(secret=case["secret"], timestamp=case["timestamp"], body=case["body"]),
            lambda e, signature: e["signature"] == signature,
        )
    elif op == "verify":
        expect(
            case,
            lambda: peeker_core.verify_webhook(
                body=case["body"].encode("utf-8"),
                headers=[(name, value) for name, value in case["headers"]],
                secrets=case["secrets"],
                now=case["now"],
                tolerance=case.get("tolerance", DEFAULT_TOLERANCE_SECONDS),
            ),
            lambda e, v: (v.timestamp, v.event_id) == (e["ok"]["timestamp"], e["ok"].get("event_id")),
        )
    else:
        pytest.fail(f"unknown op {op}")


@pytest.mark.parametrize("name", INDEX["samples"])
def test_rfc8785_sample(name: str) -> None:
    out = peeker_core.canonicalize((RFC8785 / "input" / f"{name}.json").read_text(encoding="utf-8"))
    assert out == (RFC8785 / "output" / f"{name}.json").read_text(encoding="utf-8")
    outhex = (RFC8785 / "outhex" / f"{name}.txt").read_text(encoding="utf-8")
    assert out.encode("utf-8").hex() == "".join(outhex.split())


def test_rfc8785_es6_numbers() -> None:
    """Every line of es6-numbers.txt: the double with those IEEE bits, written by
    repr() (shortest round trip), canonicalizes to the ECMAScript form."""
    checked = 0
    with open(VECTORS / INDEX["numbers"], encoding="utf-8") as lines:
        for line in lines:
            bits, expected = line.rstrip("\n").split(",", 1)
            value = struct.unpack(">d", bytes.fromhex(bits.rjust(16, "0")))[0]
            out = peeker_core.canonicalize(repr(value))
            assert out == expected, f"{bits}: got {out}, expected {expected}"
            checked += 1
    assert checked >= 20_000, f"only {checked} lines"
