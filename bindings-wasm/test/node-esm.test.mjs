// The built package through its Node ESM entry, and the raw wasm-bindgen surface under it.
import { createRequire } from 'node:module';
import * as api from '../pkg/node.mjs';
import { registerCoverageTest, registerVectorTests } from '../../tests/js/register.cjs';
import { internalsOf, registerHostTests, registerHostileTest, registerRawTests } from '../../tests/js/host.cjs';
import { registerServerTests } from '../../tests/js/servers.cjs';
import { registerMarkerTest, registerSecretCorpusTest } from '../../tests/js/secrets.cjs';

registerVectorTests('wasm esm', api);
registerCoverageTest('wasm esm', api);
const require = createRequire(import.meta.url);
// The same instance bound with the test-only functions (not in the package's exports).
const internals = internalsOf(require('../pkg/api.cjs'), require('../pkg/node/peeker_core_wasm.js'));
registerHostTests('wasm esm', api, internals);
registerHostileTest('wasm esm', api, internals);
registerRawTests('wasm', require('../pkg/node/peeker_core_wasm.js'));
registerServerTests('wasm esm', api);
registerSecretCorpusTest('wasm esm', api);
registerMarkerTest('wasm esm', api);
