// A long run of calls with arguments of every JavaScript type (issue 18.1),
// mixed with good calls and with panics on purpose. Shared by Node and the
// Chromium page. What it proves: nothing crashes the process or the page;
// every refusal is a coded PeekerError whose message holds no value it was
// given; a good call right after a panic or a bad call still gives the right
// result, from a replaced WebAssembly instance where needed.

const MARKER = 'hostile-MARKER-7f3a';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** What the hostile getters and Proxy traps throw. */
const THROWN = new Error(`thrown by a getter ${MARKER}`);

function throwing() {
  const proxy = new Proxy({}, {
    get() { throw THROWN; },
    ownKeys() { throw THROWN; },
    getOwnPropertyDescriptor() { throw THROWN; },
  });
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  const getter = Object.defineProperty({}, 'user', { enumerable: true, get() { throw THROWN; } });
  return [proxy, revocable.proxy, getter];
}

function nested(depth) {
  let value = [MARKER];
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

/** One value of every JavaScript type and shape an argument could have. */
export function hostileValues() {
  return [
    undefined, null, true, false, 0, -0, 1.5, -1, NaN, Infinity, 2 ** 53 + 1, 2 ** 64, 10n, MARKER, '', 'x\ud800',
    `pk_test_${MARKER}`, Symbol(MARKER), () => MARKER, {}, [], [1, MARKER], { name: MARKER, user: MARKER, email: MARKER },
    new Uint8Array([1, 2]), new ArrayBuffer(4), new DataView(new ArrayBuffer(2)), new Float64Array(2), new Date(0),
    new Map([['key', MARKER]]), new Set([MARKER]), /MARKER/, new Error(MARKER), Object.create(null),
    { constructor: { name: MARKER } }, { toJSON: () => MARKER }, Promise.resolve(MARKER), new WeakMap(),
    nested(40), [new Array(3).fill({ a: [undefined, () => 1] })],
  ];
}

/** Values that cost a replaced instance or a long walk: one argument in a thousand. */
export function rareValues() {
  return [nested(3000), ...throwing()];
}

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed) {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s % n;
  };
}

/**
 * Runs `calls` calls against `api` (an entry of a package) and `internals`
 * (the same surface bound with its test-only functions); throws on the first
 * wrong outcome and returns counts of what happened.
 */
export function runHostile(api, internals, options) {
  // Most of the time would go to stack traces of the refusals, which nothing here reads.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run(api, internals, options);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function run(api, internals, { calls = 1_000_000, seed = 18 } = {}) {
  const random = generator(seed);
  const [values, rare] = [hostileValues(), rareValues()];
  const pick = () => (random(1000) === 0 ? rare[random(rare.length)] : values[random(values.length)]);
  // The form entry has no Client and no canonicalize.
  const client = api.Client ? new api.Client('pk_test_hostile') : null;
  const functions = Object.entries(api).filter(
    ([name, value]) => typeof value === 'function' && !/^[A-Z]|^(ready|send|paginate)$/.test(name),
  );
  const methods = client ? Object.getOwnPropertyNames(api.Client.prototype).filter((name) => name !== 'constructor') : [];
  const targets = [
    ...functions.map(([name, fn]) => [name, (args) => fn(...args)]),
    ...methods.map((name) => [`Client.${name}`, (args) => client[name](...args)]),
    ...(client ? [['new Client', (args) => new api.Client(...args)]] : []),
  ];
  const counts = { calls: 0, refused: 0, returned: 0, panics: 0 };
  const check = (label, err) => {
    if (!(err instanceof api.PeekerError)) throw new Error(`${label}: threw ${err?.name}: ${err?.message}`, { cause: err });
    if (err.code === 'internal_error') throw new Error(`${label}: InternalError: ${err.message}`, { cause: err });
    for (const text of [err.message, JSON.stringify(err.report ?? null)]) {
      if (text.includes(MARKER)) throw new Error(`${label}: the message quotes a value: ${err.message}`);
    }
    counts.refused += 1;
  };
  for (let i = 0; i < calls; i += 1) {
    counts.calls += 1;
    if (i % 1000 === 999 && internals._panicForTests) {
      // A panic on purpose, then good calls that must see a sound instance.
      try {
        internals._panicForTests();
        throw new Error('the panic on purpose returned');
      } catch (err) {
        if (!(err instanceof api.InternalError && /panicked on purpose/.test(err.message))) throw err;
        counts.panics += 1;
      }
    }
    if (i % 100 === 0) {
      if (api.dedupeKey('') !== EMPTY_SHA256) throw new Error(`call ${i}: dedupeKey is wrong`);
      if (new TextDecoder().decode(api.orderBody({ b: 1, a: [2, { d: 1, c: 2 }] })) !== '{"a":[2,{"c":2,"d":1}],"b":1}') {
        throw new Error(`call ${i}: orderBody is wrong`);
      }
      if (client && client.getUser('usr_1').url !== 'https://api.peeker.ai/partner/v1/users/usr_1') throw new Error(`call ${i}: getUser is wrong`);
      continue;
    }
    const [label, target] = targets[random(targets.length)];
    const args = Array.from({ length: random(5) }, pick);
    try {
      const result = target(args);
      counts.returned += 1;
      if (result instanceof Promise) result.catch(() => {});
    } catch (err) {
      check(`call ${i} ${label}`, err);
    }
  }
  return counts;
}
