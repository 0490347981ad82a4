// Neither .wasm of the npm package may grow (benchmarks/wasm-size.mjs), and the
// Node and web entries share one copy of each.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';

import {
  FORM_GZIP_BUDGET_BYTES, FORM_GZIP_CEILING_BYTES, GZIP_BUDGET_BYTES, GZIP_CEILING_BYTES, MODULES, wasmSizes,
} from '../../benchmarks/wasm-size.mjs';

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

for (const [name, ceiling, budget] of [['full', GZIP_CEILING_BYTES, GZIP_BUDGET_BYTES], ['form', FORM_GZIP_CEILING_BYTES, FORM_GZIP_BUDGET_BYTES]]) {
  test(`the ${name} .wasm stays under its gzip ceiling`, (t) => {
    const { raw, gzip, brotli } = wasmSizes(MODULES[name]);
    t.diagnostic(`${name}: raw ${kb(raw)}, gzip ${kb(gzip)}, brotli ${kb(brotli)}`);
    t.diagnostic(`ceiling ${kb(ceiling)} gzip; the budget is ${kb(budget)} (${gzip <= budget ? 'met' : 'not met'})`);
    assert.ok(gzip <= ceiling, `gzip ${kb(gzip)} is over the ceiling ${kb(ceiling)}`);
  });
}

test('the package ships each .wasm once', () => {
  const node = new URL('../pkg/node/', import.meta.url);
  assert.deepEqual(readdirSync(node).filter((file) => file.endsWith('.wasm')), [], 'a second .wasm in node/');
  const web = new URL('../pkg/web/', import.meta.url);
  assert.deepEqual(readdirSync(web).filter((file) => file.endsWith('.wasm')).sort(), ['peeker_core_form_bg.wasm', 'peeker_core_wasm_bg.wasm']);
});
