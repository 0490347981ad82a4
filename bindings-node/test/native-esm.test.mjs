// The native addon package through its ESM entry.
import * as api from '../index.mjs';
import { registerCoverageTest, registerVectorTests } from '../../tests/js/register.cjs';
import { registerHostTests } from '../../tests/js/host.cjs';

registerVectorTests('native esm', api);
registerCoverageTest('native esm', api);
registerHostTests('native esm', api);
