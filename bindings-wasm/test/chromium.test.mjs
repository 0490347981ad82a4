// The browser entry of the built package in Debian's Chromium: every shared
// vector case runs in the page; any page or console error fails the run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withPage } from '../../tests/js/chromium.mjs';

const { results, problems } = await withPage('tests/js/browser/vectors.html', async (page, problems) => {
  await page.waitForFunction(() => window.peekerResults, null, { timeout: 60_000 }).catch(() => {});
  return { results: (await page.evaluate(() => window.peekerResults)) ?? [], problems };
});

test('chromium: the page ran the vectors without page or console errors', () => {
  assert.deepEqual(problems, []);
  assert.ok(results.length > 0, 'the page reported no results');
});
for (const { name, ok, error } of results) {
  test(`chromium ${name}`, () => assert.ok(ok, error));
}
