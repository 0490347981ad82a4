// A Worker comparing the full module's IDNA (workerd's UTS 46 behind `URL`, Ada, with
// the core's CheckBidi and CheckJoiners) with the reference build's `idna` crate on
// tests/js/idna-differential.mjs (bindings-wasm/test/workerd.test.mjs). `idnaForTests`
// is a test hook: the hooked builds of scripts/build-wasm.sh, never the package.
import * as full from '../../../target/wasm-hooks/web/peeker_core_wasm.js';
import fullModule from '../../../target/wasm-hooks/web/peeker_core_wasm_bg.wasm';
import * as reference from '../../../target/wasm-hooks/web/peeker_core_idna.js';
import referenceModule from '../../../target/wasm-hooks/web/peeker_core_idna_bg.wasm';
import { compareIdna } from '../idna-differential.mjs';

export default {
  async fetch() {
    full.initSync({ module: fullModule });
    reference.initSync({ module: referenceModule });
    return Response.json(compareIdna(full, reference));
  },
};
