// peeker-core-native: the shared JavaScript API over the napi-rs addon.
'use strict';
const api = require('./api.cjs');

function loadNative() {
  try {
    return require('./native.js');
  } catch (err) {
    throw new api.InternalError(
      'internal_error',
      `peeker-core-native has no build for ${process.platform}-${process.arch} (${err.message}); ` +
        'use the peeker-core package (WebAssembly, same API) on this platform',
      { cause: err },
    );
  }
}

module.exports = { ...api, ...api.bind(loadNative(), `node/${process.versions.node}`) };
delete module.exports.bind;
