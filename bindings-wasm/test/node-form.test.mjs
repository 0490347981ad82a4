// The form entry `peeker-core/form` (its own WebAssembly module) from Node, ESM
// and CommonJS: every vector case of its operations, its exports, argument
// checks and the hostile calls (no panics on purpose: in Node the form entry runs the
// package's full module, which has no test hook; test/hooked.cjs has the hooked one).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import * as form from '../pkg/form-node.mjs';
import * as full from '../pkg/node.mjs';
import { FORM_OPS } from '../../tests/js/cases.mjs';
import { registerVectorTests } from '../../tests/js/register.cjs';
import { internalsOf, registerHostileTest } from '../../tests/js/host.cjs';

const require = createRequire(import.meta.url);
// In Node the form entry runs the full module (its IDNA is idna's: node-idna.test.mjs).
const internals = internalsOf(require('../pkg/api.cjs'), require('../pkg/node/peeker_core_wasm.js'));
registerVectorTests('wasm form', form, { ops: FORM_OPS });
registerHostileTest('wasm form', form, internals, 200_000);

test('wasm form: no module of the package has a test hook', () => {
  for (const glue of ['web/peeker_core_form.js', 'web/peeker_core_wasm.js', 'node/peeker_core_wasm.js']) {
    const text = readFileSync(new URL(`../pkg/${glue}`, import.meta.url), 'utf8');
    assert.ok(text.includes('validateOrder') && !/panicForTests|idnaForTests/.test(text), glue);
  }
  assert.ok(!('_panicForTests' in internals));
});

test('wasm form: the CommonJS and ESM entries are one module with the form functions only', () => {
  const cjs = require('../pkg/form-node.cjs');
  assert.deepEqual(Object.keys(form).filter((name) => name !== 'default').sort(), Object.keys(cjs).sort());
  assert.equal(form.validateOrder, cjs.validateOrder);
  for (const name of ['Client', 'canonicalize', 'verifyWebhook', 'parseResponse', 'retryAdvice', 'send']) assert.ok(!(name in form), name);
  for (const name of ['validateOrder', 'validateBundle', 'validateUser', 'validateAvailabilityLookup', 'validateImport', 'validateForwarding',
    'orderBody', 'dedupeKey', 'dedupeWindow', 'estimateRequiredDomains', 'planDomains', 'ready', 'VERSION']) {
    assert.ok(name in form, name);
  }
  assert.equal(form.VERSION, full.VERSION);
  // One set of error classes across the package's entries.
  assert.equal(form.ConfigError, full.ConfigError);
});

test('wasm form: a wrong argument is a coded invalid_argument naming it and its type', () => {
  assert.throws(() => form.validateOrder(() => 1), (err) => err instanceof form.ConfigError && err.code === 'invalid_argument' && /`order`.*a function/.test(err.message));
  assert.throws(() => form.dedupeWindow('0'), (err) => err.code === 'invalid_argument' && /`firstSentAt`.*a string/.test(err.message));
});

test('wasm form: the same results as the full module on the example order', () => {
  const order = JSON.parse(require('node:fs').readFileSync(new URL('../../examples/order.json', import.meta.url), 'utf8'));
  assert.deepEqual(form.validateOrder(order), full.validateOrder(order));
  assert.deepEqual(form.orderBody(order), full.orderBody(order));
});
