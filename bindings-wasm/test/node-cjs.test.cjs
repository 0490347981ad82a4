// The built package through its Node CommonJS entry.
'use strict';
const api = require('../pkg/node.cjs');
const { registerCoverageTest, registerHostValueTests, registerVectorTests } = require('../../tests/js/register.cjs');
const { internalsOf, registerHostTests } = require('../../tests/js/host.cjs');

// The same instance bound with the test-only functions (not in the package's exports).
const internals = internalsOf(require('../pkg/api.cjs'), require('../pkg/node/peeker_core_wasm.js'));
registerVectorTests('wasm cjs', api);
registerCoverageTest('wasm cjs', api);
registerHostTests('wasm cjs', api, internals);
registerHostValueTests('wasm cjs', api);
