// Chromium (Debian's, through playwright-core): peeker-core (the npm package's
// browser entry, WebAssembly) against the `canonicalize` npm package (loaded as
// a plain ES module), zod and valibot (validate_order) and WebCrypto HMAC (the floor), in one page.
// Writes target/bench-results/browser.json. Run after benchmarks/inputs.mjs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withPage } from '../tests/js/chromium.mjs';
import { QUICK, settings } from './harness.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const config = settings(QUICK);

const result = await withPage('benchmarks/browser.html', async (page, problems) => {
  page.on('console', (msg) => msg.type() === 'log' && console.log(msg.text()));
  const out = await page.evaluate(async (config) => {
    const { measure, measureAsync } = await import('/benchmarks/harness.mjs');
    const peeker = await import('/bindings-wasm/pkg/web.mjs');
    await peeker.ready();
    const { default: canonicalizePeer } = await import('/node_modules/canonicalize/lib/canonicalize.js');
    const { z } = await import('/node_modules/zod/index.js');
    const { zodOrder, zodOrderWith } = (await import('/benchmarks/zod-order.mjs')).zodSchemas(z);
    const v = await import('/node_modules/valibot/dist/index.mjs');
    const { valibotOrder, valibotOrderWith } = (await import('/benchmarks/valibot-order.mjs')).valibotSchemas(v);
    const { checkPeerCounts } = await import('/benchmarks/order-rules.mjs');
    const get = async (name) => new Uint8Array(await (await fetch(`/target/bench-inputs/${name}`)).arrayBuffer());
    const decode = (bytes) => new TextDecoder().decode(bytes);
    const rows = [];
    const notes = [];
    const log = (workload, impl, r) => console.log(`${workload.padEnd(42)} ${impl.padEnd(26)} ${(r.median_ns / 1000).toFixed(2).padStart(12)} µs  [${(r.p25_ns / 1000).toFixed(2)}–${(r.p75_ns / 1000).toFixed(2)}]`);
    const run = (workload, impl, fn, kind = 'ours') => {
      const r = measure(fn, config);
      rows.push({ workload, impl, kind, ...r });
      log(workload, impl, r);
    };
    const runAsync = async (workload, impl, fn, kind) => {
      const r = await measureAsync(fn, config);
      rows.push({ workload, impl, kind, ...r });
      log(workload, impl, r);
    };

    for (const [size, file] of [['1 KB', 'canon-1k.json'], ['100 KB', 'canon-100k.json'], ['5 MB', 'canon-5m.json']]) {
      const source = decode(await get(file));
      const workload = `canonicalize ${size}`;
      const expected = peeker.canonicalize(source);
      run(workload, 'peeker-core (wasm)', () => peeker.canonicalize(source));
      if (canonicalizePeer(JSON.parse(source)) === expected) {
        run(workload, 'canonicalize', () => canonicalizePeer(JSON.parse(source)), 'peer');
      } else {
        notes.push(`canonicalize disagrees with peeker-core on ${workload}`);
        rows.push({ workload, impl: 'canonicalize', kind: 'peer', disagrees: true });
      }
    }

    const manifest = JSON.parse(decode(await get('manifest.json')));
    const secret = manifest.webhook_secret;
    const encoder = new TextEncoder();
    const hexBytes = (hex) => Uint8Array.from(hex.match(/../g), (h) => parseInt(h, 16));
    const ts = Math.floor(Date.now() / 1000);
    for (const [size, file] of [['1 KB', 'webhook-1k.json'], ['64 KB', 'webhook-64k.json'], ['1 MB', 'webhook-1m.json']]) {
      const body = await get(file);
      const signature = peeker.signWebhook(secret, ts, body);
      for (const valid of [true, false]) {
        const workload = `verify_webhook ${size} ${valid ? 'valid' : 'wrong sig'}`;
        const sig = valid ? signature : signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
        const headers = { 'peeker-signature': sig, 'peeker-timestamp': String(ts) };
        const ours = () => { try { peeker.verifyWebhook(body, headers, secret, { now: ts }); return true; } catch { return false; } };
        if (ours() !== valid) throw new Error(`${workload}: peeker-core said ${!valid}`);
        run(workload, 'peeker-core (wasm)', ours);
        // The floor: import the key, HMAC "<ts>.<body>" and compare in constant time (crypto.subtle.verify).
        const webcrypto = async () => {
          const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
          const prefix = encoder.encode(`${headers['peeker-timestamp']}.`);
          const data = new Uint8Array(prefix.length + body.length);
          data.set(prefix);
          data.set(body, prefix.length);
          return crypto.subtle.verify('HMAC', key, hexBytes(headers['peeker-signature'].slice(3)), data);
        };
        if ((await webcrypto()) !== valid) throw new Error(`${workload}: WebCrypto said ${!valid}`);
        await runAsync(workload, 'WebCrypto HMAC (floor)', webcrypto, 'floor');
      }
    }

    const json = async (name) => JSON.parse(decode(await get(name)));
    const big = { order: await json('order-500.json'), bundle: await json('order-500-bundle.json'), availability: await json('order-500-availability.json') };
    const cases = [
      ['validate_order example (valid)', await json('order-valid.json'), undefined, zodOrder, valibotOrder],
      ['validate_order 8 violations', await json('order-8.json'), undefined, zodOrder, valibotOrder],
      // Our availability prepared once, outside the timed calls, as the peers index the rows once.
      ['validate_order 500 domains + availability', big.order, { bundle: big.bundle, availability: peeker.prepareAvailability(big.availability) },
        zodOrderWith(big.bundle, big.availability), valibotOrderWith(big.bundle, big.availability)],
    ];
    for (const [workload, order, context, zodSchema, valibotSchema] of cases) {
      const zodPeer = () => zodSchema.safeParse(order);
      const valibotPeer = () => v.safeParse(valibotSchema, order);
      const counts = { zod: zodPeer().error?.issues.length ?? 0, valibot: valibotPeer().issues?.length ?? 0 };
      notes.push(checkPeerCounts(workload, [peeker.validateOrder(order, context).violations.length], counts));
      run(workload, 'peeker-core (wasm)', () => peeker.validateOrder(order, context));
      run(workload, 'zod', zodPeer, 'peer');
      run(workload, 'valibot', valibotPeer, 'peer');
    }
    const order1k = await json('order-1k.json');
    run('order_body + dedupe_key 1 KB', 'peeker-core (wasm)', () => peeker.dedupeKey(peeker.orderBody(order1k)));
    run('trivial call: dedupeWindow', 'peeker-core (wasm)', () => peeker.dedupeWindow(0, 1));
    run("trivial call: canonicalize('1')", 'peeker-core (wasm)', () => peeker.canonicalize('1'));
    return { rows, notes, versions: { 'peeker-core (wasm)': peeker.VERSION, chromium: navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? navigator.userAgent } };
  }, config);
  if (problems.length) throw new Error(problems.join('\n'));
  return out;
});

const version = (name) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
result.versions.canonicalize = version('canonicalize');
result.versions.zod = version('zod');
result.versions.valibot = version('valibot');
result.versions['playwright-core'] = version('playwright-core');
const out = join(ROOT, 'target/bench-results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'browser.json'), JSON.stringify({ host: 'browser', quick: QUICK, settings: config, ...result }, null, 1));
for (const note of result.notes) console.log(`note: ${note}`);
