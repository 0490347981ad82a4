// The public JavaScript API of peeker-core, shared by the WebAssembly package
// (peeker-core) and the native addon (peeker-core-native). `bind(raw)` wraps a
// raw surface: it converts JavaScript shapes (headers, bodies, secrets), fills
// in defaults, and turns raw errors into the classes below. Rules live in the
// Rust core; this file only converts.

export const DEFAULT_TOLERANCE_SECONDS = 300;

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

const CLASSES = { ConfigError, ValidationError, JsonError, WebhookError, ApiError, InternalError };

const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const REDACTED = '[redacted]';

/** A request to send with any HTTP client: `fetch(request.url, request)` works. */
export class PeekerRequest {
  constructor({ method, url, headers, body }) {
    this.method = method;
    this.url = url;
    this.headers = headers;
    this.body = body;
  }

  // The Authorization header carries the API key: printing shows it redacted.
  toJSON() {
    const headers = { ...this.headers };
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') headers[name] = REDACTED;
    return { method: this.method, url: this.url, headers, body: this.body === null ? null : `<${this.body.length} chars>` };
  }

  toString() {
    return `PeekerRequest ${this.method} ${this.url}`;
  }

  [INSPECT]() {
    return `PeekerRequest ${JSON.stringify(this.toJSON())}`;
  }
}

// Raw errors carry the core error as JSON in their message:
// {kind, code, message, line?, column?, report?}. Anything else is a panic
// (WebAssembly: a trap whose message the panic hook kept) or a runtime failure.
function translate(err, raw) {
  let parsed = null;
  try {
    parsed = JSON.parse(err?.message);
  } catch {
    // not one of ours: a bug or a runtime failure
  }
  const Class = CLASSES[parsed?.kind];
  if (!Class) {
    const panic = raw.lastPanic?.();
    const what = panic ? `panicked: ${panic} (reload the module: its state is not trustworthy after a panic)` : `failed unexpectedly: ${err?.message ?? err}`;
    return new InternalError('internal_error', `peeker-core ${what}; please report this`, { cause: err });
  }
  return new Class(parsed.code, parsed.message, undefined, parsed);
}

function invalid(message) {
  return new ConfigError('invalid_argument', message);
}

function text(value, name) {
  if (typeof value !== 'string') throw invalid(`${name} must be a string, got ${describe(value)}`);
  return value;
}

function seconds(value, name) {
  if (!Number.isSafeInteger(value)) throw invalid(`${name} must be a whole number of seconds, got ${describe(value)}`);
  return value;
}

// Describes a value's type without echoing it: it may be a secret.
function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const name = typeof value === 'object' ? value.constructor?.name ?? 'object' : typeof value;
  return /^[aeiou]/i.test(name) ? `an ${name}` : `a ${name}`;
}

const encoder = new TextEncoder();

/** The raw body as bytes: a string is UTF-8 encoded; bytes are used as they are. */
function bodyBytes(body) {
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw invalid(
    `body must be the raw request body as a string or bytes, got ${describe(body)}: ` +
      'if a JSON body parser ran first, read the raw body instead (for example express.raw())',
  );
}

/** Headers as parallel name and value lists, from Headers, Map, pairs or a plain object. */
function headerLists(headers) {
  const names = [];
  const values = [];
  const add = (name, value) => {
    if (value === undefined || value === null) return;
    for (const one of Array.isArray(value) ? value : [value]) {
      names.push(text(name, 'a header name'));
      values.push(text(one, `header ${name}`));
    }
  };
  if (headers === null || typeof headers !== 'object') {
    throw invalid(`headers must be a Headers, a Map, an array of [name, value] pairs or an object, got ${describe(headers)}`);
  }
  if (typeof headers.forEach === 'function' && !Array.isArray(headers) && !(headers instanceof Map)) {
    headers.forEach((value, name) => add(name, value)); // Fetch API Headers
  } else if (headers instanceof Map || Array.isArray(headers)) {
    for (const pair of headers) {
      if (!Array.isArray(pair) || pair.length !== 2) throw invalid('each header must be a [name, value] pair');
      add(pair[0], pair[1]);
    }
  } else {
    for (const [name, value] of Object.entries(headers)) add(name, value);
  }
  return [names, values];
}

/** JSON text of a value from a form or an API response; never throws for content. */
function json(value, name) {
  try {
    return JSON.stringify(value === undefined ? null : value);
  } catch (err) {
    throw invalid(`${name} cannot be written as JSON (${err.message})`);
  }
}

function secretList(secrets) {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (!Array.isArray(list)) throw invalid(`secrets must be a string or an array of strings, got ${describe(secrets)}`);
  return list.map((secret) => text(secret, 'each secret'));
}

const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/**
 * Builds the public API over a raw surface (wasm-bindgen or napi); `host`
 * names the runtime in the User-Agent.
 */
export function bind(raw, host = null) {
  const call = (fn, ...args) => {
    try {
      return fn(...args);
    } catch (err) {
      throw translate(err, raw);
    }
  };
  const parsed = (fn, ...args) => JSON.parse(call(fn, ...args));
  const delivery = (body, headers, secrets, options) => {
    const { now = Math.floor(Date.now() / 1000), tolerance = DEFAULT_TOLERANCE_SECONDS } = options ?? {};
    const [names, values] = headerLists(headers);
    return [bodyBytes(body), names, values, secretList(secrets), seconds(now, 'now'), seconds(tolerance, 'tolerance')];
  };
  const validator = (kind) => (input) => parsed(raw.validate, kind, json(input, 'the input'));

  /** The API key, options and one request builder per endpoint. */
  class Client {
    #raw;

    /**
     * `userAgent` is added after `peeker-core/<version>`: by default the
     * runtime (for example `node/20.20.2`); `null` adds nothing.
     */
    constructor(apiKey, { baseUrl = null, userAgent = host } = {}) {
      const url = baseUrl === null ? undefined : text(baseUrl, 'baseUrl');
      const agent = userAgent === null || userAgent === '' ? undefined : text(userAgent, 'userAgent');
      this.#raw = call(() => new raw.Client(text(apiKey, 'apiKey'), url, agent));
      this.environment = this.#raw.environment();
    }

    toString() {
      return `PeekerClient(${this.environment})`;
    }

    [INSPECT]() {
      return this.toString();
    }

    build(name, args) {
      return parsed(() => this.#raw.build(name, json(args, 'the arguments'))).map((r) => new PeekerRequest(r));
    }
  }
  // One method per builder of the core's table: single-request builders
  // return a PeekerRequest, batch builders an array.
  /** `[[builder name, [argument names], batch], ...]`, as the core defines them. */
  Client.BUILDERS = JSON.parse(raw.builders());
  for (const [name, params, batch] of Client.BUILDERS) {
    Object.defineProperty(Client.prototype, camel(name), {
      value(...values) {
        const args = Object.fromEntries(params.map((param, i) => [param, values[i] ?? null]));
        const requests = this.build(name, args);
        return batch ? requests : requests[0];
      },
    });
  }

  return {
    /** Panics inside the core on purpose: tests prove it becomes an InternalError. Not API. */
    _panicForTests: () => call(raw.panicForTests),
    VERSION: raw.version(),
    Client,
    canonicalize(jsonText) {
      return call(raw.canonicalize, text(jsonText, 'the JSON text'));
    },
    signWebhook(secret, timestamp, body) {
      return call(raw.signWebhook, text(secret, 'secret'), seconds(timestamp, 'timestamp'), bodyBytes(body));
    },
    verifyWebhook(body, headers, secrets, options) {
      const verified = parsed(raw.verifyWebhook, ...delivery(body, headers, secrets, options));
      return { timestamp: verified.timestamp, eventId: verified.event_id };
    },
    constructEvent(body, headers, secrets, options) {
      return parsed(raw.constructEvent, ...delivery(body, headers, secrets, options));
    },
    parseEvent(body) {
      return parsed(raw.parseEvent, bodyBytes(body));
    },
    validateOrder(order, { bundle = null, availability = null } = {}) {
      return parsed(raw.validateOrder, json(order, 'the order'), json({ bundle, availability }, 'the context'));
    },
    validateBundle: validator('bundle'),
    validateBundlePatch: validator('bundle_patch'),
    validateUser: validator('user'),
    validateUserPatch: validator('user_patch'),
    validateAvailabilityLookup: validator('availability_lookup'),
    validateImport: (input, { job = false } = {}) => validator(job ? 'import_job' : 'import')(input),
    validateForwarding: validator('forwarding'),
    validateSwap: validator('swap'),
    validateUserNameSwap: validator('user_name_swap'),
    validateCancellation: validator('cancellation'),
    estimateRequiredDomains(params) {
      return parsed(raw.estimateRequiredDomains, json(params, 'the bundle parameters'));
    },
    planDomains(required, domains, availability) {
      const args = [json(required, 'required'), json(domains, 'domains'), json(availability, 'availability')];
      return parsed(raw.planDomains, ...args);
    },
    orderBody(order) {
      return call(raw.orderBody, json(order, 'the order'));
    },
    dedupeKey(body) {
      return call(raw.dedupeKey, bodyBytes(body));
    },
    parseResponse(operation, status, headers, body) {
      const [names, values] = headerLists(headers);
      if (!Number.isInteger(status) || status < 0 || status > 999) throw invalid(`status must be an HTTP status code, got ${describe(status)}`);
      const response = parsed(raw.parseResponse, text(operation, 'operation'), status, names, values, bodyBytes(body));
      return { status: response.status, requestId: response.request_id ?? null, data: response.data };
    },
    retryAdvice(operation, failure, { attempt = 1, jitter = Math.random(), dedupe = null } = {}) {
      if (!Number.isInteger(attempt) || attempt < 0) throw invalid(`attempt must be a whole number, got ${describe(attempt)}`);
      if (!Number.isFinite(jitter)) throw invalid(`jitter must be a number (0 to 1), got ${describe(jitter)}`);
      const args = [text(operation, 'operation'), json(failure, 'failure'), attempt, jitter, json(dedupe, 'dedupe')];
      const advice = parsed(raw.retryAdvice, ...args);
      return { retry: advice.retry, delayMs: advice.delay_ms, reason: advice.reason, message: advice.message };
    },
    dedupeWindow(firstSentAt, now = Math.floor(Date.now() / 1000)) {
      const window = parsed(raw.dedupeWindow, seconds(firstSentAt, 'firstSentAt'), seconds(now, 'now'));
      return { inside: window.inside, expiresAt: window.expires_at, remainingSeconds: window.remaining_seconds };
    },
  };
}
