#!/usr/bin/env bash
# Builds the UniFFI cdylib and the pinned generator, then generates the
# bindings for one language: uniffi-generate.sh kotlin|swift OUT_DIR.
# The library has the panic hook (feature test-hooks) only under PEEKER_TEST_HOOKS=1,
# as the kotlin and swift lines set it; released bindings are generated without.
# Run from the repo root; honours CARGO_TARGET_DIR.
set -euo pipefail
language=$1 out=$2
target=${CARGO_TARGET_DIR:-target} # the workspace target dir, shared with the other hosts
features=()
[[ ${PEEKER_TEST_HOOKS:-} == 1 ]] && features=(--features test-hooks)
cargo build --quiet --release -p peeker-core-mobile "${features[@]}"
cargo build --quiet -p uniffi-bindgen # dev profile: same output, half the build time
rm -rf "$out"
"$target/debug/uniffi-bindgen" generate --no-format "$target/release/libpeeker_core_ffi.so" \
    --language "$language" --out-dir "$out" >/dev/null
