#!/usr/bin/env bash
# Builds the UniFFI cdylib and the pinned generator, then generates the
# bindings for one language: uniffi-generate.sh kotlin|swift OUT_DIR.
# Run from the repo root; honours CARGO_TARGET_DIR.
set -euo pipefail
language=$1 out=$2
target=${CARGO_TARGET_DIR:-target} # the workspace target dir, shared with the other hosts
cargo build --quiet --release -p peeker-core-mobile
cargo build --quiet -p uniffi-bindgen # dev profile: same output, half the build time
rm -rf "$out"
"$target/debug/uniffi-bindgen" generate --no-format "$target/release/libpeeker_core_ffi.so" \
    --language "$language" --out-dir "$out" >/dev/null
