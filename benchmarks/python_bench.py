"""Python: peeker_core against the libraries a Python user would pick instead,
all in this one process. Writes target/bench-results/python.json.

Same method as benchmarks/harness.mjs: warm up for WARM_MS, choose an iteration count so a
sample lasts at least SAMPLE_MS, take SAMPLES samples, report the median time
per call with the 25th and 75th percentiles.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import platform
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Dict, List

import canonicaljson
import jcs
import rfc8785
import standardwebhooks
import stripe
import svix.webhooks

import order_peers
import peeker_core

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "target" / "bench-inputs"
QUICK = os.environ.get("BENCH_QUICK") == "1"
SAMPLES, SAMPLE_MS, MAX_SECONDS, WARM_MS = (5, 3, 0.5, 5) if QUICK else (21, 25, 8, 150)

rows: List[Dict[str, Any]] = []
notes: List[str] = []


def measure(fn: Callable[[], object]) -> Dict[str, float]:
    clock = time.perf_counter_ns
    calls, warm_start = 0, clock()
    while True:  # warm up: call for WARM_MS
        fn()
        calls += 1
        if clock() - warm_start >= WARM_MS * 1e6 or calls >= 100000:
            break
    once = max((clock() - warm_start) / calls, 100)
    budget = MAX_SECONDS * 1e9 / SAMPLES
    iterations = max(1, min(int(SAMPLE_MS * 1e6 / once) + 1, int(budget / once)))
    per_call = []
    for _ in range(SAMPLES):
        start = clock()
        for _ in range(iterations):
            fn()
        per_call.append((clock() - start) / iterations)
    per_call.sort()

    def at(q: float) -> float:
        return per_call[min(len(per_call) - 1, round(q * (len(per_call) - 1)))]

    return {"median_ns": at(0.5), "p25_ns": at(0.25), "p75_ns": at(0.75), "samples": len(per_call), "iterations": iterations}


def run(workload: str, impl: str, fn: Callable[[], object], kind: str = "ours") -> None:
    result = measure(fn)
    rows.append({"workload": workload, "impl": impl, "kind": kind, **result})
    print(f"{workload:<42} {impl:<34} {result['median_ns'] / 1000:12.2f} µs  [{result['p25_ns'] / 1000:.2f}–{result['p75_ns'] / 1000:.2f}]", flush=True)


def raw(name: str) -> bytes:
    return (INPUTS / name).read_bytes()


# ---- canonicalize: text in, canonical bytes out (the peers take a value, so they get json.loads(text)) ----
CANON_PEERS: Dict[str, Callable[[str], bytes]] = {
    "rfc8785": lambda t: rfc8785.dumps(json.loads(t)),
    "jcs": lambda t: jcs.canonicalize(json.loads(t)),
    "canonicaljson": lambda t: canonicaljson.encode_canonical_json(json.loads(t)),
}
for size, file in (("1 KB", "canon-1k.json"), ("100 KB", "canon-100k.json"), ("5 MB", "canon-5m.json")):
    source = raw(file).decode("utf-8")
    workload = f"canonicalize {size}"
    expected = peeker_core.canonicalize(source).encode("utf-8")
    run(workload, "peeker_core", lambda: peeker_core.canonicalize(source))
    for impl, fn in CANON_PEERS.items():
        try:
            out = fn(source)
        except Exception as error:  # a peer that cannot handle the input at all
            notes.append(f"{impl} fails on {workload}: {type(error).__name__}: {error}")
            rows.append({"workload": workload, "impl": impl, "kind": "peer", "disagrees": True})
            print(f"{workload:<42} {impl:<34} FAILS (not timed)")
            continue
        if out != expected:
            at = next((i for i, (a, b) in enumerate(zip(out, expected)) if a != b), min(len(out), len(expected)))
            ours_part = expected[max(0, at - 24) : at + 24].decode("utf-8", "replace")
            theirs_part = out[max(0, at - 24) : at + 24].decode("utf-8", "replace")
            notes.append(f"{impl} disagrees with peeker_core on {workload} at byte {at}: ours {ours_part!r}, theirs {theirs_part!r}")
            rows.append({"workload": workload, "impl": impl, "kind": "peer", "disagrees": True})
            print(f"{workload:<42} {impl:<34} DISAGREES (not timed)")
            continue
        run(workload, impl, lambda fn=fn: fn(source), "peer")

# ---- verify_webhook: raw body bytes + headers, valid and wrong signature ----
manifest = json.loads(raw("manifest.json"))
secret: str = manifest["webhook_secret"]
sw_key = base64.b64decode(secret.removeprefix("whsec_"))


def flip(hex_digest: str) -> str:
    return hex_digest[:-1] + ("1" if hex_digest[-1] == "0" else "0")


for size, file in (("1 KB", "webhook-1k.json"), ("64 KB", "webhook-64k.json"), ("1 MB", "webhook-1m.json")):
    body = raw(file)
    ts = int(time.time())
    mac = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    if peeker_core.sign_webhook(secret, ts, body) != f"v1={mac}":
        raise SystemExit("sign_webhook disagrees with hmac + hashlib")
    msg_id = "msg_bench"
    sw_sig = hmac.new(sw_key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()
    for valid in (True, False):
        workload = f"verify_webhook {size} {'valid' if valid else 'wrong sig'}"
        hex_sig = mac if valid else flip(mac)
        headers = {"peeker-signature": f"v1={hex_sig}", "peeker-timestamp": str(ts)}
        sig = sw_sig if valid else bytes([sw_sig[0] ^ 1]) + sw_sig[1:]
        sw_headers = {"webhook-id": msg_id, "webhook-timestamp": str(ts), "webhook-signature": f"v1,{base64.b64encode(sig).decode()}"}
        svix_headers = {"svix-id": msg_id, "svix-timestamp": str(ts), "svix-signature": f"v1,{base64.b64encode(sig).decode()}"}
        stripe_header = f"t={ts},v1={hex_sig}"

        def expect(fn: Callable[[], object], workload: str = workload, valid: bool = valid) -> Callable[[], None]:
            try:
                fn()
                ok = True
            except Exception:
                ok = False
            if ok != valid:
                raise SystemExit(f"{workload}: an implementation said {ok}")

            def call() -> None:
                try:
                    fn()
                except Exception:
                    pass

            return call

        run(workload, "peeker_core", expect(lambda: peeker_core.verify_webhook(body, headers, secret, now=ts)))

        def floor(headers: Dict[str, str] = headers, body: bytes = body) -> None:
            given = bytes.fromhex(headers["peeker-signature"][3:])
            computed = hmac.new(secret.encode(), headers["peeker-timestamp"].encode() + b"." + body, hashlib.sha256).digest()
            if not hmac.compare_digest(given, computed):
                raise ValueError("mismatch")

        run(workload, "hmac + hashlib (floor)", expect(floor), "floor")
        sw = standardwebhooks.Webhook(secret)
        run(workload, "standardwebhooks", expect(lambda: sw.verify(body, sw_headers)), "peer")
        sx = svix.webhooks.Webhook(secret)
        run(workload, "svix", expect(lambda: sx.verify(body, svix_headers)), "peer")
        run(workload, "stripe", expect(lambda: stripe.WebhookSignature.verify_header(body, stripe_header, secret, tolerance=300)), "peer")

# ---- validate_order: ours (every violation) vs a pydantic v2 model and msgspec structs of the same rules (order_peers.py) ----
big_order = json.loads(raw("order-500.json"))
big_bundle = json.loads(raw("order-500-bundle.json"))
big_availability = json.loads(raw("order-500-availability.json"))
plain = {"pydantic": order_peers.pydantic_issues, "msgspec": order_peers.msgspec_issues}
cases = [
    ("validate_order example (valid)", json.loads(raw("order-valid.json")), {}, plain),
    ("validate_order 8 violations", json.loads(raw("order-8.json")), {}, plain),
    # Our availability prepared once, outside the timed calls, as the peers index the rows once.
    ("validate_order 500 domains + availability", big_order,
     {"bundle": big_bundle, "availability": peeker_core.prepare_availability(big_availability)},
     {name: order_peers.with_context(peer, big_bundle, big_availability) for name, peer in plain.items()}),
]
for workload, order, context, peers in cases:
    ours = len(peeker_core.validate_order(order, **context).violations)
    # Checked before timing: each peer reports exactly as many issues as we find violations.
    found = {name: len(peer(order)) for name, peer in peers.items()}
    if any(n != ours for n in found.values()):
        raise SystemExit(f"{workload}: peeker_core finds {ours} violations, " + ", ".join(f"{name} {n}" for name, n in found.items()))
    notes.append(f"{workload}: peeker_core finds {ours} violations; {' and '.join(peers)} report {ours} issues each (checked before timing)")
    run(workload, "peeker_core", lambda order=order, context=context: peeker_core.validate_order(order, **context))
    for name, peer in peers.items():
        run(workload, name, lambda order=order, peer=peer: peer(order), "peer")

# ---- order_body + dedupe_key on the 1 KB order; the trivial call ----
order1k = json.loads(raw("order-1k.json"))
run("order_body + dedupe_key 1 KB", "peeker_core", lambda: peeker_core.dedupe_key(peeker_core.order_body(order1k)))
run("order_body + dedupe_key 1 KB", "json.dumps + sha256 (not RFC 8785)",
    lambda: hashlib.sha256(json.dumps(order1k, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest(), "floor")
run("trivial call: dedupe_window", "peeker_core", lambda: peeker_core.dedupe_window(0, 1))
run("trivial call: canonicalize('1')", "peeker_core", lambda: peeker_core.canonicalize("1"))
run("trivial call: dedupe_window", "plain Python function (reference)", lambda: {"inside": True, "expires_at": 86400, "remaining_seconds": 86399}, "floor")

versions = {"python": platform.python_version(), "peeker_core": peeker_core.VERSION}
for dist in ("rfc8785", "jcs", "canonicaljson", "standardwebhooks", "svix", "stripe", "pydantic", "pydantic_core", "msgspec"):
    versions[dist] = metadata.version(dist)
out = ROOT / "target" / "bench-results"
out.mkdir(parents=True, exist_ok=True)
settings = {"samples": SAMPLES, "sampleMs": SAMPLE_MS, "maxSeconds": MAX_SECONDS, "warmMs": WARM_MS}
(out / "python.json").write_text(json.dumps({"host": "python", "quick": QUICK, "settings": settings, "versions": versions, "notes": notes, "rows": rows}, indent=1))
for note in notes:
    print(f"note: {note}")
sys.exit(0)
