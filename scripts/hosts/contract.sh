#!/usr/bin/env bash
# The contract host: spec/openapi.yaml lints clean with Redocly CLI (every
# recommended rule as an error, redocly.yaml), and every generated file is
# what the contract gives (scripts/generate.sh --check), the marked vectors are
# those tests/vectors/marked.py writes, and the core's modules form layers
# without cycles (scripts/check-modules.py). Run from the repo root.
set -euo pipefail
cd "$(dirname "$0")/../.."

passed=0
check() {
    local name=$1
    shift
    printf '== contract: %s\n' "$name"
    "$@"
    passed=$((passed + 1))
}

# Node 20 makes Redocly print an end-of-support banner; the verdict is the exit status.
check "redocly lint" node_modules/.bin/redocly lint spec/openapi.yaml --format=summary
check "generated files are current" bash scripts/generate.sh --check
check "tests/vectors/marked.json is current" python3 tests/vectors/marked.py --check
check "core modules: no cycle, no hand-written file over 400 lines" python3 scripts/check-modules.py

echo "peeker-summary contract $passed passed (redocly lint of spec/openapi.yaml, generated files and marked vectors current, core module layers)"
