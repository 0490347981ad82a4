// Runs every shared vector case against the npm package's browser entry and
// leaves the results on window.peekerResults for the Chromium test to read.
import * as api from '/bindings-wasm/pkg/web.mjs';
import { runAll } from '../cases.mjs';

const results = await runAll(api, async (path) => {
  const response = await fetch(`/tests/vectors/${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
});
document.getElementById('status').textContent = `${results.filter((r) => r.ok).length} of ${results.length} cases passed`;
window.peekerResults = results;
