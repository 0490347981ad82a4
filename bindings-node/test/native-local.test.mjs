// The native addon package against the local Peeker: run under scripts/with-local.sh.
import * as api from '../index.mjs';
import { registerLocalTests } from '../../tests/js/local.cjs';

registerLocalTests('native', api);
