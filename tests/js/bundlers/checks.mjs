// What each bundled page checks, for tests/js/bundlers.test.mjs: importing did
// not block, a call before ready() is `not_ready`, then both entries work and agree.
import { ConfigError, canonicalize, ready, validateOrder } from 'peeker-core';
import * as form from 'peeker-core/form';

/** `sources`: where the two .wasm files are, when the bundler cannot say (esbuild). */
export function check(sources = {}) {
  let before = 'no error';
  try {
    canonicalize('[]');
  } catch (err) {
    // The class's own name survives minification (err.name), as users print it.
    before = err instanceof ConfigError && err.name === 'ConfigError' ? err.code : String(err);
  }
  Promise.all([ready(sources.full), form.ready(sources.form)]).then(
    () => {
      const order = { user: 'a@b.co', domains: ['a.com', 'bad domain'] };
      window.peekerBundle = {
        before,
        canonical: canonicalize('{"b":1,"a":2}'),
        codes: form.validateOrder(order).violations.map((v) => v.code).sort(),
        same: JSON.stringify(form.validateOrder(order)) === JSON.stringify(validateOrder(order)),
      };
    },
    (err) => {
      window.peekerBundle = { error: `${err} ${err.cause ?? ''}` };
    },
  );
}
