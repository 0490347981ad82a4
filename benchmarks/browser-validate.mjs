// validateOrder on a 500-domain, 10-persona order with availability rows, in
// Debian's Chromium: the time a form needs to re-validate on each keystroke
// (one frame is 16 ms). Prints median and p95 over the runs.
import { withPage } from '../tests/js/chromium.mjs';

const RUNS = 200;

const result = await withPage('tests/js/browser/vectors.html', async (page) => {
  await page.waitForFunction(() => window.peekerResults);
  return page.evaluate(async (runs) => {
    const peeker = await import('/bindings-wasm/pkg/web.mjs');
    const domains = Array.from({ length: 500 }, (_, i) => `bench-domain-${String(i).padStart(3, '0')}.com`);
    const availability = domains.map((domain, i) => ({
      domain, available: i % 37 !== 0, premium: false, price_cents: 1200, currency: 'usd',
      usable_for: i % 3 === 0 ? ['google', 'microsoft'] : ['google'],
    }));
    const order = {
      user: 'client@example.com', bundle_id: 'bun_bench',
      sequencer: { provider: 'smartlead', client_id: 366903, login_email: 'login@example.com', login_password: 'secret-password' },
      forwarding_url: 'https://example.com',
      domains: domains.map((d, i) => (i % 10 === 0 ? { domain: d, forwarding_url: `https://example.com/${i}` } : d)),
      personas: Array.from({ length: 10 }, (_, i) => ({ first_name: `First${i}`, last_name: `Last${i}`, profile_picture_url: `https://cdn.example.com/p${i}.png` })),
    };
    const bundle = { id: 'bun_bench', required_domains: { google: 330, microsoft: 170, total: 500 } };
    const times = [];
    let violations = 0;
    for (let i = 0; i < runs + 20; i += 1) {
      const start = performance.now();
      violations = peeker.validateOrder(order, { bundle, availability }).violations.length;
      if (i >= 20) times.push(performance.now() - start); // the first 20 warm up
    }
    times.sort((a, b) => a - b);
    return { median: times[times.length >> 1], p95: times[Math.floor(times.length * 0.95)], violations, runs };
  }, RUNS);
});
console.log(
  `validateOrder, 500 domains + 10 personas + 500 availability rows, Chromium: median ${result.median.toFixed(2)} ms, ` +
    `p95 ${result.p95.toFixed(2)} ms over ${result.runs} runs (${result.violations} violations found; one frame = 16 ms)`,
);
