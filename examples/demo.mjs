// The demonstration for both npm packages: a partner app buying domains from a
// Peeker over real HTTP. It reads the server from PEEKER_BASE_URL, PEEKER_API_KEY,
// PEEKER_WEBHOOK_SECRET and PEEKER_LOCAL_URL, which scripts/with-local.sh exports:
//   scripts/with-local.sh node examples/demo.mjs          (peeker-core, WebAssembly)
//   scripts/with-local.sh node examples/demo.mjs native   (peeker-core-native, napi-rs)
// A bundle, availability and the plan, Peeker's example order (examples/order.json)
// on fresh domains validated and placed with `send`, order.completed received by an
// Express endpoint and verified, the full order read back; a tampered copy refused.
import express from 'express';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

const native = process.argv[2] === 'native';
const peeker = native ? await import('../bindings-node/index.mjs') : await import('../bindings-wasm/pkg/node.mjs');
const say = (line) => console.log(`[${native ? 'peeker-core-native' : 'peeker-core (wasm)'}] ${line}`);

const { PEEKER_BASE_URL, PEEKER_API_KEY, PEEKER_WEBHOOK_SECRET, PEEKER_LOCAL_URL } = process.env;
if (!PEEKER_BASE_URL || !PEEKER_API_KEY || !PEEKER_WEBHOOK_SECRET || !PEEKER_LOCAL_URL) {
  console.error('demo: no Peeker to talk to; run it under scripts/with-local.sh');
  process.exit(2);
}
const client = new peeker.Client(PEEKER_API_KEY, { baseUrl: PEEKER_BASE_URL });

// The webhook endpoint: verify the raw body, then hand order.completed to whoever waits for that order.
const waiting = new Map();
const app = express();
app.post('/webhooks/peeker', express.raw({ type: 'application/json' }), (req, res) => {
  try {
    const event = peeker.constructEvent(req.body, req.headers, PEEKER_WEBHOOK_SECRET);
    if (event.type === 'order.completed') waiting.get(event.data.id)?.({ event, body: req.body, headers: req.headers });
    res.sendStatus(200);
  } catch (err) {
    if (!(err instanceof peeker.WebhookError)) throw err;
    res.status(400).send(err.code);
  }
});
const server = app.listen(0, '127.0.0.1');
await once(server, 'listening');
const webhookUrl = `http://127.0.0.1:${server.address().port}/webhooks/peeker`;
await fetch(`${PEEKER_LOCAL_URL}/webhook-endpoints`, { method: 'POST', body: JSON.stringify({ url: webhookUrl }) });

try {
  const { data: created } = await peeker.send(client.createBundle({ name: 'Demo starter', monthly_sending_volume: 2000 }));
  const { data: bundle } = await peeker.send(client.getBundle(created.id));
  const { google, microsoft } = bundle.required_domains;
  say(`bundle ${bundle.id}: ${google} Google + ${microsoft} Microsoft domains; webhooks to ${webhookUrl}`);

  // Fresh names each run: the server remembers the ones it sold.
  const brand = `demo${Date.now().toString(36)}${native ? 'n' : 'w'}`;
  const picks = [`${brand}-outreach.com`, `${brand}-mail.io`, `${brand}-team.io`];
  const replies = await Promise.all(client.checkAvailability(picks).map((request) => peeker.send(request)));
  const rows = replies.flatMap((reply) => reply.data.domains);
  const plan = peeker.planDomains(bundle.required_domains, picks, rows);
  say(`${rows.filter((row) => row.available).length} of ${picks.length} available; Microsoft ${plan.microsoft}, Google ${plan.google.join(', ')}`);

  const example = JSON.parse(readFileSync(new URL('./order.json', import.meta.url), 'utf8'));
  const order = { ...example, bundle_id: bundle.id, domains: picks };
  const context = { bundle, availability: rows };
  const { violations } = peeker.validateOrder(order, context);
  const request = client.createOrder(order, context);
  const { data: placed } = await peeker.send(request);
  say(`${violations.length} violations; order ${placed.id} ${placed.status} (${request.body.length} bytes, dedupe key ${peeker.dedupeKey(request.body).slice(0, 16)}...)`);

  // Provisioning takes hours at Peeker, a second or so here: order.completed is at least an hour of its time away.
  const delivery = await new Promise((resolve, reject) => {
    waiting.set(placed.id, resolve);
    setTimeout(() => reject(new Error('demo: no order.completed within 30 s')), 30_000).unref();
  });
  const { data: stored } = await peeker.send(client.getOrder(placed.id));
  const same = isDeepStrictEqual(stored, delivery.event.data) ? 'the same order as the event' : 'DIFFERS from the event';
  const total = `${(stored.costs.total_cents / 100).toFixed(2)} ${stored.costs.currency.toUpperCase()}`;
  say(`webhook ${delivery.event.type} ${delivery.event.id} verified; GET /orders/${placed.id}: ${stored.status}, ${total} (${same})`);

  const tampered = Buffer.from(delivery.body.toString('utf8').replace('"completed"', '"cancelled"'));
  const headers = Object.fromEntries(Object.entries(delivery.headers).filter(([key]) => key.startsWith('peeker-') || key === 'content-type'));
  const refused = await fetch(webhookUrl, { method: 'POST', headers, body: tampered });
  say(`a tampered copy of the delivery: ${refused.status} ${await refused.text()}`);
} finally {
  server.close();
  server.closeAllConnections();
}
