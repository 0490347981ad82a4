// Node: peeker-core (WebAssembly) and peeker-core-native (napi-rs) against the
// libraries a Node user would pick instead, all in this one process.
// Writes target/bench-results/node.json. Run after benchmarks/inputs.mjs.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import canonicalizePeer from 'canonicalize';
import { canonicalize as jsonCanonicalize } from 'json-canonicalize';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import * as v from 'valibot';
import { z } from 'zod';
import { QUICK, measure, settings } from './harness.mjs';
import { INPUT_DIR } from './inputs.mjs';
import { checkPeerCounts } from './order-rules.mjs';
import { valibotSchemas } from './valibot-order.mjs';
import { zodSchemas } from './zod-order.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const version = (name) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
const wasm = await import(join(ROOT, 'bindings-wasm/pkg/node.mjs'));
const native = await import(join(ROOT, 'bindings-node/index.mjs'));
const OURS = { 'peeker-core (wasm)': wasm, 'peeker-core-native': native };

const manifest = JSON.parse(readFileSync(join(INPUT_DIR, 'manifest.json'), 'utf8'));
const input = (name) => readFileSync(join(INPUT_DIR, name));
const text = (name) => input(name).toString('utf8');
const config = settings(QUICK);
const rows = [];
const notes = [];

function run(workload, impl, fn, kind = 'ours') {
  const result = measure(fn, config);
  rows.push({ workload, impl, kind, ...result });
  console.log(`${workload.padEnd(34)} ${impl.padEnd(26)} ${(result.median_ns / 1000).toFixed(2).padStart(12)} µs  [${(result.p25_ns / 1000).toFixed(2)}–${(result.p75_ns / 1000).toFixed(2)}]`);
}

// ---- canonicalize: text in, canonical text out (the peers take a value, so they get JSON.parse(text)) ----
const canonPeers = {
  canonicalize: (t) => canonicalizePeer(JSON.parse(t)),
  'json-canonicalize': (t) => jsonCanonicalize(JSON.parse(t)),
};
for (const [size, file] of [['1 KB', 'canon-1k.json'], ['100 KB', 'canon-100k.json'], ['5 MB', 'canon-5m.json']]) {
  const source = text(file);
  const workload = `canonicalize ${size}`;
  const expected = native.canonicalize(source);
  if (wasm.canonicalize(source) !== expected) throw new Error(`${workload}: peeker-core (wasm) and peeker-core-native disagree`);
  for (const [impl, lib] of Object.entries(OURS)) run(workload, impl, () => lib.canonicalize(source));
  for (const [impl, fn] of Object.entries(canonPeers)) {
    const out = fn(source);
    if (out !== expected) {
      let at = 0;
      while (at < out.length && out[at] === expected[at]) at += 1;
      notes.push(`${impl} disagrees with peeker-core on ${workload} at character ${at}: ours ${JSON.stringify(expected.slice(Math.max(0, at - 20), at + 20))}, theirs ${JSON.stringify(out.slice(Math.max(0, at - 20), at + 20))}`);
      rows.push({ workload, impl, kind: 'peer', disagrees: true });
      console.log(`${workload.padEnd(34)} ${impl.padEnd(26)} DISAGREES (not timed)`);
      continue;
    }
    run(workload, impl, () => fn(source), 'peer');
  }
}

// ---- verify_webhook: raw body bytes + headers, valid and wrong signature ----
const secret = manifest.webhook_secret;
const swKey = secret; // standardwebhooks and svix take the same whsec_ base64 secret
const flip = (hex) => hex.slice(0, -1) + (hex.at(-1) === '0' ? '1' : '0');
for (const [size, file] of [['1 KB', 'webhook-1k.json'], ['64 KB', 'webhook-64k.json'], ['1 MB', 'webhook-1m.json']]) {
  const body = input(file);
  const ts = Math.floor(Date.now() / 1000);
  const mac = createHmac('sha256', secret).update(`${ts}.`).update(body).digest('hex');
  const ours = native.signWebhook(secret, ts, body);
  if (ours !== `v1=${mac}` || wasm.signWebhook(secret, ts, body) !== ours) throw new Error('signWebhook disagrees with node:crypto');
  const msgId = 'msg_bench';
  const swSig = Buffer.from(new StandardWebhook(swKey).sign(msgId, new Date(ts * 1000), body.toString('utf8')).split(',')[1], 'base64');
  for (const valid of [true, false]) {
    const workload = `verify_webhook ${size} ${valid ? 'valid' : 'wrong sig'}`;
    const hex = valid ? mac : flip(mac);
    const headers = { 'peeker-signature': `v1=${hex}`, 'peeker-timestamp': String(ts) };
    const sig = valid ? swSig : Buffer.from(swSig.map((b, i) => (i === 0 ? b ^ 1 : b)));
    const swHeaders = { 'webhook-id': msgId, 'webhook-timestamp': String(ts), 'webhook-signature': `v1,${sig.toString('base64')}` };
    const svixHeaders = { 'svix-id': msgId, 'svix-timestamp': String(ts), 'svix-signature': `v1,${sig.toString('base64')}` };
    const expect = (fn) => {
      let ok;
      try { fn(); ok = true; } catch { ok = false; }
      if (ok !== valid) throw new Error(`${workload}: an implementation said ${ok}`);
      return () => { try { fn(); } catch { /* the wrong signature throws */ } };
    };
    for (const [impl, lib] of Object.entries(OURS)) {
      run(workload, impl, expect(() => lib.verifyWebhook(body, headers, secret, { now: ts })));
    }
    const floor = () => {
      const given = Buffer.from(headers['peeker-signature'].slice(3), 'hex');
      const computed = createHmac('sha256', secret).update(`${headers['peeker-timestamp']}.`).update(body).digest();
      if (given.length !== computed.length || !timingSafeEqual(given, computed)) throw new Error('mismatch');
    };
    run(workload, 'node:crypto HMAC (floor)', expect(floor), 'floor');
    const sw = new StandardWebhook(swKey);
    run(workload, 'standardwebhooks', expect(() => sw.verify(body, swHeaders)), 'peer');
    const svix = new SvixWebhook(swKey);
    run(workload, 'svix', expect(() => svix.verify(body, svixHeaders)), 'peer');
  }
}

// ---- validate_order: ours (every violation) vs zod and valibot schemas of the same rules (order-rules.mjs) ----
const { zodOrder, zodOrderWith } = zodSchemas(z);
const { valibotOrder, valibotOrderWith } = valibotSchemas(v);
const big = {
  order: JSON.parse(text('order-500.json')),
  bundle: JSON.parse(text('order-500-bundle.json')),
  availability: JSON.parse(text('order-500-availability.json')),
};
const validateCases = [
  ['validate_order example (valid)', JSON.parse(text('order-valid.json')), undefined, zodOrder, valibotOrder],
  ['validate_order 8 violations', JSON.parse(text('order-8.json')), undefined, zodOrder, valibotOrder],
  ['validate_order 500 domains + availability', big.order, { bundle: big.bundle, availability: big.availability },
    zodOrderWith(big.bundle, big.availability), valibotOrderWith(big.bundle, big.availability)],
];
// Our availability prepared once per package, outside the timed calls, as the peers index the rows once.
const preparedIn = (lib, context) => context && { ...context, availability: lib.prepareAvailability(context.availability) };
for (const [workload, order, context, zodSchema, valibotSchema] of validateCases) {
  const contexts = new Map(Object.values(OURS).map((lib) => [lib, preparedIn(lib, context)]));
  const counts = Object.entries(OURS).map(([impl, lib]) => lib.validateOrder(order, contexts.get(lib)).violations.length);
  const peers = {
    zod: [() => zodSchema.safeParse(order), (r) => r.error?.issues.length ?? 0],
    valibot: [() => v.safeParse(valibotSchema, order), (r) => r.issues?.length ?? 0],
  };
  notes.push(checkPeerCounts(workload, counts, Object.fromEntries(Object.entries(peers).map(([name, [fn, issues]]) => [name, issues(fn())]))));
  for (const [impl, lib] of Object.entries(OURS)) run(workload, impl, () => lib.validateOrder(order, contexts.get(lib)));
  for (const [name, [fn]] of Object.entries(peers)) run(workload, name, fn, 'peer');
}

// ---- order_body + dedupe_key on the 1 KB order; the trivial call ----
const order1k = JSON.parse(text('order-1k.json'));
for (const [impl, lib] of Object.entries(OURS)) run('order_body + dedupe_key 1 KB', impl, () => lib.dedupeKey(lib.orderBody(order1k)));
for (const [impl, lib] of Object.entries(OURS)) run('trivial call: dedupeWindow', impl, () => lib.dedupeWindow(0, 1));
for (const [impl, lib] of Object.entries(OURS)) run("trivial call: canonicalize('1')", impl, () => lib.canonicalize('1'));
run('trivial call: dedupeWindow', 'plain JS function (reference)', () => ({ inside: true, expiresAt: 86400, remainingSeconds: 86399 }), 'floor');

const versions = {
  node: process.version,
  'peeker-core (wasm)': wasm.VERSION,
  'peeker-core-native': native.VERSION,
  canonicalize: version('canonicalize'),
  'json-canonicalize': version('json-canonicalize'),
  standardwebhooks: version('standardwebhooks'),
  svix: version('svix'),
  valibot: version('valibot'),
  zod: version('zod'),
};
const out = join(ROOT, 'target/bench-results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'node.json'), JSON.stringify({ host: 'node', quick: QUICK, settings: config, versions, notes, rows }, null, 1));
for (const note of notes) console.log(`note: ${note}`);
