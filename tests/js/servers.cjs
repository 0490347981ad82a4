// Webhooks received by real servers on 127.0.0.1 (node:http and Express with
// express.raw()), posted with fetch: a signed order.completed is accepted and
// parsed; a tampered body, a stale timestamp and a re-serialized body get 400
// with the coded error, and the message tells the user to pass the raw body.
'use strict';
const assert = require('node:assert/strict');
const http = require('node:http');
const { test } = require('node:test');
const express = require('express');

const SECRET = 'whsec_server_test_3c7f';
const ORDER = {
  id: 'ord_01HZX0OR1A2B3C4D5E6F7G8H', status: 'completed', email: 'client@example.com', domain_count: 2,
  costs: { total_cents: 36800, currency: 'usd', line_items: [{ type: 'google_license', quantity: 20, amount_cents: 2000 }] },
  domains: { registered: ['domain-01.com'], imported: ['team-acme.com'] },
  users: [{ first_name: 'Sam', last_name: 'Lee', profile_picture_url: null }],
};
const BODY = JSON.stringify({ id: 'evt_server_1', type: 'order.completed', created_at: '2026-05-08T12:00:00Z', data: ORDER });

function listen(server) {
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${server.address().port}`)));
}

function registerServerTests(label, api) {
  // The handler both servers share: verify the raw bytes, answer with the parsed order.
  const receive = (rawBody, headers) => {
    try {
      const event = api.constructEvent(rawBody, headers, SECRET);
      return [200, { received: event.id, type: event.type, order: event.data }];
    } catch (err) {
      if (!(err instanceof api.PeekerError)) throw err;
      return [400, { code: err.code, message: err.message }];
    }
  };

  const nodeServer = () =>
    http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        const [status, answer] = receive(Buffer.concat(chunks), req.headers);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });

  const expressServer = () => {
    const app = express();
    const handler = (req, res) => {
      const [status, answer] = receive(req.body, req.headers);
      res.status(status).json(answer);
    };
    app.post('/webhooks/peeker', express.raw({ type: 'application/json' }), handler);
    // The common mistake: a JSON parser ran first, so the raw body is gone.
    app.post('/webhooks/parsed', express.json(), handler);
    return http.createServer(app);
  };

  for (const [name, make, path] of [['node:http', nodeServer, '/'], ['express', expressServer, '/webhooks/peeker']]) {
    test(`${label} ${name}: a signed order.completed is accepted; forged, stale and re-serialized ones are refused`, async () => {
      const server = make();
      const base = await listen(server);
      const post = async (body, { timestamp = Math.floor(Date.now() / 1000), signed = body, to = path } = {}) => {
        const headers = {
          'content-type': 'application/json',
          'peeker-event-id': 'evt_server_1',
          'peeker-timestamp': String(timestamp),
          'peeker-signature': api.signWebhook(SECRET, timestamp, signed),
        };
        const response = await fetch(base + to, { method: 'POST', headers, body });
        return [response.status, await response.json()];
      };
      try {
        const [status, ok] = await post(BODY);
        assert.equal(status, 200, JSON.stringify(ok));
        assert.deepEqual([ok.received, ok.type, ok.order.id, ok.order.costs.total_cents], ['evt_server_1', 'order.completed', ORDER.id, 36800]);
        assert.equal(ok.order.personas[0].first_name, 'Sam', 'the older `users` list arrives as `personas`');

        const tampered = await post(BODY.replace('36800', '100'), { signed: BODY });
        assert.deepEqual([tampered[0], tampered[1].code], [400, 'signature_mismatch']);
        assert.match(tampered[1].message, /raw request body/);

        const stale = await post(BODY, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
        assert.deepEqual([stale[0], stale[1].code], [400, 'timestamp_too_old']);

        const reserialized = await post(JSON.stringify(JSON.parse(BODY), null, 2), { signed: BODY });
        assert.deepEqual([reserialized[0], reserialized[1].code], [400, 'signature_mismatch']);
        assert.match(reserialized[1].message, /raw request body/);

        if (name === 'express') {
          const parsed = await post(BODY, { to: '/webhooks/parsed' });
          assert.deepEqual([parsed[0], parsed[1].code], [400, 'invalid_argument']);
          assert.match(parsed[1].message, /raw request body.*express\.raw\(\)/);
        }
      } finally {
        server.close();
      }
    });
  }
}

module.exports = { registerServerTests };
