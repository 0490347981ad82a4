// The memory budget (spec/DECISIONS.md D9) in the wasm package: each hostile
// input of tests/vectors/memory.json through the public API. The linear memory
// only grows, so its size right after a call (seen through a proxy of the raw
// surface, before the API replaces a large instance) is the call's peak; after
// the call the instance must be small again.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const { bind, PeekerError, InternalError } = require('../pkg/api.cjs');
const { cases, prepare, run, mb } = require('../../tests/js/memory.cjs');

const raw = require('../pkg/node/peeker_core_wasm.js');
let seen = 0;
/** js/api.mjs replaces an instance whose memory is larger after a call. */
const LARGE = 16 * 1024 * 1024;
const api = {
  PeekerError,
  InternalError,
  ...bind({ ...raw, memoryBytes: () => (seen = Math.max(seen, raw.memoryBytes())) }),
};

for (const c of cases) {
  test(`memory: ${c.name}`, (t) => {
    const p = prepare(api, c);
    raw.__wbg_reset_state();
    const before = raw.memoryBytes();
    seen = before;
    run(api, c, p);
    const peak = seen - before;
    const after = raw.memoryBytes();
    t.diagnostic(`${mb(p.bytes.length)} in: linear memory ${mb(before)} before, +${mb(peak)} at the peak, ${mb(after)} after`);
    assert.ok(peak <= p.budget, `the peak grew by ${mb(peak)}, over the budget of ${mb(p.budget)}`);
    assert.ok(after <= LARGE, `the instance kept ${mb(after)} after the call`);
  });
}
