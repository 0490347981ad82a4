// The optional send helpers: fetch, a timeout per attempt, retries as the
// core advises, and pagination. The package works as well without them.

import { ApiError, ConfigError, PeekerError, PeekerRequest, wrong } from './errors.mjs';
import { clock, listOperation, seconds } from './checks.mjs';

/** How long `send` waits for each attempt by default, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

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

export async function send(api, request, options) {
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

export function paginate(api, client, first, options) {
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
