// Host tests every JavaScript package runs besides the shared vectors: error
// classes, the shapes JavaScript hands over (bodies, headers, secrets),
// argument checks and secret hygiene.
'use strict';
const assert = require('node:assert/strict');
const { inspect } = require('node:util');
const { test } = require('node:test');

const SECRET = 'whsec_host_test_9d1e';
const BODY = '{"id":"evt_1","type":"order.completed","data":{"id":"ord_1"}}';

function registerHostTests(label, api) {
  const now = Math.floor(Date.now() / 1000);
  const signature = api.signWebhook(SECRET, now, BODY);
  const headers = { 'Peeker-Timestamp': String(now), 'Peeker-Signature': signature, 'Peeker-Event-Id': 'evt_1' };
  const expected = { timestamp: now, eventId: 'evt_1' };

  test(`${label} errors are Error subclasses with a stable code`, () => {
    assert.throws(() => api.canonicalize('{"a":1,"a":2}'), (err) => {
      assert.ok(err instanceof api.JsonError && err instanceof api.PeekerError && err instanceof Error);
      assert.equal(err.name, 'JsonError');
      assert.equal(err.code, 'duplicate_key');
      return true;
    });
    assert.throws(() => api.canonicalize('{\n  "a": tru\n}'), { name: 'JsonError', code: 'invalid_json', line: 2, column: 11 });
    assert.throws(() => api.verifyWebhook(BODY, {}, SECRET), (err) => err instanceof api.WebhookError && err.code === 'missing_header');
  });

  test(`${label} bodies as string, Buffer, Uint8Array, ArrayBuffer and DataView`, () => {
    const bytes = new TextEncoder().encode(BODY);
    for (const body of [BODY, Buffer.from(BODY), bytes, bytes.buffer, new DataView(bytes.buffer)]) {
      assert.deepEqual(api.verifyWebhook(body, headers, SECRET), expected);
    }
  });

  test(`${label} headers as object, Map, pairs, Headers and repeated values`, () => {
    const pairs = Object.entries(headers);
    for (const shape of [headers, new Map(pairs), pairs, new Headers(pairs)]) {
      assert.deepEqual(api.verifyWebhook(BODY, shape, [SECRET]), expected);
    }
    const repeated = { ...headers, 'peeker-signature': [`v1=${'0'.repeat(64)}`, signature] };
    delete repeated['Peeker-Signature'];
    assert.deepEqual(api.verifyWebhook(BODY, repeated, SECRET), expected);
  });

  test(`${label} now defaults to the clock and tolerance is an option`, () => {
    assert.deepEqual(api.verifyWebhook(BODY, headers, SECRET), expected);
    assert.throws(() => api.verifyWebhook(BODY, headers, SECRET, { now: now + 61, tolerance: 60 }), {
      code: 'timestamp_too_old',
    });
  });

  test(`${label} wrong argument types give ConfigError invalid_argument`, () => {
    const invalid = (fn) => assert.throws(fn, (err) => err instanceof api.ConfigError && err.code === 'invalid_argument');
    invalid(() => api.canonicalize(42));
    invalid(() => api.signWebhook(SECRET, 1.5, BODY));
    invalid(() => api.signWebhook(undefined, now, BODY));
    invalid(() => api.verifyWebhook(BODY, headers, 42));
    invalid(() => api.verifyWebhook(BODY, 'Peeker-Timestamp: 1', SECRET));
    invalid(() => api.verifyWebhook(BODY, headers, SECRET, { now: '1700000000' }));
    assert.throws(() => api.verifyWebhook(JSON.parse(BODY), headers, SECRET), /express\.raw\(\)/);
  });

  test(`${label} no error message or property carries a secret`, () => {
    const messages = [];
    const collect = (fn) => {
      try {
        fn();
      } catch (err) {
        messages.push(`${err} ${err.stack} ${JSON.stringify(err)}`);
      }
    };
    collect(() => api.verifyWebhook(BODY, headers, ` ${SECRET}-rotated `));
    collect(() => api.verifyWebhook(BODY, headers, [SECRET, Buffer.from(SECRET)]));
    collect(() => api.signWebhook(Buffer.from(SECRET), now, BODY));
    assert.equal(messages.length, 3);
    for (const message of messages) assert.ok(!message.includes(SECRET.slice(6)), message);
  });

  test(`${label} printing a client, a request or an order error never shows the key or the password`, () => {
    const key = 'pk_live_7Hq2SecretKeyMaterial';
    const password = 'hunter2-smartlead-pass';
    const order = {
      user: 'client@example.com', bundle_id: 'bun_1', domains: ['a.com'],
      sequencer: { provider: 'smartlead', login_email: 'l@example.com', login_password: password },
      personas: [{ first_name: 'Sam', last_name: 'Lee', profile_picture_url: null }],
    };
    const client = new api.Client(key);
    const request = client.createOrder(order);
    assert.ok(request.body.includes(password) && request.headers.Authorization.includes(key), 'the request itself is complete');
    const shown = [inspect(client), String(client), JSON.stringify(client), inspect(request), String(request), JSON.stringify(request)];
    const errors = [];
    for (const attempt of [
      () => new api.Client(key.replace('pk_', 'sk_')),
      () => client.createOrder({ ...order, domains: [] }),
      () => client.createOrder({ ...order, sequencer: { ...order.sequencer, login_email: password } }),
    ]) {
      assert.throws(attempt, (err) => errors.push(`${err} ${err.stack} ${JSON.stringify(err)} ${inspect(err)}`) > 0);
    }
    for (const text of [...shown, ...errors]) {
      assert.ok(!text.includes('SecretKeyMaterial') && !text.includes(password), text);
    }
  });

  test(`${label} a panic in the core is an InternalError with a code and a readable message`, () => {
    assert.throws(() => api._panicForTests(), (err) => {
      assert.ok(err instanceof api.InternalError && err instanceof api.PeekerError);
      assert.equal(err.code, 'internal_error');
      assert.match(err.message, /panicked on purpose/);
      return true;
    });
  });
}

module.exports = { registerHostTests };
