// The form module's IDNA (the engine's UTS 46 behind `URL`) against the full
// module's `idna` crate, in Node, on the deterministic adversarial set of
// tests/js/idna-differential.mjs. Node's `URL` is Ada (its own IDNA tables, not
// ICU's); Ada 2.9 (Node 20) has no CheckBidi, so there the form entry runs the
// full module (scripts/js-entries.mjs) and this check is skipped.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { compareIdna } from '../../tests/js/idna-differential.mjs';

const require = createRequire(import.meta.url);
const engine = `Node ${process.versions.node} (URL: Ada ${process.versions.ada})`;
// A bidi domain name whose first label starts with a digit: CheckBidi refuses it.
const checksBidi = !URL.canParse('http://1\u05d0.de/');

// `idnaForTests` is a test hook: both modules from the hooked builds (PEEKER_TEST_HOOKS=1).
const skip = (!checksBidi && `${engine} has no CheckBidi: the form entry uses the full module in Node`) ||
  (process.env.PEEKER_TEST_HOOKS !== '1' && 'the hooked builds are made under PEEKER_TEST_HOOKS=1');
test(`wasm form: the form module's IDNA in ${engine} gives idna's answers`, { skip }, async (t) => {
  const hooked = new URL('../../target/wasm-hooks/', import.meta.url);
  const form = await import(new URL('web/peeker_core_form.js', hooked));
  form.initSync({ module: readFileSync(new URL('web/peeker_core_form_bg.wasm', hooked)) });
  const { count, differ, mismatches } = compareIdna(form, require(new URL('node/peeker_core_wasm.js', hooked).pathname));
  t.diagnostic(`${count} inputs, ${differ} differ`);
  assert.ok(count > 200_000, `only ${count} inputs`);
  assert.deepEqual(mismatches, []);
});

test('wasm form: the form entry in Node answers domain names as idna does (bidi, Unicode 16 mappings)', () => {
  const form = require('../pkg/form-node.cjs');
  const names = (domains) => form.validateOrder({ domains }).violations.filter((v) => v.code === 'invalid_domain').map((v) => v.path);
  // CheckBidi refuses the first two; idna maps U+04C0 to U+04CF.
  assert.deepEqual(names(['1\u05d0.de', 'a.\u05d0-', '\u05d0\u05d1.de', 'a\u04c0b.de']), ['domains[0]', 'domains[1]']);
});
