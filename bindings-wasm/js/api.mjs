// The public JavaScript API of peeker-core, shared by the WebAssembly package
// (peeker-core) and the native addon (peeker-core-native). `bind(raw)` wraps a
// raw surface: it checks each argument's JavaScript type before native code
// sees it, fills in defaults (the clock, the tolerance, the jitter), gives
// results their JavaScript shapes and turns the raw surface's error objects
// into the classes below. Rules live in the Rust core; this file only converts,
// apart from the optional send helpers (`send`, `paginate`): fetch, a timeout,
// and the core's retry advice followed.

import { DEFAULT_TOLERANCE_SECONDS, LIST_OPERATIONS, builders, validators } from './operations.mjs';

export { DEFAULT_TOLERANCE_SECONDS };
/** How long `send` waits for each attempt by default, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Base class of every error this SDK throws; `code` is stable, `message` is for people. */
export class PeekerError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
/** Bad arguments or configuration (`invalid_argument`, `invalid_api_key`, ...). */
export class ConfigError extends PeekerError {}
/** Input that breaks the API's rules; `report` holds every violation. */
export class ValidationError extends PeekerError {
  constructor(code, message, options, { report = null } = {}) {
    super(code, message, options);
    this.report = report;
  }
}
/** JSON that cannot be canonicalized; `line` and `column` point at the problem when known. */
export class JsonError extends PeekerError {
  constructor(code, message, options, { line = null, column = null } = {}) {
    super(code, message, options);
    this.line = line;
    this.column = column;
  }
}
/** A webhook delivery that is not authentic or cannot be read. */
export class WebhookError extends PeekerError {}
/** An error answer of the Peeker API (or an answer that is not the API's). */
export class ApiError extends PeekerError {
  constructor(code, message, options, fields = {}) {
    super(code, message, options);
    this.status = fields.status ?? null;
    this.field = fields.field ?? null;
    this.details = fields.details ?? null;
    this.requestId = fields.request_id ?? null;
    this.retryAfterSeconds = fields.retry_after_seconds ?? null;
  }
}
/** A bug in the SDK itself. */
export class InternalError extends PeekerError {}

/** The class of each error `kind` the core serializes. */
const KINDS = { config: ConfigError, validation: ValidationError, json: JsonError, webhook: WebhookError, api: ApiError, internal: InternalError };

const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const REDACTED = '[redacted]';

/** A request to send with any HTTP client: `fetch(request.url, request)` works. */
export class PeekerRequest {
  /** `operation` names what built it, so `send` knows how to read the answer. */
  constructor({ method, url, headers, body }, operation = null) {
    this.operation = operation;
    this.method = method;
    this.url = url;
    this.headers = headers;
    this.body = body;
  }

  // The Authorization header carries the API key: printing shows it redacted.
  toJSON() {
    const headers = { ...this.headers };
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') headers[name] = REDACTED;
    const body = this.body === null ? null : `<${this.body.length} chars>`;
    return { operation: this.operation, method: this.method, url: this.url, headers, body };
  }

  toString() {
    return `PeekerRequest ${this.method} ${this.url}`;
  }

  [INSPECT]() {
    return `PeekerRequest ${JSON.stringify(this.toJSON())}`;
  }
}

// The raw surfaces throw the core's error as an object {kind, code, message,
// line?, column?, report?} or an API error {kind: 'api', status, ...}.
// Anything else is a panic (WebAssembly: a trap whose message the panic hook
// kept; napi: an Error carrying the panic message) or a runtime failure.
function translate(err, raw) {
  if (err instanceof PeekerError) return err;
  const Class = KINDS[err?.kind];
  if (Class) return new Class(err.code, err.message, undefined, err);
  const panic = raw.lastPanic?.();
  const what = panic ? `panicked: ${panic} (reload the module: its state is not trustworthy after a panic)` : `failed unexpectedly: ${err?.message ?? err}`;
  return new InternalError('internal_error', `peeker-core ${what}; please report this`, { cause: err });
}

// Describes a value's type without echoing it: it may be a secret.
function describe(value) {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  const name = typeof value === 'object' ? value.constructor?.name ?? 'object' : typeof value;
  return /^[aeiou]/i.test(name) ? `an ${name}` : `a ${name}`;
}

/** `invalid_argument` naming the argument, what it must be and the type it has (never its value). */
function wrong(name, what, value) {
  const message = value === undefined ? `\`${name}\` is missing: pass ${what}` : `\`${name}\` must be ${what}, got ${describe(value)}`;
  return new ConfigError('invalid_argument', message);
}

function text(value, name) {
  if (typeof value !== 'string') throw wrong(name, 'a string', value);
  return value;
}

/** A required argument holding JSON data: the core reads it (and reports what is wrong with its content). */
function json(value, name) {
  if (value === undefined) throw wrong(name, 'JSON data (an object, an array, a string, ...)', value);
  return value;
}

/** An optional argument: left out and null are the same. */
const optional = (value) => value ?? null;

/** The order context `{bundle?, availability?}`, or null. */
function context(value) {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw wrong('context', 'an object {bundle?, availability?}', value);
  return value;
}

function seconds(value, name) {
  if (!Number.isSafeInteger(value)) throw wrong(name, 'a whole number of Unix seconds', value);
  return value;
}

const clock = () => Math.floor(Date.now() / 1000);

const encoder = new TextEncoder();

/** The raw body as bytes: a string is UTF-8 encoded; bytes are used as they are. */
function bodyBytes(body) {
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw wrong(
    'body',
    'the raw request body as a string or bytes (if a JSON body parser ran first, read the raw body instead, for example with express.raw())',
    body,
  );
}

/** Headers as parallel name and value lists, from Headers, Map, pairs or a plain object. */
function headerLists(headers) {
  const names = [];
  const values = [];
  const add = (name, value) => {
    if (value === undefined || value === null) return;
    for (const one of Array.isArray(value) ? value : [value]) {
      names.push(text(name, 'header name'));
      values.push(text(one, `header ${name}`));
    }
  };
  if (headers === null || typeof headers !== 'object') {
    throw wrong('headers', 'a Headers, a Map, an array of [name, value] pairs or an object', headers);
  }
  if (typeof headers.forEach === 'function' && !Array.isArray(headers) && !(headers instanceof Map)) {
    headers.forEach((value, name) => add(name, value)); // Fetch API Headers
  } else if (headers instanceof Map || Array.isArray(headers)) {
    for (const pair of headers) {
      if (!Array.isArray(pair) || pair.length !== 2) throw wrong('headers', 'a list of [name, value] pairs', pair);
      add(pair[0], pair[1]);
    }
  } else {
    for (const [name, value] of Object.entries(headers)) add(name, value);
  }
  return [names, values];
}

function secretList(secrets) {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (!Array.isArray(list)) throw wrong('secrets', 'a string or an array of strings', secrets);
  return list.map((secret, i) => text(secret, `secrets[${i}]`));
}

/** Copies methods onto a prototype the way a class declares them (not enumerable). */
function define(target, methods) {
  for (const [name, value] of Object.entries(methods)) {
    Object.defineProperty(target, name, { value, writable: true, configurable: true });
  }
}

/**
 * Builds the public API over a raw surface (wasm-bindgen or napi); `host`
 * names the runtime in the User-Agent.
 */
export function bind(raw, host = null) {
  const call = (run) => {
    try {
      return run();
    } catch (err) {
      throw translate(err, raw);
    }
  };
  const delivery = (body, headers, secrets, options) => {
    const { now = clock(), tolerance = DEFAULT_TOLERANCE_SECONDS } = options ?? {};
    const [names, values] = headerLists(headers);
    return [bodyBytes(body), names, values, secretList(secrets), seconds(now, 'now'), seconds(tolerance, 'tolerance')];
  };

  /** The API key, options and one request builder per operation of the contract. */
  class Client {
    #raw;

    /**
     * `userAgent` is added after `peeker-core/<version>`: by default the
     * runtime (for example `node/20.20.2`); `null` adds nothing.
     */
    constructor(apiKey, options) {
      const { baseUrl = null, userAgent = host } = options ?? {};
      const url = baseUrl === null ? null : text(baseUrl, 'baseUrl');
      const agent = userAgent === null || userAgent === '' ? null : text(userAgent, 'userAgent');
      this.#raw = call(() => new raw.Client(text(apiKey, 'apiKey'), url, agent));
      this.environment = this.#raw.environment();
    }

    toString() {
      return `PeekerClient(${this.environment})`;
    }

    [INSPECT]() {
      return this.toString();
    }

    /**
     * A GET for a list response's `links.next` (its `nextLink`), on the same
     * origin and base path only; `operation` (the list's) lets `send` read it.
     */
    nextPage(linksNext, operation = null) {
      const list = operation === null ? null : listOperation(operation);
      return new PeekerRequest(call(() => this.#raw.nextPage(text(linksNext, 'linksNext'))), list);
    }

    static {
      const one = (client, operation, build) => new PeekerRequest(call(() => build(client.#raw)), operation);
      const many = (client, operation, build) =>
        call(() => build(client.#raw)).map((request) => new PeekerRequest(request, operation));
      define(Client.prototype, builders({ one, many, text, json, optional, context }));
    }
  }

  const api = {
    /** Panics inside the core on purpose: tests prove it becomes an InternalError. Not API. */
    _panicForTests: () => call(() => raw.panicForTests()),
    VERSION: raw.version(),
    Client,
    canonicalize(jsonText) {
      return call(() => raw.canonicalize(text(jsonText, 'json')));
    },
    signWebhook(secret, timestamp, body) {
      return call(() => raw.signWebhook(text(secret, 'secret'), seconds(timestamp, 'timestamp'), bodyBytes(body)));
    },
    verifyWebhook(body, headers, secrets, options) {
      const verified = call(() => raw.verifyWebhook(...delivery(body, headers, secrets, options)));
      return { timestamp: verified.timestamp };
    },
    constructEvent(body, headers, secrets, options) {
      return call(() => raw.constructEvent(...delivery(body, headers, secrets, options)));
    },
    parseEvent(body) {
      return call(() => raw.parseEvent(bodyBytes(body)));
    },
    validateOrder(order, orderContext) {
      return call(() => raw.validateOrder(json(order, 'order'), context(orderContext)));
    },
    ...validators({ call, raw, json }),
    estimateRequiredDomains(params) {
      return call(() => raw.estimateRequiredDomains(json(params, 'params')));
    },
    planDomains(required, domains, availability) {
      return call(() =>
        raw.planDomains(json(required, 'required'), json(domains, 'domains'), json(availability, 'availability')),
      );
    },
    orderBody(order) {
      return call(() => raw.orderBody(json(order, 'order')));
    },
    dedupeKey(body) {
      return call(() => raw.dedupeKey(bodyBytes(body)));
    },
    parseResponse(operation, status, headers, body) {
      if (!Number.isInteger(status) || status < 0 || status > 999) throw wrong('status', 'an HTTP status code', status);
      const [names, values] = headerLists(headers);
      const response = call(() => raw.parseResponse(text(operation, 'operation'), status, names, values, bodyBytes(body)));
      return { status: response.status, requestId: response.request_id, data: response.data, nextLink: response.next_link };
    },
    retryAdvice(operation, failure, options) {
      const { attempt = 1, jitter = Math.random(), dedupe = null } = options ?? {};
      if (!Number.isInteger(attempt) || attempt < 0 || attempt > 0xffffffff) throw wrong('attempt', 'a whole number', attempt);
      if (typeof jitter !== 'number' || !Number.isFinite(jitter)) throw wrong('jitter', 'a number from 0 to 1', jitter);
      // The core reads a failure's status and snake_case retry-after, as every host passes them.
      const failed =
        failure instanceof ApiError ? { status: failure.status, retry_after_seconds: failure.retryAfterSeconds } : json(failure, 'failure');
      const advice = call(() => raw.retryAdvice(text(operation, 'operation'), failed, attempt, jitter, optional(dedupe), clock()));
      return { retry: advice.retry, delayMs: advice.delay_ms, reason: advice.reason, message: advice.message };
    },
    dedupeWindow(firstSentAt, now = clock()) {
      const window = call(() => raw.dedupeWindow(seconds(firstSentAt, 'firstSentAt'), seconds(now, 'now')));
      return { inside: window.inside, expiresAt: window.expires_at, remainingSeconds: window.remaining_seconds };
    },
  };
  return Object.assign(api, {
    send: (request, options) => send(api, request, options),
    paginate: (client, first, options) => paginate(api, client, first, options),
  });
}

// ---- The optional send helpers: fetch, a timeout per attempt, retries as the
// core advises, and pagination. The package works as well without them.

/** A list operation's name, else invalid_argument (naming the operations, never echoing the value). */
function listOperation(value, name = 'operation') {
  if (LIST_OPERATIONS.includes(value)) return value;
  if (typeof value !== 'string') throw wrong(name, 'the name of a list operation', value);
  throw new ConfigError('invalid_argument', `\`${name}\` must name a list operation: ${LIST_OPERATIONS.join(', ')}`);
}

/** A request `send` can read the answer of: built by a Client method (or `nextPage` given its operation). */
function sendable(request, name) {
  if (!(request instanceof PeekerRequest)) throw wrong(name, 'a PeekerRequest built by a Client method', request);
  if (request.operation === null) {
    throw new ConfigError('invalid_argument', `\`${name}\` has no operation: give \`nextPage\` the list's operation, or build it with a Client method`);
  }
  return request;
}

/** `send`'s options, checked before anything is sent; null is the same as left out. */
function sendOptions(options) {
  const { fetch = null, timeoutMs = null, retries = null, signal = null, firstSentAt = null } = options ?? {};
  if (fetch !== null && typeof fetch !== 'function') throw wrong('fetch', 'a function like the global fetch', fetch);
  const timeout = timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isSafeInteger(timeout) || timeout <= 0) throw wrong('timeoutMs', 'a positive whole number of milliseconds', timeoutMs);
  if (retries !== null && !(Number.isSafeInteger(retries) && retries >= 0)) throw wrong('retries', 'a whole number from 0', retries);
  if (signal !== null && !(signal instanceof AbortSignal)) throw wrong('signal', 'an AbortSignal', signal);
  return {
    // Looked up at each call, so a fetch replaced later (tests, polyfills) is used.
    fetch: fetch ?? ((url, init) => globalThis.fetch(url, init)),
    timeoutMs: timeout,
    retries: retries ?? Number.POSITIVE_INFINITY,
    signal,
    firstSentAt: firstSentAt === null ? null : seconds(firstSentAt, 'firstSentAt'),
  };
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

async function send(api, request, options) {
  const { operation, method, url, headers, body } = sendable(request, 'request');
  const { fetch, timeoutMs, retries, signal, firstSentAt } = sendOptions(options);
  // An order's dedupe window runs from the first time Peeker may have seen its body.
  const dedupe = { first_sent_at: firstSentAt ?? clock() };
  for (let attempt = 1; ; attempt += 1) {
    const timeout = AbortSignal.timeout(timeoutMs);
    const init = { method, headers, body, signal: signal === null ? timeout : AbortSignal.any([signal, timeout]) };
    let failure;
    try {
      const response = await fetch(url, init);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return api.parseResponse(operation, response.status, response.headers, bytes);
    } catch (err) {
      // The caller's cancellation and the SDK's own errors are final; an API
      // error or a failure of fetch (no answer, a timeout) may be retried.
      if (signal?.aborted || (err instanceof PeekerError && !(err instanceof ApiError))) throw err;
      failure = err;
    }
    if (attempt > retries) throw failure;
    const advice = api.retryAdvice(operation, failure instanceof ApiError ? failure : 'network', { attempt, dedupe });
    if (!advice.retry) throw failure;
    await sleep(advice.delayMs, signal);
  }
}

function paginate(api, client, first, options) {
  if (typeof client?.nextPage !== 'function') throw wrong('client', 'a Client', client);
  const operation = listOperation(sendable(first, 'first').operation, 'first.operation');
  const { pages = false, ...rest } = options ?? {};
  if (typeof pages !== 'boolean') throw wrong('pages', 'true or false', pages);
  sendOptions(rest); // checked now rather than at the first `next()`
  async function* eachPage() {
    let request = first;
    for (;;) {
      const page = await api.send(request, rest);
      yield page;
      if (page.nextLink === null) return;
      request = client.nextPage(page.nextLink, operation);
    }
  }
  async function* eachItem() {
    for await (const page of eachPage()) yield* page.data.data;
  }
  return pages ? eachPage() : eachItem();
}
