#!/usr/bin/env bash
# Installs everything a fresh machine lacks to build and test every host.
# Idempotent: a second run checks, installs nothing, and takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

source scripts/setup/lib.sh

# Debian: rustc-web + its std sources + lld for WebAssembly, Chromium for the browser tests.
apt_install rustc-web rust-web-src lld-19 chromium

# wasm-bindgen's CLI must be exactly the crate version in Cargo.lock.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ]]; then
  step "cargo install wasm-bindgen-cli $wb_version"
  # No --locked: its lock file pins a crate version the registry no longer serves.
  cargo install --quiet wasm-bindgen-cli --version "$wb_version"
fi

# cargo-fuzz for the fuzz smoke runs (scripts/fuzz.sh).
if [[ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz 0.13.2" ]]; then
  step "cargo install cargo-fuzz 0.13.2"
  cargo install --quiet cargo-fuzz --version 0.13.2 --locked
fi

# npm dev tools (napi CLI, binaryen's wasm-opt, esbuild, playwright-core) from the lock file.
if ! cmp -s package-lock.json node_modules/.peeker-lock; then
  step "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.peeker-lock
fi

step "cargo fetch"
cargo fetch --quiet

bash scripts/setup/python.sh
bash scripts/setup/mobile.sh
bash scripts/setup/swift.sh
bash scripts/setup/docs.sh
bash scripts/setup/platforms.sh quick
step "done"
