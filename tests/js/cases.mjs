// Checks one shared vector case against a JavaScript API object (either npm
// package), with the semantics of the Rust runners in core/tests/vectors/.
// No Node or browser specifics: Node tests and the Chromium page both use it.
// Each check throws an Error describing the mismatch.

/** JSON with sorted keys, for order-insensitive object comparison. */
function stable(value) {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function same(got, want) {
  if (stable(got) !== stable(want)) throw new Error(`got  ${stable(got)}\nwant ${stable(want)}`);
}

/** Whether `got` has everything `want` has (http.rs: objects may omit members, lists match in length). */
function contains(got, want) {
  if (Array.isArray(want)) return Array.isArray(got) && got.length === want.length && want.every((w, i) => contains(got[i], w));
  if (want && typeof want === 'object') return Object.entries(want).every(([k, w]) => contains(got?.[k] ?? null, w));
  return stable(got ?? null) === stable(want);
}

/** Violations as sorted `{code, path}` pairs. */
const pairs = (violations = []) =>
  violations.map(({ code, path }) => ({ code, path })).sort((a, b) => stable(a).localeCompare(stable(b)));

const report = (r) => ({ valid: r.valid, violations: pairs(r.violations) });

/** Runs `run`; compares a thrown PeekerError's code (and violations) or hands the result to `check`. */
function outcome(api, c, run, check) {
  let out;
  try {
    out = run();
  } catch (err) {
    if (!(err instanceof api.PeekerError)) throw new Error(`threw a non-PeekerError: ${err}`);
    if (c.expect.error === undefined) throw new Error(`unexpected ${err.code}: ${err.message}`);
    if (err.code !== c.expect.error) throw new Error(`expected ${c.expect.error}, got ${err.code}: ${err.message}`);
    if (c.expect.violations) same(pairs(err.report?.violations), pairs(c.expect.violations));
    return;
  }
  if (c.expect.error !== undefined) throw new Error(`expected ${c.expect.error}, got ${stable(out)}`);
  check(out);
}

/** A text given as a string or as `{parts: [[text, count], ...]}` (index.json). */
const spec = (v) => (typeof v === 'string' ? v : v.parts.map(([text, count]) => text.repeat(count)).join(''));
/** The case's body: text (or parts), or bytes from `body_base64`. */
const bodyOf = (c) => (c.body_base64 !== undefined ? Uint8Array.from(atob(c.body_base64), (ch) => ch.charCodeAt(0)) : spec(c.body));
const headersOf = (c) => c.headers.map(([name, value]) => [name, spec(value)]);

const camel = (name) => name.replace(/_([a-z])/g, (_, ch) => ch.toUpperCase());
const lowerHeaders = (headers) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

/** `{id, type, unknown_type?, data_id}` of an event, and its `data` when the case gives one (index.json). */
function eventSummary(event, expected) {
  const summary = { id: event.id, type: event.type, data_id: null };
  if (event.unknown_type !== undefined) summary.unknown_type = event.unknown_type;
  else summary.data_id = event.data?.id ?? null;
  if ('data' in expected) summary.data = event.data;
  return summary;
}

function client(api, config) {
  const { api_key: key, base_url: baseUrl = null, user_agent: userAgent = null } = config;
  return new api.Client(key, { baseUrl, userAgent });
}

/**
 * The builder's positional arguments from the case's named ones, in the
 * contract's order; a name the case leaves out is null, as in the Rust runner.
 */
function builderArguments(contract, c) {
  const params = c.call === 'next_page' ? ['links_next'] : contract.operations.find((op) => op.name === c.call)?.args;
  if (!params) throw new Error(`no operation ${c.call} in contract.json`);
  return params.map((param) => c.args?.[param] ?? null);
}

function checkRequests(api, c, contract) {
  const expected = (c.expect.requests ?? []).map((r) => ({
    ...r,
    headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v.replace('{version}', api.VERSION)])),
  }));
  outcome(
    api,
    c,
    () => {
      const built = client(api, c.client)[camel(c.call)](...builderArguments(contract, c));
      return Array.isArray(built) ? built : [built];
    },
    (requests) =>
      same(
        requests.map((r) => ({ method: r.method, url: r.url, headers: lowerHeaders(r.headers), body: r.body })),
        expected,
      ),
  );
}

/** The ApiError that parsing the case's `failure_response` raises, as a host passes it on. */
function failureOf(api, c) {
  if (c.failure_response === undefined) return c.failure;
  const { operation, status, body } = c.failure_response;
  try {
    api.parseResponse(operation, status, headersOf(c.failure_response), body);
  } catch (err) {
    if (err instanceof api.ApiError) return err;
    throw err;
  }
  throw new Error('the failure response parsed as a success');
}

/** The members of `got` that `want` names (what depends on the clock cannot be pinned). */
const expectedMembers = (got, want) => Object.fromEntries(Object.keys(want).map((key) => [key, got[key]]));

/** Checks one case; `contract` is tests/vectors/contract.json. */
export function checkCase(api, c, contract) {
  const e = c.expect;
  switch (c.op) {
    case 'canonicalize':
      return outcome(api, c, () => api.canonicalize(spec(c.input)), (out) => same(out, e.output));
    case 'sign':
      return outcome(api, c, () => api.signWebhook(c.secret, c.timestamp, bodyOf(c)), (out) => same(out, e.signature));
    case 'verify':
      return outcome(
        api,
        c,
        () => api.verifyWebhook(bodyOf(c), headersOf(c), c.secrets, { now: c.now, tolerance: c.tolerance }),
        (out) => same(out, e.ok),
      );
    case 'validate_order': {
      same(report(api.validateOrder(c.input, c.context)), report(e));
      if (c.context?.availability == null) return undefined;
      // The same availability prepared once and used twice gives the same report (D16).
      const prepared = api.prepareAvailability(c.context.availability);
      for (let i = 0; i < 2; i += 1) same(report(api.validateOrder(c.input, { ...c.context, availability: prepared })), report(e));
      return prepared.free();
    }
    case 'validate':
      return same(report(api[camel(`validate_${c.kind}`)](c.input)), report(e));
    case 'estimate_required_domains':
      return outcome(api, c, () => api.estimateRequiredDomains(c.input), (out) => same(out, e));
    case 'plan_domains': {
      same(api.planDomains(c.required, c.domains, c.availability), e);
      const prepared = api.prepareAvailability(c.availability);
      for (let i = 0; i < 2; i += 1) same(api.planDomains(c.required, c.domains, prepared), e);
      return prepared.free();
    }
    case 'order_body':
      return outcome(api, c, () => api.orderBody(c.input), (bytes) => {
        same(new TextDecoder().decode(bytes), e.body);
        same(api.dedupeKey(bytes), e.dedupe_key);
      });
    case 'dedupe_window': {
      const w = c.now === undefined ? api.dedupeWindow(c.first_sent_at) : api.dedupeWindow(c.first_sent_at, c.now);
      return same(expectedMembers({ inside: w.inside, expires_at: w.expiresAt, remaining_seconds: w.remainingSeconds }, e), e);
    }
    case 'parse_event':
      return outcome(api, c, () => api.parseEvent(bodyOf(c)), (event) => same(eventSummary(event, e), e));
    case 'construct_event':
      return outcome(api, c, () => api.constructEvent(bodyOf(c), headersOf(c), c.secrets, { now: c.now }), (event) =>
        same(eventSummary(event, e), e),
      );
    case 'client':
      return outcome(api, c, () => client(api, c.client), (made) => same({ environment: made.environment }, e));
    case 'build_request':
      return checkRequests(api, c, contract);
    case 'parse_response': {
      let got;
      try {
        const r = api.parseResponse(c.operation, c.status, c.headers, c.body);
        got = { status: r.status, request_id: r.requestId, data: r.data, next_link: r.nextLink };
        if (c.exact) same(got.data, e.data);
      } catch (err) {
        if (!(err instanceof api.ApiError)) throw err;
        const { code, status, message, field, details, requestId, retryAfterSeconds } = err;
        got = {
          api_error: { code, status, message, field, details, request_id: requestId, retry_after_seconds: retryAfterSeconds },
        };
      }
      if (!contains(got, e)) throw new Error(`got  ${stable(got)}\nwant ${stable(e)} (subset)`);
      return undefined;
    }
    case 'retry_advice': {
      const options = { attempt: c.attempt, jitter: c.jitter, dedupe: c.dedupe };
      const a = api.retryAdvice(c.operation, failureOf(api, c), options);
      return same({ retry: a.retry, delay_ms: a.delayMs, reason: a.reason }, e);
    }
    default:
      throw new Error(`unknown op ${c.op}`);
  }
}

/** An RFC 8785 sample: output byte-equal, and its UTF-8 bytes equal to outhex. */
export function checkSample(api, { input, output, outhex }) {
  const out = api.canonicalize(input);
  const hex = Array.from(new TextEncoder().encode(out), (b) => b.toString(16).padStart(2, '0')).join('');
  if (out !== output || hex !== outhex.replace(/\s+/g, '')) throw new Error(`got ${out}`);
}

/** Every line of es6-numbers.txt: the double's JavaScript text canonicalizes to the expected form. */
export function checkNumbers(api, text) {
  const view = new DataView(new ArrayBuffer(8));
  let checked = 0;
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [bits, expected] = line.split(',');
    view.setBigUint64(0, BigInt(`0x${bits}`));
    const out = api.canonicalize(String(view.getFloat64(0)));
    if (out !== expected) throw new Error(`${bits}: got ${out}, expected ${expected}`);
    checked += 1;
  }
  if (checked < 20000) throw new Error(`only ${checked} lines`);
}

/** The operations of the form entry (`peeker-core/form`): it runs every case of these. */
export const FORM_OPS = ['validate_order', 'validate', 'estimate_required_domains', 'plan_domains', 'order_body', 'dedupe_window'];

/**
 * Runs every case of tests/vectors/index.json, reading the files with
 * `get(path)` (a path under tests/vectors/, resolved to its text), for the
 * runtimes that fetch them (the browser page, the Worker). Returns
 * `[{name, ok, error?}]`, one per test. `ops`: only the cases of these operations.
 */
export async function runAll(api, get, { ops = null } = {}) {
  const results = [];
  const run = (name, check) => {
    try {
      check();
      results.push({ name, ok: true });
    } catch (err) {
      results.push({ name, ok: false, error: String(err) });
    }
  };
  const index = JSON.parse(await get('index.json'));
  const contract = JSON.parse(await get('contract.json'));
  for (const file of index.files) {
    for (const c of JSON.parse(await get(file))) {
      if (ops === null || ops.includes(c.op)) run(`${file}: ${c.name}`, () => checkCase(api, c, contract));
    }
  }
  if (ops !== null) return results;
  for (const name of index.samples) {
    const [input, output, outhex] = await Promise.all(
      ['input', 'output', 'outhex'].map((part) => get(`rfc8785/${part}/${name}.${part === 'outhex' ? 'txt' : 'json'}`)),
    );
    run(`rfc8785: ${name}.json`, () => checkSample(api, { input, output, outhex }));
  }
  const numbers = await get(index.numbers);
  run(index.numbers, () => checkNumbers(api, numbers));
  return results;
}
