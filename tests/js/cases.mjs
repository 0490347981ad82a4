// Checks one shared vector case against a JavaScript API object (either npm
// package). No Node or browser specifics: Node tests and the Chromium page
// both use it. Each check throws an Error describing the mismatch.

function expectResult(api, c, run, matches) {
  let out;
  try {
    out = run();
  } catch (err) {
    if (!(err instanceof api.PeekerError)) throw new Error(`threw a non-PeekerError: ${err}`);
    if (c.expect.error === undefined) throw new Error(`unexpected ${err.code}: ${err.message}`);
    if (err.code !== c.expect.error) throw new Error(`expected ${c.expect.error}, got ${err.code}: ${err.message}`);
    return;
  }
  if (c.expect.error !== undefined) throw new Error(`expected ${c.expect.error}, got ${JSON.stringify(out)}`);
  if (!matches(out)) throw new Error(`got ${JSON.stringify(out)}`);
}

export function checkCase(api, c) {
  switch (c.op) {
    case 'canonicalize':
      return expectResult(api, c, () => api.canonicalize(c.input), (out) => out === c.expect.output);
    case 'sign':
      return expectResult(api, c, () => api.signWebhook(c.secret, c.timestamp, c.body), (out) => out === c.expect.signature);
    case 'verify':
      return expectResult(
        api,
        c,
        () => api.verifyWebhook(c.body, c.headers, c.secrets, { now: c.now, tolerance: c.tolerance }),
        (out) => out.timestamp === c.expect.ok.timestamp && out.eventId === c.expect.ok.event_id,
      );
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
