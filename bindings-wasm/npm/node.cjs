// Node (CommonJS): wasm-bindgen's nodejs build loads the module synchronously.
'use strict';
const api = require('./api.cjs');

module.exports = { ...api, ...api.bind(require('./node/peeker_core_wasm.js'), `wasm node/${process.versions.node}`) };
delete module.exports.bind;
