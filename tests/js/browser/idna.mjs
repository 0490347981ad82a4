// Both modules' IDNA (the browser's UTS 46 behind `URL`, with the core's rules around
// it) against the reference build's `idna` crate on tests/js/idna-differential.mjs; the
// answer on window.peekerIdna. `idnaForTests` is a test hook: the hooked builds of
// scripts/build-wasm.sh (PEEKER_TEST_HOOKS=1, target/wasm-hooks/), never the package.
import initForm, * as form from '/target/wasm-hooks/web/peeker_core_form.js';
import initFull, * as full from '/target/wasm-hooks/web/peeker_core_wasm.js';
import initIdna, * as reference from '/target/wasm-hooks/web/peeker_core_idna.js';
import { compareIdna } from '../idna-differential.mjs';

try {
  await Promise.all([initForm(), initFull(), initIdna()]);
  const { count, ...formResult } = compareIdna(form, reference);
  window.peekerIdna = { ok: true, userAgent: navigator.userAgent, count, form: formResult, full: compareIdna(full, reference) };
} catch (err) {
  window.peekerIdna = { ok: false, error: `${err.message}\n${err.stack}` };
}
document.getElementById('status').textContent = 'done';
