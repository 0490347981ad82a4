// Size of the WebAssembly in the npm package peeker-core: raw, gzip (level 9)
// and brotli (quality 11), against the 60 KB gzip budget of the order form.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const GZIP_BUDGET_BYTES = 60 * 1024;
// The budget is not met (issue 6 is blocked on it: see docs/benchmarks/README.md,
// "WebAssembly size"). Until it is, the test command holds the size where it is:
// growing past this ceiling fails bindings-wasm/test/node-size.test.mjs. The
// contract's generated core and bindings (values crossing as JavaScript values
// through serde-wasm-bindgen, not JSON text) grew it from 230.6 KB to 236.3 KB.
// B-trees instead of hash maps (no predictable hash keys: issue 18) and the
// stricter webhook, retry-after and picture rules took it to 240.4 KB.
export const GZIP_CEILING_BYTES = 241 * 1024;

export function wasmSizes(path = new URL('../bindings-wasm/pkg/web/peeker_core_wasm_bg.wasm', import.meta.url)) {
  const bytes = readFileSync(path);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { raw, gzip, brotli } = wasmSizes();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`peeker-core .wasm: raw ${kb(raw)}, gzip ${kb(gzip)}, brotli ${kb(brotli)} (gzip budget ${kb(GZIP_BUDGET_BYTES)}: ${gzip <= GZIP_BUDGET_BYTES ? 'within' : 'OVER'})`);
}
