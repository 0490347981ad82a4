// The rules of an order body that the JavaScript validate_order peers check
// (zod-order.mjs, valibot-order.mjs), written once so that both check the same:
// what each library has built in (emails, URL parsing) is its own; names,
// limits, duplicates and the bundle / availability checks are these.

/** A plain LDH domain name of two or more labels (no IDNA: the peers take ASCII names only). */
export const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
/** The schemes of a forwarding or picture URL (as `URL#protocol` without its colon). */
export const HTTP_SCHEME = /^https?$/;
export const PROVIDER = 'smartlead';
export const MIN_PERSONAS = 1;
export const MAX_PERSONAS = 10;

/** An absolute http(s) URL, by the WHATWG parser (what zod's `z.url({ protocol })` does). */
export function isHttpUrl(text) {
  try {
    return HTTP_SCHEME.test(new URL(text).protocol.slice(0, -1));
  } catch {
    return false;
  }
}

const nameOf = (pick) => (typeof pick === 'string' ? pick : pick?.domain);

/** The index of every picked domain named before it (ignoring case). */
export function duplicates(domains) {
  const seen = new Set();
  const found = [];
  domains.forEach((pick, i) => {
    const name = nameOf(pick);
    if (typeof name !== 'string') return;
    const lower = name.toLowerCase();
    if (seen.has(lower)) found.push(i);
    seen.add(lower);
  });
  return found;
}

/** The availability rows by name, built once when a peer's schema is made (as ours are prepared once). */
export const rowsByDomain = (availability) => new Map(availability.map((row) => [row.domain, row]));

/**
 * With a bundle and the rows by name: the count, each domain's availability
 * and the Microsoft split, as `[message, path]` pairs.
 */
export function contextIssues(domains, bundle, rows) {
  const issues = [];
  if (domains.length !== bundle.required_domains.total) issues.push(['domain_count_mismatch', ['domains']]);
  let microsoft = 0;
  domains.forEach((pick, i) => {
    const row = rows.get(nameOf(pick));
    if (!row) issues.push(['availability_unknown', ['domains', i]]);
    else if (!row.available) issues.push(['domain_unavailable', ['domains', i]]);
    else if (row.premium) issues.push(['premium_domain', ['domains', i]]);
    else if (row.usable_for.includes('microsoft')) microsoft += 1;
  });
  if (microsoft < bundle.required_domains.microsoft) issues.push(['microsoft_split_unmet', ['domains']]);
  return issues;
}

/**
 * Checked before timing: every package of ours finds the same number of
 * violations and each peer reports exactly that many issues (else the rows
 * would not compare like with like). Returns the note for the report.
 */
export function checkPeerCounts(workload, ours, peers) {
  const [expected] = ours;
  const wrong = Object.entries(peers).filter(([, n]) => n !== expected);
  if (ours.some((n) => n !== expected) || wrong.length) {
    throw new Error(`${workload}: ours find ${ours.join(' / ')} violations; ${Object.entries(peers).map(([p, n]) => `${p} ${n}`).join(', ')}`);
  }
  return `${workload}: peeker-core finds ${expected} violations; ${Object.keys(peers).join(' and ')} report ${expected} issues each (checked before timing)`;
}
