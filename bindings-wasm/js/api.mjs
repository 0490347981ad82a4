// The public JavaScript API of peeker-core, shared by the WebAssembly package
// (peeker-core) and the native addon (peeker-core-native). `bind(raw)` wraps a
// raw surface: it checks each argument's JavaScript type before native code
// sees it (checks.mjs), fills in defaults (the clock, the tolerance, the
// jitter), gives results their JavaScript shapes and turns the raw surface's
// error objects into the classes of errors.mjs. Rules live in the Rust core;
// these files only convert, apart from the optional send helpers (send.mjs).

import { DEFAULT_TOLERANCE_SECONDS, builders, validators } from './operations.mjs';
import { ApiError, ConfigError, INSPECT, InternalError, PeekerRequest, guarded, translate, unreadable, wrong } from './errors.mjs';
import { asText, bodyBytes, clock, context, headerLists, json, jsonText, listOperation, optional, secretList, seconds, text } from './checks.mjs';
import { paginate, send } from './send.mjs';

export { DEFAULT_TOLERANCE_SECONDS };
export { DEFAULT_TIMEOUT_MS } from './send.mjs';
export { ApiError, ConfigError, InternalError, JsonError, PeekerError, PeekerRequest, ValidationError, WebhookError } from './errors.mjs';

/** Copies methods onto a prototype the way a class declares them (not enumerable). */
function define(target, methods) {
  for (const [name, value] of Object.entries(methods)) {
    Object.defineProperty(target, name, { value: guarded(value), writable: true, configurable: true });
  }
}

/** A WebAssembly instance whose memory grew past this is replaced after the call. */
const LARGE_MEMORY_BYTES = 16 * 1024 * 1024;

/** Per raw surface, shared by every `bind` of it: is it instantiated, and how many times was it replaced. */
const instances = new WeakMap();

/**
 * Builds the public API over a raw surface (wasm-bindgen or napi); `host`
 * names the runtime in the User-Agent. `load` (browsers) instantiates the
 * surface asynchronously: until `ready()` has run it, calls throw `not_ready`.
 * `version` is the core's, for a surface not instantiated yet. `extend(call)`
 * adds functions that run through the same error handling (this repository's
 * tests reach the raw surface's test-only functions so). `hmac(secret,
 * timestamp, body)` is the host's HMAC-SHA256 of `<timestamp>.<body>` (the
 * Node entry's node:crypto): with it, webhooks are hashed outside the module.
 */
export function bind(raw, host = null, { load = null, version = null, extend = null, hmac = null } = {}) {
  const state = instances.get(raw) ?? { loaded: load === null, loading: null, generation: 0, broken: false };
  instances.set(raw, state);
  // After a trap or a panic the instance's memory is not trustworthy: a new
  // instance replaces it (wasm-bindgen's reset, from the compiled module), and
  // clients made before rebuild their raw client on their next call.
  const discard = () => {
    if (typeof raw.__wbg_reset_state !== 'function') return; // napi: a panic is caught before it corrupts anything
    try {
      raw.__wbg_reset_state();
      state.generation += 1;
    } catch {
      state.broken = true;
    }
  };
  const call = (run) => {
    if (!state.loaded) throw new ConfigError('not_ready', 'peeker-core is not ready: `await ready()` once before calling it');
    if (state.broken) throw new InternalError('internal_error', 'peeker-core could not restart its WebAssembly module after a failure; please report this');
    try {
      return run();
    } catch (err) {
      throw translate(err, discard);
    } finally {
      // A WebAssembly memory never shrinks: one large input would keep its peak
      // for the instance's life, so an instance left large is replaced (D9).
      if (!state.broken && raw.memoryBytes?.() > LARGE_MEMORY_BYTES) discard();
    }
  };
  const ready = async (source) => {
    if (state.loaded) return;
    state.loading ??= (async () => {
      try {
        await load(source);
        state.loaded = true;
      } catch (err) {
        state.loading = null;
        throw new ConfigError('not_ready', 'peeker-core could not load its WebAssembly module (see `cause`)', { cause: err });
      }
    })();
    await state.loading;
  };
  const delivery = (body, headers, secrets, options) => {
    const { now = clock(), tolerance = DEFAULT_TOLERANCE_SECONDS } = options ?? {};
    const [names, values] = headerLists(headers);
    return [bodyBytes(body), names, values, secretList(secrets), seconds(now, 'now'), seconds(tolerance, 'tolerance')];
  };
  /** The host's MAC of a delivery, for the core to ask by a secret's index (the secret does not cross back). */
  const macOf = ([body, , , secrets]) => (index, timestamp) => hmac(secrets[index], timestamp, body);

  /**
   * Availability rows (a list, or a whole availability response) read and
   * indexed by the core once, for a form that validates the same order on
   * every keystroke (D16). `free()` releases the core's copy at once (in
   * WebAssembly; the garbage collector does it otherwise); a later call
   * prepares it again.
   */
  let rawOf, rowsOf; // set by the class below: its raw prepared availability, its rows as given
  class PreparedAvailability {
    /** A copy of the rows: createOrder reads them, and a replaced WebAssembly instance prepares them again. */
    #copy;
    #raw = null;
    #generation = -1;

    constructor(availability) {
      let rows;
      try {
        rows = json(availability, 'availability');
        // As JSON text when it reads back as exactly the values (checks.mjs `asText`): the native
        // addon reads text several times faster than values, and writing it is cheaper than a clone.
        const [text] = asText(rows) ?? [null];
        this.#copy = text === null ? { rows: structuredClone(rows) } : { text };
      } catch (err) {
        throw unreadable(err); // a getter or Proxy that throws while the rows are read
      }
      rawOf(this, rows);
    }

    static {
      /** The raw prepared availability of the current instance (`rows`: the rows, when at hand). */
      rawOf = (prepared, rows = null) => {
        if (prepared.#raw === null || prepared.#generation !== state.generation) {
          const { text } = prepared.#copy;
          prepared.#raw = call(() =>
            raw.prepareAvailabilityText && text !== undefined
              ? raw.prepareAvailabilityText(text)
              : raw.prepareAvailability(rows ?? rowsOf(prepared)),
          );
          prepared.#generation = state.generation;
        }
        return prepared.#raw;
      };
      /** The rows as given, for the calls that read them per call. */
      rowsOf = (prepared) => {
        const { rows, text } = prepared.#copy;
        return text === undefined ? rows : JSON.parse(text);
      };
    }

    free() {
      // One of a replaced instance is not freed: its memory is gone.
      if (this.#generation === state.generation) this.#raw?.free?.();
      this.#raw = null;
    }

    toString() {
      return 'PreparedAvailability';
    }

    [INSPECT]() {
      return this.toString();
    }
  }
  /** A checked order context, and its prepared availability apart (null when the context has none). */
  const orderContext = (value) => {
    const checked = context(value);
    if (!(checked?.availability instanceof PreparedAvailability)) return [checked, null];
    return [{ ...checked, availability: null }, rawOf(checked.availability)];
  };
  /** A checked order context with its availability as rows (for the calls that read them per call). */
  const rowsContext = (value) => {
    const checked = context(value);
    if (!(checked?.availability instanceof PreparedAvailability)) return checked;
    return { ...checked, availability: rowsOf(checked.availability) };
  };

  /** The API key, options and one request builder per operation of the contract. */
  class Client {
    #args;
    #raw;
    #generation;

    /**
     * `userAgent` is added after `peeker-core/<version>`: by default the
     * runtime (for example `node/20.20.2`); `null` adds nothing.
     */
    constructor(apiKey, options) {
      let url, agent;
      try {
        const { baseUrl = null, userAgent = host } = options ?? {};
        url = baseUrl === null ? null : text(baseUrl, 'baseUrl');
        agent = userAgent === null || userAgent === '' ? null : text(userAgent, 'userAgent');
      } catch (err) {
        throw unreadable(err);
      }
      this.#args = [text(apiKey, 'apiKey'), url, agent];
      this.environment = call(() => Client.#current(this).environment());
    }

    /** The raw client of the current instance (made again after an instance was replaced). */
    static #current(client) {
      if (client.#generation !== state.generation) {
        client.#raw = new raw.Client(...client.#args);
        client.#generation = state.generation;
      }
      return client.#raw;
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
      return new PeekerRequest(call(() => Client.#current(this).nextPage(text(linksNext, 'linksNext'))), list);
    }

    static {
      const one = (client, operation, build) => new PeekerRequest(call(() => build(Client.#current(client))), operation);
      const many = (client, operation, build) =>
        call(() => build(Client.#current(client))).map((request) => new PeekerRequest(request, operation));
      define(Client.prototype, { nextPage: Client.prototype.nextPage, ...builders({ one, many, text, json, optional, context: rowsContext }) });
    }
  }

  const api = {
    VERSION: version ?? raw.version(),
    ready,
    Client,
    PreparedAvailability,
    prepareAvailability(availability) {
      return new PreparedAvailability(availability);
    },
    canonicalize(value) {
      return call(() => raw.canonicalize(jsonText(value)));
    },
    signWebhook(secret, timestamp, body) {
      return call(() => raw.signWebhook(text(secret, 'secret'), seconds(timestamp, 'timestamp'), bodyBytes(body)));
    },
    verifyWebhook(body, headers, secrets, options) {
      const verified = call(() => {
        const args = delivery(body, headers, secrets, options);
        // With the host's HMAC the body stays here: the core gets the headers and secrets only.
        return hmac === null ? raw.verifyWebhook(...args) : raw.verifyWebhookWith(...args.slice(1), macOf(args));
      });
      return { timestamp: verified.timestamp };
    },
    constructEvent(body, headers, secrets, options) {
      return call(() => {
        const args = delivery(body, headers, secrets, options);
        return hmac === null ? raw.constructEvent(...args) : raw.constructEventWith(...args, macOf(args));
      });
    },
    parseEvent(body) {
      return call(() => raw.parseEvent(bodyBytes(body)));
    },
    validateOrder(order, givenContext) {
      return call(() => {
        const [checked, prepared] = orderContext(givenContext);
        // Only the native addon takes text: in WebAssembly the JSON text parser would
        // add ~16 KB gzip to the form module (for ~1/3 off the 500-domain order).
        // What asText accepts is JSON data, so `json`'s walk of the order is left out then.
        const texts = raw.validateOrderText && asText(order, checked);
        if (texts) {
          return JSON.parse(prepared !== null ? raw.validateOrderTextPrepared(...texts, prepared) : raw.validateOrderText(...texts));
        }
        const values = [json(order, 'order'), checked];
        return prepared !== null ? raw.validateOrderPrepared(...values, prepared) : raw.validateOrder(...values);
      });
    },
    ...validators({ call, raw, json }),
    estimateRequiredDomains(params) {
      return call(() => raw.estimateRequiredDomains(json(params, 'params')));
    },
    planDomains(required, domains, availability) {
      return call(() => {
        const args = [json(required, 'required'), json(domains, 'domains')];
        if (availability instanceof PreparedAvailability) return raw.planDomainsPrepared(...args, rawOf(availability));
        return raw.planDomains(...args, json(availability, 'availability'));
      });
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
      // Three numbers cross, not an object (building one across the boundary was most of this call).
      const window = call(() => raw.dedupeWindow(seconds(firstSentAt, 'firstSentAt'), seconds(now, 'now')));
      return { inside: window[0] === 1, expiresAt: window[1], remainingSeconds: window[2] };
    },
  };
  for (const [name, value] of Object.entries(api)) if (typeof value === 'function' && !['Client', 'PreparedAvailability', 'ready'].includes(name)) api[name] = guarded(value);
  Object.assign(api, {
    send: (request, options) => send(api, request, options),
    paginate: (client, first, options) => paginate(api, client, first, options),
  });
  return extend === null ? api : Object.assign(api, extend(call));
}
