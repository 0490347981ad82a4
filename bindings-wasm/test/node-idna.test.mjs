// Both modules take UTS 46 from the engine's `URL` (spec/DECISIONS.md, D15); here in
// Node, whose `URL` is Ada, against the reference build's `idna` crate, on the
// deterministic adversarial set of tests/js/idna-differential.mjs. The full module
// applies CheckBidi, CheckJoiners and the leading-mark rule in the core, which Ada 2.9
// (Node 20) lacks; what is left is the engine's older tables. The form module relies on
// the engine's own CheckBidi (browsers have it), so in Node the form entry runs the full
// module (scripts/js-entries.mjs) and its own check is skipped unless `URL` checks bidi.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { compareIdna, idnaInputs } from '../../tests/js/idna-differential.mjs';

const require = createRequire(import.meta.url);
const engine = `Node ${process.versions.node} (URL: Ada ${process.versions.ada})`;
// A bidi domain name whose first label starts with a digit: CheckBidi refuses it.
const checksBidi = !URL.canParse('http://1\u05d0.de/');
const hooked = new URL('../../target/wasm-hooks/', import.meta.url);
// `idnaForTests` is a test hook: the modules from the hooked builds (PEEKER_TEST_HOOKS=1).
const hooks = process.env.PEEKER_TEST_HOOKS !== '1' && 'the hooked builds are made under PEEKER_TEST_HOOKS=1';
const reference = hooks ? null : require(new URL('node/peeker_core_idna.js', hooked).pathname);

// Inputs of tests/js/idna-differential.mjs the full module refuses in Node 20 (Ada 2.9.2)
// where `idna` takes them: 309 code points, 4 inputs each (D15). It may shrink, not grow.
const ADA_2_9_REFUSALS = 1236;

test(`wasm full: the full module's IDNA in ${engine} gives idna's answers but refuses code points the engine's tables lack`, { skip: hooks }, (t) => {
  const full = require(new URL('node/peeker_core_wasm.js', hooked).pathname);
  // A code point newer in UTS 46 than the engine's tables (or mapped only since):
  // the engine refuses it between two letters, where `idna` takes it.
  const newer = (c) => !URL.canParse(`http://a${c}b.peeker/`) && reference.idnaForTests(`a${c}b.de`)[0] !== null;
  const inputs = idnaInputs();
  let refused = 0;
  const other = [];
  for (const input of inputs) {
    const [got, want] = [full.idnaForTests(input), reference.idnaForTests(input)];
    if (JSON.stringify(got) === JSON.stringify(want)) continue;
    if (got.every((answer) => answer === null) && [...input].some(newer)) refused += 1;
    else other.push({ input: [...input].map((c) => c.codePointAt(0).toString(16)).join(' '), full: got, idna: want });
  }
  t.diagnostic(`${inputs.length} inputs; ${refused} refused for code points newer than the engine's tables`);
  assert.ok(inputs.length > 200_000, `only ${inputs.length} inputs`);
  assert.deepEqual(other.slice(0, 20), []);
  assert.ok(refused <= (process.versions.ada === '2.9.2' ? ADA_2_9_REFUSALS : Infinity), `${refused} refusals`);
});

// Planes 4 to 13 (unassigned) and 15 to 16 (private use) are left out: disallowed in
// every version of UTS 46. Measured over all of them once: the same (D15).
test(`wasm full: every code point alone and between letters in ${engine}: idna's answer, or a refusal of a code point the engine lacks`, { skip: hooks }, () => {
  const full = require(new URL('node/peeker_core_wasm.js', hooked).pathname);
  const other = [];
  for (let cp = 0x80; cp <= 0xe0fff && other.length < 20; cp = cp === 0x3ffff ? 0xe0000 : cp + 1) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    for (const input of [`http://${c}.de/`, `http://a${c}b.de/`]) {
      const [got, want] = [full.idnaForTests(input)[1], reference.idnaForTests(input)[1]];
      if (got !== want && !(got === null && !URL.canParse(input))) other.push({ cp: cp.toString(16), input, full: got, idna: want });
    }
  }
  assert.deepEqual(other, []);
});

test(`wasm form: the form module's IDNA in ${engine} gives idna's answers`, { skip: hooks || (!checksBidi && `${engine} has no CheckBidi: the form entry uses the full module in Node`) }, async (t) => {
  const form = await import(new URL('web/peeker_core_form.js', hooked));
  form.initSync({ module: readFileSync(new URL('web/peeker_core_form_bg.wasm', hooked)) });
  const { count, differ, mismatches } = compareIdna(form, reference);
  t.diagnostic(`${count} inputs, ${differ} differ`);
  assert.ok(count > 200_000, `only ${count} inputs`);
  assert.deepEqual(mismatches, []);
});

test('wasm form: the form entry in Node answers domain names as idna does (bidi, joiners, Unicode 16 mappings)', () => {
  const form = require('../pkg/form-node.cjs');
  const names = (domains) => form.validateOrder({ domains }).violations.filter((v) => v.code === 'invalid_domain').map((v) => v.path);
  // CheckBidi refuses the first two, CheckJoiners the third; idna maps U+04C0 to U+04CF
  // (Ada 2.9 refuses it: newer than its tables) and U+1E9E to U+00DF.
  assert.deepEqual(
    names(['1\u05d0.de', 'a.\u05d0-', 'a\u200cb.de', '\u05d0\u05d1.de', 'a\u04c0b.de', 'a\u1e9eb.de']),
    ['domains[0]', 'domains[1]', 'domains[2]', ...(URL.canParse('http://a\u04c0b.de/') ? [] : ['domains[4]'])],
  );
});
