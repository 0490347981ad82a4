// The host-value vectors (tests/vectors/host-values.json, spec/DECISIONS.md D14):
// inputs built as JavaScript values, not JSON text, with what both npm
// packages must give for them, the same as the other hosts where the value
// exists. Shared by Node (tests/js/register.cjs) and the Chromium page.

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

/** Runs one vector against `api`; throws when the result or the error code differs. */
export function checkHostValue(api, vector) {
  const expect = vector.expect.js ?? vector.expect;
  let result;
  try {
    result = CALLS[vector.function](api, build(vector.value));
  } catch (err) {
    if (!(err instanceof api.PeekerError)) throw new Error(`threw ${err?.name}: ${err?.message}`, { cause: err });
    if (err.code !== expect.error) throw new Error(`expected ${expect.error ?? 'a result'}, got ${err.code}: ${err.message}`);
    return;
  }
  if (expect.error !== undefined) throw new Error(`expected ${expect.error}, got a result`);
  if (result !== expect.body) throw new Error(`expected ${expect.body}, got ${result}`);
}
