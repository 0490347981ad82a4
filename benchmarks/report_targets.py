"""The targets of issue 16, judged from one run's rows: (target, hit/missed, what was measured)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from report_rows import find, fastest, fmt, timed, workloads

Results = Dict[str, Optional[Dict[str, Any]]]
Row = Tuple[str, str, str]
NODE = ["peeker-core-native", "peeker-core (wasm)"]


def verdict(ok: bool) -> str:
    return "**hit**" if ok else "**missed**"


def against(ours: Dict[str, Any], other: Dict[str, Any]) -> str:
    """`N× faster than X (ours vs theirs)`, or SLOWER."""
    speedup = other["median_ns"] / ours["median_ns"]
    times = f"({fmt(ours['median_ns'])} vs {fmt(other['median_ns'])})"
    return f"{speedup:.2f}× faster than {other['impl']} {times}" if speedup >= 1 else f"{1 / speedup:.2f}× SLOWER than {other['impl']} {times}"


def canonicalize(node: Optional[Dict[str, Any]], python: Optional[Dict[str, Any]]) -> List[Row]:
    """≥ 5× the fastest agreeing peer in Python and Node native, ≥ 2× for the wasm package in Node; every size."""
    out: List[Row] = []
    for data, impls in ((node, [("peeker-core-native", 5), ("peeker-core (wasm)", 2)]), (python, [("peeker_core", 5)])):
        if data is None:
            continue
        for size in ("1 KB", "100 KB", "5 MB"):
            workload = f"canonicalize {size}"
            peer = fastest(timed(data, workload, "peer"))
            for impl, times in impls:
                ours = find(data, workload, impl)
                if ours and peer:
                    ok = peer["median_ns"] / ours["median_ns"] >= times
                    out.append((f"canonicalize ≥ {times}× faster than the fastest peer: {data['host']} {impl}, {size}", verdict(ok), against(ours, peer)))
    return out


def verify(results: Results) -> List[Row]:
    """1 MB within 1.3× (native) / 2× (WebAssembly) of the host's HMAC, and faster than every webhook library."""
    out: List[Row] = []
    node, python, rust, browser = (results.get(h) for h in ("node", "python", "rust", "browser"))
    checks = [(node, "peeker-core-native", 1.3), (node, "peeker-core (wasm)", 2.0), (python, "peeker_core", 1.3), (rust, "peeker-core", 1.3), (browser, "peeker-core (wasm)", 2.0)]
    for data, impl, limit in checks:
        if data is None:
            continue
        for validity in ("valid", "wrong sig"):
            workload = f"verify_webhook 1 MB {validity}"
            ours, floor = find(data, workload, impl), fastest(timed(data, workload, "floor"))
            if ours and floor:
                r = ours["median_ns"] / floor["median_ns"]
                out.append((f"verify_webhook 1 MB ({validity}) within {limit}× of {floor['impl']}: {data['host']} {impl}", verdict(r <= limit), f"{r:.2f}× the floor ({fmt(ours['median_ns'])} vs {fmt(floor['median_ns'])})"))
    for data, impls in ((node, NODE), (python, ["peeker_core"])):
        if data is None:
            continue
        for impl in impls:
            for workload in [w for w in workloads(data) if w.startswith("verify_webhook")]:
                ours, peer = find(data, workload, impl), fastest(timed(data, workload, "peer"))
                if ours and peer:
                    r = peer["median_ns"] / ours["median_ns"]
                    out.append((f"verify_webhook faster than every webhook library: {data['host']} {impl}, {workload[15:]}", verdict(r > 1),
                                f"{r:.2f}× faster than {peer['impl']}" if r > 1 else f"{1 / r:.2f}× slower than {peer['impl']}"))
    return out


def validate(results: Results) -> List[Row]:
    """Faster than the fastest peer (zod or valibot; pydantic or msgspec) on every input, every host."""
    out: List[Row] = []
    hosts = (("node", NODE), ("python", ["peeker_core"]), ("browser", ["peeker-core (wasm)"]))
    for host, impls in hosts:
        data = results.get(host)
        if data is None:
            continue
        for workload in [w for w in workloads(data) if w.startswith("validate_order")]:
            peer = fastest(timed(data, workload, "peer"))
            for impl in impls:
                ours = find(data, workload, impl)
                if ours and peer:
                    ok = ours["median_ns"] < peer["median_ns"]
                    out.append((f"{workload[15:]} faster than the fastest peer: {host} {impl}", verdict(ok), against(ours, peer)))
    return out


def trivial(results: Results) -> List[Row]:
    """A trivial call ≤ 1 µs through every binding."""
    out: List[Row] = []
    for host, impls in (("python", ["peeker_core"]), ("node", NODE), ("browser", ["peeker-core (wasm)"])):
        data = results.get(host)
        if data is None:
            continue
        for workload in [w for w in workloads(data) if w.startswith("trivial call")]:
            for impl in impls:
                ours = find(data, workload, impl)
                if ours:
                    out.append((f"{workload} ≤ 1 µs: {host} {impl}", verdict(ours["median_ns"] <= 1000), fmt(ours["median_ns"])))
    return out


def targets(results: Results) -> List[Row]:
    return canonicalize(results.get("node"), results.get("python")) + verify(results) + validate(results) + trivial(results)
