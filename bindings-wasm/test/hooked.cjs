// The full module the host and hostile tests call, bound as the package's Node entry binds
// it: under PEEKER_TEST_HOOKS=1 the build with the panic hook (scripts/build-wasm.sh,
// target/wasm-hooks/: never in the package), else the package's own.
'use strict';
const shared = require('../pkg/api.cjs');
const { bindNode } = require('../pkg/node-glue.cjs');
const { internalsOf } = require('../../tests/js/host.cjs');

const raw = require(process.env.PEEKER_TEST_HOOKS === '1' ? '../../target/wasm-hooks/node/peeker_core_wasm.js' : '../pkg/node/peeker_core_wasm.js');
const api = { ...shared, ...bindNode(raw) };
delete api.bind;
/** `internals`: the same instance with its test-only functions (tests/js/host.cjs). */
module.exports = { api, internals: internalsOf(shared, raw) };
