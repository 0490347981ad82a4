// The built package through its Node ESM entry, and the raw wasm-bindgen surface under it.
import { createRequire } from 'node:module';
import * as api from '../pkg/node.mjs';
import { registerCoverageTest, registerVectorTests } from '../../tests/js/register.cjs';
import { registerHostTests, registerHostileTest, registerRawTests } from '../../tests/js/host.cjs';
import hooked from './hooked.cjs';
import { registerServerTests } from '../../tests/js/servers.cjs';
import { registerMarkerTest, registerSecretCorpusTest } from '../../tests/js/secrets.cjs';

registerVectorTests('wasm esm', api);
registerCoverageTest('wasm esm', api);
const require = createRequire(import.meta.url);
registerHostTests('wasm esm', hooked.api, hooked.internals);
registerHostileTest('wasm esm', hooked.api, hooked.internals);
registerRawTests('wasm', require('../pkg/node/peeker_core_wasm.js'));
registerServerTests('wasm esm', api);
registerSecretCorpusTest('wasm esm', api);
registerMarkerTest('wasm esm', api);
