// Registers one node:test test per shared vector case for a JavaScript API
// object, and the coverage check of the contract. Used by every Node test
// file (wasm ESM, wasm CommonJS, native).
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const vectors = path.join(__dirname, '..', 'vectors');
const read = (...parts) => fs.readFileSync(path.join(vectors, ...parts), 'utf8');
const cases = () => import('./cases.mjs');
const hostValues = () => import('./host-values.mjs');
const camel = (name) => name.replace(/_([a-z])/g, (_, ch) => ch.toUpperCase());

/** `ops`: only the cases of these operations (the form entry: cases.mjs FORM_OPS), without the canonicalize samples. */
function registerVectorTests(label, api, { ops = null } = {}) {
  const { files, samples, numbers } = JSON.parse(read('index.json'));
  const contract = JSON.parse(read('contract.json'));
  for (const file of files) {
    for (const c of JSON.parse(read(file))) {
      if (ops !== null && !ops.includes(c.op)) continue;
      test(`${label} ${file}: ${c.name}`, async () => (await cases()).checkCase(api, c, contract));
    }
  }
  if (ops !== null) return;
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

/**
 * validateOrder's two raw paths give the same report, messages and order
 * included: JSON text (what the package passes when checks.mjs `asText`
 * allows) and the values themselves, on every validate_order vector; values
 * whose text would read differently take the values' path.
 */
function registerOrderTextTest(label, api, raw) {
  const orders = () => JSON.parse(read('validate.json')).filter((c) => c.op === 'validate_order');
  test(`${label} raw: validateOrderText reports exactly what validateOrder does`, () => {
    const all = orders();
    for (const c of all) {
      const context = c.context ?? null;
      const text = JSON.parse(raw.validateOrderText(JSON.stringify(c.input), JSON.stringify(context)));
      assert.deepEqual(text, raw.validateOrder(c.input, context), c.name);
    }
    assert.ok(all.length >= 20, `only ${all.length} validate_order vectors`);
  });
  test(`${label} validateOrder: values JSON text would change cross as values`, () => {
    const example = orders().find((c) => c.name === "Peeker's example order").input;
    const persona = { first_name: 'A', last_name: 'B' };
    for (const order of [
      { ...example, personas: [{ ...persona, profile_picture_url: undefined }] }, // text: left out (required)
      { ...example, sequencer: { ...example.sequencer, client_id: 2 ** 60 } }, // text: an integer
      { ...example, personas: [{ ...persona, profile_picture_url: null, toJSON: undefined }] },
    ]) {
      assert.deepEqual(api.validateOrder(order), raw.validateOrder(order, null));
    }
    const valid = api.validateOrder({ ...example, personas: [{ ...persona, profile_picture_url: undefined }] });
    assert.deepEqual(valid.violations, []);
  });
}

/**
 * tests/vectors/contract.json against this package: every operation has a
 * Client method taking its arguments, a `build_request` and a
 * `parse_response` vector; every validator has its function and a vector;
 * every event type has a vector. (The methods' types: tests/js/package.test.mjs.)
 */
function registerCoverageTest(label, api) {
  test(`${label} every operation, validator and event type of contract.json is covered`, () => {
    const contract = JSON.parse(read('contract.json'));
    const all = JSON.parse(read('index.json')).files.flatMap((file) => JSON.parse(read(file)));
    const client = new api.Client('pk_test_coverage');
    const missing = [];
    for (const { name, args } of contract.operations) {
      const method = client[camel(name)];
      if (typeof method !== 'function' || method.length !== args.length) missing.push(`${name}: no Client method taking (${args})`);
      if (!all.some((c) => c.op === 'build_request' && c.call === name)) missing.push(`${name}: no build_request vector`);
      if (!all.some((c) => c.op === 'parse_response' && c.operation === name)) missing.push(`${name}: no parse_response vector`);
    }
    for (const name of contract.validators) {
      if (typeof api[camel(`validate_${name}`)] !== 'function') missing.push(`validator ${name}: no function`);
      const vector = name === 'order' ? (c) => c.op === 'validate_order' : (c) => c.op === 'validate' && c.kind === name;
      if (!all.some(vector)) missing.push(`validator ${name}: no vector`);
    }
    for (const type of contract.events) {
      if (!all.some((c) => c.op === 'parse_event' && c.expect.type === type)) missing.push(`${type}: no event vector`);
    }
    assert.deepEqual(missing, []);
  });
}

/** tests/vectors/host-values.json: inputs built as JavaScript values (D14). */
function registerHostValueTests(label, api) {
  for (const vector of JSON.parse(read('host-values.json')).cases) {
    test(`${label} host values: ${vector.name}`, async () => (await hostValues()).checkHostValue(api, vector));
  }
}

module.exports = { registerOrderTextTest, registerVectorTests, registerCoverageTest, registerHostValueTests };
