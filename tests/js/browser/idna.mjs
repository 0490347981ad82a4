// The form module's IDNA (the browser's UTS 46 behind `URL`) against the full
// module's `idna` crate on tests/js/idna-differential.mjs; the answer on
// window.peekerIdna. Both modules' `idnaForTests` is a test hook: the hooked builds of
// scripts/build-wasm.sh (PEEKER_TEST_HOOKS=1, target/wasm-hooks/), never the package.
import initForm, * as form from '/target/wasm-hooks/web/peeker_core_form.js';
import initFull, * as full from '/target/wasm-hooks/web/peeker_core_wasm.js';
import { compareIdna } from '../idna-differential.mjs';

try {
  await Promise.all([initForm(), initFull()]);
  window.peekerIdna = { ok: true, userAgent: navigator.userAgent, ...compareIdna(form, full) };
} catch (err) {
  window.peekerIdna = { ok: false, error: `${err.message}\n${err.stack}` };
}
document.getElementById('status').textContent = 'done';
