// peeker-core-native: the shared JavaScript API over the napi-rs addon.
'use strict';
const api = require('./api.cjs');

// The platform as the napi-rs package names spell it (linux-x64-gnu, linux-x64-musl,
// darwin-arm64, win32-x64-msvc, ...), for the message when no build fits.
function platformName() {
  const base = `${process.platform}-${process.arch}`;
  if (process.platform === 'win32') return `${base}-msvc`;
  if (process.platform !== 'linux') return base;
  return `${base}-${process.report.getReport().header.glibcVersionRuntime ? 'gnu' : 'musl'}`;
}

function loadNative() {
  try {
    return require('./native.js');
  } catch (err) {
    throw new api.InternalError(
      'internal_error',
      `peeker-core-native has no build for ${platformName()} (no package peeker-core-native-${platformName()} ` +
        `installed, or it did not load: ${err.message}); ` +
        'use the peeker-core package (WebAssembly, same API) on this platform',
      { cause: err },
    );
  }
}

module.exports = { ...api, ...api.bind(loadNative(), `node/${process.versions.node}`) };
delete module.exports.bind;
