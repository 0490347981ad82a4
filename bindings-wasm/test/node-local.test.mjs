// The built package (Node ESM entry) against the local Peeker: run under scripts/with-local.sh.
import * as api from '../pkg/node.mjs';
import { registerLocalTests } from '../../tests/js/local.cjs';

registerLocalTests('wasm', api);
