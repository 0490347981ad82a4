// Memory stays flat: one million verifyWebhook and one million validateOrder
// calls through each npm package, with the resident set size (RSS) read
// after a warm-up and at the end. Run by scripts/bench.sh (not a test).
//   node benchmarks/memory.mjs [calls]
import { readFileSync } from 'node:fs';

const CALLS = Number(process.argv[2] ?? 1_000_000);
const WARMUP = 20_000;
const order = JSON.parse(readFileSync(new URL('../examples/order.json', import.meta.url), 'utf8'));
const body = JSON.stringify({ id: 'evt_mem', type: 'order.completed', data: { id: 'ord_1', note: 'x'.repeat(900) } });
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

for (const [name, path] of [['peeker-core (wasm)', '../bindings-wasm/pkg/node.mjs'], ['peeker-core-native', '../bindings-node/index.mjs']]) {
  const api = await import(path);
  const secret = 'whsec_memory';
  const headers = { 'Peeker-Timestamp': '1767225600', 'Peeker-Signature': api.signWebhook(secret, 1767225600, body) };
  const options = { now: 1767225600 };
  const round = (n) => {
    for (let i = 0; i < n; i += 1) {
      api.verifyWebhook(body, headers, secret, options);
      api.validateOrder(order);
    }
  };
  round(WARMUP);
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  const start = performance.now();
  round(CALLS);
  globalThis.gc?.();
  const after = process.memoryUsage().rss;
  console.log(
    `${name}: ${CALLS.toLocaleString('en')} verifyWebhook + ${CALLS.toLocaleString('en')} validateOrder in ` +
      `${((performance.now() - start) / 1000).toFixed(1)} s; RSS ${mb(before)} MB after warm-up -> ${mb(after)} MB at the end (${after - before >= 0 ? '+' : ''}${mb(after - before)} MB)`,
  );
}
