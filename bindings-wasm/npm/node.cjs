// Node (CommonJS): wasm-bindgen's nodejs build loads the module synchronously.
'use strict';
const api = require('./api.cjs');
const { glue, bindNode } = require('./node-glue.cjs');

const raw = glue(() => require('./node/peeker_core_wasm.js'), 'peeker_core_wasm_bg.wasm');
module.exports = { ...api, ...bindNode(raw) };
delete module.exports.bind;
