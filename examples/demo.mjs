// The demonstration for both npm packages:
//   node examples/demo.mjs            (peeker-core, WebAssembly)
//   node examples/demo.mjs native     (peeker-core-native, napi-rs)
import { readFileSync } from 'node:fs';

const native = process.argv[2] === 'native';
const peeker = native ? await import('../bindings-node/index.mjs') : await import('../bindings-wasm/pkg/node.mjs');
const name = native ? 'peeker-core-native' : 'peeker-core (wasm)';

const order = readFileSync(new URL('./order.json', import.meta.url), 'utf8');
const body = peeker.canonicalize(order);
// The body is what to POST; it holds the Smartlead password, so mask it for display.
const password = JSON.stringify(JSON.parse(order).sequencer.login_password);
console.log(`[${name}] canonical order (${body.length} bytes, password masked here): ${body.replace(password, '"[redacted]"')}`);

const secret = 'whsec_demo_secret';
const now = 1767225600;
const headers = { 'Peeker-Timestamp': String(now), 'Peeker-Signature': peeker.signWebhook(secret, now, body) };
console.log(`[${name}] signed webhook: ${headers['Peeker-Signature']}`);
console.log(`[${name}] verified: timestamp ${peeker.verifyWebhook(body, headers, secret, { now: now + 5 }).timestamp}`);
try {
  peeker.verifyWebhook(body.replace('Sam', 'Eve'), headers, secret, { now: now + 5 });
  console.log(`[${name}] tampered body verified (this is a bug)`);
} catch (err) {
  console.log(`[${name}] tampered body rejected: ${err.code} (${err.name})`);
}
