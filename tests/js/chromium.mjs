// Opens a page of the repository (served on 127.0.0.1) in Debian's Chromium
// through playwright-core (never a downloaded browser).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveRepository } from './serve.mjs';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Opens `pagePath` and calls `use(page, problems)`; `problems` collects every
 * page error and console error for the caller to assert on. `serve` starts the
 * HTTP server (default: the repository's files); `setup(page)` runs before the
 * page opens.
 */
export async function withPage(pagePath, use, { serve = serveRepository, setup = async () => {} } = {}) {
  const server = await serve();
  const profile = await mkdtemp(join(tmpdir(), 'peeker-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const problems = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`console error: ${msg.text()}`));
    await setup(page);
    await page.goto(`http://127.0.0.1:${server.address().port}/${pagePath}`);
    return await use(page, problems);
  } finally {
    await context.close();
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}
