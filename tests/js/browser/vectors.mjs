// Runs every shared vector case against the npm package's browser entry and
// leaves the results on window.peekerResults for the Chromium test to read;
// then the long run of hostile calls (tests/js/hostile.mjs), on window.peekerHostile.
import * as api from '/bindings-wasm/pkg/web.mjs';
import * as raw from '/bindings-wasm/pkg/web/peeker_core_wasm.js';
import { bind } from '/bindings-wasm/pkg/api.mjs';
import { runAll } from '../cases.mjs';
import { runHostile } from '../hostile.mjs';
import { checkHostValue } from '../host-values.mjs';

// Importing compiled nothing: a call before `ready()` is a coded refusal.
let before;
try {
  api.canonicalize('[]');
} catch (err) {
  before = { ok: err instanceof api.ConfigError && err.code === 'not_ready', error: `${err.name} ${err.code}: ${err.message}` };
}
await api.ready();
const get = async (path) => {
  const response = await fetch(`/tests/vectors/${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
};
const hostValue = (vector) => {
  try {
    checkHostValue(api, vector);
    return { name: `host values: ${vector.name}`, ok: true };
  } catch (err) {
    return { name: `host values: ${vector.name}`, ok: false, error: err.message };
  }
};
const results = [
  { name: 'a call before ready() is ConfigError not_ready', ...(before ?? { ok: false, error: 'it did not throw' }) },
  ...(await runAll(api, get)),
  ...JSON.parse(await get('host-values.json')).cases.map(hostValue),
];
document.getElementById('status').textContent = `${results.filter((r) => r.ok).length} of ${results.length} cases passed`;
window.peekerResults = results;

// The same instance bound with the test-only functions (the package does not export them).
const internals = bind(raw, null, { version: '', extend: (call) => ({ _panicForTests: () => call(() => raw.panicForTests()) }) });
const calls = Number(new URLSearchParams(location.search).get('calls') ?? 1_000_000);
try {
  window.peekerHostile = { ok: true, counts: runHostile(api, internals, { calls }) };
} catch (err) {
  window.peekerHostile = { ok: false, error: `${err.message}\n${err.stack}` };
}
