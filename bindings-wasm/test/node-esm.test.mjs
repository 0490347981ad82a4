// The built package through its Node ESM entry, and the raw wasm-bindgen surface under it.
import { createRequire } from 'node:module';
import * as api from '../pkg/node.mjs';
import { registerCoverageTest, registerVectorTests } from '../../tests/js/register.cjs';
import { registerHostTests, registerRawTests } from '../../tests/js/host.cjs';
import { registerServerTests } from '../../tests/js/servers.cjs';
import { registerMarkerTest, registerSecretCorpusTest } from '../../tests/js/secrets.cjs';

registerVectorTests('wasm esm', api);
registerCoverageTest('wasm esm', api);
registerHostTests('wasm esm', api);
registerRawTests('wasm', createRequire(import.meta.url)('../pkg/node/peeker_core_wasm.js'));
registerServerTests('wasm esm', api);
registerSecretCorpusTest('wasm esm', api);
registerMarkerTest('wasm esm', api);
