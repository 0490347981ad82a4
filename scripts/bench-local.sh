#!/usr/bin/env bash
# Measures the local Peeker (local/, peeker-local); not part of the test
# command. On this machine's 2 cores, with the server in release mode:
#   - requests/second and p50/p99 latency of GET /bundles/{id} and
#     POST /domains/availability (10 names), with wrk (Debian's package,
#     installed when missing), 32 connections, BENCH_SECONDS each (10);
#   - 1,000 orders placed at once, every order.completed delivery received by
#     a webhook endpoint and verified with the core (local/examples/load.rs);
#   - the same with the server killed (SIGKILL) after 400 completions and
#     restarted on the same state file;
#   - the server's resident memory after each run.
# Writes artifacts/bench-local.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${BENCH_SECONDS:-10}
orders=${BENCH_ORDERS:-1000}

if ! command -v wrk >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
cargo build -q --release -p peeker-local --bins --examples
mkdir -p artifacts
out=artifacts/bench-local.txt
work=$(mktemp -d)
server=""
cleanup() {
    if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

key=pk_test_bench
target/release/peeker-local --port 0 --json --state "$work/state.sqlite3" --rate-limit 0 --api-key "$key" \
    >"$work/banner.json" &
server=$!
for _ in $(seq 100); do [[ -s "$work/banner.json" ]] && break; sleep 0.1; done
base=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["base_url"])' "$work/banner.json")
bundle=$(curl -sf "$base/bundles" -H "Authorization: Bearer $key" \
    -d '{"name": "Bench", "monthly_sending_volume": 25000}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["id"])')

cat >"$work/availability.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"domains": ["acme-mail.com", "acme-team.io", "premium-deal.com", "taken-one.net", "growth-hq.co", "sales-desk.org", "reach-out.ai", "hello-team.com", "inbox-one.net", "mail-two.io"]}'
LUA

rss() { awk '/VmRSS/ { print $2 " KiB" }' "/proc/$server/status"; }
# run NAME URL [wrk args...]: prints "NAME  <req/s> req/s  p50 <..>  p99 <..>"
run() {
    local name=$1 url=$2
    shift 2
    wrk -t1 -c32 -d"${seconds}s" --latency -H "Authorization: Bearer $key" "$@" "$url" >"$work/wrk.txt"
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec/ { print $2 }' "$work/wrk.txt")
    p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk.txt")
    p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")
    errors=$(grep -E 'Non-2xx|Socket errors' "$work/wrk.txt" | tr '\n' ' ' || true)
    printf '%-30s %10s req/s   p50 %-9s p99 %-9s %s\n' "$name" "$rps" "$p50" "$p99" "${errors:-no errors}"
}

{
    echo "== peeker-local $(git rev-parse --short HEAD) on $(nproc) cores, wrk 1 thread, 32 connections, ${seconds}s each"
    run "GET /bundles/{id}" "$base/bundles/$bundle"
    run "POST /domains/availability" "$base/domains/availability" -s "$work/availability.lua"
    echo "server RSS after wrk:           $(rss)"
} | tee "$out"
kill "$server"; wait "$server" 2>/dev/null || true; server=""

{
    echo "== $orders orders placed at once, order.completed received and verified (construct_event)"
    target/release/examples/load target/release/peeker-local "$work/load.sqlite3" "$orders"
    echo "== the same, SIGKILL after 400 completions, restart on the same state file"
    target/release/examples/load target/release/peeker-local "$work/kill.sqlite3" "$orders" --kill-after 400
} | tee -a "$out"
echo "written to $out"
