#!/usr/bin/env bash
# Regenerates every generated surface from the contract (spec/openapi.yaml)
# through codegen/templates/. `scripts/generate.sh --check` changes nothing
# and fails when a committed generated file differs (the test command runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo run --quiet --release -p peeker-codegen -- "$@"
