// The hostile inputs of tests/vectors/memory.json through a JavaScript host's
// public API (wasm or napi): one call per case, its outcome ignored (a result
// or a coded error) unless the input is legitimate (`parses`: a result is due),
// so each host's test measures the memory it costs.
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');

const doc = JSON.parse(readFileSync(path.join(__dirname, '../vectors/memory.json'), 'utf8'));

/** The case's input text: its parts repeated and joined. */
const inputText = (c) => c.input.parts.map(([piece, count]) => piece.repeat(count)).join('');

/** What the call needs, made before measuring: the bytes, a signature, the host's own value. */
function prepare(api, c) {
  const text = inputText(c);
  const bytes = new TextEncoder().encode(text);
  const prepared = { text, bytes, budget: doc.factor * bytes.length + doc.constant_bytes };
  if (c.function === 'construct_event') {
    const signature = api.signWebhook(doc.secret, doc.timestamp, bytes);
    prepared.headers = { 'Peeker-Signature': signature, 'Peeker-Timestamp': String(doc.timestamp) };
  }
  if (c.function === 'validate_order' || c.function === 'order_body') prepared.value = JSON.parse(text);
  return prepared;
}

/** Calls the case's function; a PeekerError is an outcome, except of a legitimate (`parses`) input; anything else is thrown. */
function run(api, c, p) {
  const calls = {
    canonicalize: () => api.canonicalize(p.text),
    parse_event: () => api.parseEvent(p.bytes),
    construct_event: () => api.constructEvent(p.bytes, p.headers, doc.secret, { now: doc.timestamp }),
    parse_response: () => api.parseResponse(doc.operation, 200, {}, p.bytes),
    validate_order: () => api.validateOrder(p.value),
    order_body: () => api.orderBody(p.value),
  };
  try {
    calls[c.function]();
  } catch (err) {
    if (c.parses || !(err instanceof api.PeekerError) || err instanceof api.InternalError) throw err;
  }
}

const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;

/** A field of /proc/self/status, in bytes. */
const status = (field) => Number(readFileSync('/proc/self/status', 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))[1]) * 1024;

/**
 * Runs case `index` through the package at `entry` in a fresh Node process and
 * returns `{bytes, budget, peak}`: how far the process's resident memory rose
 * during the call above its size once the input was ready (VmHWM, reset
 * through /proc/self/clear_refs), native allocations included.
 */
function measureInChild(entry, index) {
  const { execFileSync } = require('node:child_process');
  // V8's garbage collection on the main thread only: with its helper threads starved
  // on a loaded machine, garbage outlived the call and the peak doubled (+65 MB once
  // in CI where a quiet run rises by +30 MB), which measured the load and not the call.
  const args = ['--single-threaded-gc', __filename, entry, String(index)];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }));
}

if (require.main === module) {
  const api = require(process.argv[2]);
  const c = doc.cases[Number(process.argv[3])];
  const p = prepare(api, c);
  require('node:fs').writeFileSync('/proc/self/clear_refs', '5');
  const before = status('VmRSS');
  run(api, c, p);
  process.stdout.write(JSON.stringify({ bytes: p.bytes.length, budget: p.budget, peak: status('VmHWM') - before }));
}

module.exports = { cases: doc.cases, prepare, run, mb, measureInChild };
