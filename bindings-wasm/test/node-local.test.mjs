// The built package (Node ESM entry) against the local Peeker, and the demonstration: run under scripts/with-local.sh.
import * as api from '../pkg/node.mjs';
import { registerDemoTest, registerLocalTests } from '../../tests/js/local.cjs';

registerLocalTests('wasm', api);
registerDemoTest('wasm', []);
