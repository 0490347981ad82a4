// The argument checks of the public API: each throws ConfigError
// `invalid_argument` naming the argument and its type (never its value), or
// gives the argument as the raw surfaces take it.

import { LIST_OPERATIONS } from './operations.mjs';
import { ConfigError, wrong } from './errors.mjs';

export function text(value, name) {
  if (typeof value !== 'string') throw wrong(name, 'a string', value);
  return value;
}

/** A required argument holding JSON data: the core reads it (and reports what is wrong with its content). */
export function json(value, name) {
  if (value === undefined || ['function', 'symbol', 'bigint'].includes(typeof value)) throw wrong(name, 'JSON data (an object, an array, a string, ...)', value);
  return value;
}

/** An optional argument: left out and null are the same. */
export const optional = (value) => value ?? null;

/** The order context `{bundle?, availability?}`, or null. */
export function context(value) {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw wrong('context', 'an object {bundle?, availability?}', value);
  return value;
}

export function seconds(value, name) {
  if (!Number.isSafeInteger(value)) throw wrong(name, 'a whole number of Unix seconds', value);
  return value;
}

export const clock = () => Math.floor(Date.now() / 1000);

const encoder = new TextEncoder();

/** The raw body as bytes: a string is UTF-8 encoded; bytes are used as they are. */
export function bodyBytes(body) {
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
export function headerLists(headers) {
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

export function secretList(secrets) {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (!Array.isArray(list)) throw wrong('secrets', 'a string or an array of strings', secrets);
  return list.map((secret, i) => text(secret, `secrets[${i}]`));
}

/** A list operation's name, else invalid_argument (naming the operations, never echoing the value). */
export function listOperation(value, name = 'operation') {
  if (LIST_OPERATIONS.includes(value)) return value;
  if (typeof value !== 'string') throw wrong(name, 'the name of a list operation', value);
  throw new ConfigError('invalid_argument', `\`${name}\` must name a list operation: ${LIST_OPERATIONS.join(', ')}`);
}
