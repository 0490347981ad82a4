"""Memory stays flat: one million verify_webhook and one million validate_order
calls through the Python package, with the resident set size read after a
warm-up and at the end. Run by scripts/bench.sh (not a test).
    python benchmarks/memory.py [calls]"""

import gc
import json
import resource
import sys
import time
from pathlib import Path

import peeker_core

CALLS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
WARMUP = 20_000


def rss_mb() -> float:
    # Current RSS from /proc (ru_maxrss would only ever grow).
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 1024 / 1024


order = json.loads((Path(__file__).parents[1] / "examples" / "order.json").read_text())
body = json.dumps({"id": "evt_mem", "type": "order.completed", "data": {"id": "ord_1", "note": "x" * 900}}).encode()
secret = "whsec_memory"
headers = {"Peeker-Timestamp": "1767225600", "Peeker-Signature": peeker_core.sign_webhook(secret, 1767225600, body)}


def round_(n: int) -> None:
    for _ in range(n):
        peeker_core.verify_webhook(body, headers, secret, now=1767225600)
        peeker_core.validate_order(order)


round_(WARMUP)
gc.collect()
before = rss_mb()
start = time.perf_counter()
round_(CALLS)
gc.collect()
after = rss_mb()
print(
    f"peeker_core (python): {CALLS:,} verify_webhook + {CALLS:,} validate_order in {time.perf_counter() - start:.1f} s; "
    f"RSS {before:.1f} MB after warm-up -> {after:.1f} MB at the end ({after - before:+.1f} MB)"
)
