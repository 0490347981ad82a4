// The .wasm of the npm package must not grow: see benchmarks/wasm-size.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { GZIP_BUDGET_BYTES, GZIP_CEILING_BYTES, wasmSizes } from '../../benchmarks/wasm-size.mjs';

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

test('the .wasm stays under its gzip ceiling (both package entries ship the same module)', (t) => {
  const web = wasmSizes();
  const node = wasmSizes(new URL('../pkg/node/peeker_core_wasm_bg.wasm', import.meta.url));
  t.diagnostic(`raw ${kb(web.raw)}, gzip ${kb(web.gzip)}, brotli ${kb(web.brotli)}`);
  t.diagnostic(`ceiling ${kb(GZIP_CEILING_BYTES)} gzip; the order form's budget is ${kb(GZIP_BUDGET_BYTES)} (not met)`);
  assert.ok(web.gzip <= GZIP_CEILING_BYTES, `gzip ${kb(web.gzip)} is over the ceiling ${kb(GZIP_CEILING_BYTES)}`);
  assert.equal(node.raw, web.raw, 'the node and web builds differ in size');
});
