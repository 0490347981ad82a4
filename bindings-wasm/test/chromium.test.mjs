// The browser entries of the built package in Debian's Chromium: every shared
// vector case runs in the page (the form entry: those of its operations), then
// hostile calls (tests/js/hostile.mjs); any page or console error fails the run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withPage } from '../../tests/js/chromium.mjs';

/** Opens a page that leaves window.peekerResults, then window.peekerHostile. */
async function run(page) {
  return withPage(page, async (page, problems) => {
    await page.waitForFunction(() => window.peekerResults, null, { timeout: 60_000 }).catch(() => {});
    const results = (await page.evaluate(() => window.peekerResults)) ?? [];
    await page.waitForFunction(() => window.peekerHostile, null, { timeout: 300_000 }).catch(() => {});
    return { results, hostile: await page.evaluate(() => window.peekerHostile), problems };
  });
}

// PEEKER_TEST_HOOKS=1 (the wasm-chromium line): the full page's hostile calls run on the
// build with the panic hook, a panic every thousand calls; the form module never has one.
const TEST_HOOKS = process.env.PEEKER_TEST_HOOKS === '1';
for (const [label, page, calls, hook] of [['chromium', 'vectors', 1_000_000, TEST_HOOKS], ['chromium form', 'form', 200_000, false]]) {
  const { results, hostile, problems } = await run(`tests/js/browser/${page}.html${TEST_HOOKS ? '?hooks=1' : ''}`);
  test(`${label}: the page ran the vectors without page or console errors`, () => {
    assert.deepEqual(problems, []);
    assert.ok(results.length > 0, 'the page reported no results');
  });
  for (const { name, ok, error } of results) {
    test(`${label} ${name}`, () => assert.ok(ok, error));
  }
  test(`${label}: ${calls} calls with arguments of every type: coded refusals, right results, the page lives`, (t) => {
    assert.ok(hostile, 'the page never finished the run');
    assert.ok(hostile.ok, hostile.error);
    t.diagnostic(JSON.stringify(hostile.counts));
    assert.equal(hostile.counts.calls, calls);
    assert.equal(hostile.hook, hook, 'the panic hook is there exactly when the page runs the test build');
    assert.equal(hostile.counts.panics, hook ? calls / 1000 : 0);
  });
}

// Both modules' IDNA (Chromium's UTS 46 behind `URL`, the full module with the core's
// CheckBidi and CheckJoiners too) against the reference build's `idna` crate on the
// adversarial set of tests/js/idna-differential.mjs (through the test hook idnaForTests:
// the hooked builds only).
const idna = !TEST_HOOKS ? {} : await withPage('tests/js/browser/idna.html', async (page, problems) => {
  await page.waitForFunction(() => window.peekerIdna, null, { timeout: 300_000 }).catch(() => {});
  return { ...(await page.evaluate(() => window.peekerIdna)), problems };
});
const skip = !TEST_HOOKS && 'the hooked builds are made under PEEKER_TEST_HOOKS=1';
for (const module of ['form', 'full']) {
  test(`chromium ${module}: the ${module} module's IDNA in ${idna.userAgent?.match(/Chrome\/[\d.]+/)?.[0]} gives idna's answers`, { skip }, (t) => {
    assert.deepEqual(idna.problems, []);
    assert.ok(idna.ok, idna.error);
    t.diagnostic(`${idna.count} inputs, ${idna[module].differ} differ`);
    assert.ok(idna.count > 200_000, `only ${idna.count} inputs`);
    assert.deepEqual(idna[module].mismatches, []);
  });
}
