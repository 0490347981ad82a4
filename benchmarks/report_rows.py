"""Reading one run's rows (target/bench-results/<host>.json) for report.py and
report_targets.py: times, ratios, the fastest peer of a workload, throughput."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "target" / "bench-results"
# The input each sized workload reads (benchmarks/inputs.mjs), by kind and size label.
INPUT_FILES = {
    ("canonicalize", "1 KB"): "canon-1k.json",
    ("canonicalize", "100 KB"): "canon-100k.json",
    ("canonicalize", "5 MB"): "canon-5m.json",
    ("verify_webhook", "1 KB"): "webhook-1k.json",
    ("verify_webhook", "64 KB"): "webhook-64k.json",
    ("verify_webhook", "1 MB"): "webhook-1m.json",
}


def fmt(ns: float) -> str:
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


def ratio(x: float) -> str:
    return f"{x:.2f}×" if x < 10 else f"{x:.1f}×"


def load(host: str) -> Optional[Dict[str, Any]]:
    path = RESULTS / f"{host}.json"
    return json.loads(path.read_text()) if path.exists() else None


def input_sizes() -> Dict[str, int]:
    """Bytes of each input file, from the manifest inputs.mjs wrote (none: no throughput)."""
    manifest = ROOT / "target" / "bench-inputs" / "manifest.json"
    return json.loads(manifest.read_text())["files"] if manifest.exists() else {}


def throughput(workload: str, ns: float, sizes: Dict[str, int]) -> str:
    """What a reader thinks in: canonicalize and verify_webhook in MB/s (GB/s from 1,000 MB/s), validate_order in orders/s."""
    if workload.startswith("validate_order"):
        return f"{1e9 / ns:,.0f} orders/s"
    m = re.match(r"(canonicalize|verify_webhook) (\d+ [KM]B)", workload)
    size = sizes.get(INPUT_FILES.get((m.group(1), m.group(2)), "")) if m else None
    if not size:
        return ""
    mb_per_s = size / ns * 1e3  # bytes per ns = 10^9 bytes per s
    return f"{mb_per_s / 1e3:.2f} GB/s" if mb_per_s >= 1e3 else f"{mb_per_s:,.0f} MB/s"


def workloads(data: Dict[str, Any]) -> List[str]:
    seen: List[str] = []
    for row in data["rows"]:
        if row["workload"] not in seen:
            seen.append(row["workload"])
    return seen


def timed(data: Dict[str, Any], workload: str, kind: Optional[str] = None) -> List[Dict[str, Any]]:
    return [r for r in data["rows"] if r["workload"] == workload and "median_ns" in r and (kind is None or r["kind"] == kind)]


def fastest(rows: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    return min(rows, key=lambda r: r["median_ns"]) if rows else None


def find(data: Optional[Dict[str, Any]], workload: str, impl: str) -> Optional[Dict[str, Any]]:
    if data is None:
        return None
    return next((r for r in data["rows"] if r["workload"] == workload and r["impl"] == impl and "median_ns" in r), None)
