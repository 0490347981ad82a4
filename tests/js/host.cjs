// Host tests every JavaScript package runs besides the shared vectors: error
// classes, the shapes JavaScript hands over (bodies, headers, secrets),
// argument checks, the raw surface's values and errors, and secret hygiene.
'use strict';
const assert = require('node:assert/strict');
const { inspect } = require('node:util');
const { test } = require('node:test');

const SECRET = 'whsec_host_test_9d1e';
const BODY = '{"id":"evt_1","type":"order.completed","data":{"id":"ord_1"}}';

/** Asserts `fn` throws ConfigError `invalid_argument` whose message names `name` and matches `pattern`. */
function assertInvalid(api, fn, name, pattern = /./) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof api.ConfigError, `${err}`);
    assert.equal(err.code, 'invalid_argument');
    assert.ok(err.message.includes(`\`${name}\``), `${err.message} names ${name}`);
    assert.match(err.message, pattern);
    return true;
  });
}

/**
 * The package's raw surface bound again by its own `bind` (`api` is the module
 * holding it: api.cjs or api.mjs), with the raw test-only function the package
 * does not export, run through the same error handling and instance recovery.
 */
function internalsOf(api, raw) {
  const extend = (call) => (raw.panicForTests ? { _panicForTests: () => call(() => raw.panicForTests()) } : {});
  return api.bind(raw, null, { version: '', extend });
}

// The test lines build with the panic hook (PEEKER_TEST_HOOKS=1); scripts/platform-test.sh
// runs these suites on the release packages, which have none.
const TEST_HOOKS = process.env.PEEKER_TEST_HOOKS === '1';

/** `internals`: from `internalsOf`. */
function registerHostTests(label, api, internals) {
  const now = Math.floor(Date.now() / 1000);
  const signature = api.signWebhook(SECRET, now, BODY);
  const headers = { 'Peeker-Timestamp': String(now), 'Peeker-Signature': signature, 'Peeker-Event-Id': 'evt_1' };
  const expected = { timestamp: now }; // the Peeker-Event-Id header is not signed: not returned (D13)

  test(`${label} errors are Error subclasses with a stable code`, () => {
    assert.throws(() => api.canonicalize('{"a":1,"a":2}'), (err) => {
      assert.ok(err instanceof api.JsonError && err instanceof api.PeekerError && err instanceof Error);
      assert.equal(err.name, 'JsonError');
      assert.equal(err.code, 'duplicate_key');
      return true;
    });
    assert.throws(() => api.canonicalize('{\n  "a": tru\n}'), { name: 'JsonError', code: 'invalid_json', line: 2, column: 11 });
    assert.throws(() => api.verifyWebhook(BODY, {}, SECRET), (err) => err instanceof api.WebhookError && err.code === 'missing_header');
    assert.throws(() => new api.Client('pk_test_x').createUser({ email: 'not an email' }), (err) => {
      assert.ok(err instanceof api.ValidationError && err.code === 'invalid_request');
      assert.deepEqual(err.report.violations.map((v) => [v.code, v.path, v.severity]), [['invalid_email', 'email', 'error']]);
      return true;
    });
    const rateLimited = '{"error":{"code":"rate_limited","message":"slow down","details":{"retry_after_seconds":12}}}';
    assert.throws(() => api.parseResponse('get_bundle', 429, [['Peeker-Request-Id', 'req_1']], rateLimited), (err) => {
      assert.ok(err instanceof api.ApiError);
      assert.deepEqual([err.code, err.status, err.requestId, err.retryAfterSeconds], ['rate_limited', 429, 'req_1', 12]);
      return true;
    });
  });

  test(`${label} results are plain values with the JavaScript SDK's names`, () => {
    const client = new api.Client('pk_test_x');
    const next = 'https://api.peeker.ai/partner/v1/users?page_token=t2';
    const page = api.parseResponse('list_users', 200, {}, JSON.stringify({ data: [{ id: 'usr_1' }], links: { next } }));
    assert.deepEqual(page, { status: 200, requestId: null, data: { data: [{ id: 'usr_1' }], links: { next }, meta: {} }, nextLink: next });
    assert.equal(client.nextPage(page.nextLink).url, next);
    assert.deepEqual(api.dedupeWindow(0, 60), { inside: true, expiresAt: 86400, remainingSeconds: 86340 });
    const advice = api.retryAdvice('get_user', 'network', { attempt: 2, jitter: 0 });
    assert.deepEqual({ ...advice, message: typeof advice.message }, { retry: true, delayMs: 1000, reason: 'network_error', message: 'string' });
    const event = api.parseEvent('{"id":"evt_9","type":"order.renamed","data":{"id":"ord_1"}}');
    assert.deepEqual(event, { id: 'evt_9', type: 'unknown', unknown_type: 'order.renamed', data: { id: 'ord_1' } });
    const requests = client.checkAvailability(['a.com', 'b.com']);
    assert.ok(Array.isArray(requests) && requests.length === 1 && requests[0] instanceof api.PeekerRequest);
  });

  test(`${label} numbers are JavaScript numbers up to 2^53; past it both packages refuse, undefined members read as null`, () => {
    const me = (extra) => `{"data":{"api_key":{},"partner":{},"quota":${extra}}}`;
    assert.equal(api.parseResponse('get_me', 200, {}, me('5000000000')).data.quota, 5000000000);
    assert.throws(() => api.parseResponse('get_me', 200, {}, me('9007199254740993')), { name: 'JsonError', code: 'number_out_of_range' });
    const request = new api.Client('pk_test_x').createUser({ email: 'a@b.co', first_name: undefined, sequencer: { provider: 'smartlead', client_id: 5000000000 } });
    assert.equal(request.body, '{"email":"a@b.co","first_name":null,"sequencer":{"client_id":5000000000,"provider":"smartlead"}}');
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
    assertInvalid(api, () => api.canonicalize(42), 'json', /got a number/);
    assertInvalid(api, () => api.signWebhook(SECRET, 1.5, BODY), 'timestamp');
    assertInvalid(api, () => api.signWebhook(undefined, now, BODY), 'secret', /missing/);
    assertInvalid(api, () => api.verifyWebhook(BODY, headers, 42), 'secrets');
    assertInvalid(api, () => api.verifyWebhook(BODY, 'Peeker-Timestamp: 1', SECRET), 'headers');
    assertInvalid(api, () => api.verifyWebhook(BODY, headers, SECRET, { now: '1700000000' }), 'now');
    assertInvalid(api, () => api.verifyWebhook(JSON.parse(BODY), headers, SECRET), 'body', /express\.raw\(\)/);
    assertInvalid(api, () => api.retryAdvice('get_me', 'network', { jitter: Number.NaN }), 'jitter');
    assertInvalid(api, () => api.parseResponse('get_me', '200', {}, '{}'), 'status');
  });

  test(`${label} a missing or wrongly typed builder argument names the argument (not a rule about its content)`, () => {
    const client = new api.Client('pk_test_x');
    const order = { user: 'a@b.co', bundle_id: 'bun_1', domains: ['a.com'], sequencer: {}, personas: [] };
    assertInvalid(api, () => client.getUser(), 'id', /missing/);
    assertInvalid(api, () => client.getUser(5), 'id', /must be a string, got a number/);
    assertInvalid(api, () => client.getUser(null), 'id', /got null/);
    assertInvalid(api, () => client.updateUser('usr_1'), 'body', /missing/);
    assertInvalid(api, () => client.createUser(), 'body', /missing/);
    assertInvalid(api, () => client.checkAvailability(), 'domains', /missing/);
    assertInvalid(api, () => client.updateForwarding(['a.com']), 'forwardingUrl', /missing/);
    assertInvalid(api, () => client.createOrder(order, 'bun_1'), 'context');
    assertInvalid(api, () => client.nextPage(), 'linksNext');
    assertInvalid(api, () => new api.Client(), 'apiKey', /missing/);
    assertInvalid(api, () => api.validateUser(), 'input', /missing/);
    assertInvalid(api, () => api.retryAdvice('get_me'), 'failure', /missing/);
    assertInvalid(api, () => api.retryAdvice(undefined, 'network'), 'operation', /missing/);
    // Content the core cannot read as JSON data is refused by the raw surface, by name.
    assertInvalid(api, () => client.createUser({ email: 'a@b.co', first_name: () => 'Sam' }), 'body.first_name');
    assertInvalid(api, () => api.validateUser(Symbol('input')), 'input');
    // A missing optional argument is none; content problems are still the core's.
    assert.equal(client.listUsers().url, 'https://api.peeker.ai/partner/v1/users');
    assert.equal(client.cancelOrder('ord_1').body, null);
    assert.throws(() => client.checkAvailability(null), (err) => err.code === 'invalid_request' && err.report.violations[0].code === 'required');
    assert.throws(() => client.getUser('5'), (err) => err.code === 'invalid_argument' && /usr_/.test(err.message));
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
    collect(() => new api.Client('pk_test_x').getUser({ key: SECRET }));
    collect(() => api.validateUser({ email: SECRET, callback: () => SECRET }));
    assert.equal(messages.length, 5);
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

  test(`${label} availability prepared once gives the reports and plans of its rows, wherever rows are taken`, () => {
    const rows = [
      { domain: 'Taken.com', available: false, reason: 'taken' },
      { domain: 'ms.com', available: true, usable_for: ['google', 'microsoft'] },
      { domain: 'ms.com', available: false, reason: 'stale' }, // of one name's rows the last wins
      { domain: 'premium.com', available: true, premium: true },
      'not a row',
    ];
    const order = {
      user: 'a@example.com', google_licenses: 4, microsoft_licenses: 1, google_inboxes_per_domain: 2,
      domains: ['taken.com', 'MS.com', 'premium.com', 'other.com'], personas: [],
    };
    const prepared = api.prepareAvailability({ domains: rows });
    assert.ok(prepared instanceof api.PreparedAvailability);
    assert.equal(inspect(prepared), 'PreparedAvailability');
    assert.deepEqual(Object.getOwnPropertyNames(api.PreparedAvailability).sort(), ['length', 'name', 'prototype'], 'no raw object reachable');
    const want = api.validateOrder(order, { availability: rows });
    const found = want.violations.map((v) => `${v.code} ${v.path}`);
    for (const code of ['domain_unavailable domains[0]', 'domain_unavailable domains[1]', 'premium_domain domains[2]', 'availability_unknown domains[3]']) {
      assert.ok(found.includes(code), `${code} in ${found}`);
    }
    // As text (the native addon) and as values (an undefined member keeps it from crossing as text).
    for (const given of [order, { ...order, forwarding_url: undefined }]) {
      assert.deepEqual(api.validateOrder(given, { availability: prepared }), api.validateOrder(given, { availability: rows }));
    }
    const required = { google: 1, microsoft: 1, total: 2 };
    const picks = ['ms.com', 'other.com', 'taken.com'];
    assert.deepEqual(api.planDomains(required, picks, prepared), api.planDomains(required, picks, rows));
    const client = new api.Client('pk_test_x');
    const refusal = (context) => {
      try {
        client.createOrder(order, context);
      } catch (err) {
        assert.ok(err instanceof api.ValidationError, `${err}`);
        return err.report;
      }
      return assert.fail('createOrder built an invalid order');
    };
    assert.deepEqual(refusal({ availability: prepared }), refusal({ availability: rows }));
    // A copy was prepared: changing the rows afterwards changes nothing, even once freed and prepared again.
    rows[0].available = true;
    prepared.free();
    prepared.free();
    assert.deepEqual(api.validateOrder(order, { availability: prepared }), want);
    for (const bad of [5, 'a.com', null, { rows: [] }, { domains: 1 }]) {
      assertInvalid(api, () => api.prepareAvailability(bad), 'availability', /list of availability rows or an availability response/);
    }
    assertInvalid(api, () => api.prepareAvailability(new Date()), 'availability');
  });

  test(`${label} the panic hook is in the raw module exactly when the build is a test build`, () => {
    assert.equal('_panicForTests' in internals, TEST_HOOKS);
  });

  test(`${label} a panic in the core is an InternalError with a code and a readable message, and the next call works`, { skip: !TEST_HOOKS && 'a release package: no test hook' }, () => {
    const client = new api.Client('pk_test_x');
    const prepared = api.prepareAvailability([{ domain: 'a.com', available: false }]);
    assert.ok(!('_panicForTests' in api), 'the package does not export its test hook');
    assert.throws(() => internals._panicForTests(), (err) => {
      assert.ok(err instanceof api.InternalError && err instanceof api.PeekerError);
      assert.equal(err.code, 'internal_error');
      assert.match(err.message, /panicked on purpose/);
      return true;
    });
    assert.equal(api.canonicalize('{"b":1,"a":2}'), '{"a":2,"b":1}');
    assert.equal(client.getUser('usr_1').url, 'https://api.peeker.ai/partner/v1/users/usr_1', 'a client made before the panic');
    const report = api.validateOrder({ domains: ['a.com'] }, { availability: prepared });
    assert.ok(report.violations.some((v) => v.code === 'domain_unavailable'), 'availability prepared before the panic');
  });

  test(`${label} a getter or Proxy that throws while an argument is read is a coded invalid_argument`, () => {
    const hostile = new Proxy({}, { get() { throw new Error('hunter2'); }, ownKeys() { throw new Error('hunter2'); } });
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    for (const attempt of [
      () => api.validateOrder(hostile),
      () => api.validateOrder({ user: hostile }),
      () => api.validateOrder(revoked.proxy),
      () => api.retryAdvice('get_me', revoked.proxy),
      () => new api.Client('pk_test_x', hostile),
      () => new api.Client('pk_test_x').createUser({ email: hostile }),
      () => new api.PreparedAvailability(hostile),
      () => api.prepareAvailability({ domains: [hostile] }),
    ]) {
      assert.throws(attempt, (err) => {
        assert.ok(err instanceof api.ConfigError, `${err}`);
        assert.equal(err.code, 'invalid_argument');
        assert.ok(!err.message.includes('hunter2'), err.message);
        return true;
      });
    }
    assert.equal(api.canonicalize('[1]'), '[1]', 'still usable afterwards');
  });
}

/** Calls with arguments of every JavaScript type, mixed with good calls and panics (tests/js/hostile.mjs). */
function registerHostileTest(label, api, internals, calls = 1_000_000) {
  test(`${label} ${calls} calls with arguments of every type: coded refusals, right results, the process lives`, async (t) => {
    const { runHostile } = await import('./hostile.mjs');
    const counts = runHostile(api, internals, { calls });
    t.diagnostic(JSON.stringify(counts));
    // A panic on purpose every thousand calls where the module has the hook (the host
    // tests check which do); the wasm form module never has it.
    const panics = '_panicForTests' in internals ? Math.floor(calls / 1000) : 0;
    assert.ok(counts.refused > calls / 2 && counts.returned > 0 && counts.panics === panics);
  });
}

/** What a raw function throws. */
function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('did not throw');
}

/**
 * The raw surface (wasm-bindgen or napi) under the API: values cross as
 * plain JavaScript values, and errors as the core's structured error object
 * (never JSON inside a message), also for arguments of the wrong type.
 */
function registerRawTests(label, raw) {
  const plain = (value) => Object.getPrototypeOf(value) === Object.prototype;

  test(`${label} raw: results are plain objects, not JSON text`, () => {
    // The trivial call's window crosses as three numbers [inside, expires_at, remaining_seconds]; the wrapper names them.
    assert.deepEqual(Array.from(raw.dedupeWindow(0, 60)), [1, 86400, 86340]);
    assert.ok(plain(raw.validateOrder({}, undefined)));
    const request = new raw.Client('pk_test_x', null, null).getUser('usr_1');
    assert.ok(plain(request) && plain(request.headers));
    assert.deepEqual([request.method, request.url, request.body], ['GET', 'https://api.peeker.ai/partner/v1/users/usr_1', null]);
  });

  test(`${label} raw: errors are thrown as structured objects, not JSON in a message`, () => {
    const json = thrown(() => raw.canonicalize('{\n  "a": tru\n}'));
    assert.deepEqual({ ...json }, { kind: 'json', code: 'invalid_json', message: json.message, line: 2, column: 11 });
    assert.throws(() => JSON.parse(json.message));
    const validation = thrown(() => raw.estimateRequiredDomains({}));
    assert.deepEqual([validation.kind, validation.code, validation.report.valid], ['validation', 'invalid_request', false]);
    assert.equal(validation.report.violations[0].code, 'required');
    const api = thrown(() => raw.parseResponse('get_me', 503, ['Retry-After'], ['7'], new TextEncoder().encode('<html>')));
    assert.deepEqual([api.kind, api.code, api.status, api.retry_after_seconds], ['api', 'unexpected_response', 503, 7]);
  });

  test(`${label} raw: a wrong argument type is a coded invalid_argument naming it, never a trap or a crash`, () => {
    const client = new raw.Client('pk_test_x', null, null);
    const attempts = {
      id: () => client.getUser(5),
      apiKey: () => new raw.Client(5, null, null),
      context: () => client.createOrder({}, 'bun_1'),
      operation: () => raw.retryAdvice(7, 'network', 1, 0, null, 0),
      input: () => raw.validateUser(() => 1),
      json: () => raw.canonicalize({}),
    };
    for (const [name, attempt] of Object.entries(attempts)) {
      const err = thrown(attempt);
      assert.deepEqual([err.kind, err.code], ['config', 'invalid_argument'], name);
      assert.ok(err.message.includes(`\`${name}\``), err.message);
    }
    assert.equal(client.getUser('usr_2').url, 'https://api.peeker.ai/partner/v1/users/usr_2', 'still usable afterwards');
  });
}

module.exports = { internalsOf, registerHostTests, registerHostileTest, registerRawTests };
