// Loads a wasm-bindgen nodejs glue (which reads its .wasm synchronously), so
// that a missing .wasm is a coded error saying what to do: an app bundled into
// one file (esbuild --platform=node, for serverless) needs it next to the bundle.
'use strict';
const { ConfigError } = require('./api.cjs');

module.exports = function glue(load, file) {
  try {
    return load();
  } catch (err) {
    if (err?.code !== 'ENOENT') throw err;
    throw new ConfigError(
      'not_ready',
      `peeker-core could not read its WebAssembly module ${file}: an app bundled into one file needs it next to the bundle ` +
        '(copy it from node_modules/peeker-core/web/)',
      { cause: err },
    );
  }
};
