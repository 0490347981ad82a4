// Runs the whole shared vector corpus through a JavaScript API while
// recording every error it throws and every violation message, then checks
// that no secret of the corpus (API keys, webhook secrets, Smartlead
// passwords) appears in any of them; and the same for the marked corpus
// (tests/vectors/marked.json) and its marker: no error shows a value of its input.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { inspect } = require('node:util');
const { test } = require('node:test');

const vectors = path.join(__dirname, '..', 'vectors');
const SECRET_KEYS = new Set(['secret', 'secrets', 'api_key', 'login_password']);
const MIN_SECRET_LENGTH = 6; // shorter ones ("x") would match ordinary words
// Keys that are only the documented prefix carry no secret: messages name the prefixes.
const NOT_SECRET = new Set(['pk_live_', 'pk_test_']);

function collectSecrets(value, found = new Set()) {
  if (Array.isArray(value)) value.forEach((v) => collectSecrets(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (SECRET_KEYS.has(key)) [v].flat().filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH && !NOT_SECRET.has(s)).forEach((s) => found.add(s));
      else collectSecrets(v, found);
    }
  }
  return found;
}

/** The API with every function and Client method recording what it throws, and the messages of the reports it returns. */
function recording(api, errors) {
  const record = (fn, self) =>
    function (...args) {
      try {
        const out = fn.apply(self ?? this, args);
        if (Array.isArray(out?.violations)) errors.push(out.violations.map((v) => v.message).join('\n'));
        return out;
      } catch (err) {
        errors.push(`${err} ${err.stack} ${JSON.stringify(err)} ${inspect(err, { depth: 5 })}`);
        throw err;
      }
    };
  const Client = new Proxy(api.Client, {
    construct(target, args) {
      let client;
      try {
        client = new target(...args);
      } catch (err) {
        errors.push(`${err} ${err.stack} ${JSON.stringify(err)} ${inspect(err, { depth: 5 })}`);
        throw err;
      }
      return new Proxy(client, { get: (c, name) => (typeof c[name] === 'function' ? record(c[name], c) : c[name]) });
    },
  });
  return new Proxy(api, {
    get(target, name) {
      if (name === 'Client') return Client;
      const value = target[name];
      return typeof value === 'function' && !/^[A-Z]/.test(String(name)) ? record(value) : value;
    },
  });
}

function registerSecretCorpusTest(label, api) {
  test(`${label} no error from the whole vector corpus contains a secret of the corpus`, async () => {
    const { checkCase } = await import('./cases.mjs');
    const read = (file) => JSON.parse(fs.readFileSync(path.join(vectors, file), 'utf8'));
    const contract = read('contract.json');
    const cases = read('index.json').files.flatMap(read);
    const secrets = collectSecrets(cases);
    const errors = [];
    const recorded = recording(api, errors);
    for (const c of cases) checkCase(recorded, c, contract);
    assert.ok(secrets.size > 10 && errors.length > 100, `${secrets.size} secrets, ${errors.length} errors`);
    for (const message of errors) {
      for (const secret of secrets) assert.ok(!message.includes(secret), `${JSON.stringify(secret)} appears in: ${message.slice(0, 300)}`);
    }
  });
}

function registerMarkerTest(label, api) {
  test(`${label} no error from the marked corpus shows a value of its input`, async () => {
    const { checkCase } = await import('./cases.mjs');
    const read = (file) => JSON.parse(fs.readFileSync(path.join(vectors, file), 'utf8'));
    const [contract, index] = [read('contract.json'), read('index.json')];
    const errors = [];
    const leaks = [];
    const recorded = recording(api, errors);
    for (const c of read(index.marked)) {
      const before = errors.length;
      try {
        checkCase(recorded, c, contract);
      } catch {
        // A marked case rarely gives the unmarked case's result: only what it raised is checked.
      }
      for (const text of errors.slice(before)) if (text.includes(index.marker)) leaks.push(`${c.name}: ${text.slice(0, 300)}`);
    }
    assert.ok(errors.length > 250, `only ${errors.length} errors recorded: the recording is not called`);
    assert.deepEqual(leaks, []);
  });
}

module.exports = { registerSecretCorpusTest, registerMarkerTest };
