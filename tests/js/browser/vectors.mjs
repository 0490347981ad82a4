// Runs every shared vector case against the npm package's browser entry and
// leaves the results on window.peekerResults for the Chromium test to read;
// then the long run of hostile calls (tests/js/hostile.mjs), on window.peekerHostile.
import * as api from '/bindings-wasm/pkg/web.mjs';
import * as entryRaw from '/bindings-wasm/pkg/web/peeker_core_wasm.js';
import * as shared from '/bindings-wasm/pkg/api.mjs';
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

// The hostile calls: with ?hooks=1 (PEEKER_TEST_HOOKS=1) on the full module with the panic
// hook (scripts/build-wasm.sh: target/wasm-hooks/, never in the package), bound as web.mjs
// binds it; else on the entry's own instance. `internals`: the same instance with its
// test-only functions.
const params = new URLSearchParams(location.search);
let [target, raw] = [api, entryRaw];
if (params.get('hooks') === '1') {
  raw = await import('/target/wasm-hooks/web/peeker_core_wasm.js');
  await raw.default({ module_or_path: '/target/wasm-hooks/web/peeker_core_wasm_bg.wasm' });
  const { bind: _, ...constants } = shared;
  target = { ...constants, ...shared.bind(raw, 'wasm-web') };
}
const extend = (call) => (raw.panicForTests ? { _panicForTests: () => call(() => raw.panicForTests()) } : {});
const internals = shared.bind(raw, null, { version: '', extend });
const calls = Number(params.get('calls') ?? 1_000_000);
try {
  window.peekerHostile = { ok: true, hook: '_panicForTests' in internals, counts: runHostile(target, internals, { calls }) };
} catch (err) {
  window.peekerHostile = { ok: false, error: `${err.message}\n${err.stack}` };
}
