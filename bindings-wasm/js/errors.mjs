// The error classes of peeker-core (both npm packages), the request a Client
// builds, and how a raw surface's failures become them; never a value of the
// input in a message.

/** Base class of every error this SDK throws; `code` is stable, `message` is for people. */
export class PeekerError extends Error {
  constructor(code, message, options) {
    super(message, options);
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
export const KINDS = { config: ConfigError, validation: ValidationError, json: JsonError, webhook: WebhookError, api: ApiError, internal: InternalError };
// Each class's name as written here: bundlers rename and minify classes.
for (const [name, Class] of Object.entries({ PeekerError, ConfigError, ValidationError, JsonError, WebhookError, ApiError, InternalError })) {
  Object.defineProperty(Class.prototype, 'name', { value: name, writable: true, configurable: true });
  Object.defineProperty(Class, 'name', { value: name });
}

/** Node's custom inspection: printing a client or a request shows no secret. */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');
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
// Anything else is a panic (WebAssembly: an Error the panic hook throws; napi:
// an Error carrying the panic message), a trap, or an exception of the
// caller's own code (a getter, a Proxy) thrown while the core read a value.
// `discard` then drops the WebAssembly instance, whose memory is no longer
// trustworthy. The caller's own exception becomes the `cause`.
export function translate(err, discard) {
  if (err instanceof PeekerError) return err;
  const Class = KINDS[err?.kind];
  if (Class) return new Class(err.code, err.message, undefined, err);
  discard();
  const what = failure(err);
  return what === null ? unreadable(err) : new InternalError('internal_error', `peeker-core ${what}; please report this`, { cause: err });
}

/** The caller's own exception (a getter or Proxy of an argument threw; a revoked Proxy) as a coded error. */
export function unreadable(err) {
  if (err instanceof PeekerError) return err;
  return new ConfigError('invalid_argument', 'an argument could not be read: a getter or a Proxy of it threw (the `cause`)', { cause: err });
}

/** `fn` with every exception coded, also those thrown while its checks read an argument. */
export function guarded(fn) {
  const wrapper = function (...args) {
    try {
      return fn.apply(this, args);
    } catch (err) {
      throw unreadable(err);
    }
  };
  // The same name and arity as the function it wraps, as documented.
  Object.defineProperty(wrapper, 'name', { value: fn.name });
  return Object.defineProperty(wrapper, 'length', { value: fn.length });
}

/** What went wrong inside the SDK or the engine, or null for the caller's own exception. */
function failure(err) {
  const message = err instanceof Error ? err.message : '';
  if (message.startsWith('peeker-core panicked')) return message.slice('peeker-core '.length); // the wasm panic hook
  if (err?.code === 'GenericFailure') return `panicked: ${message}`; // napi's catch_unwind
  if (typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError) return `trapped: ${message}`;
  if (err instanceof RangeError && message.startsWith('Maximum call stack')) return `ran out of stack: ${message}`;
  return null;
}

// Describes a value's type without echoing it (it may be a secret), nor
// anything its own code decides (a class name, a Proxy's traps).
function describe(value) {
  if (value === null) return 'null';
  const type = typeof value;
  if (type !== 'object') return type === 'undefined' ? 'undefined' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
  try {
    return Array.isArray(value) ? 'an array' : ArrayBuffer.isView(value) ? 'bytes' : 'an object';
  } catch {
    return 'an object'; // a revoked Proxy
  }
}

/** `invalid_argument` naming the argument, what it must be and the type it has (never its value). */
export function wrong(name, what, value) {
  const message = value === undefined ? `\`${name}\` is missing: pass ${what}` : `\`${name}\` must be ${what}, got ${describe(value)}`;
  return new ConfigError('invalid_argument', message);
}
