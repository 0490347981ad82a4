"""The memory budget (spec/DECISIONS.md D9) in Python: each input of
tests/vectors/memory.json through the installed package, in a fresh process
per case (a legitimate one, marked `parses`, must give a result). The
process's peak resident memory (VmHWM, reset through
/proc/self/clear_refs once the input is ready) measures what the call adds,
the core's own allocations included (tracemalloc sees only Python's)."""

import json
import pathlib
import subprocess
import sys

import pytest

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors" / "memory.json"
DOC = json.loads(VECTORS.read_text())

ONE_CASE = r"""
import json, sys
import peeker_core as pc

doc = json.loads(open(sys.argv[1]).read())
case = doc["cases"][int(sys.argv[2])]
text = "".join(piece * count for piece, count in case["input"]["parts"])
body = text.encode()
secret, ts = doc["secret"], doc["timestamp"]
headers = {"Peeker-Signature": pc.sign_webhook(secret, ts, body), "Peeker-Timestamp": str(ts)}
value = json.loads(text) if case["function"] in ("validate_order", "order_body") else None
calls = {
    "canonicalize": lambda: pc.canonicalize(text),
    "parse_event": lambda: pc.parse_event(body),
    "construct_event": lambda: pc.construct_event(body, headers, secret, now=ts),
    "parse_response": lambda: pc.parse_response(doc["operation"], 200, {}, body),
    "validate_order": lambda: pc.validate_order(value),
    "order_body": lambda: pc.order_body(value),
}

def kb(field):
    line = next(l for l in open("/proc/self/status") if l.startswith(field + ":"))
    return int(line.split()[1]) * 1024

with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # the peak (VmHWM) starts again from the current size
before = kb("VmRSS")
try:
    calls[case["function"]]()
except pc.PeekerError as err:
    assert not case.get("parses") and not isinstance(err, pc.InternalError), err
print(json.dumps({"bytes": len(body), "peak": kb("VmHWM") - before}))
"""


@pytest.mark.parametrize("index", range(len(DOC["cases"])), ids=[c["name"] for c in DOC["cases"]])
def test_memory_budget(index: int) -> None:
    run = subprocess.run([sys.executable, "-c", ONE_CASE, str(VECTORS), str(index)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    measured = json.loads(run.stdout)
    budget = DOC["factor"] * measured["bytes"] + DOC["constant_bytes"]
    print(f"{DOC['cases'][index]['name']}: {measured['bytes'] / 1e6:.1f} MB in, +{measured['peak'] / 1e6:.1f} MB at the peak")
    # A legitimate input must parse (ONE_CASE fails otherwise); resident memory
    # counts its large result's Python objects too, so its peak is reported, not
    # held to the budget (spec/DECISIONS.md D9).
    if DOC["cases"][index].get("parses"):
        return
    assert measured["peak"] <= budget, f"peak +{measured['peak']} bytes over the budget of {budget}"
