// The order form: reads the form into a Peeker order, validates it with
// peeker-core as the customer types (against the bundles and the availability
// of the Peeker it talks to), shows every violation at its field, then places
// the order and shows its progress by polling `GET /orders/{id}`.
//
// The page never holds a key: it validates with peeker-core/form (the small
// module with no client) and asks the partner's backend (serve.mjs, /api/) for
// bundles and availability and to place and read orders; the backend holds the
// key and calls Peeker with the full peeker-core.
import { dedupeKey, orderBody, planDomains, ready, validateAvailabilityLookup, validateOrder } from 'peeker-core/form';

const DEBOUNCE_MS = 120;
const POLL_MS = 400;
const FINAL = new Set(['completed', 'failed', 'cancelled']);

const $ = (id) => document.getElementById(id);
// Rows only: violation notes sit between them.
const rows = (list) => [...$(list).querySelectorAll(':scope > .row')];
const form = $('order');
const touched = new Set();
let showAll = false;

/** An error the backend answered: the SDK's or Peeker's code and message. */
class BackendError extends Error {
  constructor({ code, message }) {
    super(message);
    this.code = code;
  }
}

/** A call to the partner's backend: `body` makes it a POST. */
async function backend(path, body) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const answer = await fetch(`/api/${path}`, { ...init, signal: AbortSignal.timeout(20_000) });
  const json = await answer.json();
  if (!answer.ok) throw new BackendError(json.error);
  return json;
}

// Importing peeker-core/form compiled nothing: its module streams in while the backend answers.
let config, BUNDLES;
try {
  // The partner's bundles (`required_domains` is authoritative).
  [config, BUNDLES] = await Promise.all([backend('config'), backend('bundles'), ready()]);
} catch (err) {
  $('peeker').textContent = `The backend or its Peeker did not answer (${err.code ?? err.name}): is it running?`;
  throw err;
}
$('peeker').textContent = `Orders go to ${config.base_url} (${config.environment} key, held by the backend).`;
/** Availability rows of every name looked up so far, and the names asked (as typed). */
const AVAILABILITY = [];
const asked = new Set();

for (const bundle of BUNDLES) $('bundle').add(new Option(`${bundle.name}: ${bundle.required_domains.total} domains`, bundle.id));
$('bundle').add(new Option('Custom: licence counts', 'custom'));

function addRow(list, template, values = []) {
  const row = $(template).content.firstElementChild.cloneNode(true);
  row.querySelectorAll('input').forEach((input, i) => (input.value = values[i] ?? ''));
  row.querySelector('.remove').addEventListener('click', () => {
    row.remove();
    touched.add(list);
    schedule();
  });
  $(list).append(row);
  return row;
}
const addDomain = (name = '', url = '') => addRow('domains', 'domain-row', [name, url]);
const addPersona = (first = '', last = '', picture = '') => addRow('personas', 'persona-row', [first, last, picture]);

$('add-domain').addEventListener('click', () => addDomain().querySelector('input').focus());
$('add-persona').addEventListener('click', () => addPersona().querySelector('input').focus());
$('add-pasted').addEventListener('click', () => {
  for (const line of $('paste').value.split(/\r?\n/)) if (line.trim()) addDomain(line.trim());
  $('paste').value = '';
  touched.add('domains');
  schedule();
});
$('review').addEventListener('click', () => {
  showAll = true;
  render();
});
$('place').addEventListener('click', place);
addPersona();

/** A whole number as a number; anything else as typed, for the core to report. */
function count(text) {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The form as a `POST /orders` body, with each row's index for path matching. */
function readOrder() {
  const order = { user: $('user').value };
  if ($('bundle').value === 'custom') {
    order.google_licenses = count($('google_licenses').value);
    order.microsoft_licenses = count($('microsoft_licenses').value);
    order.google_inboxes_per_domain = count($('google_inboxes_per_domain').value);
  } else {
    order.bundle_id = $('bundle').value;
  }
  order.sequencer = {
    provider: 'smartlead',
    client_id: count($('client_id').value) ?? null,
    login_email: $('login_email').value,
    login_password: $('login_password').value,
  };
  if ($('forwarding_url').value.trim()) order.forwarding_url = $('forwarding_url').value;
  const domainRows = rows('domains').filter((row) => row.querySelector('.domain-name').value.trim() || row.querySelector('.domain-url').value.trim());
  order.domains = domainRows.map((row) => {
    const [name, url] = [row.querySelector('.domain-name').value, row.querySelector('.domain-url').value];
    return url.trim() ? { domain: name, forwarding_url: url } : name;
  });
  order.personas = rows('personas').map((row) => ({
    first_name: row.querySelector('.first-name').value,
    last_name: row.querySelector('.last-name').value,
    profile_picture_url: row.querySelector('.picture').value,
  }));
  return { order, domainRows };
}

const domainNames = (order) => order.domains.map((d) => (typeof d === 'string' ? d : d.domain));

function required(order) {
  const bundle = BUNDLES.find((b) => b.id === order.bundle_id);
  if (bundle) return bundle.required_domains;
  const { google_licenses: g, microsoft_licenses: m, google_inboxes_per_domain: per } = order;
  if (![g, m, per].every(Number.isInteger) || g % per) return null;
  return { google: g / per, microsoft: m, total: g / per + m };
}

/** Path attributes for the rows, so `domains[2].forwarding_url` finds its input. */
function labelRows(domainRows) {
  rows('domains').forEach((row) => row.querySelectorAll('[data-path]').forEach((el) => el.removeAttribute('data-path')));
  domainRows.forEach((row, i) => {
    row.querySelector('.domain-name').dataset.path = `domains[${i}]`;
    row.querySelector('.domain-url').dataset.path = `domains[${i}].forwarding_url`;
  });
  rows('personas').forEach((row, i) => {
    row.querySelector('.first-name').dataset.path = `personas[${i}].first_name`;
    row.querySelector('.last-name').dataset.path = `personas[${i}].last_name`;
    row.querySelector('.picture').dataset.path = `personas[${i}].profile_picture_url`;
    row.dataset.path = `personas[${i}]`;
  });
}

/** The element a violation belongs to: its path, else the nearest parent path. */
function target(path) {
  for (let p = path; ; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    const el = form.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (el || p === '') return el ?? $('form-problems');
  }
}

// A violation shows once its field, a field inside it, or its list was touched.
const isShown = (el) => showAll || [...touched].some((t) => t.startsWith(el.dataset.path) || el.dataset.path.startsWith(t));

function clearViolations() {
  form.querySelectorAll('.violation').forEach((p) => p.remove());
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  form.querySelectorAll('[aria-describedby]').forEach((el) => el.removeAttribute('aria-describedby'));
}

function showViolations(report) {
  clearViolations();
  report.violations.forEach((violation, i) => {
    const el = target(violation.path);
    if (!isShown(el)) return;
    const note = document.createElement('p');
    note.id = `violation-${i}`;
    note.className = `violation ${violation.severity}`;
    note.dataset.code = violation.code;
    note.dataset.path = violation.path;
    note.textContent = `${violation.message} (${violation.code})`;
    if (el.matches('input, select, textarea')) {
      (el.closest('.row') ?? el).after(note);
      if (violation.severity === 'error') el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-describedby', `${el.getAttribute('aria-describedby') ?? ''} ${note.id}`.trim());
    } else {
      el.append(note);
    }
  });
}

const dollars = (cents) => `$${(cents / 100).toFixed(2)}`;

function showSummary(order, report) {
  const need = required(order);
  const plan = planDomains(need ?? { google: 0, microsoft: 0, total: 0 }, domainNames(order), AVAILABILITY);
  for (const provider of ['google', 'microsoft']) {
    $(`${provider}-planned`).textContent = plan[provider].length;
    $(`${provider}-required`).textContent = need ? need[provider] : '–';
    $(`${provider}-planned`).className = need && plan[provider].length < need[provider] ? 'short' : 'ok';
  }
  const picked = new Set([...plan.google, ...plan.microsoft]);
  $('price').textContent = dollars(AVAILABILITY.filter((r) => picked.has(r.domain)).reduce((sum, r) => sum + (r.price_cents ?? 0), 0));
  const errors = report.violations.filter((v) => v.severity === 'error').length;
  $('status').textContent = report.valid ? 'The order is valid.' : `${errors} problem(s) to fix.`;
  $('request').classList.toggle('hidden', !report.valid);
  $('place').disabled = !report.valid || document.body.dataset.checking === 'true';
  if (!report.valid) return;
  const bytes = orderBody(order);
  // The body is what a host sends; the password is masked for display only.
  const password = JSON.stringify(order.sequencer.login_password);
  $('order-body').textContent = new TextDecoder().decode(bytes).replace(`"login_password":${password}`, '"login_password":"••••••"');
  $('body-bytes').textContent = bytes.length;
  $('dedupe-key').textContent = dedupeKey(bytes);
}

/** The order with the context the form checks it against. */
function current() {
  const { order, domainRows } = readOrder();
  const bundle = BUNDLES.find((b) => b.id === order.bundle_id) ?? null;
  return { order, domainRows, context: { bundle, availability: AVAILABILITY } };
}

function render() {
  const { order, domainRows, context } = current();
  labelRows(domainRows);
  $('custom').classList.toggle('hidden', $('bundle').value !== 'custom');
  const report = validateOrder(order, context);
  showViolations(report);
  showSummary(order, report);
  document.body.dataset.ready = 'true';
  lookUp(domainNames(order));
}

/** `POST /domains/availability` for the well-formed names not asked yet, then renders again. */
async function lookUp(names) {
  const malformed = new Set(validateAvailabilityLookup({ domains: names }).violations.map((v) => v.path));
  const fresh = [...new Set(names.filter((name, i) => !malformed.has(`domains[${i}]`) && !asked.has(name)))];
  if (fresh.length === 0) return;
  fresh.forEach((name) => asked.add(name));
  document.body.dataset.checking = 'true';
  $('availability').textContent = 'Checking availability…';
  try {
    AVAILABILITY.push(...(await backend('availability', { domains: fresh })));
    $('availability').textContent = '';
  } catch (err) {
    fresh.forEach((name) => asked.delete(name)); // asked again at the next change
    $('availability').textContent = `Availability could not be checked: ${err instanceof BackendError ? err.code : err.name}.`;
  }
  document.body.dataset.checking = 'false';
  render();
}

/** What went wrong, for people: the API's code and message (never a typed value), else the kind of failure. */
const failure = (err) => (err instanceof BackendError ? `${err.message} (${err.code})` : err.name);

/** Places the order through the backend (which retries the same bytes inside the dedupe window), then follows it. */
async function place() {
  const { order, context } = current();
  $('place').disabled = true;
  $('placing').textContent = 'Placing the order…';
  let placed;
  try {
    placed = await backend('orders', { order, context });
  } catch (err) {
    $('placing').textContent = `The order was not placed: ${failure(err)}.`;
    $('place').disabled = false;
    return;
  }
  $('placing').textContent = '';
  try {
    await follow(placed);
  } catch (err) {
    $('order-summary').textContent = `Lost track of the order: ${failure(err)}.`;
  }
}

/** Shows each status of the order, polling `GET /orders/{id}` until it is final. */
async function follow(order) {
  $('progress-section').classList.remove('hidden');
  $('order-id').textContent = order.id;
  $('order-summary').textContent = '';
  $('progress').replaceChildren();
  for (let seen = null; ; ) {
    if (order.status !== seen) {
      seen = order.status;
      const step = document.createElement('li');
      step.dataset.status = seen;
      step.textContent = `${seen} at ${new Date().toLocaleTimeString()}`;
      $('progress').append(step);
      $('order-status').textContent = seen;
    }
    if (FINAL.has(seen)) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    order = await backend(`orders/${order.id}`);
  }
  const registered = order.domains?.registered ?? [];
  $('order-summary').textContent = `${order.domain_count} domains (${registered.join(', ')}), ${dollars(order.costs?.total_cents ?? 0)}.`;
}

let timer;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(render, DEBOUNCE_MS);
}
form.addEventListener('input', (event) => {
  const path = event.target.dataset?.path ?? event.target.closest('[data-path]')?.dataset.path;
  if (path !== undefined) touched.add(path);
  schedule();
});
form.addEventListener('change', schedule);
render();
