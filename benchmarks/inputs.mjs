// Deterministic benchmark inputs (fixed seed), written to target/bench-inputs/
// and read by every host (Node, Python, Rust, Chromium), so all of them measure
// exactly the same bytes. Run: node benchmarks/inputs.mjs [outdir]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
export const INPUT_DIR = join(ROOT, 'target/bench-inputs');
export const SEED = 0x5eed_7007;
/** The webhook secret every host signs and verifies with (a standardwebhooks/svix-style base64 key). */
export const WEBHOOK_SECRET = 'whsec_' + Buffer.from('peeker-benchmark-webhook-secret!').toString('base64');

// mulberry32: a tiny PRNG with a fixed seed, so the inputs never change.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['alpha', 'nova', 'peak', 'orbit', 'lumen', 'vista', 'crest', 'delta', 'ember', 'fjord', 'grove', 'haven'];
const KEYS = ['région', 'größe', 'prix_€', '名前', 'città', 'año', 'ключ', 'δείκτης', 'ñandú', 'café'];

function document(random, domainCount) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const domains = [];
  for (let i = 0; i < domainCount; i += 1) {
    const name = `${pick(WORDS)}-${i}.com`;
    // Keys deliberately out of canonical order, so canonicalization has work to do.
    const row = {
      score: random() * 10 ** Math.floor(random() * 8 - 3), // floats of every magnitude: shortest round-trip digits
      domain: name,
      tags: { [pick(KEYS)]: Math.floor(random() * 1000) },
      price: Math.round(random() * 1e6) / 100, // floats with two decimals
      forwarding_url: `https://${pick(WORDS)}.example/l/${i}`,
    };
    domains.push(row);
  }
  return { object: 'list', generated_by: 'peeker-core benchmarks', seed: SEED, data: domains, has_more: false };
}

/** Peeker's example order shape grown to ~1 KB: more domains, personas with pictures, forwarding. */
function order1k() {
  const example = JSON.parse(readFileSync(join(ROOT, 'examples/order.json'), 'utf8'));
  return {
    ...example,
    forwarding_url: 'https://example.com/welcome',
    domains: Array.from({ length: 24 }, (_, i) => (i % 6 === 0
      ? { domain: `domain-${String(i + 1).padStart(2, '0')}.com`, forwarding_url: `https://example.com/from/${i + 1}` }
      : `domain-${String(i + 1).padStart(2, '0')}.com`)),
    personas: [
      { first_name: 'Sam', last_name: 'Lee', profile_picture_url: 'https://cdn.example.com/sam.png' },
      { first_name: 'Zoë', last_name: 'Martín', profile_picture_url: 'https://cdn.example.com/zoe.png' },
    ],
  };
}

/** Peeker's example order with exactly 8 violations (checked by the benchmark before timing). */
function order8() {
  const example = JSON.parse(readFileSync(join(ROOT, 'examples/order.json'), 'utf8'));
  const domains = [...example.domains];
  domains[1] = 'not a domain'; // 1 invalid domain name
  domains[2] = 'domain-01.com'; // 2 duplicate domain
  domains[3] = 'domain_04.com'; // 3 invalid domain name
  return {
    ...example,
    user: 'not-an-email', // 4
    sequencer: { ...example.sequencer, login_email: 'login-at-example.com' }, // 5
    domains,
    forwarding_url: 'ftp://example.com', // 6
    personas: [
      { first_name: '', last_name: 'Lee', profile_picture_url: '' }, // 7
      { first_name: 'Ann', last_name: 'Lee', profile_picture_url: 'not a url' }, // 8
    ],
  };
}

/** A 500-domain, 10-persona order, its bundle and its availability rows (as benchmarks/browser-validate.mjs). */
function order500() {
  const domains = Array.from({ length: 500 }, (_, i) => `bench-domain-${String(i).padStart(3, '0')}.com`);
  const availability = domains.map((domain, i) => ({
    domain, available: i % 37 !== 0, premium: false, price_cents: 1200, currency: 'usd',
    usable_for: i % 3 === 0 ? ['google', 'microsoft'] : ['google'],
  }));
  const order = {
    user: 'client@example.com', bundle_id: 'bun_bench',
    sequencer: { provider: 'smartlead', client_id: 366903, login_email: 'login@example.com', login_password: 'secret-password' },
    forwarding_url: 'https://example.com',
    domains: domains.map((d, i) => (i % 10 === 0 ? { domain: d, forwarding_url: `https://example.com/${i}` } : d)),
    personas: Array.from({ length: 10 }, (_, i) => ({ first_name: `First${i}`, last_name: `Last${i}`, profile_picture_url: `https://cdn.example.com/p${i}.png` })),
  };
  const bundle = { id: 'bun_bench', required_domains: { google: 330, microsoft: 170, total: 500 } };
  return { order, bundle, availability };
}

/** A webhook event body padded to exactly `size` bytes (valid JSON: svix and standardwebhooks parse it). */
function webhookBody(random, size) {
  const head = { id: 'evt_bench', type: 'order.completed', created_at: '2026-01-01T00:00:00Z', data: { id: 'ord_bench', domains: [] } };
  let text = JSON.stringify(head);
  const domains = [];
  while (text.length < size - 200) {
    domains.push({ domain: `${WORDS[Math.floor(random() * WORDS.length)]}-${domains.length}.com`, status: 'active' });
    head.data.domains = domains;
    if (domains.length % 64 === 0 || text.length > size - 4000) text = JSON.stringify(head);
  }
  text = JSON.stringify(head);
  while (text.length > size - 20) {
    domains.pop();
    text = JSON.stringify(head);
  }
  head.data.note = 'x'.repeat(size - text.length - ',"note":""'.length);
  text = JSON.stringify(head);
  if (Buffer.byteLength(text) !== size) throw new Error(`webhook body is ${Buffer.byteLength(text)} bytes, wanted ${size}`);
  return text;
}

export function generate(dir = INPUT_DIR) {
  mkdirSync(dir, { recursive: true });
  const random = rng(SEED);
  const files = {};
  const write = (name, text) => {
    writeFileSync(join(dir, name), text);
    files[name] = Buffer.byteLength(text);
  };
  // canonicalize: JSON texts as a host receives them (pretty-printed, keys in generation order).
  write('canon-1k.json', JSON.stringify(order1k(), null, 1));
  write('canon-100k.json', JSON.stringify(document(random, 1000)));
  write('canon-5m.json', JSON.stringify(document(random, 35000)));
  for (const [name, size] of [['webhook-1k.json', 1024], ['webhook-64k.json', 65536], ['webhook-1m.json', 1048576]]) {
    write(name, webhookBody(random, size));
  }
  write('order-valid.json', readFileSync(join(ROOT, 'examples/order.json'), 'utf8'));
  write('order-8.json', JSON.stringify(order8(), null, 1));
  const big = order500();
  write('order-500.json', JSON.stringify(big.order));
  write('order-500-bundle.json', JSON.stringify(big.bundle));
  write('order-500-availability.json', JSON.stringify(big.availability));
  write('order-1k.json', JSON.stringify(order1k()));
  const manifest = { seed: SEED, webhook_secret: WEBHOOK_SECRET, files };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const manifest = generate(process.argv[2] ?? INPUT_DIR);
  for (const [name, bytes] of Object.entries(manifest.files)) console.log(`${name.padEnd(30)} ${bytes} bytes`);
}
