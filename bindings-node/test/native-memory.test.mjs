// The memory budget (spec/DECISIONS.md D9) in the native addon: each input of
// tests/vectors/memory.json, one fresh process per case, measured by the rise
// of its resident memory during the call.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const { cases, measureInChild, mb } = require('../../tests/js/memory.cjs');
const entry = fileURLToPath(new URL('../index.cjs', import.meta.url));

cases.forEach((c, index) => {
  test(`memory: ${c.name}`, (t) => {
    const { bytes, budget, peak } = measureInChild(entry, index);
    t.diagnostic(`${mb(bytes)} in: resident memory +${mb(peak)} at the peak`);
    // A legitimate input's result is large, and resident memory counts its
    // JavaScript objects too: it must parse (the child throws otherwise); its
    // peak is reported, not held to the budget (spec/DECISIONS.md D9).
    if (c.parses) return;
    assert.ok(peak <= budget, `resident memory rose by ${mb(peak)}, over the budget of ${mb(budget)}`);
  });
});
