// The host-value vectors (tests/vectors/host-values.json, spec/DECISIONS.md D14):
// inputs built as JavaScript values, not JSON text, with what both npm
// packages must give for them, the same as the other hosts where the value exists.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');
const { cases } = require('../vectors/host-values.json');

class Instance {
  constructor() {
    this.a = 1;
  }
}

/** The JavaScript value a vector's value stands for (see the file's description). */
function build(spec) {
  if (Array.isArray(spec)) return spec.map(build);
  if (spec === null || typeof spec !== 'object') return spec;
  if (!('$' in spec)) return Object.fromEntries(Object.entries(spec).map(([key, value]) => [key, build(value)]));
  switch (spec.$) {
    case 'number': return Number(spec.text);
    case 'int': return BigInt(spec.text);
    case 'utf16': return String.fromCharCode(...spec.units);
    case 'object': return { [build(spec.key)]: build(spec.value) };
    case 'nested': {
      let value = build(spec.leaf);
      for (let i = 0; i < spec.depth; i += 1) value = [value];
      return value;
    }
    case 'cycle': {
      const loop = { a: [] };
      loop.a.push(loop);
      return loop;
    }
    case 'date': return new Date(0);
    case 'set': return new Set([1]);
    case 'bytes': return new Uint8Array([1]);
    case 'instance': return new Instance();
    case 'function': return () => 1;
    case 'map': return new Map([['a', 1]]);
    case 'boxed': return new String('a');
    case 'undefined': return undefined;
    case 'symbol_key': return { a: 1, [Symbol('tag')]: 2 };
    case 'null_prototype': return Object.assign(Object.create(null), { a: 1 });
    default: throw new Error(`unknown host value kind ${spec.$}`);
  }
}

const CALLS = {
  order_body: (api, value) => new TextDecoder().decode(api.orderBody(value)),
  verify_webhook_body: (api, value) => api.verifyWebhook(value, {}, 'whsec_x', { now: 1 }),
  sign_webhook_secret: (api, value) => api.signWebhook(value, 1, '{}'),
  canonicalize: (api, value) => api.canonicalize(value),
};

function registerHostValueTests(label, api) {
  for (const vector of cases) {
    test(`${label} host values: ${vector.name}`, () => {
      const expect = vector.expect.js ?? vector.expect;
      const call = () => CALLS[vector.function](api, build(vector.value));
      if (expect.error === undefined) {
        assert.equal(call(), expect.body);
        return;
      }
      assert.throws(call, (err) => {
        assert.ok(err instanceof api.PeekerError, `${err}`);
        assert.equal(err.code, expect.error, err.message);
        return true;
      });
    });
  }
}

module.exports = { registerHostValueTests };
