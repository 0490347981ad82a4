// The timing method every JavaScript host uses (Node and Chromium; the Python
// and Rust runners do the same): warm up (call for `warmMs`, so the JIT has
// compiled the path), pick an iteration count so that one sample lasts at least
// `sampleMs`, take `samples` samples, and report the median time per call with
// the 25th and 75th percentiles (the spread).
export const QUICK = typeof process !== 'undefined' && process.env?.BENCH_QUICK === '1';

export function settings(quick) {
  return quick ? { samples: 5, sampleMs: 3, maxSeconds: 0.5, warmMs: 5 } : { samples: 21, sampleMs: 25, maxSeconds: 8, warmMs: 150 };
}

function summarize(perCall, iterations) {
  const sorted = [...perCall].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  return { median_ns: at(0.5) * 1e6, p25_ns: at(0.25) * 1e6, p75_ns: at(0.75) * 1e6, samples: sorted.length, iterations };
}

/** Calls per sample: about `sampleMs` each, all samples within `maxSeconds`, from the warm-up's pace. */
function iterationsPerSample(warmElapsed, calls, { samples, sampleMs, maxSeconds }) {
  const once = Math.max(warmElapsed / calls, 1e-4);
  const budget = (maxSeconds * 1000) / samples;
  return Math.max(1, Math.min(Math.ceil(sampleMs / once), Math.floor(budget / once)));
}

/** Times a synchronous `fn` (`now` returns milliseconds). */
export function measure(fn, { samples, sampleMs, maxSeconds, warmMs }, now = () => performance.now()) {
  let calls = 0;
  const warmStart = now();
  do { fn(); calls += 1; } while (now() - warmStart < warmMs && calls < 100000);
  const iterations = iterationsPerSample(now() - warmStart, calls, { samples, sampleMs, maxSeconds });
  const perCall = [];
  for (let s = 0; s < samples; s += 1) {
    const start = now();
    for (let i = 0; i < iterations; i += 1) fn();
    perCall.push((now() - start) / iterations);
  }
  return summarize(perCall, iterations);
}

/** Times an asynchronous `fn` (awaited one call at a time). */
export async function measureAsync(fn, { samples, sampleMs, maxSeconds, warmMs }, now = () => performance.now()) {
  let calls = 0;
  const warmStart = now();
  do { await fn(); calls += 1; } while (now() - warmStart < warmMs && calls < 100000);
  const iterations = iterationsPerSample(now() - warmStart, calls, { samples, sampleMs, maxSeconds });
  const perCall = [];
  for (let s = 0; s < samples; s += 1) {
    const start = now();
    for (let i = 0; i < iterations; i += 1) await fn();
    perCall.push((now() - start) / iterations);
  }
  return summarize(perCall, iterations);
}
