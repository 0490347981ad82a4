#!/usr/bin/env bash
# The benchmark command (not part of the tests): sets up, builds the npm
# package, and prints the measurements side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh >/dev/null
scripts/build-wasm.sh
node benchmarks/wasm-size.mjs
node benchmarks/browser-validate.mjs
