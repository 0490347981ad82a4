// The native addon package against the local Peeker, and the demonstration: run under scripts/with-local.sh.
import * as api from '../index.mjs';
import { registerDemoTest, registerLocalTests } from '../../tests/js/local.cjs';

registerLocalTests('native', api);
registerDemoTest('native', ['native']);
