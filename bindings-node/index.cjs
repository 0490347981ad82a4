// peeker-core-native: the shared JavaScript API over the napi-rs addon.
'use strict';
const api = require('./api.cjs');

module.exports = { ...api, ...api.bind(require('./native.js'), `node/${process.versions.node}`) };
delete module.exports.bind;
