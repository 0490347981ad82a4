#!/usr/bin/env bash
# Sets up a machine (scripts/setup.sh), then builds and tests every host and
# ends with a per-host summary. Each host's full log is in artifacts/logs/.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh || exit 1
# Provisioning at the local Peeker (scripts/with-local.sh) takes a fraction of a second.
export PEEKER_LOCAL_OPTIONS="--time-scale 36000"
mkdir -p artifacts/logs
summary=()
failed=0 total_passed=0

# run HOST COUNT_PATTERN COMMAND...: runs the command with its output in the
# host's log; the summary takes the count from the runner's own closing lines.
run() {
  local host=$1 pattern=$2 log=artifacts/logs/$1.log
  shift 2
  printf '== test: %s\n' "$host"
  local start=$SECONDS status
  "$@" >"$log" 2>&1
  status=$?
  local line
  line=$(grep -E '^peeker-summary ' "$log" | tail -n 1 | cut -d' ' -f3-)
  if [[ -z "$line" ]]; then
    local passed
    passed=$(grep -oE "$pattern" "$log" | grep -oE '[0-9]+' | awk '{ n += $1 } END { print n + 0 }')
    line="$passed passed"
  fi
  if ((status != 0)); then
    tail -n 40 "$log"
    line="FAILED (exit $status; see $log)"
    failed=$((failed + 1))
  elif [[ "$line" =~ ^([0-9]+)\ passed ]]; then
    total_passed=$((total_passed + BASH_REMATCH[1]))
  fi
  summary+=("$(printf '%-14s %s  [%ss]' "$host" "$line" $((SECONDS - start)))")
}

node_tests() { node --test --test-reporter=tap "$@"; }

rust_checks() {
  cargo fmt --all --check && cargo clippy --quiet --workspace --all-targets -- -D warnings &&
    cargo test -p peeker-core -p peeker-core-mobile &&
    scripts/with-local.sh cargo run --quiet -p peeker-core --example buy_domains
}
run contract - bash scripts/hosts/contract.sh
run rust 'test result: ok\. [0-9]+ passed' rust_checks
# PEEKER_TEST_HOOKS=1: the suites expect the panic hook (tests/js/host.cjs); the wasm
# package still ships it (issue 17).
run wasm-node '^# pass [0-9]+' bash -c 'scripts/build-wasm.sh && PEEKER_TEST_HOOKS=1 scripts/with-local.sh node --test --test-reporter=tap bindings-wasm/test/node-*'
run wasm-chromium '^# pass [0-9]+' node_tests bindings-wasm/test/chromium.test.mjs
run wasm-workerd '^# pass [0-9]+' node_tests bindings-wasm/test/workerd.test.mjs
run bundlers '^# pass [0-9]+' node_tests tests/js/bundlers.test.mjs
run order-form '^# pass [0-9]+' scripts/with-local.sh node --test --test-reporter=tap tests/js/order-form.test.mjs
# The addon tested with its panic hook, then rebuilt as released (cargo keeps both builds:
# a second) for the npm-packages and docs lines, which check the package has none.
run node-native '^# pass [0-9]+' bash -c 'export PEEKER_TEST_HOOKS=1 && scripts/build-node.sh &&
  scripts/with-local.sh node --test --test-reporter=tap bindings-node/test/ && PEEKER_TEST_HOOKS= scripts/build-node.sh'
run npm-packages '^# pass [0-9]+' scripts/with-local.sh node --test --test-reporter=tap tests/js/package.test.mjs
run fuzz 'fuzz: [0-9]+ passed' bash scripts/fuzz.sh smoke
run python - bash scripts/hosts/python.sh
run local - bash scripts/hosts/local.sh
run kotlin - bash scripts/hosts/kotlin.sh
run swift - bash scripts/hosts/swift.sh
# The quick subset of scripts/platform-test.sh (the whole needs ~10 min warm, ~25 cold):
# the manylinux2014 x86_64 wheel checked and run in Debian 11, the jar checked, and actionlint.
run platforms - bash scripts/platform-test.sh --quick
run docs - bash scripts/hosts/docs.sh

printf '\n== summary (every host runs the %s shared vector tests of tests/vectors/index.json, plus its own)\n' "$(node -e '
  const fs = require("fs"), i = require("./tests/vectors/index.json");
  let n = i.files.reduce((s, f) => s + require("./tests/vectors/" + f).length, 0);
  console.log(n + i.samples.length + 1)')"
printf '%s\n' "${summary[@]}"
printf 'total: %d passed, %d failed\n' "$total_passed" "$failed"
((failed == 0))
