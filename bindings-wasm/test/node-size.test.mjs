// The .wasm of the npm package must not grow (benchmarks/wasm-size.mjs), and
// the Node and web entries share one copy of it.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';

import { GZIP_BUDGET_BYTES, GZIP_CEILING_BYTES, wasmSizes } from '../../benchmarks/wasm-size.mjs';

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

test('the .wasm stays under its gzip ceiling, and the package ships it once', (t) => {
  const { raw, gzip, brotli } = wasmSizes();
  t.diagnostic(`raw ${kb(raw)}, gzip ${kb(gzip)}, brotli ${kb(brotli)}`);
  t.diagnostic(`ceiling ${kb(GZIP_CEILING_BYTES)} gzip; the order form's budget is ${kb(GZIP_BUDGET_BYTES)} (not met)`);
  assert.ok(gzip <= GZIP_CEILING_BYTES, `gzip ${kb(gzip)} is over the ceiling ${kb(GZIP_CEILING_BYTES)}`);
  const node = new URL('../pkg/node/', import.meta.url);
  assert.deepEqual(readdirSync(node).filter((file) => file.endsWith('.wasm')), [], 'a second .wasm in node/');
});
