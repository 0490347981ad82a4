"""The instruction-count guard: the Rust core paths run under
`valgrind --tool=callgrind`, whose instruction counts repeat on a loaded
machine where wall-clock time does not.

Each row is one workload of benchmarks/rust (BENCH_ONLY + BENCH_EXACT +
BENCH_CALLS), counted only inside its `counted` loop (--toggle-collect), and
divided by the number of calls. The counts go to
target/bench-results/instructions.json (report.py puts them next to the
machine facts) and are compared with benchmarks/baseline/instructions.json:
every row more than 10% worse is printed. The exit status stays 0: a
benchmark reports, the test command decides.

    python3 benchmarks/instructions.py             compare with the baseline
    python3 benchmarks/instructions.py --baseline  also write the baseline
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target/bench-rust/release/peeker-core-bench"
BASELINE = ROOT / "benchmarks/baseline/instructions.json"
RESULT = ROOT / "target/bench-results/instructions.json"
WORSE = 1.10

# (row name, benchmarks/rust workload, implementation, calls). Calls are chosen so
# that a row runs for a few seconds under callgrind; startup is not counted.
ROWS = [
    ("trivial call (dedupe_window)", "trivial call: dedupe_window", "peeker-core", 10_000),
    ("validate_order example", "validate_order example (valid)", "peeker-core", 1_000),
    ("validate_order 8 violations", "validate_order 8 violations", "peeker-core", 1_000),
    ("validate_order 8 violations, report serialized", "validate_order 8 violations",
     "peeker-core report serialized (as the bindings)", 1_000),
    ("validate_order 500 domains + availability", "validate_order 500 domains + availability", "peeker-core", 20),
    ("validate_order 500 domains, context from host values + report",
     "validate_order 500 domains + availability",
     "peeker-core host::Context + report serialized (as the bindings)", 20),
    ("validate_order example, JSON text in and out (as the native Node package)", "validate_order example (valid)",
     "peeker-core host::validate_order_text (JSON text in and out, as the native Node package)", 1_000),
    ("validate_order 500 domains, JSON text in and out (as the native Node package)",
     "validate_order 500 domains + availability",
     "peeker-core host::validate_order_text (JSON text in and out, as the native Node package)", 20),
    ("validate_order 500 domains, JSON text in and out, prepared availability (as the native Node package)",
     "validate_order 500 domains + availability",
     "peeker-core host::validate_order_text, prepared availability (as the native Node package)", 20),
    ("canonicalize 1 KB", "canonicalize 1 KB", "peeker-core", 1_000),
    ("canonicalize 100 KB", "canonicalize 100 KB", "peeker-core", 20),
    ("canonicalize 5 MB", "canonicalize 5 MB", "peeker-core", 2),
    ("verify_webhook 1 KB", "verify_webhook 1 KB valid", "peeker-core", 1_000),
    ("verify_webhook 1 MB", "verify_webhook 1 MB valid", "peeker-core", 5),
]


def count(workload: str, implementation: str, calls: int) -> int:
    """Instructions per call, rounded."""
    env = dict(os.environ, BENCH_ONLY=f"{workload} {implementation}", BENCH_EXACT="1", BENCH_CALLS=str(calls))
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", "--collect-atstart=no",
         "--toggle-collect=*peeker_core_bench::counted*", str(BINARY)],
        env=env, capture_output=True, text=True, check=True)
    if "called" not in run.stdout:
        sys.exit(f"instructions: benchmarks/rust has no workload {workload!r} / {implementation!r}")
    found = re.search(r"Collected : (\d+)", run.stderr)
    if not found:
        sys.exit(f"instructions: no callgrind count for {workload!r}:\n{run.stderr[-2000:]}")
    return round(int(found.group(1)) / calls)


def main() -> None:
    if not BINARY.exists():
        sys.exit(f"instructions: build {BINARY.relative_to(ROOT)} first (scripts/bench.sh does)")
    version = subprocess.run(["valgrind", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    rows = {}
    for name, workload, implementation, calls in ROWS:
        rows[name] = count(workload, implementation, calls)
        print(f"{name:<66} {rows[name]:>14,} instructions per call")
    result = {"valgrind": version, "rows": rows}
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=1) + "\n")
    if "--baseline" in sys.argv:
        BASELINE.parent.mkdir(parents=True, exist_ok=True)
        BASELINE.write_text(json.dumps(result, indent=1) + "\n")
        print(f"wrote {BASELINE.relative_to(ROOT)}")
        return
    baseline = json.loads(BASELINE.read_text())["rows"] if BASELINE.exists() else {}
    worse = [(name, baseline[name], n) for name, n in rows.items() if name in baseline and n > baseline[name] * WORSE]
    for name, before, now in worse:
        print(f"instructions: WORSE by more than 10%: {name}: {before:,} -> {now:,} ({now / before:.2f}x)")
    missing = sorted(set(rows) - set(baseline))
    if missing:
        print(f"instructions: not in the baseline: {', '.join(missing)}")
    if not worse:
        print(f"instructions: no row more than 10% worse than {BASELINE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
