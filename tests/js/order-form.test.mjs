// The order form (examples/order-form/) in Debian's Chromium against the local
// Peeker (run under scripts/with-local.sh), served by its own serve.mjs (the
// partner backend: the page never holds a key) and used
// as a customer would: typing, adding and removing rows, then placing the order
// and watching it complete. Screenshots of the empty, invalid, valid and
// completed states go to artifacts/order-form/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as peeker from '../../bindings-wasm/pkg/node.mjs';
import { serveOrderForm } from '../../examples/order-form/serve.mjs';
import { withPage } from './chromium.mjs';
import { localPeeker } from './local.cjs';

const SHOTS = resolve(fileURLToPath(import.meta.url), '../../../artifacts/order-form');
mkdirSync(SHOTS, { recursive: true });
const SETTLE_MS = 400; // longer than the page's debounce
const local = localPeeker();
const client = new peeker.Client(local.apiKey, { baseUrl: local.baseUrl });
const serve = () => serveOrderForm({ baseUrl: local.baseUrl, apiKey: local.apiKey });
// Names the local Peeker has not sold yet, however often the test runs against one server
// (its registry: `premium...` and `taken...` are not available; .com serves Microsoft, .io and .xyz do not).
const tag = Date.now().toString(36);
const domain = (label, tld) => `${label}-${tag}.${tld}`;

test('order form: validation at each field as the customer types, then the order placed and completed', async (t) => {
  await withPage(
    '',
    async (page, problems) => {
      await page.waitForSelector('body[data-ready="true"]');
      // The debounce, then the availability lookups the change started.
      const settle = async () => {
        await page.waitForTimeout(SETTLE_MS);
        await page.waitForSelector('body:not([data-checking="true"])');
      };
      const codesAt = (selector) =>
        page.$eval(selector, (el) =>
          (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean).map((id) => document.getElementById(id).dataset.code),
        );
      const notes = (path) => page.$$eval(`.violation[data-path="${path}"]`, (ps) => ps.map((p) => `${p.dataset.code}:${p.className}`));
      const domainInput = (i) => `#domains > .domain >> nth=${i} >> .domain-name`;
      const setDomains = async (names) => {
        await page.$$eval('#domains .remove', (buttons) => buttons.forEach((b) => b.click()));
        await page.fill('#paste', names.join('\n'));
        await page.click('#add-pasted');
        await settle();
      };
      assert.match(await page.textContent('#peeker'), /^Orders go to http:\/\/127\.0\.0\.1:\d+\/partner\/v1 \(test key, held by the backend\)\.$/);
      await page.screenshot({ path: join(SHOTS, 'empty.png'), fullPage: true });

      await t.test('the bundles are the Peeker\'s own', async () => {
        const labels = await page.$$eval('#bundle option', (options) => options.map((o) => o.textContent));
        assert.ok(labels.includes('Starter: 3 domains') && labels.includes('Growth: 6 domains'), labels.join(', '));
      });

      await t.test('an invalid login email shows invalid_email at that field; fixing it clears it', async () => {
        await page.fill('#login_email', 'smartlead-login');
        await settle();
        assert.equal(await page.getAttribute('#login_email', 'aria-invalid'), 'true');
        assert.deepEqual(await codesAt('#login_email'), ['invalid_email']);
        await page.fill('#login_email', 'smartlead-login@example.com');
        await settle();
        assert.equal(await page.getAttribute('#login_email', 'aria-invalid'), null);
        assert.deepEqual(await codesAt('#login_email'), []);
      });

      await page.fill('#user', 'client@example.com');
      await page.fill('#login_password', 'secret-password');
      await page.fill('#client_id', '366903');
      await page.selectOption('#bundle', { label: 'Starter: 3 domains' }); // 2 Google + 1 Microsoft

      await t.test('too few Microsoft-usable domains shows the split violation; adding one clears it', async () => {
        await setDomains([domain('summit-sends', 'io'), domain('orbit-hq', 'io'), domain('lumen-mail', 'xyz')]);
        assert.deepEqual(await notes('domains'), ['microsoft_split_unmet:violation error']);
        assert.equal(await page.textContent('#microsoft-planned'), '0');
        await setDomains([domain('summit-sends', 'io'), domain('orbit-hq', 'io'), domain('harbor-reach', 'com')]);
        assert.deepEqual(await notes('domains'), []);
        assert.equal(await page.textContent('#microsoft-planned'), '1');
      });

      await t.test('a premium, a taken and a duplicate domain each show at their row, from the Peeker\'s availability', async () => {
        const harbor = domain('harbor-reach', 'com');
        await setDomains([domain('premium-reach', 'io'), domain('taken-outreach', 'io'), harbor, harbor.toUpperCase()]);
        assert.deepEqual(await codesAt(domainInput(0)), ['premium_domain']);
        assert.deepEqual(await codesAt(domainInput(1)), ['domain_unavailable']);
        assert.deepEqual(await codesAt(domainInput(2)), []);
        assert.deepEqual(await codesAt(domainInput(3)), ['duplicate']);
        await page.screenshot({ path: join(SHOTS, 'invalid.png'), fullPage: true });
      });

      await t.test('removing every persona shows too_few; a localhost picture is a warning', async () => {
        await page.click('#personas .remove');
        await settle();
        assert.deepEqual(await notes('personas'), ['too_few:violation error']);
        await page.click('#add-persona');
        await page.fill('#personas .first-name', 'Sam');
        await page.fill('#personas .last-name', 'Lee');
        await page.fill('#personas .picture', 'http://localhost/me.png');
        await settle();
        assert.deepEqual(await notes('personas'), []);
        assert.deepEqual(await notes('personas[0].profile_picture_url'), ['picture_not_public:violation warning']);
        assert.equal(await page.getAttribute('#personas .picture', 'aria-invalid'), null, 'a warning is not an error');
      });

      const domains = [domain('summit-sends', 'io'), domain('orbit-hq', 'io'), domain('harbor-reach', 'com')];
      let starter;
      for await (const bundle of peeker.paginate(client, client.listBundles({ status: 'active' }))) if (bundle.name === 'Starter') starter = bundle;
      const order = {
        user: 'client@example.com',
        bundle_id: starter.id,
        sequencer: { provider: 'smartlead', client_id: 366903, login_email: 'smartlead-login@example.com', login_password: 'secret-password' },
        domains,
        personas: [{ first_name: 'Sam', last_name: 'Lee', profile_picture_url: '' }],
      };

      await t.test('a valid order shows the body and dedupe key that peeker-core computes in Node, and the Peeker\'s price', async () => {
        await page.fill('#personas .picture', '');
        await setDomains(domains);
        assert.equal(await page.textContent('#status'), 'The order is valid.');
        const bytes = peeker.orderBody(order);
        const masked = new TextDecoder().decode(bytes).replace('"login_password":"secret-password"', '"login_password":"••••••"');
        assert.equal(await page.textContent('#order-body'), masked);
        assert.equal(await page.textContent('#body-bytes'), String(bytes.length));
        assert.equal(await page.textContent('#dedupe-key'), peeker.dedupeKey(bytes));
        const [availability] = await Promise.all(client.checkAvailability(domains).map((request) => peeker.send(request)));
        const cents = availability.data.domains.reduce((sum, row) => sum + row.price_cents, 0);
        assert.equal(await page.textContent('#price'), `$${(cents / 100).toFixed(2)}`);
        assert.equal(await page.isEnabled('#place'), true);
        await page.screenshot({ path: join(SHOTS, 'valid.png'), fullPage: true });
      });

      await t.test('placing the order goes through the local Peeker, and the page follows it to completed', async () => {
        await page.click('#place');
        await page.waitForSelector('#progress li[data-status="completed"]', { timeout: 20_000 });
        const steps = await page.$$eval('#progress li', (items) => items.map((li) => li.dataset.status));
        assert.deepEqual(steps, ['in_progress', 'completed']);
        const id = await page.textContent('#order-id');
        const { data: stored } = await peeker.send(client.getOrder(id));
        assert.deepEqual([stored.status, stored.email, stored.bundle_id], ['completed', 'client@example.com', starter.id]);
        assert.deepEqual([...stored.domains.registered].sort(), [...domains].sort());
        assert.match(await page.textContent('#order-summary'), /^3 domains \(.+\), \$\d+\.\d\d\.$/);
        assert.equal(await page.isEnabled('#place'), false, 'placed: not again until the order changes');
        // The page sent this very order: the same body from Node is deduplicated to it.
        assert.equal((await peeker.send(client.createOrder(order))).data.id, id);
        await page.screenshot({ path: join(SHOTS, 'completed.png'), fullPage: true });
      });

      await t.test('the password appears nowhere on the page', async () => {
        const html = await page.evaluate(() => document.documentElement.outerHTML + document.body.innerText);
        assert.ok(!html.includes('secret-password'));
      });

      await t.test('no console errors or page errors', () => assert.deepEqual(problems, []));
    },
    { serve },
  );
});

test('order form: the page loads only the form module, never holds a key nor calls Peeker; serve.mjs refuses a live key', async () => {
  const live = `pk_live_${'a1'.repeat(12)}`;
  await assert.rejects(serveOrderForm({ baseUrl: local.baseUrl, apiKey: live }), /only a pk_test_ key/);
  const requests = [];
  await withPage(
    '',
    async (page, problems) => {
      await page.waitForSelector('body[data-ready="true"]');
      const paths = requests.map((url) => new URL(url).pathname);
      assert.deepEqual(requests.filter((url) => url.startsWith(local.baseUrl)), [], 'the page called Peeker itself');
      assert.ok(paths.includes('/bindings-wasm/pkg/form.mjs') && paths.includes('/bindings-wasm/pkg/web/peeker_core_form_bg.wasm'), paths.join(' '));
      assert.ok(!paths.some((path) => /web\.mjs$|peeker_core_wasm/.test(path)), paths.join(' '));
      assert.ok(paths.includes('/api/bundles') && paths.includes('/api/config'), paths.join(' '));
      const held = await page.evaluate(() => document.documentElement.outerHTML + JSON.stringify(performance.getEntries()));
      assert.ok(!held.includes(local.apiKey) && !held.includes('pk_test_'), 'the page holds the key');
      assert.deepEqual(problems, []);
    },
    { serve, setup: async (page) => page.on('request', (request) => requests.push(request.url())) },
  );
});
