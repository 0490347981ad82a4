#!/usr/bin/env bash
# Builds the npm package `peeker-core-native` in place in bindings-node/: the
# napi-rs addon and its loader, plus the shared JS API and type declarations.
set -euo pipefail
cd "$(dirname "$0")/../bindings-node"

# PEEKER_TEST_HOOKS=1 (the node-native line): the addon with the panic hook its tests
# call; the generated loader native.js names it too, so a release builds without.
features=()
[[ ${PEEKER_TEST_HOOKS:-} == 1 ]] && features=(--features test-hooks)
../node_modules/.bin/napi build --platform --release "${features[@]}" --js native.js --dts native.d.ts >/dev/null
../node_modules/.bin/esbuild ../bindings-wasm/js/api.mjs --bundle --format=cjs --log-level=warning --outfile=api.cjs
cp ../bindings-wasm/js/api.d.ts index.d.ts
node ../scripts/js-entries.mjs . index.cjs index.mjs
