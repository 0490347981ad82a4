// The built package through its Node CommonJS entry.
'use strict';
const api = require('../pkg/node.cjs');
const { registerCoverageTest, registerVectorTests } = require('../../tests/js/register.cjs');
const { registerHostTests } = require('../../tests/js/host.cjs');

registerVectorTests('wasm cjs', api);
registerCoverageTest('wasm cjs', api);
registerHostTests('wasm cjs', api);
