// The differential check of the form module's IDNA (the JavaScript engine's
// UTS 46 behind `URL`, with the core's rules around it) against the full
// module's (the `idna` crate, the reference): a deterministic set of adversarial
// domain names, each also as an email domain and as the host of an http URL
// (with userinfo and a port), and every answer compared (strict ToASCII, URL
// host, email verdict: `idnaForTests` of both raw modules).

const hex = (text) => [...text].map((c) => `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

/** A small seeded generator (mulberry32), so every run checks the same inputs. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  'b\u00fccher.de', 'B\u00dcCHER.DE', 'xn--bcher-kva.de', 'XN--BCHER-KVA.de', 'xn--bcher-kva-.de', 'xn--.de', 'xn--a.de',
  'xn--abc-.de', 'xn--zz-.de', 'xn--ab--cd-.de', 'xn--mnchen-3ya.de', 'xn--mnchen-3yA.de', 'xn--ls8h.la', 'xn--55qx5d.cn',
  '-\u00e9.de', '\u00e9-.de', '\u00e9\u00e9--x.de', 'ab--\u00e9.de', 'ab--cd.\u00e9', 'a\u200db.de', 'a\u200cb.de',
  '\u0915\u094d\u200d.de', '\u0915\u094d\u200c.de', '\u0628\u200c\u0628.de', '\u0628\u200c.de', '\u05d0\u05d1.de', '\u05d0\u05d1.c\u00f3m',
  '\u05d01.de', '1\u05d0.de', '\u05d0.a\u0300', '\u0627\u0661\u06f1.de', '\u0627\u0661.de', 'a.\u05d0-', '\u05d0.1a',
  'fa\u00df.de', '\u03c2.de', '\u03a3.de', '\uff41\u3002de', 'a\uff0eb\uff61c', '\uff11\uff12\uff13.\uff14', '\uff11\uff12\uff17.0.0.1',
  '0x\u00e9.de', '\uff10\uff58\uff11', '\uff05\uff14\uff11.de', 'a\uff3fb.de', 'a\u2024b.de', '\u2488.de', '\u2474.de', '\u00e9.de.',
  '\u00e9..de', '.\u00e9.de', '\u00e9', '\u0300a.de', '\ufe0f.de', 'a\ufe0f.de', '\ufffd.de', '\u{10ffff}.de', '\u{1f600}.de',
  '\u{e0001}.de', '\u00e9.xn--', '\u00e9.xn--ls8h', '\u00e9.xn--mnich-kva', 'xn--mnchen-3ya.\u00e9', '\u0130.de', '\u212a.de',
  '\u00e9\u00ad.de', '\u00ad.de', '\u200b\u00e9.de', '\u2060.de', '\u3002.de', '\u00e9\u3002', '\uff0f\u00e9.de', '\u00e9\uff1a80',
  '\uff20\u00e9.de', '\u00e9\uff03x', '\u00e9\uff1fx', '\uff3b\u00e9\uff3d', '\u00e9\u2100.de', '\u00bd.de', '\u00e9\u0301.de',
  'e\u0301.de', '\u1100\u1161.de', '\u0e01\u0e48.th', '\u0644\u0627.de', '\u0660\u06f0.de', 'a\u0660.de', '\ud55c\uad6d.kr',
  '\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444', 'p\u0430ypal.com', '\u00e9%2e.de', '\u00e9%41.de', '\u00e9%.de', '%C3%A9.de',
  '%c3%a9.de', '%ff.de', '%E2%80%8D.de', '\u00e9 .de', '\u00e9\t.de', '\u00e9\u0000.de', '\u00e9_x.de', '\u00e9~x.de',
  // A-labels whose Unicode form breaks a rule across labels (bidi) or is not what the engine writes.
  'xn--4db.1a', '1a.xn--4db', 'xn--4db.de', 'xn--1-0hc.de', 'xn--ab-uyc.de', 'xn--4db.xn--1-0hc', 'xn--a-8pc.de', 'xn--ab-hsd.de',
  '\u00e9\ufe61x.de', '\u00e9\uff0ax.de', '\u00e9*\ufe61!x.de', 'a\ufe61b.de', '\u00e9!$&\'()+,;=_~*x.de', '\u05d0*\u05d1.de', '\u05d0\u05d1*.de', '*\u05d0.de', 'xn--1ug.de', 'xn--a-2fu.de', 'xn--0ugc.de', 'xn--zca.de', 'xn--bcher-KVA.de', 'xn--bcher-kva.xn--4db',
];

/** Names at the DNS limits: labels of 62 to 64 octets, names of 252 to 256. */
function limits() {
  const out = [];
  for (const len of [20, 21, 22, 58, 59, 60, 61, 62, 63, 64]) {
    out.push(`${'\u00e9'.repeat(len)}.de`, `${'a'.repeat(len)}\u00e9.de`, `xn--${'a'.repeat(len - 4)}.\u00e9`);
  }
  for (let total = 248; total <= 256; total++) {
    const head = 'a'.repeat(total - 9);
    const labels = head.match(/.{1,60}/g).join('.');
    out.push(`${labels}.\u00e9.de`, `${labels}.\u00e9.de.`);
  }
  return out;
}

/** Every code point of a sample of ranges, alone in a label. */
function singles() {
  const out = [];
  const add = (cp) => (cp < 0xd800 || cp > 0xdfff) && out.push(`a${String.fromCodePoint(cp)}b.de`);
  // Printable ASCII beside a non-ASCII letter: what the engine escapes or refuses in a host.
  for (let cp = 0x21; cp < 0x7f; cp++) out.push(`\u00e9${String.fromCodePoint(cp)}x.de`);
  for (let cp = 0x80; cp < 0x3400; cp++) add(cp);
  for (let cp = 0xa000; cp < 0x10000; cp++) add(cp);
  for (let cp = 0x10000; cp <= 0x10ffff; cp += 61) add(cp);
  return out;
}

const ALPHABET = [
  ...'abz09-.', 'xn--', '\u00e9', '\u00fc', '\u00df', '\u03c2', '\u0301', '\u0300', '\u05d0', '\u05d1', '\u0627', '\u0661', '\u06f1',
  '\u0915', '\u094d', '\u200c', '\u200d', '\uff0e', '\u3002', '\uff61', '\uff21', '\uff11', '\u00ad', '\u2488', '\u{1f600}', '\ufe0f', 'A', 'Z',
];

/** Seeded random names over ALPHABET. */
function mixed(count) {
  const next = random(14);
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(next() * 14);
    return Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
  });
}

/** Every input of the check: each name as a domain, an email domain and a URL host. */
export function idnaInputs() {
  const names = [...NAMES, ...limits(), ...singles(), ...mixed(6000)];
  return names.flatMap((name) => [name, `x@${name}`, `http://${name}/`, `HTTPS://u:p@${name}:8080/p?q#f`]);
}

/**
 * Runs every input through both modules' `idnaForTests`; returns the number of
 * inputs, of those that differ, and the first 20 that do (inputs as code points).
 */
export function compareIdna(form, full, inputs = idnaInputs()) {
  const mismatches = [];
  let differ = 0;
  for (const input of inputs) {
    const [got, want] = [form.idnaForTests(input), full.idnaForTests(input)];
    if (JSON.stringify(got) !== JSON.stringify(want) && ++differ <= 20) mismatches.push({ input: hex(input), form: got, full: want });
  }
  return { count: inputs.length, differ, mismatches };
}
