#!/usr/bin/env bash
# Fuzzing with cargo-fuzz (libFuzzer, installed by scripts/setup.sh) on the stable toolchain.
#   scripts/fuzz.sh smoke        every target for FUZZ_SECONDS (default 30), side by side
#   scripts/fuzz.sh long [secs]  every target in turn for secs (default 3600), or until
#                                FUZZ_RUNS executions, without ASan (safe Rust: speed buys more inputs)
# Seeds come from tests/vectors/; a crash stops the run and leaves its input in
# fuzz/artifacts/<target>/ (turn it into a vector).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1 # cargo-fuzz needs nightly flags; stable accepts them with this
mode=${1:-smoke}
seconds=${2:-${FUZZ_SECONDS:-30}}
[[ $mode == long ]] && seconds=${2:-3600}
targets=(canonicalize validate_order webhook parse_event parse_response)

corpus=target/fuzz-corpus
python3 - "$corpus" <<'PY'
# Seed corpora from the shared vectors: the JSON texts, bodies and orders they hold.
import base64, json, os, sys
from pathlib import Path
out, vectors = Path(sys.argv[1]), Path("tests/vectors")
seeds = {t: [] for t in ["canonicalize", "validate_order", "webhook", "parse_event", "parse_response"]}
def text(spec):  # a string, or {"parts": [[text, count], ...]} (index.json); big ones are cut short
    return spec if isinstance(spec, str) else "".join(t * min(n, 4096) for t, n in spec["parts"])
def body(case):
    return base64.b64decode(case["body_base64"]) if "body_base64" in case else text(case["body"]).encode()
for sample in (vectors / "rfc8785" / "input").iterdir():
    seeds["canonicalize"].append(sample.read_bytes())
index = json.loads((vectors / "index.json").read_text())
for name in index["files"]:
    for case in json.loads((vectors / name).read_text()):
        if case["op"] == "canonicalize":
            seeds["canonicalize"].append(text(case["input"]).encode())
        elif case["op"] == "validate_order":
            seeds["validate_order"].append(json.dumps(case["input"]).encode())
        elif case["op"] in ("verify", "construct_event", "parse_event"):
            seeds["parse_event"].append(body(case))
        elif case["op"] == "parse_response":
            seeds["parse_response"].append(body(case))
for target, items in seeds.items():
    folder = out / target
    folder.mkdir(parents=True, exist_ok=True)
    for i, item in enumerate(items):
        (folder / f"vector-{i:04d}").write_bytes(item)
PY

sanitizer=address
[[ $mode == long ]] && sanitizer=none
flags=(--fuzz-dir fuzz -O --sanitizer "$sanitizer")
limits=(-max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1)
[[ -n ${FUZZ_RUNS:-} ]] && limits+=(-runs="$FUZZ_RUNS")
cargo fuzz build "${flags[@]}" >/dev/null 2>&1 || cargo fuzz build "${flags[@]}"
run() {
  local target=$1 log=target/fuzz-$1.log
  mkdir -p "fuzz/artifacts/$target"
  local start=$SECONDS
  if cargo fuzz run "${flags[@]}" "$target" "$corpus/$target" -- "${limits[@]}" >"$log" 2>&1; then
    printf 'fuzz %-15s ok, %s execs in %ss\n' "$target" "$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$')" $((SECONDS - start))
  else
    printf 'fuzz %-15s FAILED (see %s)\n' "$target" "$log"
    tail -n 30 "$log"
    return 1
  fi
}
status=0
if [[ $mode == smoke ]]; then
  pids=()
  for target in "${targets[@]}"; do run "$target" > "target/fuzz-$target.summary" & pids+=($!); done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || status=1; cat "target/fuzz-${targets[$i]}.summary"; done
else
  for target in "${targets[@]}"; do run "$target" || status=1; done
fi
if [[ $mode == smoke ]]; then
  passed=$(cat target/fuzz-*.summary | grep -c ' ok,' || true)
  echo "fuzz: $passed passed, $(( ${#targets[@]} - passed )) failed"
fi
exit $status
