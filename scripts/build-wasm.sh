#!/usr/bin/env bash
# Builds the npm package `peeker-core` into bindings-wasm/pkg/: the Rust crate
# with Debian's rustc-web (std rebuilt for wasm32) twice, the full module and
# the form module (`peeker-core/form`: --no-default-features), wasm-bindgen for
# the web and nodejs targets, wasm-opt -Oz, and the shared JS API.
# PEEKER_TEST_HOOKS=1 (the wasm-node line): also both modules with the hooks the tests
# call (feature test-hooks: panicForTests, idnaForTests), and the full module with `idna`
# (peeker_core_idna: the reference of the IDNA differential tests), in target/wasm-hooks/
# (web/ and node/ as in the package), never in the package.
set -euo pipefail
cd "$(dirname "$0")/.."

out=bindings-wasm/pkg
rm -rf "$out" && mkdir -p "$out"

# module OUT CARGO_DIR NAME [CARGO ARGS...]: builds one module (in the cargo target dir
# CARGO_DIR) as OUT/web/NAME.js + OUT/web/NAME_bg.wasm and OUT/node/NAME.js (the nodejs
# glue, pointed at the one .wasm in web/).
module() {
  local out=$1 cargo_dir=$2 name=$3
  shift 3
  # simd128: sha2's WebAssembly SIMD backend verifies webhooks ~2.7x faster. Every
  # engine this package targets has wasm SIMD (Chrome 91, Firefox 89, Safari 16.4, Node 16.4).
  RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=+simd128" \
    cargo build --quiet --profile wasm --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort \
    --target-dir "$cargo_dir" -p peeker-core-wasm "$@"
  local wasm=$cargo_dir/wasm32-unknown-unknown/wasm/peeker_core_wasm.wasm
  for target in web nodejs; do
    local dir=$out/${target/nodejs/node}
    # The reset function lets the JS API replace the instance after a trap.
    wasm-bindgen --target "$target" --experimental-reset-state-function --out-name "$name" --out-dir "$dir" "$wasm"
    rm -f "$dir"/*.d.ts "$dir/package.json"
  done
  # Both targets emit the same module: ship it once, in web/, and point the
  # Node glue at it (the package would otherwise carry two copies).
  local bg=${name}_bg.wasm
  cmp -s "$out/web/$bg" "$out/node/$bg" || { echo "build-wasm: the web and nodejs modules differ" >&2; exit 1; }
  rm "$out/node/$bg"
  # The package is ESM; wasm-bindgen's nodejs output is CommonJS.
  echo '{ "type": "commonjs" }' >"$out/node/package.json"
  node_modules/.bin/wasm-opt -Oz "$out/web/$bg" -o "$out/web/$bg"
  # In the package the .wasm is in web/; in a one-file bundle of an app (esbuild
  # --platform=node, for serverless) it is next to the bundle, where the app's build copies it.
  sed -i "s|^const wasmPath = \`\${__dirname}/$bg\`;|const wasmPath = [\`\${__dirname}/../web/$bg\`, \`\${__dirname}/$bg\`].find((file) => require('fs').existsSync(file)) ?? \`\${__dirname}/$bg\`;|" "$out/node/$name.js"
  grep -q "/../web/$bg" "$out/node/$name.js" || { echo "build-wasm: the Node glue no longer names $bg" >&2; exit 1; }
}
module "$out" target/wasm peeker_core_wasm
module "$out" target/wasm peeker_core_form --no-default-features
# In Node the form entry runs the full module (scripts/js-entries.mjs: Node's `URL`
# lacks CheckBidi, which the form module's IDNA takes from the engine).
rm "$out/node/peeker_core_form.js"
# Each hooked module has its own cargo target dir: cargo keeps one build of this cdylib per
# target dir (sharing one would relink a module, ~30 s, every run), first seeded with a
# copy of target/wasm (std and the dependencies: only peeker-core is compiled again).
rm -rf target/wasm-hooks/web target/wasm-hooks/node
hooked() {
  local cargo_dir=target/wasm-hooks/cargo-$1
  [[ -d $cargo_dir ]] || { mkdir -p target/wasm-hooks && cp -a target/wasm "$cargo_dir"; }
  module target/wasm-hooks "$cargo_dir" "$@" --features test-hooks
}
if [[ ${PEEKER_TEST_HOOKS:-} == 1 ]]; then
  hooked peeker_core_wasm
  hooked peeker_core_form --no-default-features
  # The reference of the IDNA differential tests (`idna`, as every other host).
  hooked peeker_core_idna --features idna-reference
fi

cp bindings-wasm/npm/* bindings-wasm/js/*.mjs "$out"/
# The same declarations for ESM (index.d.ts: the package is "type": "module") and CommonJS.
cp bindings-wasm/js/api.d.ts "$out/index.d.ts"
cp bindings-wasm/js/api.d.ts "$out/index.d.cts"
node_modules/.bin/esbuild bindings-wasm/js/api.mjs --bundle --format=cjs --log-level=warning --outfile="$out/api.cjs"
node scripts/js-entries.mjs "$out" node.cjs node.mjs web.mjs workerd.mjs
