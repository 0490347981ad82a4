// The browser entry of the built package in Debian's Chromium: every shared
// vector case runs in the page, then a million hostile calls (tests/js/hostile.mjs);
// any page or console error fails the run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withPage } from '../../tests/js/chromium.mjs';

const { results, hostile, problems } = await withPage('tests/js/browser/vectors.html', async (page, problems) => {
  await page.waitForFunction(() => window.peekerResults, null, { timeout: 60_000 }).catch(() => {});
  const results = (await page.evaluate(() => window.peekerResults)) ?? [];
  await page.waitForFunction(() => window.peekerHostile, null, { timeout: 300_000 }).catch(() => {});
  return { results, hostile: await page.evaluate(() => window.peekerHostile), problems };
});

test('chromium: the page ran the vectors without page or console errors', () => {
  assert.deepEqual(problems, []);
  assert.ok(results.length > 0, 'the page reported no results');
});
for (const { name, ok, error } of results) {
  test(`chromium ${name}`, () => assert.ok(ok, error));
}
test('chromium: a million calls with arguments of every type: coded refusals, right results, the page lives', (t) => {
  assert.ok(hostile, 'the page never finished the run');
  assert.ok(hostile.ok, hostile.error);
  t.diagnostic(JSON.stringify(hostile.counts));
  assert.equal(hostile.counts.calls, 1_000_000);
});
