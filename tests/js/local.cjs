// Tests against the local Peeker (local/), over real HTTP: the send helpers
// under the faults its /_local endpoints inject (429 with Retry-After, 500,
// 503, a slow answer, a dropped connection), pagination over real pages, and
// the buying-domains flow with its webhooks received by an Express endpoint.
// Run them under scripts/with-local.sh, one server per test command: faults
// are armed server-wide, so two files injecting them at once would steal
// each other's.
'use strict';
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const { once } = require('node:events');
const path = require('node:path');
const { promisify } = require('node:util');
const { test } = require('node:test');
const express = require('express');

/** The server scripts/with-local.sh started; a test run without one fails rather than skips. */
function localPeeker() {
  const { PEEKER_BASE_URL: baseUrl, PEEKER_API_KEY: apiKey, PEEKER_WEBHOOK_SECRET: secret, PEEKER_LOCAL_URL: localUrl } = process.env;
  if (!baseUrl || !apiKey || !secret || !localUrl) {
    throw new Error('no local Peeker: run these tests under scripts/with-local.sh (it exports PEEKER_BASE_URL, ...)');
  }
  /** A call to the server's /_local endpoints (no key): `POST /faults`, `POST /webhook-endpoints`, ... */
  const local = async (method, path, body) => {
    const response = await fetch(localUrl + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(response.ok, `${method} /_local${path}: ${response.status}`);
    return (await response.json()).data;
  };
  return { baseUrl, apiKey, secret, local, fault: (fault) => local('POST', '/faults', fault) };
}

/** A fetch that counts its calls and keeps the bodies it sent. */
function countingFetch() {
  const sent = [];
  const fetcher = (url, init) => {
    sent.push(init.body);
    return fetch(url, init);
  };
  return { fetch: fetcher, sent };
}

/** Milliseconds `run` took, and its result. */
async function timed(run) {
  const start = Date.now();
  const result = await run();
  return [Date.now() - start, result];
}

/**
 * An Express app on a free port whose `/webhooks/peeker` verifies each
 * delivery's raw body with `constructEvent` and keeps the events (with the
 * raw body and headers, to tamper with); registered with the server.
 */
async function webhookEndpoint(api, peeker) {
  const received = [];
  const waiting = new Set();
  const app = express();
  app.post('/webhooks/peeker', express.raw({ type: 'application/json' }), (req, res) => {
    try {
      const event = api.constructEvent(req.body, req.headers, peeker.secret);
      received.push({ event, body: Buffer.from(req.body), headers: req.headers });
      for (const check of waiting) check();
      res.sendStatus(200);
    } catch (err) {
      if (!(err instanceof api.WebhookError)) throw err;
      res.status(400).json({ code: err.code });
    }
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${server.address().port}/webhooks/peeker`;
  await peeker.local('POST', '/webhook-endpoints', { url });
  /** The received events `select` keeps, once `done(events)` holds (or a timeout). */
  const until = (select, done, ms = 15_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const events = received.filter(({ event }) => select(event));
        if (!done(events)) return;
        waiting.delete(check);
        clearTimeout(timer);
        resolve(events);
      };
      const timer = setTimeout(() => {
        waiting.delete(check);
        reject(new Error(`webhooks: still waiting after ${ms} ms (${received.length} received)`));
      }, ms);
      waiting.add(check);
      check();
    });
  return { url, until, close: () => server.close() };
}

function registerLocalTests(label, api) {
  const peeker = localPeeker();
  const client = new api.Client(peeker.apiKey, { baseUrl: peeker.baseUrl });
  // Names the local Peeker has not sold yet, however often the tests run against one server.
  const tag = `${label.replace(/\W/g, '')}-${Date.now().toString(36)}`;

  /** A bundle of 2 Google + 1 Microsoft domains, and a valid order for it with its context. */
  async function orderFor(name) {
    const { data: bundle } = await api.send(client.createBundle({ name, monthly_sending_volume: 2000, google_inboxes_per_domain: 2 }));
    const domains = [`${tag}-${name}-a.com`, `${tag}-${name}-b.io`, `${tag}-${name}-c.io`];
    const rows = (await Promise.all(client.checkAvailability(domains).map((request) => api.send(request)))).flatMap((r) => r.data.domains);
    const order = {
      user: `${name}@example.com`,
      bundle_id: bundle.id,
      sequencer: { provider: 'smartlead', login_email: 'login@example.com', login_password: 'secret-password' },
      domains,
      personas: [{ first_name: 'Sam', last_name: 'Lee', profile_picture_url: '' }],
    };
    return { bundle, domains, order, context: { bundle, availability: rows } };
  }

  test(`${label} local: send sends with fetch and returns the parsed, typed answer`, async () => {
    const me = await api.send(client.getMe());
    assert.equal(me.status, 200);
    assert.match(me.requestId, /^req_/);
    assert.deepEqual(me.data.api_key, { environment: 'test', permission_preset: 'full' });
    const { data: bundle } = await api.send(client.createBundle({ name: 'Growth', monthly_sending_volume: 10000, google_inboxes_per_domain: 3 }));
    const { data: again } = await api.send(client.getBundle(bundle.id));
    assert.deepEqual(again.required_domains, { google: 4, microsoft: 2, total: 6 });
    await assert.rejects(api.send(client.getBundle('bun_missing0000000000')), { name: 'ApiError', code: 'not_found', status: 404 });
  });

  test(`${label} local: a 429 waits for its Retry-After, then the same request succeeds`, async () => {
    await peeker.fault({ operation: 'get_me', fault: 'rate_limit', count: 1, retry_after_seconds: 1 });
    const counting = countingFetch();
    const [ms, me] = await timed(() => api.send(client.getMe(), { fetch: counting.fetch }));
    assert.equal(me.status, 200);
    assert.equal(counting.sent.length, 2);
    assert.ok(ms >= 1000 && ms < 3000, `${ms} ms: Retry-After 1 s plus up to 1 s of jitter`);

    await peeker.fault({ operation: 'get_me', fault: 'rate_limit', count: 1, retry_after_seconds: 1 });
    await assert.rejects(api.send(client.getMe(), { retries: 0 }), (err) => {
      assert.ok(err instanceof api.ApiError);
      assert.deepEqual([err.code, err.status, err.retryAfterSeconds], ['rate_limited', 429, 1]);
      return true;
    });
  });

  test(`${label} local: 500 and 503 are retried with backoff; a bundle, which may have been created, is not`, async () => {
    for (const fault of ['server_error', 'unavailable']) {
      await peeker.fault({ operation: 'list_bundles', fault, count: 1 });
      const counting = countingFetch();
      const page = await api.send(client.listBundles(), { fetch: counting.fetch });
      assert.ok(page.data.data.length > 0, fault);
      assert.equal(counting.sent.length, 2, fault);
    }
    await peeker.fault({ operation: 'create_bundle', fault: 'server_error', count: 1 });
    const counting = countingFetch();
    const bundle = client.createBundle({ name: 'Once', monthly_sending_volume: 2000 });
    await assert.rejects(api.send(bundle, { fetch: counting.fetch }), { name: 'ApiError', code: 'server_error', status: 500 });
    assert.equal(counting.sent.length, 1, 'not_idempotent: list the bundles before sending it again');
  });

  test(`${label} local: an order is resent with the same bytes inside its dedupe window and placed once`, async () => {
    const { order, context } = await orderFor('dedupe');
    await peeker.fault({ operation: 'create_order', fault: 'drop', count: 1 });
    const counting = countingFetch();
    const request = client.createOrder(order, context);
    const { data: placed } = await api.send(request, { fetch: counting.fetch });
    assert.equal(counting.sent.length, 2);
    assert.equal(counting.sent[1], counting.sent[0], 'the very same bytes');
    assert.equal(counting.sent[0], new TextDecoder().decode(api.orderBody(order)));
    const { data: again } = await api.send(request);
    assert.equal(again.id, placed.id, 'the server deduplicated the body: one order');

    // Sent first a day ago: a retry now could place a second order, so the 503 is final.
    await peeker.fault({ operation: 'create_order', fault: 'unavailable', count: 1 });
    const late = countingFetch();
    const firstSentAt = Math.floor(Date.now() / 1000) - 86_400;
    await assert.rejects(api.send(request, { fetch: late.fetch, firstSentAt }), { name: 'ApiError', status: 503 });
    assert.equal(late.sent.length, 1);
  });

  test(`${label} local: a slow answer is abandoned after timeoutMs and retried; without retries it is a TimeoutError`, async () => {
    const { data: bundle } = await api.send(client.createBundle({ name: 'Slow', monthly_sending_volume: 2000 }));
    await peeker.fault({ operation: 'get_bundle', fault: 'slow', count: 1, delay_ms: 3000 });
    const [ms, answer] = await timed(() => api.send(client.getBundle(bundle.id), { timeoutMs: 300 }));
    assert.equal(answer.data.id, bundle.id);
    assert.ok(ms < 2500, `${ms} ms: the slow attempt was abandoned at 300 ms`);

    await peeker.fault({ operation: 'get_bundle', fault: 'slow', count: 1, delay_ms: 3000 });
    const [late] = await timed(() =>
      assert.rejects(api.send(client.getBundle(bundle.id), { timeoutMs: 300, retries: 0 }), { name: 'TimeoutError' }),
    );
    assert.ok(late < 1500, `${late} ms`);
  });

  test(`${label} local: a dropped connection is retried; without retries fetch's own error is thrown`, async () => {
    await peeker.fault({ operation: 'get_me', fault: 'drop', count: 1 });
    const counting = countingFetch();
    assert.equal((await api.send(client.getMe(), { fetch: counting.fetch })).status, 200);
    assert.equal(counting.sent.length, 2);
    await peeker.fault({ operation: 'get_me', fault: 'drop', count: 1 });
    await assert.rejects(api.send(client.getMe(), { retries: 0 }), { name: 'TypeError' });
  });

  test(`${label} local: the caller's signal cancels a call, also while it waits to retry`, async () => {
    await peeker.fault({ operation: 'get_me', fault: 'rate_limit', count: 1, retry_after_seconds: 30 });
    const counting = countingFetch();
    const [ms] = await timed(() =>
      assert.rejects(api.send(client.getMe(), { fetch: counting.fetch, signal: AbortSignal.timeout(300) }), { name: 'TimeoutError' }),
    );
    assert.ok(ms < 2000, `${ms} ms`);
    assert.equal(counting.sent.length, 1);
  });

  test(`${label} local: paginate yields every item over every page, retrying a page that fails`, async () => {
    const emails = Array.from({ length: 7 }, (_, i) => `${tag}-${i}@example.com`);
    for (const email of emails) await api.send(client.createUser({ email }));
    const ours = (users) => users.map((user) => user.email).filter((email) => email.startsWith(tag));

    const users = [];
    for await (const user of api.paginate(client, client.listUsers({ per_page: 3 }))) users.push(user);
    assert.deepEqual(ours(users), [...emails].reverse(), 'newest first, each once');

    const pages = [];
    const counting = countingFetch();
    for await (const page of api.paginate(client, client.listUsers({ per_page: 3 }), { pages: true, fetch: counting.fetch })) {
      if (pages.length === 0) await peeker.fault({ operation: 'list_users', fault: 'rate_limit', count: 1, retry_after_seconds: 1 });
      pages.push(page);
    }
    assert.equal(pages.length, Math.ceil(users.length / 3));
    assert.ok(pages.every((page) => page.data.data.length <= 3));
    assert.deepEqual(pages.map((page) => page.nextLink === null), [...Array(pages.length - 1).fill(false), true]);
    assert.deepEqual(pages.flatMap((page) => page.data.data), users);
    assert.equal(counting.sent.length, pages.length + 1, 'the 429 on the second page was retried');

    // By hand: nextPage needs the list's operation to be sent.
    const first = pages[0];
    assert.equal((await api.send(client.nextPage(first.nextLink, 'list_users'))).data.data.length, 3);
    await assert.rejects(api.send(client.nextPage(first.nextLink)), { name: 'ConfigError', code: 'invalid_argument', message: /operation/ });
  });

  test(`${label} local: wrong arguments to send and paginate are ConfigError invalid_argument naming them`, async () => {
    const request = client.getMe();
    const invalid = (name) => (err) => err instanceof api.ConfigError && err.code === 'invalid_argument' && err.message.includes(`\`${name}\``);
    await assert.rejects(api.send({ url: request.url, method: 'GET' }), invalid('request'));
    await assert.rejects(api.send(request, { timeoutMs: 0 }), invalid('timeoutMs'));
    await assert.rejects(api.send(request, { retries: -1 }), invalid('retries'));
    await assert.rejects(api.send(request, { fetch: 'fetch' }), invalid('fetch'));
    await assert.rejects(api.send(request, { signal: {} }), invalid('signal'));
    await assert.rejects(api.send(request, { firstSentAt: '2026-01-01' }), invalid('firstSentAt'));
    assert.throws(() => api.paginate(client, request), invalid('first.operation'));
    assert.throws(() => api.paginate(null, client.listUsers()), invalid('client'));
    assert.throws(() => api.paginate(client, client.listUsers(), { pages: 'yes' }), invalid('pages'));
    assert.throws(() => api.paginate(client, client.listUsers(), { timeoutMs: -5 }), invalid('timeoutMs'));
    assert.throws(() => client.nextPage('/users?page_token=x', 'get_me'), invalid('operation'));
  });

  test(`${label} local: the buying-domains flow, its webhooks verified by an Express endpoint`, async () => {
    const endpoint = await webhookEndpoint(api, peeker);
    try {
      const { bundle, domains, order, context } = await orderFor('flow');
      const plan = api.planDomains(bundle.required_domains, domains, context.availability);
      assert.deepEqual([plan.microsoft, plan.missing], [[domains[0]], { google: 0, microsoft: 0, total: 0 }]);
      assert.deepEqual(api.validateOrder(order, context).violations, []);
      const { data: placed } = await api.send(client.createOrder(order, context));
      assert.equal(placed.status, 'in_progress');

      const mine = (event) => event.data.id === placed.id || event.data.order_id === placed.id;
      const events = await endpoint.until(mine, (list) => list.some(({ event }) => event.type === 'order.completed'));
      assert.deepEqual(events.map(({ event }) => event.type), ['order.in_progress', 'domain.connected', 'domain.connected', 'domain.connected', 'order.completed']);
      assert.deepEqual(events.filter(({ event }) => event.type === 'domain.connected').map(({ event }) => event.data.domain).sort(), [...domains].sort());
      const completed = events.at(-1);
      const { data: stored } = await api.send(client.getOrder(placed.id));
      assert.deepEqual(completed.event.data, stored, 'the event carries the full order, as GET /orders/{id}');
      assert.equal(stored.status, 'completed');

      // A replay is the same event (same id) again: deduplicate on it.
      await peeker.local('POST', `/events/${completed.event.id}/replay`);
      const twice = await endpoint.until((event) => event.id === completed.event.id, (list) => list.length === 2);
      assert.deepEqual(twice[1].event, completed.event);

      // The delivery's bytes changed by one digit no longer verify.
      const tampered = completed.body.toString('utf8').replace(/"domain_count":(\d)/, (_, n) => `"domain_count":${Number(n) + 1}`);
      assert.notEqual(tampered, completed.body.toString('utf8'));
      const headers = Object.fromEntries(Object.entries(completed.headers).filter(([name]) => name.startsWith('peeker-') || name === 'content-type'));
      const response = await fetch(endpoint.url, { method: 'POST', headers, body: tampered });
      assert.deepEqual([response.status, await response.json()], [400, { code: 'signature_mismatch' }]);
    } finally {
      endpoint.close();
    }
  });
}

/** examples/demo.mjs with `args` (`native` or none) prints its five steps. */
function registerDemoTest(label, args) {
  test(`${label} local: the demonstration (${['examples/demo.mjs', ...args].join(' ')}) runs its flow`, async () => {
    localPeeker();
    const demo = path.join(__dirname, '../../examples/demo.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [demo, ...args], { env: process.env, timeout: 60_000 });
    const lines = stdout.trim().split('\n').map((line) => line.replace(/^\[[^\]]+\] /, ''));
    const expected = [
      /^bundle bun_\w+: 2 Google \+ 1 Microsoft domains; webhooks to http:\/\/127\.0\.0\.1:\d+\/webhooks\/peeker$/,
      /^3 of 3 available; Microsoft demo\w+-outreach\.com, Google demo\w+-mail\.io, demo\w+-team\.io$/,
      /^0 violations; order ord_\w+ in_progress \(\d+ bytes, dedupe key [0-9a-f]{16}\.\.\.\)$/,
      /^webhook order\.completed evt_\w+ verified; GET \/orders\/ord_\w+: completed, \d+\.\d\d USD \(the same order as the event\)$/,
      /^a tampered copy of the delivery: 400 signature_mismatch$/,
    ];
    assert.equal(lines.length, expected.length, stdout);
    lines.forEach((line, i) => assert.match(line, expected[i]));
    assert.ok(!stdout.includes(process.env.PEEKER_API_KEY) && !stdout.includes(process.env.PEEKER_WEBHOOK_SECRET), 'no secret printed');
  });
}

module.exports = { localPeeker, registerDemoTest, registerLocalTests };
