// Runs every shared vector case against the npm package's browser entry and
// leaves the results on window.peekerResults for the Chromium test to read.
import * as api from '/bindings-wasm/pkg/web.mjs';
import { checkCase, checkNumbers, checkSample } from '../cases.mjs';

async function get(path) {
  const response = await fetch(`/tests/vectors/${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}

const results = [];
function run(name, check) {
  try {
    check();
    results.push({ name, ok: true });
  } catch (err) {
    results.push({ name, ok: false, error: String(err) });
  }
}

const index = JSON.parse(await get('index.json'));
for (const file of index.files) {
  for (const c of JSON.parse(await get(file))) run(`${file}: ${c.name}`, () => checkCase(api, c));
}
for (const name of index.samples) {
  const [input, output, outhex] = await Promise.all([
    get(`rfc8785/input/${name}.json`),
    get(`rfc8785/output/${name}.json`),
    get(`rfc8785/outhex/${name}.txt`),
  ]);
  run(`rfc8785: ${name}.json`, () => checkSample(api, { input, output, outhex }));
}
const numbers = await get(index.numbers);
run(index.numbers, () => checkNumbers(api, numbers));

document.getElementById('status').textContent = `${results.filter((r) => r.ok).length} of ${results.length} cases passed`;
window.peekerResults = results;
