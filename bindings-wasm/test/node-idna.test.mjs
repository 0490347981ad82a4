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

// The code points Ada 2.9.2 (Node 20) refuses alone in a label or between two letters where
// `idna` (UTS 46 for Unicode 17) takes them: assigned in Unicode 15.1 to 17, or mapped or
// ignored only since UTS 46 16.0 (D15). 10,671 code points in 106 runs.
const ADA_2_9_NEWER =
  '4c0 88f 897 c5c cdc 10a0-10c5 115f-1160 17b4-17b5 1806 180e 1acf-1add 1ae0-1aeb 1b4e-1b4f 1b7f ' +
  '1c89-1c8a 2061-2063 206a-206f 20c1 2132 2183 2427-2429 2b96 3164 31e4-31e5 a7cb-a7cf a7d2 a7d4 ' +
  'a7da-a7dc a7f1 fbc3-fbd2 fd90-fd91 fdc8-fdce ffa0 105c0-105f3 10940-10959 10d4a-10d65 ' +
  '10d69-10d85 10d8e-10d8f 10ec2-10ec7 10ed0-10ed8 10efa-10efc 11380-11389 1138b 1138e 11390-113b5 ' +
  '113b7-113c0 113c2 113c5 113c7-113ca 113cc-113d5 113d7-113d8 113e1-113e2 116d0-116e3 11b60-11b67 ' +
  '11bc0-11be1 11bf0-11bf9 11db0-11ddb 11de0-11de9 11f5a 13460-143fa 16100-16139 16d40-16d79 ' +
  '16ea0-16eb8 16ebb-16ed3 16ff2-16ff6 187f8-187ff 18cff 18d09-18d1e 18d80-18df2 1cc00-1ccfc ' +
  '1cd00-1ceb3 1ceba-1ced0 1cee0-1cef0 1d173-1d17a 1e5d0-1e5fa 1e5ff 1e6c0-1e6de 1e6e0-1e6f5 ' +
  '1e6fe-1e6ff 1f6d8 1f777-1f77a 1f8b2-1f8bb 1f8c0-1f8c1 1f8d0-1f8d8 1fa54-1fa57 1fa89-1fa8a ' +
  '1fa8e-1fa8f 1fabe 1fac6 1fac8 1facd 1fadc 1fadf 1fae9-1faea 1faef 1fbcb-1fbef 1fbfa 2b73a-2b73f ' +
  '2cea2-2cead 2ebf0-2ee5d 2f868 2f874 2f91f 2f95f 2f9bf 323b0-33479';

/** The code points of a set as runs, `4c0 10a0-10c5 ...`. */
function runs(codePoints) {
  const out = [];
  for (const cp of [...codePoints].sort((a, b) => a - b)) {
    const last = out.at(-1);
    if (last && cp === last[1] + 1) last[1] = cp;
    else out.push([cp, cp]);
  }
  return out.map(([from, to]) => (from === to ? from.toString(16) : `${from.toString(16)}-${to.toString(16)}`)).join(' ');
}

// Planes 4 to 13 (unassigned) and 15 to 16 (private use) are left out: disallowed in
// every version of UTS 46. Measured over all of them once: the same (D15).
test(`wasm full: every code point alone and between letters in ${engine}: idna's answer, or a refusal of a code point the engine lacks`, { skip: hooks }, () => {
  const full = require(new URL('node/peeker_core_wasm.js', hooked).pathname);
  const other = [];
  const refused = new Set();
  for (let cp = 0x80; cp <= 0xe0fff && other.length < 20; cp = cp === 0x3ffff ? 0xe0000 : cp + 1) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    for (const input of [`http://${c}.de/`, `http://a${c}b.de/`]) {
      const [got, want] = [full.idnaForTests(input)[1], reference.idnaForTests(input)[1]];
      if (got === want) continue;
      if (got === null && !URL.canParse(input)) refused.add(cp);
      else other.push({ cp: cp.toString(16), input, full: got, idna: want });
    }
  }
  assert.deepEqual(other, []);
  if (process.versions.ada === '2.9.2') assert.equal(runs(refused), ADA_2_9_NEWER.trim());
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
