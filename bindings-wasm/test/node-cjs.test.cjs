// The built package through its Node CommonJS entry.
'use strict';
const api = require('../pkg/node.cjs');
const { registerCoverageTest, registerHostValueTests, registerVectorTests } = require('../../tests/js/register.cjs');
const { registerHostTests } = require('../../tests/js/host.cjs');
const hooked = require('./hooked.cjs');

registerVectorTests('wasm cjs', api);
registerCoverageTest('wasm cjs', api);
registerHostTests('wasm cjs', hooked.api, hooked.internals);
registerHostValueTests('wasm cjs', api);
