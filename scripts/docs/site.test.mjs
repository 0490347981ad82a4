// The built site (target/site/) in Debian's Chromium, served as it would be
// published (under /peeker-core/) with every other request refused, so the pages
// must work offline: no page or console error, the Mermaid diagrams drawn, the
// generated references rendered. Screenshots go to artifacts/docs/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { test } from 'node:test';
import * as yaml from 'js-yaml'; // Redocly CLI's own YAML parser (root package-lock.json)
import { withPage } from '../../tests/js/chromium.mjs';
import { ROOT } from '../../tests/js/serve.mjs';

const SITE = join(ROOT, 'target/site');
const PREFIX = '/peeker-core/';
const SHOTS = join(ROOT, 'artifacts/docs');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.yaml': 'text/yaml', '.md': 'text/markdown',
};
mkdirSync(SHOTS, { recursive: true });

function serveSite() {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x').pathname;
    if (!url.startsWith(PREFIX)) return res.writeHead(404).end();
    let path = join(SITE, normalize(decodeURIComponent(url.slice(PREFIX.length - 1))));
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(await readFile(path));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Opens a page of the site with only 127.0.0.1 (and `allowed`) reachable; returns what `use` returns. */
function open(path, use, allowed = null) {
  const outside = [];
  return withPage(`${PREFIX.slice(1)}${path}`, async (page, problems) => {
    await page.waitForLoadState('networkidle');
    const result = await use(page);
    // An allowed request, aborted here, leaves console errors of its own.
    const failedLoads = allowed ? 2 : 0; // its modulepreload and its import
    const errors = problems.filter((p) => p === 'console error: Failed to load resource: net::ERR_FAILED');
    assert.ok(errors.length <= failedLoads, problems.join('\n'));
    assert.deepEqual([...problems.filter((p) => !errors.includes(p)), ...outside], []);
    return result;
  }, {
    serve: serveSite,
    setup: (page) => page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => {
      if (!allowed?.test(route.request().url())) outside.push(`request outside: ${route.request().url()}`);
      return route.abort();
    }),
  });
}

test('the home page: the install table, the navigation, the search index', () =>
  open('', async (page) => {
    assert.equal(await page.title(), 'peeker-core');
    const installs = await page.locator('table td code').allTextContents();
    for (const line of ['npm install peeker-core', 'pip install peeker-core', 'cargo add peeker-core']) assert.ok(installs.includes(line), installs.join(', '));
    assert.ok(await page.locator('nav a[href*="quickstart/python"]').count() >= 1);
    await page.screenshot({ path: join(SHOTS, 'home.png'), fullPage: true });
  }));

test('how it works: both Mermaid diagrams are drawn from the bundled Mermaid (no CDN)', () =>
  open('how-it-works/', async (page) => {
    // Material replaces each <pre class="mermaid"> by a <div> and draws the SVG in
    // a closed shadow root: a drawn diagram is a tall box.
    await page.waitForFunction(() => [...document.querySelectorAll('div.mermaid')]
      .filter((div) => div.getBoundingClientRect().height > 200).length === 2, null, { timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'how-it-works.png'), fullPage: true });
  }));

test('the events and codes reference lists the 18 event types and every code', () =>
  open('reference/events-and-codes/', async (page) => {
    const contract = JSON.parse(await readFile(join(ROOT, 'tests/vectors/contract.json'), 'utf8'));
    const events = await page.locator('h3 code').allTextContents();
    assert.deepEqual(events, contract.events);
    const codes = await page.locator('td:first-child code').allTextContents();
    assert.deepEqual(codes, [...contract.violation_codes, ...contract.error_codes]);
    await page.screenshot({ path: join(SHOTS, 'reference-events-and-codes.png') });
  }));

// Redocly prerenders the whole page; its script (from Redocly's CDN, the one
// request allowed outside) only adds the interactions. Offline, the content is there.
const REDOC_SCRIPT = /^https:\/\/cdn\.redocly\.com\/redoc\/v[\d.]+\/bundles\/redoc\.standalone\.js$/;

test('the HTTP API reference (Redocly) holds every operation of the contract, prerendered', () =>
  open('reference/http-api.html', async (page) => {
    const spec = yaml.load(await readFile(join(ROOT, 'spec/openapi.yaml'), 'utf8'));
    const summaries = Object.values(spec.paths).flatMap((item) => Object.values(item).filter((op) => op?.operationId).map((op) => op.summary));
    const text = await page.evaluate(() => document.body.textContent); // collapsed sections too
    assert.equal(summaries.length, JSON.parse(await readFile(join(ROOT, 'tests/vectors/contract.json'), 'utf8')).operations.length);
    for (const summary of summaries) assert.ok(text.includes(summary), summary);
    await page.screenshot({ path: join(SHOTS, 'reference-http-api.png') });
  }, REDOC_SCRIPT));

test('the API references: rustdoc, TypeDoc, pdoc and the Swift page open and name the core functions', async () => {
  for (const [path, name] of [['reference/rust/peeker_core/index.html', 'validate_order'],
    ['reference/js/functions/validateOrder.html', 'validateOrder'], ['reference/python/peeker_core.html', 'validate_order'],
    ['reference/swift/', 'public func validateOrder(order: String']]) {
    await open(path, async (page) => assert.ok((await page.locator('body').innerText()).includes(name), path));
  }
  await open('reference/js/functions/constructEvent.html', (page) => page.screenshot({ path: join(SHOTS, 'reference-typedoc.png') }));
});
