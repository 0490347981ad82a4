// The built package through its Node ESM entry.
import * as api from '../pkg/node.mjs';
import { registerVectorTests } from '../../tests/js/register.cjs';
import { registerHostTests } from '../../tests/js/host.cjs';
import { registerServerTests } from '../../tests/js/servers.cjs';
import { registerSecretCorpusTest } from '../../tests/js/secrets.cjs';

registerVectorTests('wasm esm', api);
registerHostTests('wasm esm', api);
registerServerTests('wasm esm', api);
registerSecretCorpusTest('wasm esm', api);
