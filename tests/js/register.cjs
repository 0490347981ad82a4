// Registers one node:test test per shared vector case for a JavaScript API
// object. Used by every Node test file (wasm ESM, wasm CommonJS, native).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const vectors = path.join(__dirname, '..', 'vectors');
const read = (...parts) => fs.readFileSync(path.join(vectors, ...parts), 'utf8');
const cases = () => import('./cases.mjs');

function registerVectorTests(label, api) {
  const { files, samples, numbers } = JSON.parse(read('index.json'));
  for (const file of files) {
    for (const c of JSON.parse(read(file))) {
      test(`${label} ${file}: ${c.name}`, async () => (await cases()).checkCase(api, c));
    }
  }
  for (const name of samples) {
    const sample = {
      input: read('rfc8785', 'input', `${name}.json`),
      output: read('rfc8785', 'output', `${name}.json`),
      outhex: read('rfc8785', 'outhex', `${name}.txt`),
    };
    test(`${label} rfc8785: ${name}.json`, async () => (await cases()).checkSample(api, sample));
  }
  test(`${label} ${numbers}`, async () => (await cases()).checkNumbers(api, read(numbers)));
}

module.exports = { registerVectorTests };
