#!/usr/bin/env bash
# The benchmark command (not part of the tests): sets up, builds every host,
# generates the inputs (fixed seed), runs each host against its peers in one
# process, and writes docs/benchmarks/README.md and one PNG chart per host.
#
#   scripts/bench.sh            the full run (about 10 minutes on 2 cores)
#   BENCH_QUICK=1 scripts/bench.sh   a rough run with few samples (development)
#   BENCH_HOSTS="node python" scripts/bench.sh   only some hosts (rust, browser too)
#
# With rust: instruction counts of the core paths under callgrind, compared with
# benchmarks/baseline/instructions.json (`python3 benchmarks/instructions.py
# --baseline` rewrites it after a deliberate change).
# Then the memory checks (a million verify + validate calls per package, RSS
# before and after) and the report.
#
# Its own tools: the npm peers are devDependencies in package.json (installed by
# setup.sh's `npm ci`); the Python peers are pinned in benchmarks/requirements.txt
# and installed into target/bench-venv (never the test wheelhouse); the Rust peers
# are in benchmarks/rust/ (its own workspace and Cargo.lock).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
hosts=${BENCH_HOSTS:-node python rust browser}
want() { [[ " $hosts " == *" $1 "* ]]; }
step() { printf '== bench: %s\n' "$*"; }

export BENCH_STARTED="$(date -u '+%Y-%m-%d %H:%M') UTC"
export BENCH_LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
# Say in the report if something else was using the machine (e.g. a long fuzz run).
background=$(pgrep -af 'cargo-fuzz|cargo fuzz|fuzz/target/.*/release/' | grep -v pgrep | head -n 3 | cut -c1-120 | tr '\n' ';' || true)
export BENCH_BACKGROUND="${background%;}"
[[ -n "$BENCH_BACKGROUND" ]] && echo "bench: note: a background job is running: $BENCH_BACKGROUND" >&2

step setup
bash scripts/setup.sh >/dev/null
# callgrind for the instruction counts (benchmarks/instructions.py), from Debian.
if want rust; then (source scripts/setup/lib.sh && apt_install valgrind); fi

step "build the hosts"
scripts/build-wasm.sh
scripts/build-node.sh
rm -rf target/bench-wheels
.venv/bin/maturin build --release -q -m bindings-python/Cargo.toml -o target/bench-wheels >&2

venv=target/bench-venv
if [[ ! -x "$venv/bin/python" ]]; then
  step "create $venv"
  python3 -m venv "$venv"
fi
if ! cmp -s benchmarks/requirements.txt "$venv/.requirements"; then
  step "pip install -r benchmarks/requirements.txt"
  "$venv/bin/pip" install --disable-pip-version-check -q -r benchmarks/requirements.txt
  cp benchmarks/requirements.txt "$venv/.requirements"
fi
"$venv/bin/pip" install --disable-pip-version-check -q --no-deps --force-reinstall target/bench-wheels/peeker_core-*.whl

if want rust; then
  step "build benchmarks/rust"
  CARGO_TARGET_DIR=target/bench-rust cargo build --quiet --release --locked --manifest-path benchmarks/rust/Cargo.toml
fi

step "inputs"
node benchmarks/inputs.mjs
mkdir -p target/bench-results
rm -f target/bench-results/*.json target/bench-results/memory-*.txt target/bench-results/python-threads.txt
node benchmarks/wasm-size.mjs | tee target/bench-results/wasm-size.txt

# One host at a time, so they never compete for the 2 cores.
if want node; then step node; node benchmarks/node.mjs; fi
if want python; then
  step python
  "$venv/bin/python" benchmarks/python_bench.py
  step "python threads (the GIL)"
  "$venv/bin/python" benchmarks/python_threads.py "$([[ "${BENCH_QUICK:-}" == 1 ]] && echo 0.5 || echo 3)" |
    tee target/bench-results/python-threads.txt
fi
if want rust; then
  step rust
  target/bench-rust/release/peeker-core-bench
  # Instructions per call under callgrind (repeatable on a loaded machine), against
  # benchmarks/baseline/instructions.json: rows more than 10% worse are printed.
  step "instruction counts (callgrind)"
  python3 benchmarks/instructions.py
fi
if want browser; then step "browser (Chromium)"; node benchmarks/browser.mjs; fi
# Memory stays flat over a million calls (benchmarks/memory.mjs, memory.py); BENCH_QUICK: 100,000.
memory_calls=$([[ "${BENCH_QUICK:-}" == 1 ]] && echo 100000 || echo 1000000)
if want node; then step "memory (Node)"; node --expose-gc benchmarks/memory.mjs "$memory_calls" | tee target/bench-results/memory-node.txt; fi
if want python; then step "memory (Python)"; "$venv/bin/python" benchmarks/memory.py "$memory_calls" | tee target/bench-results/memory-python.txt; fi

step report
BENCH_LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)" "$venv/bin/python" benchmarks/report.py
