// The keys of the core's hash maps of names (core/src/validate/names.rs): std has no
// randomness in wasm32-unknown-unknown, so the module asks the engine, once, when the
// first map is made (not at load: Cloudflare Workers refuse random values outside a
// request). Each case runs in a fresh process, since a module draws its keys once.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const GLUE = fileURLToPath(new URL('../pkg/node/peeker_core_wasm.js', import.meta.url));

/** Loads the module after `setup` (JavaScript run first), validates twice, and says which randomness it asked for. */
function run(setup) {
  const script = `
    const asked = { crypto: [], math: 0 };
    ${setup}
    const random = Math.random;
    Math.random = () => { asked.math += 1; return random(); };
    const raw = require(${JSON.stringify(GLUE)});
    const atLoad = asked.crypto.length + asked.math;
    const order = { domains: ['a.example', 'A.example', 'b.example'] };
    const codes = [1, 2].map(() => raw.validateOrder(order, null).violations.filter((v) => v.code === 'duplicate').map((v) => v.path));
    console.log(JSON.stringify({ atLoad, asked, codes }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

test('wasm: the name maps take their keys from crypto.getRandomValues, once, at the first map', () => {
  const { atLoad, asked, codes } = run(`
    const fill = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    globalThis.crypto.getRandomValues = (words) => { asked.crypto.push(words.constructor.name + ':' + words.length); return fill(words); };`);
  assert.equal(atLoad, 0);
  assert.deepEqual(asked, { crypto: ['Uint32Array:4'], math: 0 });
  assert.deepEqual(codes, [['domains[1]'], ['domains[1]']]);
});

test('wasm: without a global crypto (Node before 19) the keys come from Math.random', () => {
  const { asked, codes } = run("Object.defineProperty(globalThis, 'crypto', { value: undefined });");
  assert.deepEqual(asked, { crypto: [], math: 4 });
  assert.deepEqual(codes, [['domains[1]'], ['domains[1]']]);
});

test('wasm: where neither gives random values, validation still works (fixed keys)', () => {
  const { asked, codes } = run(`
    Object.defineProperty(globalThis, 'crypto', { value: undefined });
    Math.random = () => { throw new Error('no random values here'); };`);
  assert.deepEqual(asked, { crypto: [], math: 4 });
  assert.deepEqual(codes, [['domains[1]'], ['domains[1]']]);
});
