// The argument checks of the public API: each throws ConfigError
// `invalid_argument` naming the argument and its type (never its value), or
// gives the argument as the raw surfaces take it.

import { LIST_OPERATIONS } from './operations.mjs';
import { ConfigError, JsonError, wrong } from './errors.mjs';

/** No lone surrogate: native code would replace it with U+FFFD and so change the text (D14). */
const wellFormed = String.prototype.isWellFormed ? (s) => s.isWellFormed() : (s) => !/\p{Surrogate}/u.test(s);

export function text(value, name) {
  if (typeof value !== 'string') throw wrong(name, 'a string', value);
  if (!wellFormed(value)) throw new ConfigError('invalid_argument', `\`${name}\` must be a string of valid Unicode: it holds a lone surrogate`);
  return value;
}

/** JSON text: a lone surrogate in it is the core's `invalid_string`, as its escape `\ud800` is (D14). */
export function jsonText(value) {
  if (typeof value === 'string' && !wellFormed(value)) throw new JsonError('invalid_string', 'the text holds a lone surrogate');
  return text(value, 'json');
}

/** The core refuses deeper values (`too_deep`); the walk below leaves them to it (also a value holding itself). */
const MAX_DEPTH = 128;
/** How much of a path a message shows. */
const MAX_PATH_CHARS = 60;

/**
 * A required argument holding JSON data: only what `JSON.parse` could have
 * made (D14), else `invalid_argument` naming where and what, never the value.
 * The core reads the content (and reports what is wrong with it).
 */
export function json(value, name) {
  if (value === undefined || ['function', 'symbol', 'bigint'].includes(typeof value)) throw wrong(name, 'JSON data (an object, an array, a string, ...)', value);
  const problem = notJson(value, 0);
  if (problem !== null) {
    let path = problem.path.reverse().join('');
    if (path.length > MAX_PATH_CHARS) path = `${path.slice(0, MAX_PATH_CHARS)}...`;
    throw new ConfigError('invalid_argument', `\`${name}${path}\` cannot be sent as JSON: it is ${problem.what}`);
  }
  return value;
}

/** `{path, what}` of the first part of `value` that JSON cannot hold as it is, or null. */
function notJson(value, depth) {
  switch (typeof value) {
    case 'string':
      return wellFormed(value) ? null : { path: [], what: 'a string holding a lone surrogate' };
    case 'number':
      return Number.isFinite(value) ? null : { path: [], what: 'a number that is not finite (NaN or infinity)' };
    case 'boolean':
    case 'undefined': // inside a value it reads as null, as JSON.stringify writes it in an array
      return null;
    case 'object':
      break;
    default:
      return { path: [], what: `a ${typeof value}, which JSON cannot hold` };
  }
  if (value === null || depth >= MAX_DEPTH) return null;
  const under = (problem, segment) => problem && (problem.path.push(segment), problem);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const problem = under(notJson(value[i], depth + 1), `[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value);
  // Object.prototype of this realm or another one (an iframe, a vm context): its own prototype is null.
  if (proto !== null && Object.getPrototypeOf(proto) !== null) {
    return { path: [], what: 'an object that is not a plain object or an array (a Date, Map, Set, bytes or class instance), which JSON cannot hold as it is' };
  }
  for (const key of Object.keys(value)) {
    if (!wellFormed(key)) return { path: [], what: 'an object with a key holding a lone surrogate' };
    const problem = under(notJson(value[key], depth + 1), `.${key}`);
    if (problem) return problem;
  }
  return null;
}

/** The core's largest JSON text (MAX_INPUT_BYTES); a UTF-16 unit is at most 3 UTF-8 bytes. */
const MAX_TEXT_UNITS = Math.floor(10_485_760 / 3);

/**
 * The `JSON.stringify` text of each value when the core reads that text as
 * exactly what it reads from the values themselves, else null (the values
 * then cross as they are). Writing and parsing text is several times faster
 * than reading a large value member by member across the boundary. Not text:
 * `undefined` (a member reads as null, the text leaves it out), integers past
 * 2^53 (a double as a value, an integer in text), lone surrogates, `toJSON`,
 * anything not plain, nesting the core refuses.
 */
export function asText(...values) {
  if (!values.every((value) => sameAsText(value, 0))) return null;
  const texts = values.map((value) => JSON.stringify(value));
  return texts.every((text) => text.length <= MAX_TEXT_UNITS) ? texts : null;
}

function sameAsText(value, depth) {
  switch (typeof value) {
    case 'string':
      return wellFormed(value);
    case 'number':
      return Number.isSafeInteger(value) || (Number.isFinite(value) && !Number.isInteger(value));
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth >= MAX_DEPTH || 'toJSON' in value) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (!sameAsText(value[i], depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return false;
  for (const key of Object.keys(value)) if (!wellFormed(key) || !sameAsText(value[key], depth + 1)) return false;
  return true;
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
  if (typeof body === 'string') return encoder.encode(text(body, 'body'));
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
