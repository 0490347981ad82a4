#!/usr/bin/env bash
# Local host: the local Peeker (local/, binary peeker-local). Builds it, runs
# its Rust tests (each starts the server on port 0 and talks real HTTP; every
# answer is parsed by the core's parse_response), then starts it and runs the
# pinned schemathesis (local/conformance/requirements.txt, from the wheelhouse
# scripts/setup/python.sh fills: no network) with spec/openapi.yaml against it,
# a bounded number of examples per operation, and stops it.
# Run from the repo root after scripts/setup/python.sh.
# Last stdout line: `peeker-summary local <N> passed (...)`.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

requirements=local/conformance/requirements.txt
wheelhouse=target/schemathesis-wheelhouse
venv=target/schemathesis-venv
examples=${PEEKER_ST_EXAMPLES:-25}

if ! cmp -s "$requirements" "$wheelhouse/.requirements"; then
    echo "local: $wheelhouse is missing or stale: run scripts/setup/python.sh" >&2
    echo "peeker-summary local 0 passed"
    exit 1
fi

work=$(mktemp -d)
server=""
cleanup() {
    if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# 1. The Rust tests (they start their own servers).
echo "== local: cargo test -p peeker-local"
cargo build -q -p peeker-local
status=0
cargo test -p peeker-local 2>&1 | tee "$work/cargo.log" || status=$?
rust=$(grep -oE 'test result: ok\. [0-9]+ passed' "$work/cargo.log" | grep -oE '[0-9]+' | awk '{ n += $1 } END { print n + 0 }')
if ((status != 0)); then
    echo "peeker-summary local $rust passed (cargo test failed)"
    exit "$status"
fi

# 2. schemathesis in its own venv, made again when the pins change.
if ! cmp -s "$requirements" "$venv/.requirements"; then
    rm -rf "$venv"
    python3 -m venv --without-pip "$venv"
    .venv/bin/pip --python "$venv/bin/python" install --disable-pip-version-check -q \
        --no-index --no-deps --find-links "$wheelhouse" -r "$requirements"
    cp "$requirements" "$venv/.requirements"
fi
version=$("$venv/bin/st" --version | awk '{ print $NF }')

# 3. The server on a free port, in memory, fast, without the rate limit
#    (schemathesis sends thousands of requests; the limit has its own test).
key=pk_test_conformance
target/debug/peeker-local --port 0 --memory --json --rate-limit 0 --time-scale 100000 --api-key "$key" \
    >"$work/banner.json" 2>"$work/server.log" &
server=$!
for _ in $(seq 100); do
    [[ -s "$work/banner.json" ]] && break
    sleep 0.1
done
base=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["base_url"])' "$work/banner.json")
echo "== local: schemathesis $version against $base ($examples examples per operation)"

# positive_data_acceptance is left out: the server validates with the core,
# which is stricter than JSON Schema can say (duplicate names after IDNA,
# empty names, the domain count of a bundle, availability), so some
# schema-valid bodies are rightly refused with 422.
st_status=0
(cd "$work" && "$OLDPWD/$venv/bin/st" run "$OLDPWD/spec/openapi.yaml" --url "$base" -H "Authorization: Bearer $key" \
    --checks all --exclude-checks positive_data_acceptance -n "$examples" --seed 1 --no-shrink \
    --report junit --report-junit-path "$work/junit.xml") || st_status=$?
operations=$(python3 - "$work/junit.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception:
    print(0); sys.exit()
cases = root.iter("testcase")
print(sum(1 for c in cases if c.find("failure") is None and c.find("error") is None and c.find("skipped") is None))
PY
)
if grep -q . "$work/server.log"; then
    echo "== local: server log"; cat "$work/server.log"
fi
echo "peeker-summary local $((rust + operations)) passed ($rust Rust tests over real HTTP; schemathesis $version: $operations suites conform (29 operations and the stateful phase), $examples examples each)"
exit "$st_status"
