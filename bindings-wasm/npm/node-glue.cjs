// What the Node entries share: loading a wasm-bindgen nodejs glue, and binding it
// with node:crypto's HMAC for webhooks.
'use strict';
const { createHmac } = require('node:crypto');
const api = require('./api.cjs');

/**
 * Loads a wasm-bindgen nodejs glue (which reads its .wasm synchronously), so
 * that a missing .wasm is a coded error saying what to do: an app bundled into
 * one file (esbuild --platform=node, for serverless) needs it next to the bundle.
 */
function glue(load, file) {
  try {
    return load();
  } catch (err) {
    if (err?.code !== 'ENOENT') throw err;
    throw new api.ConfigError(
      'not_ready',
      `peeker-core could not read its WebAssembly module ${file}: an app bundled into one file needs it next to the bundle ` +
        '(copy it from node_modules/peeker-core/web/)',
      { cause: err },
    );
  }
}

/** One `update` takes fewer than 2^31 bytes; a Buffer may hold 2^32. */
const UPDATE_BYTES = 2 ** 30;

/**
 * HMAC-SHA256 of `<timestamp>.<body>` by node:crypto (OpenSSL, with the CPU's SHA
 * instructions: ~4x SHA-256 in WebAssembly), so the body of a webhook is never
 * copied into linear memory. The core keeps every rule and the comparison.
 */
function hmac(secret, timestamp, body) {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`);
  for (let at = 0; at < body.length; at += UPDATE_BYTES) mac.update(body.subarray(at, at + UPDATE_BYTES));
  return mac.digest();
}

/** The public API over a wasm-bindgen nodejs glue's exports. */
const bindNode = (raw) => api.bind(raw, `wasm node/${process.versions.node}`, { hmac });

module.exports = { glue, bindNode };
