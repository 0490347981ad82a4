// The order form (examples/order-form/) in Debian's Chromium, used as a
// customer would: typing, adding and removing rows. Screenshots of the empty,
// invalid and valid states go to artifacts/order-form/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as peeker from '../../bindings-wasm/pkg/node.mjs';
import { withPage } from './chromium.mjs';

const SHOTS = resolve(fileURLToPath(import.meta.url), '../../../artifacts/order-form');
mkdirSync(SHOTS, { recursive: true });
const SETTLE_MS = 400; // longer than the page's debounce

test('order form: validation at each field as the customer types', async (t) => {
  await withPage('examples/order-form/index.html', async (page, problems) => {
    await page.waitForSelector('body[data-ready="true"]');
    const settle = () => page.waitForTimeout(SETTLE_MS);
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
    await page.screenshot({ path: join(SHOTS, 'empty.png'), fullPage: true });

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
    await page.selectOption('#bundle', 'bun_starter'); // 2 Google + 1 Microsoft

    await t.test('too few Microsoft-usable domains shows the split violation; adding one clears it', async () => {
      await setDomains(['summit-sends.io', 'orbit-hq.com', 'lumen-mail.co']);
      assert.deepEqual(await notes('domains'), ['microsoft_split_unmet:violation error']);
      assert.equal(await page.textContent('#microsoft-planned'), '0');
      await setDomains(['summit-sends.io', 'orbit-hq.com', 'harbor-reach.com']);
      assert.deepEqual(await notes('domains'), []);
      assert.equal(await page.textContent('#microsoft-planned'), '1');
    });

    await t.test('a premium, a taken and a duplicate domain each show at their row', async () => {
      await setDomains(['lumen-reach.io', 'pixel-outreach.io', 'harbor-reach.com', 'HARBOR-reach.com']);
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

    await t.test('a valid order shows the body and dedupe key that peeker-core computes in Node', async () => {
      await page.fill('#personas .picture', '');
      await setDomains(['summit-sends.io', 'orbit-hq.com', 'harbor-reach.com']);
      assert.equal(await page.textContent('#status'), 'The order is valid.');
      const order = {
        user: 'client@example.com',
        bundle_id: 'bun_starter',
        sequencer: { provider: 'smartlead', client_id: 366903, login_email: 'smartlead-login@example.com', login_password: 'secret-password' },
        domains: ['summit-sends.io', 'orbit-hq.com', 'harbor-reach.com'],
        personas: [{ first_name: 'Sam', last_name: 'Lee', profile_picture_url: '' }],
      };
      const bytes = peeker.orderBody(order);
      const masked = new TextDecoder().decode(bytes).replace('"login_password":"secret-password"', '"login_password":"••••••"');
      assert.equal(await page.textContent('#order-body'), masked);
      assert.equal(await page.textContent('#body-bytes'), String(bytes.length));
      assert.equal(await page.textContent('#dedupe-key'), peeker.dedupeKey(bytes));
      const rows = JSON.parse(readFileSync(new URL('../../examples/order-form/availability.json', import.meta.url))).domains;
      const cents = rows.filter((r) => order.domains.includes(r.domain)).reduce((sum, r) => sum + r.price_cents, 0);
      assert.equal(await page.textContent('#price'), `$${(cents / 100).toFixed(2)}`);
      await page.screenshot({ path: join(SHOTS, 'valid.png'), fullPage: true });
    });

    await t.test('the password appears nowhere on the page', async () => {
      const html = await page.evaluate(() => document.documentElement.outerHTML + document.body.innerText);
      assert.ok(!html.includes('secret-password'));
    });

    await t.test('no console errors or page errors', () => assert.deepEqual(problems, []));
  });
});
