#!/usr/bin/env bash
# Sets up a machine (scripts/setup.sh), builds every host, starts one local
# Peeker (scripts/with-local.sh) and runs the demonstration in every host
# against it over real HTTP: a bundle, availability and the plan, an order
# validated and placed, order.completed received at a webhook endpoint and
# verified, the full order read back. The server stops at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if [[ -z "${PEEKER_BASE_URL:-}" ]]; then
    bash scripts/setup.sh >/dev/null
    printf '== building every host (a first run takes a few minutes)\n'
    cargo build --quiet -p peeker-core --example buy_domains
    scripts/build-wasm.sh >/dev/null
    scripts/build-node.sh >/dev/null
    exec scripts/with-local.sh "$0"
fi

host() { printf '\n== demo: %s\n' "$1"; }
printf '== the local Peeker: %s\n' "$PEEKER_BASE_URL"

host rust
cargo run --quiet -p peeker-core --example buy_domains

host "npm peeker-core (WebAssembly)"
node examples/demo.mjs

host "npm peeker-core-native (napi-rs)"
node examples/demo.mjs native

host "python peeker_core"
bash scripts/hosts/python-demo.sh

host "kotlin ai.peeker.core"
bash scripts/hosts/kotlin-demo.sh

host "swift PeekerCore (Swift 6.0.3 in the Debian 13 chroot)"
bash scripts/hosts/swift-demo.sh

printf '\n== the order form (browser)\n'
echo "Run: scripts/with-local.sh node examples/order-form/serve.mjs   then open http://127.0.0.1:8080/"
