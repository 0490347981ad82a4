#!/usr/bin/env bash
# Runs a command against a fresh local Peeker (local/): builds peeker-local
# when needed, starts it in memory on a free port, exports its coordinates,
# runs the command, and stops the server whatever happens.
#   scripts/with-local.sh <command> [args...]
# Exported: PEEKER_BASE_URL (http://127.0.0.1:<port>/partner/v1),
# PEEKER_API_KEY (its pk_test_ key), PEEKER_WEBHOOK_SECRET, and
# PEEKER_LOCAL_URL (its /_local endpoints: webhook endpoints, events, faults).
# Extra server options go in PEEKER_LOCAL_OPTIONS (e.g. "--time-scale 36000").
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --quiet --release -p peeker-local --bin peeker-local
target=${CARGO_TARGET_DIR:-target}
banner=$(mktemp)
server=""
stop() {
    if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -f "$banner"
}
trap stop EXIT

# shellcheck disable=SC2086 # the options are words on purpose
"$target/release/peeker-local" --port 0 --memory --json ${PEEKER_LOCAL_OPTIONS:-} >"$banner" &
server=$!
# The JSON line is written once the port is open.
for _ in $(seq 100); do
    [[ -s "$banner" ]] && break
    kill -0 "$server" 2>/dev/null || { echo "with-local: peeker-local exited before it was ready" >&2; exit 1; }
    sleep 0.1
done
[[ -s "$banner" ]] || { echo "with-local: peeker-local printed no banner in 10 s" >&2; exit 1; }
field() { node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(0, "utf8"))[process.argv[1]]))' "$1" <"$banner"; }
PEEKER_BASE_URL=$(field base_url)
PEEKER_API_KEY=$(field api_key)
PEEKER_WEBHOOK_SECRET=$(field webhook_secret)
PEEKER_LOCAL_URL=${PEEKER_BASE_URL%/partner/v1}/_local
export PEEKER_BASE_URL PEEKER_API_KEY PEEKER_WEBHOOK_SECRET PEEKER_LOCAL_URL
"$@"
