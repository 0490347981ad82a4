// The Node entry verifies webhooks with node:crypto's HMAC (bindings-wasm/npm/node-glue.cjs):
// the core gets the headers and secrets, never the body. These tests pin that it really
// takes that path, and that it answers exactly as the in-module HMAC (the web and workerd
// entries' path) on generated deliveries, errors included.
'use strict';
const assert = require('node:assert/strict');
const { createHmac } = require('node:crypto');
const { test } = require('node:test');
const shared = require('../pkg/api.cjs');
const api = require('../pkg/node.cjs');
const raw = require('../pkg/node/peeker_core_wasm.js');

/** The same instance bound without the host's HMAC: SHA-256 in WebAssembly, as in browsers. */
const inModule = shared.bind(raw, null);

/** A small deterministic generator (mulberry32), so a failure replays. */
function generator(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const bytes = (n) => Uint8Array.from({ length: n }, () => int(256));
  return { int, pick, bytes };
}

/** HMAC-SHA256 hex of `<timestamp>.<body>`, computed here (a third party to both paths). */
const sign = (secret, timestamp, body) => createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

/** What a call gives: its value, or its error's class, code and message. */
function outcome(run) {
  try {
    return { value: run() };
  } catch (err) {
    return { error: [err.constructor.name, err.code, err.message] };
  }
}

/** One generated delivery: body, headers (in one of the shapes JavaScript has), secrets and options. */
function delivery(g, now) {
  const event = JSON.stringify({ id: `evt_${g.int(1e6)}`, type: 'order.completed', created_at: '2026-01-01T00:00:00Z', data: { id: 'ord_1' }, pad: 'x'.repeat(g.int(3000)) });
  const body = g.pick([
    () => event,
    () => Buffer.from(event),
    () => g.bytes(g.pick([0, 1, 63, 64, 65, 1000, g.int(70_000)])),
    () => `{"é":"${'ü😀'.repeat(g.int(50))}"}`,
  ])();
  const secretPool = ['whsec_a1', 'whsec_b2', ' whsec_spaced ', 'whsec_ключ', `whsec_${'k'.repeat(g.int(200) + 1)}`, ''];
  const secrets = g.pick([() => g.pick(secretPool), () => Array.from({ length: g.int(4) }, () => g.pick(secretPool))])();
  const list = [secrets].flat();
  const timestamp = g.pick([now, now - g.int(400), now + g.int(400), 0, '9223372036854775807', '01700000000', '+5', '', 'now']);
  const signer = g.pick([...list, 'whsec_other', 'whsec_a1']) || 'whsec_x';
  let signature = `v1=${sign(signer, timestamp, body)}`;
  signature = g.pick([
    () => signature,
    () => `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
    () => `v2=${'ab'.repeat(32)}, ${signature}`,
    () => `v1=${'00'.repeat(32)} ${signature}`,
    () => 'v1=zz',
    () => 'v2=00',
    () => '',
  ])();
  const fields = [['Peeker-Timestamp', String(timestamp)], ['peeker-signature', signature], ['Peeker-Event-Id', 'evt_1']].filter(() => g.int(10) > 0);
  const headers = g.pick([() => Object.fromEntries(fields), () => new Map(fields), () => fields, () => new Headers(fields)])();
  const options = { now, tolerance: g.pick([300, 0, 600, 86_400, -1, 10 ** 9]) };
  return [body, headers, secrets, options];
}

test('the Node entry and the in-module HMAC agree on generated deliveries, errors included', () => {
  const g = generator(16);
  const now = 1_767_225_600;
  const seen = new Map();
  for (let i = 0; i < 3000; i += 1) {
    const args = delivery(g, now);
    for (const name of ['verifyWebhook', 'constructEvent']) {
      const host = outcome(() => api[name](...args));
      assert.deepEqual(host, outcome(() => inModule[name](...args)), `delivery ${i}, ${name}`);
      const key = host.error ? host.error[1] : `${name} ok`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  // Every outcome of a delivery came up, so the comparison covered each branch.
  for (const key of ['verifyWebhook ok', 'constructEvent ok', 'signature_mismatch', 'timestamp_too_old', 'timestamp_in_future', 'invalid_header', 'missing_header', 'no_supported_signature', 'invalid_argument', 'invalid_payload']) {
    assert.ok(seen.get(key) > 5, `${key}: ${seen.get(key) ?? 0} times`);
  }
});

test('the Node entry never hands a webhook body to the module', () => {
  const body = Buffer.from('{"id":"evt_1","type":"order.completed","created_at":"2026-01-01T00:00:00Z","data":{"id":"ord_1"}}');
  const headers = { 'Peeker-Timestamp': '1767225600', 'Peeker-Signature': `v1=${sign('whsec_a1', 1767225600, body)}` };
  const saved = { verifyWebhook: raw.verifyWebhook, constructEvent: raw.constructEvent };
  const refuse = () => {
    throw new Error('the in-module HMAC was called');
  };
  Object.assign(raw, { verifyWebhook: refuse, constructEvent: refuse });
  try {
    assert.deepEqual(api.verifyWebhook(body, headers, 'whsec_a1', { now: 1767225600 }), { timestamp: 1767225600 });
    assert.equal(api.constructEvent(body, headers, 'whsec_a1', { now: 1767225600 }).id, 'evt_1');
    // The spy works: the in-module path does call it.
    assert.throws(() => inModule.verifyWebhook(body, headers, 'whsec_a1', { now: 1767225600 }), (err) => /in-module HMAC/.test(err.cause?.message));
  } finally {
    Object.assign(raw, saved);
  }
});

test('a body too large for linear memory (4 GiB) verifies', (t) => {
  let body;
  try {
    body = Buffer.alloc(2 ** 32); // untouched zero pages: reading them costs no memory
  } catch {
    t.skip('this machine will not reserve 4 GiB of address space');
    return;
  }
  const mac = createHmac('sha256', 'whsec_a1').update('1767225600.');
  for (let at = 0; at < body.length; at += 2 ** 30) mac.update(body.subarray(at, at + 2 ** 30));
  const headers = { 'Peeker-Timestamp': '1767225600', 'Peeker-Signature': `v1=${mac.digest('hex')}` };
  assert.deepEqual(api.verifyWebhook(body, headers, 'whsec_a1', { now: 1767225600 }), { timestamp: 1767225600 });
});

test('a host HMAC that fails is a coded internal error naming no secret', () => {
  const headers = { 'Peeker-Timestamp': '1767225600', 'Peeker-Signature': `v1=${'00'.repeat(32)}` };
  for (const hmac of [() => new Uint8Array(31), () => 'not bytes', () => { throw new Error('whsec_leak'); }]) {
    const broken = shared.bind(raw, null, { hmac });
    assert.throws(() => broken.verifyWebhook('{}', headers, 'whsec_leak', { now: 1767225600 }), (err) => {
      assert.equal(err.name, 'InternalError');
      assert.equal(err.code, 'internal_error');
      assert.ok(!err.message.includes('leak'), err.message);
      return true;
    });
  }
});
