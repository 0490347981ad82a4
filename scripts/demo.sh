#!/usr/bin/env bash
# Sets up a machine (scripts/setup.sh), then runs the demonstration in every
# host: canonicalize Peeker's example order (examples/order.json), sign a
# webhook for it, verify the delivery and reject a tampered copy.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh >/dev/null
host() { printf '\n== demo: %s\n' "$1"; }

host rust
cargo run --quiet -p peeker-core --example demo

host "npm peeker-core (WebAssembly)"
scripts/build-wasm.sh
node examples/demo.mjs

host "npm peeker-core-native (napi-rs)"
scripts/build-node.sh
node examples/demo.mjs native

host "python peeker_core"
bash scripts/hosts/python-demo.sh

host "kotlin ai.peeker.core"
bash scripts/hosts/kotlin-demo.sh

host "swift PeekerCore"
echo "skipped: no Swift demonstration program yet (scripts/hosts/swift.sh runs the package's XCTests in the Debian 13 chroot)"

printf '\n== the order form (browser)\n'
echo "Run: node examples/order-form/serve.mjs   then open http://127.0.0.1:8080/ (validates as you type, with peeker-core)"
