// Runs every vector case of the form entry's operations against `peeker-core/form`
// (its own module) in the browser, then hostile calls; results on window.peekerResults
// and window.peekerHostile, as vectors.mjs does for the full entry.
import * as api from '/bindings-wasm/pkg/form.mjs';
import * as raw from '/bindings-wasm/pkg/web/peeker_core_form.js';
import { FORM_OPS, runAll } from '../cases.mjs';
import { runHostile } from '../hostile.mjs';

await api.ready();
const results = await runAll(api, async (path) => {
  const response = await fetch(`/tests/vectors/${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}, { ops: FORM_OPS });
const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
results.push({
  name: 'the page fetched the form module only',
  ok: fetched.some((url) => url.endsWith('peeker_core_form_bg.wasm')) && !fetched.some((url) => url.endsWith('peeker_core_wasm_bg.wasm')),
  error: fetched.join(' '),
});
document.getElementById('status').textContent = `${results.filter((r) => r.ok).length} of ${results.length} cases passed`;
window.peekerResults = results;

// No panics on purpose: the form module has no test hook in any build (vectors.mjs runs
// them on the full module's test build).
try {
  window.peekerHostile = { ok: true, hook: 'panicForTests' in raw, counts: runHostile(api, {}, { calls: 200_000 }) };
} catch (err) {
  window.peekerHostile = { ok: false, error: `${err.message}\n${err.stack}` };
}
