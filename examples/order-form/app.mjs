// The order form: reads the form into a Peeker order, validates it with
// peeker-core as the customer types, and shows every violation at its field.
import { dedupeKey, orderBody, planDomains, validateOrder } from 'peeker-core';

// Demo bundles as `GET /bundles/{id}` would return them (their `required_domains` is authoritative).
const BUNDLES = [
  { id: 'bun_starter', name: 'Starter: 3 domains', required_domains: { google: 2, microsoft: 1, total: 3 } },
  { id: 'bun_growth', name: 'Growth: 6 domains', required_domains: { google: 4, microsoft: 2, total: 6 } },
];
// Stands in for the host's `POST /domains/availability` call.
const AVAILABILITY = (await (await fetch(new URL('./availability.json', import.meta.url))).json()).domains;
const DEBOUNCE_MS = 120;

const $ = (id) => document.getElementById(id);
// Rows only: violation notes sit between them.
const rows = (list) => [...$(list).querySelectorAll(':scope > .row')];
const form = $('order');
const touched = new Set();
let showAll = false;

for (const bundle of BUNDLES) $('bundle').add(new Option(bundle.name, bundle.id));
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
  const names = order.domains.map((d) => (typeof d === 'string' ? d : d.domain));
  const plan = planDomains(need ?? { google: 0, microsoft: 0, total: 0 }, names, AVAILABILITY);
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
  if (!report.valid) return;
  const bytes = orderBody(order);
  // The body is what a host sends; the password is masked for display only.
  const password = JSON.stringify(order.sequencer.login_password);
  $('order-body').textContent = new TextDecoder().decode(bytes).replace(`"login_password":${password}`, '"login_password":"••••••"');
  $('body-bytes').textContent = bytes.length;
  $('dedupe-key').textContent = dedupeKey(bytes);
}

function render() {
  const { order, domainRows } = readOrder();
  labelRows(domainRows);
  $('custom').classList.toggle('hidden', $('bundle').value !== 'custom');
  const bundle = BUNDLES.find((b) => b.id === order.bundle_id) ?? null;
  const report = validateOrder(order, { bundle, availability: AVAILABILITY });
  showViolations(report);
  showSummary(order, report);
  document.body.dataset.ready = 'true';
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
