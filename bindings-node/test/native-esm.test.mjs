// The native addon package through its ESM entry.
import { createRequire } from 'node:module';
import * as api from '../index.mjs';
import { registerCoverageTest, registerOrderTextTest, registerVectorTests } from '../../tests/js/register.cjs';
import { internalsOf, registerHostTests, registerHostileTest } from '../../tests/js/host.cjs';

registerVectorTests('native esm', api);
registerCoverageTest('native esm', api);
const require = createRequire(import.meta.url);
// The same addon bound with the test-only functions (not in the package's exports).
const internals = internalsOf(require('../api.cjs'), require('../native.js'));
registerHostTests('native esm', api, internals);
registerHostileTest('native esm', api, internals);
registerOrderTextTest('native esm', api, require('../native.js'));
