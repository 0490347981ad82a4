"""Writes docs/benchmarks/README.md (tables, targets, machine, versions) and
one PNG chart per host from target/bench-results/*.json. Run by scripts/bench.sh
in the bench venv (it needs matplotlib)."""

from __future__ import annotations

import datetime
import json
import os
import platform
import re
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import matplotlib
from report_rows import RESULTS, ROOT, fastest, fmt, input_sizes, load, ratio, throughput, timed, workloads
from report_targets import targets

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks"
HOSTS = [
    ("node", "Node (both npm packages)"),
    ("python", "Python"),
    ("rust", "Rust"),
    ("browser", "Chromium (WebAssembly)"),
]
OURS_COLOR, PEER_COLOR, FLOOR_COLOR = "#1f77b4", "#ff7f0e", "#7f7f7f"


def table(data: Dict[str, Any], sizes: Dict[str, int]) -> str:
    lines = [
        "| workload | implementation | median | p25–p75 | throughput | × fastest peer | × floor |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for workload in workloads(data):
        best_peer = fastest(timed(data, workload, "peer"))
        floor = fastest(timed(data, workload, "floor"))
        for row in data["rows"]:
            if row["workload"] != workload:
                continue
            name = row["impl"] if row["kind"] != "ours" else f"**{row['impl']}**"
            if "median_ns" not in row:
                lines.append(f"| {workload} | {name} | disagrees: not timed | | | | |")
                continue
            vs_peer = ratio(row["median_ns"] / best_peer["median_ns"]) if best_peer else "no peer"
            vs_floor = ratio(row["median_ns"] / floor["median_ns"]) if floor and row["kind"] != "floor" else ""
            lines.append(
                f"| {workload} | {name} | {fmt(row['median_ns'])} | {fmt(row['p25_ns'])}–{fmt(row['p75_ns'])} | "
                f"{throughput(workload, row['median_ns'], sizes)} | {vs_peer} | {vs_floor} |"
            )
    return "\n".join(lines)


def chart(host: str, title: str, data: Dict[str, Any]) -> str:
    labels, values, colors, errors = [], [], [], []
    for workload in workloads(data):
        for row in timed(data, workload):
            labels.append(f"{workload.replace(' + availability', ' + rows')} — {row['impl']}")
            values.append(row["median_ns"] / 1e3)
            errors.append([(row["median_ns"] - row["p25_ns"]) / 1e3, (row["p75_ns"] - row["median_ns"]) / 1e3])
            colors.append({"ours": OURS_COLOR, "peer": PEER_COLOR, "floor": FLOOR_COLOR}[row["kind"]])
    height = max(3.0, 0.24 * len(labels) + 1.2)
    fig, ax = plt.subplots(figsize=(11, height))
    y = list(range(len(labels)))[::-1]
    ax.barh(y, values, color=colors, xerr=list(zip(*errors)), error_kw={"elinewidth": 0.8, "capsize": 1.5})
    ax.set_yticks(y, labels, fontsize=7.5)
    ax.set_xscale("log")
    ax.set_xlabel("median time per call, µs (log scale; whiskers: 25th–75th percentile)")
    ax.set_title(f"{title}: peeker-core (blue), peers (orange), floor/reference (grey)", fontsize=10)
    ax.grid(axis="x", which="both", alpha=0.3)
    for yy, v in zip(y, values):
        ax.text(v * 1.08, yy, f"{v:,.2f}", va="center", fontsize=6.5)
    fig.tight_layout()
    name = f"{host}.png"
    fig.savefig(DOCS / name, dpi=110)
    plt.close(fig)
    return name


def summary(results: Dict[str, Optional[Dict[str, Any]]], sizes: Dict[str, int]) -> str:
    """Every row of ours against the fastest agreeing peer (or the floor where there is no peer)."""
    lines = [
        "| host | workload | ours | median | throughput | fastest peer (or floor) | its median | ours ÷ it |",
        "| --- | --- | --- | ---: | ---: | --- | ---: | ---: |",
    ]
    for host, _ in HOSTS:
        data = results.get(host)
        if data is None:
            continue
        for workload in workloads(data):
            other = fastest(timed(data, workload, "peer")) or fastest(timed(data, workload, "floor"))
            for row in timed(data, workload, "ours"):
                ours = f"| {host} | {workload} | {row['impl']} | {fmt(row['median_ns'])} | {throughput(workload, row['median_ns'], sizes)} |"
                if other is None:
                    lines.append(f"{ours} none | | |")
                    continue
                lines.append(f"{ours} {other['impl']} | {fmt(other['median_ns'])} | {ratio(row['median_ns'] / other['median_ns'])} |")
    return "\n".join(lines)


def machine() -> List[Tuple[str, str]]:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.*)$", cpuinfo, re.M)
    mhz = re.search(r"^cpu MHz\s*:\s*(.*)$", cpuinfo, re.M)
    flags = re.search(r"^flags\s*:\s*(.*)$", cpuinfo, re.M)
    flag_set = set(flags.group(1).split()) if flags else set()
    mem = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
    osname = re.search(r'^PRETTY_NAME="(.*)"', Path("/etc/os-release").read_text(), re.M)
    return [
        ("cores (nproc)", str(os.cpu_count())),
        ("CPU model (/proc/cpuinfo)", model.group(1) if model else "unknown"),
        ("CPU MHz (/proc/cpuinfo)", mhz.group(1) if mhz else "unknown"),
        ("SHA extensions (sha_ni)", "yes" if "sha_ni" in flag_set else "no"),
        ("memory", f"{int(mem.group(1)) / 1024 / 1024:.1f} GiB" if mem else "unknown"),
        ("OS / kernel", f"{osname.group(1) if osname else '?'} / {platform.release()}"),
    ]


def instructions() -> str:
    """The callgrind counts of this run (benchmarks/instructions.py) against the committed baseline."""
    run = RESULTS / "instructions.json"
    if not run.exists():
        return "## Instructions per call (callgrind)\n\nNot run (no `target/bench-results/instructions.json`).\n"
    now = json.loads(run.read_text())
    baseline_file = ROOT / "benchmarks" / "baseline" / "instructions.json"
    base = json.loads(baseline_file.read_text())["rows"] if baseline_file.exists() else {}
    lines = ["| Rust core path | instructions per call | baseline | × baseline |", "| --- | ---: | ---: | ---: |"]
    for name, n in now["rows"].items():
        b = base.get(name)
        flag = " **(> 1.10)**" if b and n > b * 1.1 else ""
        lines.append(f"| {name} | {n:,} | {f'{b:,}' if b else ''} | {f'{n / b:.2f}{flag}' if b else ''} |")
    return ("## Instructions per call (callgrind)\n\n`benchmarks/instructions.py`: each Rust core path under "
            f"`valgrind --tool=callgrind` ({now['valgrind']}), counted inside its call loop only, against "
            "`benchmarks/baseline/instructions.json`. Counts repeat on a loaded machine where times do not; "
            "a row more than 10% above its baseline is marked.\n\n" + "\n".join(lines) + "\n")


def cargo_lock_versions(names: List[str]) -> Dict[str, str]:
    text = (ROOT / "benchmarks" / "rust" / "Cargo.lock").read_text()
    found = {}
    for name in names:
        m = re.search(rf'name = "{re.escape(name)}"\nversion = "([^"]+)"', text)
        if m:
            found[name] = m.group(1)
    return found


def command_version(*cmd: str) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[0]
    except Exception:
        return "unknown"


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    results = {host: load(host) for host, _ in HOSTS}
    sizes = input_sizes()
    background = os.environ.get("BENCH_BACKGROUND", "").strip()
    started = os.environ.get("BENCH_STARTED", "")
    parts: List[str] = []
    parts.append("# Benchmarks: peeker-core side by side with the libraries users would pick instead\n")
    parts.append(
        "Generated by `scripts/bench.sh` (not part of the test command) from one run: every host's numbers "
        "below come from one process per host, ours and the peers measured in the same process on the same "
        f"inputs. Run started {started or 'unknown'}, report written {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC.\n"
    )
    load_start, load_end = os.environ.get("BENCH_LOAD_START"), os.environ.get("BENCH_LOAD_END")
    if load_start:
        parts.append(f"Load average (1, 5, 15 min) when the run started: {load_start}; when the measurements ended: {load_end or '?'} "
                     "(2 cores: a load above ~1 means something else was running).\n")
    quick = [h for h, _ in HOSTS if results.get(h) and results[h].get("quick")]
    if quick:
        parts.append(f"> **Quick mode (BENCH_QUICK=1) for {', '.join(quick)}: few samples, numbers are rough.**\n")
    if background:
        parts.append(f"> **A background job was running during this run** ({background}); it ran at nice 19, "
                     "but on 2 cores it still takes cache and memory bandwidth: absolute numbers are somewhat pessimistic, ratios less so.\n")
    parts.append(
        "## How to run\n\n"
        "```sh\n"
        "scripts/bench.sh                         # everything: setup, build, inputs, every host, this file and the charts\n"
        "BENCH_QUICK=1 scripts/bench.sh           # a rough run with few samples (development)\n"
        "BENCH_HOSTS=\"node python\" scripts/bench.sh   # some hosts only (node, python, rust, browser)\n"
        "```\n\n"
        "Sources: `benchmarks/` (`inputs.mjs`, `harness.mjs`, `node.mjs`, `python_bench.py`, `rust/`, `browser.mjs`, "
        "`report.py`, `report_rows.py`, `report_targets.py`, `order-rules.mjs`, `zod-order.mjs`, `valibot-order.mjs`, "
        "`order_peers.py`, `FINDINGS.md`); raw results land in `target/bench-results/*.json`.\n"
    )
    parts.append(
        "## Method\n\n"
        "- Inputs: `benchmarks/inputs.mjs` writes them to `target/bench-inputs/` from a fixed seed (mulberry32, seed "
        "`0x5eed7007`), so every run and every host measure the same bytes:\n"
        "  - canonicalize: `canon-1k.json` (Peeker's example order grown to 24 domains, two personas, forwarding URLs; "
        "pretty-printed), `canon-100k.json` (1,000 domains with forwarding URLs, floats of every magnitude, non-ASCII keys, keys "
        "out of canonical order), `canon-5m.json` (35,000 such domains);\n"
        "  - verify_webhook: event bodies of exactly 1,024, 65,536 and 1,048,576 bytes, signed at the current time; "
        "the wrong signature differs in one hex digit (one bit for standardwebhooks/svix);\n"
        "  - validate_order: `examples/order.json` (valid), the same with exactly 8 violations (checked: every "
        "implementation reports 8), and a 500-domain, 10-persona order with a bundle and 500 availability rows (15 violations).\n"
        "- Canonicalization peers take a value, ours takes text; every row is **text in, canonical text out**, so the peers "
        "are timed as `peer(JSON.parse(text))` / `peer(json.loads(text))` / `to_string(&from_str(text))`. Before timing, each "
        "peer's output is compared byte for byte with ours; a peer that disagrees is reported and not timed.\n"
        "- Timing: warm up, choose an iteration count so that one sample lasts ≥ 25 ms (capped at 8 s per row), "
        "take 21 samples; the table shows the median time per call and the 25th–75th percentiles (the spread). "
        "`× fastest peer` is this row's median divided by the fastest agreeing peer's (below 1 = faster than every peer); "
        "`× floor` divides by the host's raw HMAC (or a plain host function for the trivial call).\n"
        "- Webhook peers are called the way their docs show: standardwebhooks and svix `verify()` also `JSON.parse` the "
        "body (their API does; ours does not); stripe is `WebhookSignature.verify_header(..., tolerance=300)` (no parse). "
        "Every row's result is checked (valid accepted, wrong rejected) before timing.\n"
        "- Throughput (next to the times): input bytes ÷ median for canonicalize and verify_webhook, in MB/s "
        "(10^6 bytes; GB/s from 1,000 MB/s), and 1 ÷ median for validate_order, in orders/s.\n"
        "- validate_order peers: zod and valibot schemas in Node and Chromium (`benchmarks/zod-order.mjs`, "
        "`valibot-order.mjs`), a pydantic v2 model and msgspec structs in Python (`benchmarks/order_peers.py`), all "
        "of the same rules: email, sequencer (provider, positive integer client id, login email, non-empty password), "
        "domain names, duplicates (ignoring case), absolute http(s) URLs, one to ten personas with names and an optional "
        "picture URL; with a bundle and availability rows, the domain count, each domain's availability and premium flag "
        "and the Microsoft split. The two peers of a language share one set of patterns, limits and checks "
        "(`benchmarks/order-rules.mjs`, `order_peers.py`); email and URL checks are each library's own in JavaScript "
        "(`z.email()`, `v.email()`, the WHATWG URL parser) and one pattern each in Python. Before timing, each peer must "
        "report exactly as many issues as we find violations on each of the three inputs (the run stops otherwise); "
        "`× fastest peer` is against the faster of the two. msgspec stops at its first error, so its peer converts each "
        "field and item on its own after a failure (one `convert` for a valid order): that is its cost on the 8 violations.\n"
        "- What the peers cannot express, so they check less than the core: IDNA (UTS 46) domain names, both as names "
        "and when comparing duplicates (they take ASCII letter-digit-hyphen names and compare them lowercased); a `user` "
        "given as a `usr_` id (they take an email only) and `bundle_id` as a `bun_` id (they take any non-empty string); the "
        "custom-licence order shape (either a bundle or the three licence fields, never both); pictures on local or "
        "private addresses; required domains estimated from a bundle without `required_domains`; availability rows "
        "matched after normalizing their names; unknown fields (zod and valibot drop them, pydantic and msgspec refuse "
        "them only at the top level); and the core's codes and paths for each violation (the peers give their own messages). "
        "The core's email rule (a sane local part and a valid domain name after IDNA) is stricter than Python's pattern "
        "and accepts non-ASCII that the JavaScript libraries' patterns refuse.\n"
        "- Browser: Debian's Chromium through playwright-core, `performance.now()` (coarsened to 5–100 µs without "
        "cross-origin isolation; the ≥ 25 ms samples make that negligible). WebCrypto's floor imports the key, "
        "concatenates `<ts>.` + body and calls `crypto.subtle.verify` (async, awaited one call at a time).\n"
    )
    parts.append("## Machine\n\n| | |\n| --- | --- |\n" + "\n".join(f"| {k} | {v} |" for k, v in machine()) + "\n")
    parts.append(instructions())

    # Targets
    rows = targets(results)
    hit = sum(1 for _, v, _ in rows if "hit" in v)
    parts.append(f"## Targets of issue 16 ({hit} of {len(rows)} checks hit)\n")
    parts.append("| target | result | measured |\n| --- | --- | --- |\n" + "\n".join(f"| {t} | {v} | {d} |" for t, v, d in rows) + "\n")
    parts.append("## Every row against the fastest peer\n\nBelow 1× = faster than every peer (for the browser, where "
                 "verify_webhook has no library peer, against WebCrypto, the floor).\n\n" + summary(results, sizes) + "\n")
    # Linked, not copied: a copy here would go stale as soon as the findings change.
    parts.append("## Findings\n\nWhere targets are missed, the profiles behind each, what was fixed and what is left are in\n"
                 "[benchmarks/FINDINGS.md](https://github.com/peeker-ai/peeker-core/blob/main/benchmarks/FINDINGS.md),\n"
                 "kept by hand next to the benchmark; this page is generated and holds only its run's numbers.\n")

    # Per host
    for host, title in HOSTS:
        data = results.get(host)
        if data is None:
            parts.append(f"## {title}\n\nNot run (no `target/bench-results/{host}.json`).\n")
            continue
        png = chart(host, title, data)
        parts.append(f"## {title}\n\n![{title}]({png})\n\n{table(data, sizes)}\n")
        if data.get("notes"):
            parts.append("\n".join(f"- {n}" for n in data["notes"]) + "\n")

    # Versions
    versions: List[Tuple[str, str, str]] = []
    for host, _ in HOSTS:
        data = results.get(host)
        if data:
            versions += [(host, k, v) for k, v in data["versions"].items() if not (host == "rust" and k == "rustc")]
    versions.append(("rust", "rustc", command_version("rustc", "--version")))
    versions += [("rust", k, v) for k, v in cargo_lock_versions(["peeker-core", "serde_json_canonicalizer", "hmac", "sha2", "serde_json"]).items()]
    versions.append(("browser", "Chromium (Debian package)", command_version("/usr/bin/chromium", "--version")))
    versions.append(("report", "matplotlib", matplotlib.__version__))
    parts.append("## Versions\n\n| host | component | version |\n| --- | --- | --- |\n" + "\n".join(f"| {h} | {k} | {v} |" for h, k, v in versions) + "\n")
    parts.append(
        "Pinned in `package.json`/`package-lock.json` (npm), `benchmarks/requirements.txt` (Python, installed into "
        "`target/bench-venv`), `benchmarks/rust/Cargo.toml`/`Cargo.lock` (Rust, outside the workspace).\n"
    )
    memory = [RESULTS / name for name in ("memory-node.txt", "memory-python.txt")]
    if any(m.exists() for m in memory):
        lines = [line for m in memory if m.exists() for line in m.read_text().splitlines() if line.strip()]
        parts.append("## Memory over a million calls\n\n`benchmarks/memory.mjs` and `benchmarks/memory.py`: verify_webhook "
                     "(1 KB body) and validate_order (the example order) called in a loop, resident set size after a "
                     "warm-up of 20,000 calls and at the end.\n\n" + "\n".join(f"- {line}" for line in lines) + "\n")
    threads = RESULTS / "python-threads.txt"
    if threads.exists():
        parts.append("## Python threads\n\n`benchmarks/python_threads.py`: the GIL is released around core work on "
                     "inputs of 4 KiB and more.\n\n" + threads.read_text().strip() + "\n")
    size = RESULTS / "wasm-size.txt"
    if size.exists():
        parts.append(f"## WebAssembly size\n\n{size.read_text().strip()}\n")
    (DOCS / "README.md").write_text("\n".join(parts))
    print(f"wrote {DOCS / 'README.md'} and {', '.join(h + '.png' for h, _ in HOSTS if results.get(h))}")


if __name__ == "__main__":
    main()
