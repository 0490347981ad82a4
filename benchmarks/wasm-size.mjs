// Size of the WebAssembly modules in the npm package peeker-core: raw, gzip
// (level 9) and brotli (quality 11), against their budgets.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// Budgets (issue 14): the full module 180 KB gzip, the form module 80 KB, both met
// (benchmarks/FINDINGS.md, "WebAssembly size"); the test
// command holds each where it is: growing past its ceiling fails
// bindings-wasm/test/node-size.test.mjs. The full module grew from 230.6 KB to
// 240.4 KB with the generated contract surface, B-trees (issue 18) and the
// stricter webhook, retry-after and picture rules; 236.1 KB after the issue 14
// steps, 235.2 KB with the ASCII fast path for domain names, 238.1 KB once it carries
// the form module's http(s) URL check beside `url` (which the client's base URL keeps)
// (docs/benchmarks/README.md, "WebAssembly size, issue 14 steps"); 238.6 KB with the
// `idnaForTests` hook of the IDNA differential tests; 229.2 KB with ryu-js's small tables;
// 236.1 KB once it took UTS 46 from the engine with the core's bidi and joiner rules
// (spec/DECISIONS.md, D15), while `url` still brought `idna` and ICU4X in; 171.8 KB once
// the client's base URL and links no longer used `url` (core/src/client/base_url.rs), + 1%.
export const GZIP_BUDGET_BYTES = 180 * 1024;
export const GZIP_CEILING_BYTES = Math.round(173.6 * 1024);

/** The two modules of the package: the full one and the form entry's (`peeker-core/form`). */
export const MODULES = {
  full: new URL('../bindings-wasm/pkg/web/peeker_core_wasm_bg.wasm', import.meta.url),
  form: new URL('../bindings-wasm/pkg/web/peeker_core_form_bg.wasm', import.meta.url),
};
// The form module holds what a form's validation needs of url, idna (whose
// Unicode tables are most of its .rodata) and serde_json: 167.7 KB when first built,
// 149.2 KB once it carried no JSON parser and no sorts in the canonical writer and plan_domains,
// a little more with the memory budget's counted reading of host values (issue 18),
// 150.1 KB with the ASCII fast path for domain names (+0.3 KB of code: idna stays),
// 141.3 KB with its own http(s) URL check instead of `url`, 87.1 KB once it took UTS 46
// from the browser's `URL` instead of `idna` (spec/DECISIONS.md, D15), 77.6 KB with
// ryu-js's small tables (bindings-wasm/Cargo.toml). Each ceiling is the size reached + 1 KB.
export const FORM_GZIP_BUDGET_BYTES = 80 * 1024;
export const FORM_GZIP_CEILING_BYTES = Math.round(78.6 * 1024);

export function wasmSizes(path = MODULES.full) {
  const bytes = readFileSync(path);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  for (const [name, budget] of [['full', GZIP_BUDGET_BYTES], ['form', FORM_GZIP_BUDGET_BYTES]]) {
    const { raw, gzip, brotli } = wasmSizes(MODULES[name]);
    const verdict = gzip <= budget ? 'within' : 'OVER';
    console.log(`peeker-core ${name} .wasm: raw ${kb(raw)}, gzip ${kb(gzip)}, brotli ${kb(brotli)} (gzip budget ${kb(budget)}: ${verdict})`);
  }
}
